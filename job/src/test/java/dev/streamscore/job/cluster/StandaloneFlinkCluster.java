package dev.streamscore.job.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster on 127.0.0.1 as separate JVMs, started the way
 * {@code tools/flink-cluster/start-cluster.sh} starts them: the class path of
 * {@code tools/flink-cluster/target/lib} (Flink's jars, no flink-dist), the configuration of
 * {@code tools/flink-cluster/conf}, memory flags from Flink's own calculator ({@code BashJavaUtils}),
 * the JDK 17 module opens of this JVM. Unlike the script it picks free ports (REST, RPC, BLOB), so
 * it runs beside anything else on the machine, and keeps logs, checkpoints and temporary files
 * under one work directory.
 *
 * <p>{@link #close()} kills every process it started (also registered as a shutdown hook, for a
 * test JVM that is stopped before it gets there).
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path lib;
    private final Path conf;
    private final Path work;
    private final int restPort;
    private final List<String> overrides;
    private final List<Process> processes = new ArrayList<>();
    private final Thread reaper = new Thread(this::killAll, "standalone-flink-cluster-reaper");
    private List<String> taskManagerParams;
    private int taskManagers;

    /**
     * @param lib  the cluster's class path folder ({@code tools/flink-cluster/target/lib})
     * @param conf the configuration folder ({@code tools/flink-cluster/conf})
     * @param work where logs ({@code log/}), checkpoints and temporary files go
     */
    StandaloneFlinkCluster(Path lib, Path conf, Path work) throws IOException {
        if (!Files.isDirectory(lib) || !Files.isRegularFile(conf.resolve("config.yaml"))) {
            throw new IllegalStateException(String.format("no Flink cluster class path in %s or no config.yaml in %s:"
                    + " run mvn -B -Pcluster verify (or mvn -f tools/flink-cluster/pom.xml package)", lib, conf));
        }
        this.lib = lib.toAbsolutePath();
        this.conf = conf.toAbsolutePath();
        this.work = Files.createDirectories(work.resolve("log")).getParent().toAbsolutePath();
        this.restPort = freePort();
        this.overrides = List.of(
                "-D", String.format("rest.port=%d", restPort),
                "-D", String.format("jobmanager.rpc.port=%d", freePort()),
                "-D", String.format("blob.server.port=%d", freePort()),
                "-D", String.format("execution.checkpointing.dir=%s", this.work.resolve("checkpoints").toUri()),
                "-D", String.format("io.tmp.dirs=%s", Files.createDirectories(this.work.resolve("tmp"))),
                "-D", String.format("web.tmpdir=%s", Files.createDirectories(this.work.resolve("web"))));
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** {@code http://127.0.0.1:PORT}, the JobManager's REST API. */
    String restUrl() {
        return String.format("http://127.0.0.1:%d", restPort);
    }

    Path work() {
        return work;
    }

    /** Starts the JobManager and returns once its REST API answers. */
    void startJobManager(FlinkRest rest) throws Exception {
        long start = System.nanoTime();
        Process jm = launch(JOB_MANAGER, "jobmanager", resourceParams("GET_JM_RESOURCE_PARAMS"));
        long deadline = start + START_TIMEOUT.toNanos();
        while (!rest.answers()) {
            check(jm, "jobmanager", deadline);
            Thread.sleep(250);
        }
        System.out.printf("JobManager up in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, restUrl());
    }

    /** Starts one more TaskManager and returns it once it has registered with the JobManager. */
    Process startTaskManager() throws Exception {
        long start = System.nanoTime();
        if (taskManagerParams == null) {
            taskManagerParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        }
        String name = String.format("taskmanager-%d", ++taskManagers);
        Process tm = launch(TASK_MANAGER, name, taskManagerParams);
        Path log = work.resolve("log").resolve(String.format("%s.log", name));
        long deadline = start + START_TIMEOUT.toNanos();
        while (!registered(log)) {
            check(tm, name, deadline);
            Thread.sleep(100);
        }
        System.out.printf("%s (pid %d) registered in %.1f s%n", name, tm.pid(), (System.nanoTime() - start) / 1e9);
        return tm;
    }

    /** {@code kill -9}: SIGKILL, and waits until the process is gone. */
    static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(String.format("process %d still alive 30 s after SIGKILL", process.pid()));
        }
    }

    /** Kills every process this cluster started. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private synchronized void killAll() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A JVM running {@code mainClass}: logs to {@code log/NAME.log}, its own output to {@code log/NAME.out}. */
    private synchronized Process launch(String mainClass, String name, List<String> resourceParams) throws IOException {
        List<String> command = new ArrayList<>(java());
        command.addAll(Arrays.asList(resourceParams.get(0).trim().split("\\s+")));
        command.add(String.format("-Dlog.file=%s", work.resolve("log").resolve(String.format("%s.log", name))));
        command.add(String.format("-Dlog4j.configurationFile=%s", conf.resolve("log4j.properties").toUri()));
        command.addAll(List.of("-cp", String.format("%s/*", lib), mainClass, "--configDir", conf.toString()));
        command.addAll(overrides);
        command.addAll(Arrays.asList(resourceParams.get(1).trim().split("\\s+")));
        Path out = work.resolve("log").resolve(String.format("%s.out", name));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        processes.add(p);
        return p;
    }

    /** Flink's memory calculator for a JobManager or TaskManager: its JVM flags, then its {@code -D} options. */
    private List<String> resourceParams(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(java());
        cmd.add(String.format("-Dlog4j.configurationFile=%s", conf.resolve("log4j-cli.properties").toUri()));
        cmd.addAll(List.of("-cp", String.format("%s/*", lib), BASH_JAVA_UTILS, command, "--configDir", conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.format("BashJavaUtils %s failed: %s", command, output));
        }
        List<String> result = output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (result.size() != 2) {
            throw new IllegalStateException(String.format("BashJavaUtils %s: expected 2 result lines, got %s", command, output));
        }
        return result;
    }

    /** The java binary of this JVM with the module opens this JVM was given (Flink needs them on JDK 17). */
    private static List<String> java() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        return command;
    }

    private void check(Process p, String name, long deadline) {
        if (!p.isAlive()) {
            throw new IllegalStateException(String.format("%s exited with status %d; see %s", name, p.exitValue(),
                    work.resolve("log")));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(String.format("%s not up after %d s; see %s", name, START_TIMEOUT.toSeconds(),
                    work.resolve("log")));
        }
    }

    private static boolean registered(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log).contains("Successful registration at resource manager");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
