package dev.streamscore.job.pipeline;

import dev.streamscore.job.lifecycle.EvaluationOptions;
import dev.streamscore.job.lifecycle.ModelUpdate;
import dev.streamscore.job.lifecycle.ModelUpdateValidator;
import java.util.Optional;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Builds the parse and score stages on a stream of raw Kafka records and, optionally, a stream of
 * model updates. Sources and sinks are the caller's: {@link KafkaScoringJob} adds Kafka ones, tests
 * add their own.
 */
public final class ScoringPipeline {
    /** Operator uids: stable, so state maps back onto the same operators after a restart. */
    public static final String PARSE_UID = "streamscore-parse";
    public static final String SCORE_UID = "streamscore-score";
    public static final String NO_UPDATES_UID = "streamscore-no-model-updates";

    private ScoringPipeline() {}

    /**
     * The streams the pipeline produces.
     *
     * @param scores           one output record per valid input record (key and timestamp of the input)
     * @param deadLetters      one dead-letter record per invalid input record (key and timestamp of the input)
     * @param modelDeadLetters one record per refused model update (key and timestamp of the update)
     * @param evaluations      evaluation records (empty unless evaluation records are enabled)
     */
    public record Streams(DataStream<KeyedValue> scores, DataStream<KeyedValue> deadLetters,
                          DataStream<KeyedValue> modelDeadLetters, DataStream<KeyedValue> evaluations) {}

    /** The pipeline with one model, no updates and default evaluation settings (metrics only). */
    public static Streams build(DataStream<RawKafkaRecord> input, ModelSpec model, PipelineOptions options) {
        return build(input, null, model, null, options, EvaluationOptions.defaults());
    }

    /**
     * Adds parsing and scoring to {@code input}'s environment. The model is compiled once here, on
     * the client, to check it and learn its input width and class count (what the parser validates,
     * and what every later model must have); each subtask compiles its own copy from the bytes.
     *
     * @param updates model updates, broadcast to every scoring subtask; give them from a single
     *                reader (parallelism 1) so every subtask sees them in the same order. Null for none.
     * @param shadow  the shadow model, or null for none
     * @throws IllegalArgumentException when a model does not load or compile, or the shadow does not fit the model
     */
    public static Streams build(DataStream<RawKafkaRecord> input, DataStream<ModelUpdate> updates, ModelSpec model,
                                ModelSpec shadow, PipelineOptions options, EvaluationOptions evaluation) {
        RecordScorer probe = new RecordScorer(model.load(), 1);
        int width = probe.inputWidth();
        int classes = probe.classes();
        if (shadow != null) {
            Optional<String> problem = new ModelUpdateValidator(width, classes).check(shadow.load());
            if (problem.isPresent()) {
                throw new IllegalArgumentException(String.format("shadow model %s cannot shadow %s: %s",
                        shadow.id(), model.id(), problem.get()));
            }
        }
        SingleOutputStreamOperator<ParsedRecord> parsed = input
                .process(new ParseFunction(width, classes), TypeInformation.of(ParsedRecord.class))
                .name("parse").uid(PARSE_UID);
        DataStream<ModelUpdate> modelUpdates = updates != null ? updates : input
                .flatMap(new NoUpdates(), TypeInformation.of(ModelUpdate.class))
                .name("no model updates").uid(NO_UPDATES_UID);
        SingleOutputStreamOperator<KeyedValue> scores = parsed
                .connect(modelUpdates.broadcast())
                .transform("score", TypeInformation.of(KeyedValue.class),
                        new ScoringOperator(model, shadow, width, classes, options, evaluation))
                .uid(SCORE_UID);
        return new Streams(scores, parsed.getSideOutput(ParseFunction.DEAD_LETTERS),
                scores.getSideOutput(ScoringOperator.MODEL_DEAD_LETTERS), scores.getSideOutput(ScoringOperator.EVALUATIONS));
    }

    /**
     * The update input of a job without a model topic: emits nothing. It derives from the record
     * stream and keeps no state, rather than being a source of its own, so a job restarted later
     * with a model topic finds no state of an operator that is gone, and the graph has no extra source.
     */
    private static final class NoUpdates implements FlatMapFunction<RawKafkaRecord, ModelUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(RawKafkaRecord value, Collector<ModelUpdate> out) {
            // no model updates
        }
    }
}
