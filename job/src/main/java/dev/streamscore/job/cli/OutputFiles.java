package dev.streamscore.job.cli;

import dev.streamscore.job.options.UsageException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The output files of one command, opened together so that none can destroy another or the input:
 * <ol>
 *   <li>before anything is opened, each path is resolved (symbolic links followed, also a link
 *       to a file not created yet) and must be neither the input nor another output;</li>
 *   <li>each file is opened (created if missing) without truncating it, and compared again by
 *       file key (device and inode: hard links too) with the input and the other outputs;</li>
 *   <li>only once every output is open are the regular files truncated; if one fails to open,
 *       the others are closed untouched and the files created here removed again.</li>
 * </ol>
 * A character device (e.g. {@code /dev/null}) may be named more than once. {@code -} is standard
 * output or error (see {@link StdStreams#std}). Streams are buffered; write errors name the flag and path.
 */
final class OutputFiles implements Closeable {
    private static final int BUFFER = 64 * 1024;

    /** An output flag: its name, its value ({@code -} or a path), and the stream {@code -} stands for. */
    record Target(String flag, String path, PrintStream std) {}

    private final List<OutputStream> streams;

    private OutputFiles(List<OutputStream> streams) {
        this.streams = streams;
    }

    /**
     * Checks by path, before anything is opened, that no target is the input or another target,
     * symbolic links resolved (see {@link FileIdentity#resolve}).
     *
     * @param inputFlag the input's flag, for messages
     * @param input     the input's path, or {@code -} (standard input, compared through {@code /dev/stdin})
     * @return each target's resolved path (null for {@code -})
     * @throws UsageException when two of the files are the same
     */
    static List<Path> checkDistinct(String inputFlag, String input, List<Target> targets) {
        Path in = FileIdentity.resolve(stdinOr(input));
        List<Path> resolved = new ArrayList<>();
        for (Target t : targets) {
            Path p = t.path().equals("-") ? null : FileIdentity.resolve(Path.of(t.path()));
            if (p != null && !FileIdentity.isCharacterDevice(p)) {
                if (p.equals(in)) {
                    throw overwritesInput(inputFlag, input, t);
                }
                for (int i = 0; i < resolved.size(); i++) {
                    if (p.equals(resolved.get(i))) {
                        throw same(targets.get(i), t);
                    }
                }
            }
            resolved.add(p);
        }
        return resolved;
    }

    /**
     * Checks the targets ({@link #checkDistinct}), opens them in order, checks them again by file
     * key, then truncates the regular files.
     *
     * @throws UsageException         when two of the files are the same
     * @throws CommandFailedException when one cannot be opened
     */
    static OutputFiles open(String inputFlag, String input, List<Target> targets) {
        List<Path> resolved = checkDistinct(inputFlag, input, targets);
        Path in = stdinOr(input);
        List<Opened> opened = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                opened.add(Opened.open(targets.get(i), resolved.get(i)));
            }
            Object inputKey = FileIdentity.key(in);
            for (int i = 0; i < opened.size(); i++) {
                Opened o = opened.get(i);
                if (o.key() == null || o.characterDevice()) {
                    continue;
                }
                if (o.key().equals(inputKey)) {
                    throw overwritesInput(inputFlag, input, o.target());
                }
                for (int j = 0; j < i; j++) {
                    if (o.key().equals(opened.get(j).key())) {
                        throw same(opened.get(j).target(), o.target());
                    }
                }
            }
            List<OutputStream> streams = new ArrayList<>();
            for (Opened o : opened) {
                streams.add(o.truncate());
            }
            return new OutputFiles(streams);
        } catch (RuntimeException e) {
            for (Opened o : opened) {
                o.abandon();
            }
            throw e;
        }
    }

    /** The stream of the {@code i}-th target. */
    OutputStream get(int i) {
        return streams.get(i);
    }

    /** Flushes and closes every stream; the first error is thrown once all were tried. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OutputStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static Path stdinOr(String input) {
        return input.equals("-") ? Path.of("/dev/stdin") : Path.of(input);
    }

    private static UsageException overwritesInput(String inputFlag, String input, Target t) {
        return new UsageException(String.format("--%s %s is the same file as --%s %s: the outputs must not overwrite the input",
                t.flag(), t.path(), inputFlag, input));
    }

    private static UsageException same(Target a, Target b) {
        return new UsageException(a.path().equals(b.path())
                ? String.format("--%s and --%s must be different files, both are %s", a.flag(), b.flag(), a.path())
                : String.format("--%s and --%s must be different files, but %s and %s are the same file",
                        a.flag(), b.flag(), a.path(), b.path()));
    }

    /** One opened output: a file not yet truncated, or standard output/error. */
    private record Opened(Target target, FileChannel channel, Path resolved, boolean created, Object key,
                          boolean characterDevice) {
        static Opened open(Target t, Path resolved) {
            if (resolved == null) {
                return new Opened(t, null, null, false, null, false);
            }
            boolean existed = Files.exists(resolved, LinkOption.NOFOLLOW_LINKS);
            FileChannel channel;
            try {
                channel = FileChannel.open(Path.of(t.path()), StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            } catch (IOException e) {
                throw new CommandFailedException(String.format("cannot write --%s %s: %s", t.flag(), t.path(),
                        StdStreams.reason(e)), e);
            }
            return new Opened(t, channel, resolved, !existed, FileIdentity.key(Path.of(t.path())),
                    FileIdentity.isCharacterDevice(resolved));
        }

        /** The buffered stream, the file emptied first if it is a regular file. */
        OutputStream truncate() {
            if (channel == null) {
                return new BufferedOutputStream(StdStreams.std(target.flag(), target.std()), BUFFER);
            }
            try {
                if (Files.isRegularFile(resolved)) {
                    channel.truncate(0);
                }
            } catch (IOException e) {
                throw new CommandFailedException(String.format("cannot write --%s %s: %s", target.flag(), target.path(),
                        StdStreams.reason(e)), e);
            }
            return new BufferedOutputStream(StdStreams.named(Channels.newOutputStream(channel), target.flag(), target.path()),
                    BUFFER);
        }

        /** Closes the file untouched, and removes it if it was created here. */
        void abandon() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
                if (created) {
                    Files.deleteIfExists(resolved);
                }
            } catch (IOException e) {
                // the open failure that brought us here is what the user needs to see
            }
        }
    }
}
