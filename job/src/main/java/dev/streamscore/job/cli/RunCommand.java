package dev.streamscore.job.cli;

import dev.streamscore.job.options.Flags;
import dev.streamscore.job.options.JobFlags;
import dev.streamscore.job.options.JobOptions;
import dev.streamscore.job.options.UsageException;
import dev.streamscore.job.pipeline.BoundedInput;
import dev.streamscore.job.pipeline.KafkaPreflight;
import dev.streamscore.job.pipeline.ScoringJob;
import dev.streamscore.job.pipeline.ScoringOperator;
import dev.streamscore.job.serving.LoadedModel;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code run}: the scoring job against a real Kafka. Locally it starts a local Flink environment;
 * under {@code flink run} (the job jar's entry point) the same code submits to the cluster, because
 * the environment comes from {@link StreamExecutionEnvironment#getExecutionEnvironment(Configuration)}.
 */
public final class RunCommand implements Command {

    @Override
    public Flags.Spec flags() {
        return JobFlags.SPEC;
    }

    /**
     * In order: the options (exit 2 on a bad flag), the models, read and compiled once (exit 1 if
     * one does not load), the Kafka preflight (topics, transaction timeout), one line saying what
     * runs, then the job. A bounded run, once finished, commits its input offsets for the group and
     * prints what it scored and dead-lettered.
     */
    @Override
    public int run(Flags flags, PrintStream out, PrintStream err) throws Exception {
        JobOptions options = JobFlags.options(flags);
        try {
            return run(options, out, err);
        } catch (UsageException e) {
            throw new UsageException(options.scrub(e.getMessage()));
        } catch (CommandFailedException e) {
            throw new CommandFailedException(options.scrub(e.getMessage()), e);
        } catch (Exception e) {
            // the first cause is the one that says what went wrong ("Job execution failed." says nothing)
            throw new CommandFailedException(options.scrub(rootCause(e)), e);
        }
    }

    private static int run(JobOptions options, PrintStream out, PrintStream err) throws Exception {
        // compiled for one row: here they are only checked; each subtask compiles its own from the bytes
        int maxModelBytes = options.scoring().maxModelBytes();
        LoadedModel model = ModelFiles.load(options.model().orElseThrow().toString(), 1, maxModelBytes);
        LoadedModel shadow = options.shadowModel().map(f -> ModelFiles.load(f.toString(), 1, maxModelBytes)).orElse(null);
        try {
            options.layout(model.featureFields(), model.inputWidth()).shortfall(model.inputWidth()).ifPresent(err::println);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Configuration conf = ScoringJob.configuration(options);
        if (Boolean.getBoolean(Main.EXIT_PROPERTY)) {
            ScoringJob.loopbackOnly(conf); // the launcher runs the job in a local environment
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Set<String> created = KafkaPreflight.check(options);
        Map<TopicPartition, Long> stoppingOffsets = options.bounded() ? BoundedInput.latestOffsets(options) : null;
        try {
            ScoringJob.wire(env, options, model, shadow, stoppingOffsets);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
        out.printf("streamscore run: model %s, %s -> %s (dead letters -> %s), delivery %s, group %s%s%s%n",
                model.id(), options.inputTopic(), options.outputTopic(), options.deadLetterTopic(),
                options.delivery().flag(), options.groupId(),
                created.isEmpty() ? "" : String.format(", created topics %s", created),
                conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                        .map(p -> String.format(", resuming from %s", p)).orElse(""));
        if (options.modelTopic().isPresent() || shadow != null || options.evalTopic().isPresent()) {
            out.printf("streamscore run: model updates from %s (refused -> %s), shadow %s, evaluation every %d ms"
                            + " over %d labelled records -> %s%n",
                    options.modelTopic().orElse("(none)"), options.modelDeadLetterTopic().orElse("(none)"),
                    shadow == null ? "(none)" : shadow.id(), options.scoring().evalIntervalMs(),
                    options.scoring().evalWindow(), options.evalTopic().orElse("metrics only"));
        }
        out.flush();

        JobExecutionResult result = env.execute(String.format("streamscore %s -> %s", options.inputTopic(), options.outputTopic()));
        if (options.bounded() && !(result instanceof DetachedJobExecutionResult)) {
            BoundedInput.commit(options, stoppingOffsets);
            out.printf("streamscore run: done, %d scored, %d dead letters%n",
                    count(result, ScoringOperator.SCORED), count(result, ScoringOperator.DEAD_LETTERS_COUNT));
        }
        return 0;
    }

    /** The deepest cause of {@code e}: its class and message, on one line. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        String what = root == e ? message : String.format("%s: %s", root.getClass().getName(), message);
        return e.getMessage() != null && root != e && !e.getMessage().equals(root.getMessage())
                ? String.format("%s (caused by %s)", e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " "), what) : what;
    }

    private static long count(JobExecutionResult result, String accumulator) {
        Object value = result.getAccumulatorResult(accumulator);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
