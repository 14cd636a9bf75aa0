package dev.streamscore.job.serving;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.testing.TestModels;
import org.junit.jupiter.api.Test;

/** The records the serving side writes: a refused update's dead letter, an evaluation. */
class ServingRecordsTest {

    @Test
    void refusalIsADeadLetterWithTheRawValueInBase64AndWhatIsKnown() {
        ModelUpdate u = TestModels.update("digits", new byte[] {0, 1, (byte) 0xff}, "v2", null, 12);
        UpdateDecision.Refuse r = new UpdateDecision.Refuse("does not load: x", "digits", "v2", Role.PRIMARY);
        assertEquals("{\"error\":\"does not load: x\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\","
                        + "\"model\":\"digits\",\"version\":\"v2\",\"role\":\"primary\"}",
                new String(r.deadLetter(u).value(), UTF_8));
        KeyedValue kv = r.deadLetter(u);
        assertEquals("digits", new String(kv.key(), UTF_8), "the update's key");
        assertEquals(5_012L, kv.timestamp(), "the update's timestamp");
        UpdateDecision.Refuse unknown = new UpdateDecision.Refuse("key: no", null, null, null);
        assertEquals("{\"error\":\"key: no\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\"}",
                new String(unknown.deadLetter(u).value(), UTF_8));
    }

    @Test
    void evaluationRecord() {
        RollingEvaluation e = new RollingEvaluation(4);
        e.add(0.5, true);
        e.add(0.1, false);
        assertEquals("{\"model\":\"digits@v2\",\"role\":\"shadow\",\"subtask\":1,\"window\":4,\"count\":2,"
                        + "\"mean_loss\":0.3,\"accuracy\":0.5,\"timestamp\":1234}",
                new String(RecordWriter.evaluation("digits@v2", Role.SHADOW.label(), 1, e.window(), e.count(),
                        e.meanLoss(), e.accuracy(), 1234), UTF_8));
        assertEquals("{\"model\":\"m@1\",\"role\":\"primary\",\"subtask\":0,\"window\":4,\"count\":0,"
                        + "\"mean_loss\":null,\"accuracy\":null,\"timestamp\":5}",
                new String(RecordWriter.evaluation("m@1", Role.PRIMARY.label(), 0, 4, 0, Double.NaN, Double.NaN, 5), UTF_8));
    }
}
