package dev.streamscore.job.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage errors of {@code broker} and {@code run}: exit status 2, the reason and the usage on stderr, nothing started. */
class BrokerAndRunUsageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    private String err() {
        return err.toString(UTF_8);
    }

    @Test
    void brokerBadPort() {
        assertEquals(2, run("broker", "--port", "ninety"));
        assertTrue(err().contains("streamscore broker: --port: expected an integer from 0 to 65535, got 'ninety'"), err());
        assertTrue(err().contains("usage: ./streamscore broker [--port 9092] [--data-dir DIR]"), err());
        assertEquals("", out.toString(UTF_8));
    }

    @Test
    void brokerUnknownFlagAndMissingValue() {
        assertEquals(2, run("broker", "--host", "0.0.0.0"));
        assertTrue(err().contains("unknown flag --host; valid flags are --port, --data-dir, --help"), err());
        assertEquals(2, run("broker", "--data-dir"));
        assertTrue(err().contains("--data-dir needs a value"), err());
    }

    @Test
    void runBadDelivery() {
        assertEquals(2, run("run", "--bootstrap-servers", "127.0.0.1:1", "--input-topic", "a", "--output-topic", "b",
                "--model", "pom.xml", "--delivery", "twice"));
        assertTrue(err().contains("streamscore run: --delivery: expected exactly-once or at-least-once, got 'twice'"), err());
        assertTrue(err().contains("usage: ./streamscore run --bootstrap-servers HOST:PORT"), err());
    }

    @Test
    void runMissingRequiredFlag() {
        assertEquals(2, run("run", "--input-topic", "a", "--output-topic", "b", "--model", "pom.xml"));
        assertTrue(err().contains("missing required flag --bootstrap-servers"), err());
    }
}
