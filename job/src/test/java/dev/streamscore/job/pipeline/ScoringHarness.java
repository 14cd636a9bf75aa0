package dev.streamscore.job.pipeline;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.serving.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Flink's operator test harness for the two-input {@link ScoringOperator}: records on input 1,
 * model updates on input 2. Unlike {@code TwoInputStreamOperatorTestHarness} it also takes a
 * {@link MockEnvironment} (for metric tests).
 */
final class ScoringHarness extends AbstractStreamOperatorTestHarness<KeyedValue> {
    private final ScoringOperator operator;

    ScoringHarness(ScoringOperator operator) throws Exception {
        this(operator, 128, 1, 0);
    }

    ScoringHarness(ScoringOperator operator, int maxParallelism, int parallelism, int subtask) throws Exception {
        super(operator, maxParallelism, parallelism, subtask);
        this.operator = operator;
    }

    ScoringHarness(ScoringOperator operator, MockEnvironment env) throws Exception {
        super(operator, env);
        this.operator = operator;
    }

    ScoringOperator scoring() {
        return operator;
    }

    void processElement(RawKafkaRecord record, long timestamp) throws Exception {
        operator.processElement1(new StreamRecord<>(record, timestamp));
    }

    void processUpdate(ModelUpdate update) throws Exception {
        operator.processElement2(new StreamRecord<>(update, update.timestamp()));
    }

    /** The end of the records (input 1). */
    void endInput() throws Exception {
        operator.endInput(1);
    }

    /** The values emitted to a side output so far. */
    <T> List<T> sideOutput(OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var queue = getSideOutput(tag);
        if (queue != null) {
            queue.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
