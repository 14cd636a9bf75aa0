/**
 * The {@code ./streamscore} command line: {@link dev.streamscore.job.cli.Main} dispatches to the
 * {@link dev.streamscore.job.cli.Command}s; {@link dev.streamscore.job.cli.Flags} parses their
 * flags. Exit status: 0 success, 2 usage error ({@link dev.streamscore.job.cli.UsageException},
 * reason and usage on standard error), 1 any other failure (one-line reason on standard error).
 */
package dev.streamscore.job.cli;
