package dev.streamscore.job.lifecycle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.job.testing.TestModels;
import org.junit.jupiter.api.Test;

class LifecycleRecordsTest {

    @Test
    void refusalIsADeadLetterWithTheRawValueInBase64AndWhatIsKnown() {
        ModelUpdate u = TestModels.update("digits", new byte[] {0, 1, (byte) 0xff}, "v2", null, 12);
        UpdateDecision.Refuse r = new UpdateDecision.Refuse("does not load: x", "digits", "v2", Role.PRIMARY);
        assertEquals("{\"error\":\"does not load: x\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\","
                        + "\"model\":\"digits\",\"version\":\"v2\",\"role\":\"primary\"}",
                new String(LifecycleRecords.refusal(r, u), UTF_8));
        UpdateDecision.Refuse unknown = new UpdateDecision.Refuse("key: no", null, null, null);
        assertEquals("{\"error\":\"key: no\",\"source\":\"models@0:12\",\"raw\":\"AAH/\",\"raw_encoding\":\"base64\"}",
                new String(LifecycleRecords.refusal(unknown, u), UTF_8));
    }

    @Test
    void evaluationRecord() {
        RollingEvaluation e = new RollingEvaluation(4);
        e.add(0.5, true);
        e.add(0.1, false);
        assertEquals("{\"model\":\"digits@v2\",\"role\":\"shadow\",\"subtask\":1,\"window\":4,\"count\":2,"
                        + "\"mean_loss\":0.3,\"accuracy\":0.5,\"timestamp\":1234}",
                new String(LifecycleRecords.evaluation("digits@v2", Role.SHADOW, 1, e, 1234), UTF_8));
        assertEquals("{\"model\":\"m@1\",\"role\":\"primary\",\"subtask\":0,\"window\":4,\"count\":0,"
                        + "\"mean_loss\":null,\"accuracy\":null,\"timestamp\":5}",
                new String(LifecycleRecords.evaluation("m@1", Role.PRIMARY, 0, new RollingEvaluation(4), 5), UTF_8));
    }
}
