package dev.streamscore.sql.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the statements of a SQL file in order in one streaming {@link TableEnvironment}. A query's
 * rows go to standard output as JSON lines; a statement that starts a job without rows
 * ({@code INSERT}, {@code EXECUTE STATEMENT SET}) runs until the job finishes; other results with
 * rows ({@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}) are printed like a query's;
 * {@code SET 'key' = 'value'} sets a Flink option for the jobs of the statements after it.
 *
 * <p>Outside a cluster the jobs run in a local Flink environment whose endpoints are bound to
 * 127.0.0.1 (see {@link #configuration}).
 */
final class SqlRunner {
    /** Statements whose job writes to tables: they are awaited, their (row count) result is not printed. */
    private static final Set<String> MODIFYING = Set.of("INSERT", "EXECUTE");
    private static final long CANCEL_WAIT_SECONDS = 30;
    /** {@code SET 'key' = 'value'}, as in Flink's SQL client. */
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");

    private final String fileName;
    private final TableEnvironment env;
    private final PrintStream out;
    private final PrintStream err;
    private volatile JobClient running;
    private volatile boolean stopping;

    SqlRunner(String fileName, Configuration configuration, PrintStream out, PrintStream err) {
        this.fileName = fileName;
        this.env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(configuration).build());
        this.out = out;
        this.err = err;
    }

    /**
     * The local environment's configuration: every endpoint on 127.0.0.1 with a free port, then the
     * {@code --set} settings, then {@code --parallelism}.
     */
    static Configuration configuration(Map<String, String> settings, Integer parallelism) {
        Configuration conf = new Configuration();
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.bind-port", "0");
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        settings.forEach(conf::setString);
        if (parallelism != null) {
            conf.setString("parallelism.default", Integer.toString(parallelism));
        }
        return conf;
    }

    /**
     * Runs the statements in order; stops at the first that fails.
     *
     * @throws StatementFailedException naming the file, the statement's line and Flink's reason
     * @throws OutputClosedException    when standard output was closed while a query's rows were printed
     */
    void run(List<Statement> statements) throws StatementFailedException, OutputClosedException {
        for (Statement statement : statements) {
            if (stopping) {
                return;
            }
            try {
                execute(statement);
            } catch (OutputClosedException e) {
                throw e;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                throw new StatementFailedException(
                        String.format("%s:%d: %s", fileName, statement.line(), Failures.oneLine(e)), e);
            }
        }
    }

    private void execute(Statement statement) throws Exception {
        Matcher set = SET.matcher(statement.sql());
        if (set.matches()) {
            // the SQL client's SET, which TableEnvironment#executeSql does not take: it configures the
            // jobs of the statements that follow
            env.getConfig().set(set.group(1), set.group(2));
            return;
        }
        TableResult result = env.executeSql(statement.positioned());
        JobClient job = result.getJobClient().orElse(null);
        if (job != null && MODIFYING.contains(statement.keyword())) {
            running = job;
            long start = System.nanoTime();
            try {
                result.await();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                running = null;
            }
            err.printf(Locale.ROOT, "streamscore sql: %s:%d: job %s finished in %.1f s%n",
                    fileName, statement.line(), job.getJobID(), (System.nanoTime() - start) / 1e9);
        } else if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
            running = job;
            try {
                print(result);
            } finally {
                running = null;
            }
        }
    }

    private void print(TableResult result) throws Exception {
        RowJson json = new RowJson(result.getResolvedSchema().getColumns());
        try (CloseableIterator<Row> rows = result.collect()) {
            while (rows.hasNext()) {
                out.write(json.render(rows.next()));
                out.write('\n');
                out.flush();
                if (out.checkError()) {
                    throw new OutputClosedException();
                }
            }
        }
    }

    /** Cancels the running job, if any, and waits for it to end (for a shutdown hook). */
    void stop() {
        stopping = true;
        JobClient job = running;
        if (job == null) {
            return;
        }
        try {
            job.cancel().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            err.printf("streamscore sql: interrupted; cancelled job %s%n", job.getJobID());
        } catch (Exception e) {
            err.printf("streamscore sql: interrupted; job %s may still be running: %s%n", job.getJobID(), Failures.oneLine(e));
        }
    }
}
