package dev.streamscore.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordLayout;
import dev.streamscore.job.records.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's input records: the demo's digits lines with ids of their own, valid for the job's parser. */
class InputRecordsTest {
    private static final Path DIGITS = Path.of("..", "demo", "digits.jsonl");

    @Test
    void recordNIsLineNModLinesWithIdE2eN() throws IOException {
        List<String> lines = Files.readAllLines(DIGITS, StandardCharsets.UTF_8);
        InputRecords records = InputRecords.read(DIGITS);
        String line = lines.get(5);
        String expected = String.format("{\"id\": \"e2e-%d\"%s", lines.size() + 5, line.substring(line.indexOf(", \"features\"")));
        assertEquals(expected, new String(records.record(lines.size() + 5), StandardCharsets.UTF_8));
        String probe = new String(records.record(-1), StandardCharsets.UTF_8);
        assertTrue(probe.startsWith("{\"id\": \"e2e--1\", \"features\": "), probe);
    }

    @Test
    void everyRecordOfALapParsesWithItsOwnIdAndLabel() throws IOException {
        InputRecords records = InputRecords.read(DIGITS);
        RecordParser parser = new RecordParser(64, 10, 1 << 20, RecordLayout.DEFAULT);
        int lines = Files.readAllLines(DIGITS, StandardCharsets.UTF_8).size();
        for (long n = 1_000_000; n < 1_000_000 + lines; n++) {
            byte[] value = records.record(n);
            Object parsed = parser.parse(value, value.length, null);
            InputRecord input = assertInstanceOfInputRecord(parsed, n);
            assertEquals(RecordId.ofString(String.format("e2e-%d", n)), input.id());
            assertTrue(input.label() != null, String.format("record %d has its label", n));
        }
    }

    @Test
    void aLineWithoutIdFirstIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.jsonl");
        Files.writeString(file, "{\"features\": [1, 2], \"id\": \"a\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputRecords.read(file));
        assertTrue(e.getMessage().startsWith(String.format("%s:1: expected a line starting", file)), e.getMessage());
    }

    private static InputRecord assertInstanceOfInputRecord(Object parsed, long n) {
        assertTrue(parsed instanceof InputRecord, String.format("record %d: %s", n, parsed));
        return (InputRecord) parsed;
    }
}
