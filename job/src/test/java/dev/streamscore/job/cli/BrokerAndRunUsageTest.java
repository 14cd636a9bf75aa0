package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import org.junit.jupiter.api.Test;

/** Usage errors of {@code broker} and {@code run}: exit status 2, the reason and the usage on stderr, nothing started. */
class BrokerAndRunUsageTest {

    @Test
    void brokerBadPort() {
        CliRun r = CliRun.of("broker", "--port", "ninety");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("streamscore broker: --port: expected an integer from 0 to 65535, got 'ninety'"), r.err());
        assertTrue(r.err().contains("usage: ./streamscore broker [--port 9092] [--data-dir DIR]"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void brokerUnknownFlagAndMissingValue() {
        CliRun unknown = CliRun.of("broker", "--host", "0.0.0.0");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown flag --host; valid flags are --port, --data-dir, --sasl-ssl, --help"), unknown.err());
        CliRun missing = CliRun.of("broker", "--data-dir");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--data-dir needs a value"), missing.err());
    }

    @Test
    void runBadDelivery() {
        CliRun r = CliRun.of("run", "--bootstrap-servers", "127.0.0.1:1", "--input-topic", "a", "--output-topic", "b",
                "--model", "pom.xml", "--delivery", "twice");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("streamscore run: --delivery: expected exactly-once or at-least-once, got 'twice'"), r.err());
        assertTrue(r.err().contains("usage: ./streamscore run --bootstrap-servers HOST:PORT"), r.err());
    }

    @Test
    void runMissingRequiredFlag() {
        CliRun r = CliRun.of("run", "--input-topic", "a", "--output-topic", "b", "--model", "pom.xml");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing required flag --bootstrap-servers"), r.err());
    }
}
