package dev.streamscore.job.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.streamscore.job.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./streamscore COMMAND ...} as a separate JVM on the test class path: what a user starts,
 * and what a test can kill with SIGTERM or SIGKILL. Standard error goes to a file.
 */
public final class LauncherProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;

    private LauncherProcess(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        this.stderr = stderr;
    }

    /** Starts {@code Main} with {@code args}; {@code java.io.tmpdir} is {@code dir}, standard error goes to {@code dir/NAME.err}. */
    public static LauncherProcess start(Path dir, String name, List<String> args) throws IOException {
        return start(dir, name, List.of(), args);
    }

    /** As {@link #start(Path, String, List)}, with {@code jvmOptions} (e.g. {@code -Dlog4j2.configurationFile=...}) for the JVM. */
    public static LauncherProcess start(Path dir, String name, List<String> jvmOptions, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                String.format("-Djava.io.tmpdir=%s", dir), String.format("-D%s=true", Main.EXIT_PROPERTY)));
        command.addAll(jvmOptions);
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg); // the module opens Flink needs on JDK 17, as this JVM got them
            }
        }
        command.add(Main.class.getName());
        command.addAll(args);
        Path err = dir.resolve(String.format("%s.err", name));
        return new LauncherProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
    }

    /** The next line of standard output, or null at its end; fails after {@code seconds}. */
    public String readLine(long seconds) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(seconds, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}) and wait. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
