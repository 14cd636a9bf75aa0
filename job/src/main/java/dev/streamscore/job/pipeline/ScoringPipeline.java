package dev.streamscore.job.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Builds the parse and score stages on a stream of raw Kafka records. Sources and sinks are the
 * caller's: {@link KafkaScoringJob} adds Kafka ones, tests add their own.
 */
public final class ScoringPipeline {
    /** Operator uids: stable, so state maps back onto the same operators after a restart. */
    public static final String PARSE_UID = "streamscore-parse";
    public static final String SCORE_UID = "streamscore-score";

    private ScoringPipeline() {}

    /**
     * The streams the pipeline produces.
     *
     * @param scores      one output record per valid input record (key and timestamp of the input)
     * @param deadLetters one dead-letter record per invalid input record (key and timestamp of the input)
     */
    public record Streams(DataStream<KeyedValue> scores, DataStream<KeyedValue> deadLetters) {}

    /**
     * Adds parsing and scoring to {@code input}'s environment. The model is compiled once here, on
     * the client, to check it and learn its input width and class count (what the parser validates);
     * each subtask compiles its own copy from the bytes.
     *
     * @throws IllegalArgumentException when the model does not load or compile
     */
    public static Streams build(DataStream<RawKafkaRecord> input, ModelSpec model, PipelineOptions options) {
        RecordScorer probe = new RecordScorer(model.load(), 1);
        int width = probe.inputWidth();
        int classes = probe.classes();
        SingleOutputStreamOperator<ParsedRecord> parsed = input
                .process(new ParseFunction(width, classes), TypeInformation.of(ParsedRecord.class))
                .name("parse").uid(PARSE_UID);
        DataStream<KeyedValue> scores = parsed
                .transform("score", TypeInformation.of(KeyedValue.class),
                        new ScoringOperator(model, width, classes, options))
                .uid(SCORE_UID);
        return new Streams(scores, parsed.getSideOutput(ParseFunction.DEAD_LETTERS));
    }
}
