package dev.streamscore.job.serving;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.KeyedValue;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.job.testing.TestModels;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The records the serving side writes: a refused update's dead letter, an evaluation. */
class ServingRecordsTest {

    @Test
    void refusalIsADeadLetterWithTheRawValueInBase64AndWhatIsKnown() {
        ModelUpdate u = TestModels.update("digits", new byte[] {0, 1, (byte) 0xff}, "v2", null, 12);
        UpdateDecision.Refuse r = new UpdateDecision.Refuse("does not load: x", "digits", "v2", Role.PRIMARY);
        assertEquals("{\"error\":\"does not load: x\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\","
                        + "\"model\":\"digits\",\"version\":\"v2\",\"role\":\"primary\"}",
                new String(r.deadLetter(u, 64).value(), UTF_8));
        KeyedValue kv = r.deadLetter(u, 64);
        assertEquals("digits", new String(kv.key(), UTF_8), "the update's key");
        assertEquals(5_012L, kv.timestamp(), "the update's timestamp");
        UpdateDecision.Refuse unknown = new UpdateDecision.Refuse("key: no", null, null, null);
        assertEquals("{\"error\":\"key: no\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\"}",
                new String(unknown.deadLetter(u, 64).value(), UTF_8));
    }

    /**
     * A refused update's dead letter keeps at most --dead-letter-max-raw-bytes of the model, so a
     * large refused model (900 kB: 1.2 MB in base64, over a producer's default 1 MiB) cannot fail the sink.
     */
    @Test
    void aLargeRefusedModelIsCutToFitTheSink() {
        byte[] model = new byte[900_000];
        Arrays.fill(model, (byte) 0xff);
        ModelUpdate u = TestModels.update("digits", model, "v2", null, 13);
        UpdateDecision.Refuse r = new UpdateDecision.Refuse("does not load: x", "digits", "v2", Role.PRIMARY);
        byte[] value = r.deadLetter(u, 65_536).value();
        assertTrue(value.length <= 6 * 65_536 + 4096, () -> String.format("%d bytes", value.length));
        JsonFields fields = JsonFields.parse(value);
        assertEquals(65_536, Base64.getDecoder().decode(fields.string("raw")).length);
        assertEquals("true", fields.text("raw_truncated"));
        assertEquals("900000", fields.number("raw_bytes"));
        assertEquals("digits", fields.string("model"));
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
