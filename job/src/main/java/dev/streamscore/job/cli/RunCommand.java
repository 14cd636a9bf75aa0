package dev.streamscore.job.cli;

import dev.streamscore.job.pipeline.BoundedInput;
import dev.streamscore.job.pipeline.JobOptions;
import dev.streamscore.job.pipeline.KafkaPreflight;
import dev.streamscore.job.pipeline.KafkaScoringJob;
import dev.streamscore.job.pipeline.ModelSpec;
import dev.streamscore.job.pipeline.ParseFunction;
import dev.streamscore.job.pipeline.ScoringOperator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Order: flags (exit 2 on a bad one), model (exit 1 if it does not load or compile), Kafka
 * preflight (topics, transaction timeout), then one line saying what runs, then the job. With
 * {@code --bounded} the job stops at the input offsets that were latest at start; once it has
 * finished, those offsets are committed for the group and a summary of the records scored and
 * dead-lettered is printed.
 */
public final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return JobOptions.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Optional<JobOptions> parsed = JobOptions.parse(args);
        if (parsed.isEmpty()) {
            out.printf("usage: ./streamscore %s%n", usage());
            return 0;
        }
        JobOptions options = parsed.get();
        ModelSpec model = readModel(options.model().orElseThrow());
        ModelSpec shadow = options.shadowModel().map(RunCommand::readModel).orElse(null);
        Configuration conf = KafkaScoringJob.configuration(options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        Set<String> created = KafkaPreflight.check(options);
        Map<TopicPartition, Long> stoppingOffsets = options.bounded() ? BoundedInput.latestOffsets(options) : null;
        try {
            KafkaScoringJob.wire(env, options, model, shadow, stoppingOffsets);
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
                    shadow == null ? "(none)" : shadow.id(), options.evaluation().intervalMs(),
                    options.evaluation().window(), options.evalTopic().orElse("metrics only"));
        }
        out.flush();

        JobExecutionResult result = env.execute(String.format("streamscore %s -> %s", options.inputTopic(), options.outputTopic()));
        if (options.bounded() && !(result instanceof DetachedJobExecutionResult)) {
            BoundedInput.commit(options, stoppingOffsets);
            out.printf("streamscore run: done, %d scored, %d dead letters%n",
                    count(result, ScoringOperator.SCORED), count(result, ParseFunction.DEAD_LETTER_COUNT));
        }
        return 0;
    }

    /** Reads and compiles the model; a bad one fails the command (exit 1) with the file and the reason. */
    private static ModelSpec readModel(Path file) {
        ModelSpec model;
        try {
            model = ModelSpec.read(file);
        } catch (IOException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", file, StdStreams.reason(e)), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(String.format("cannot load model %s: %s", file, e.getMessage()), e);
        }
        ModelFiles.compile(model.load(), 1);
        return model;
    }

    private static long count(JobExecutionResult result, String accumulator) {
        Object value = result.getAccumulatorResult(accumulator);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
