package dev.streamscore.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.sql.testing.NamedDigits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed named-field demo data is what {@link NamedDigits} makes from {@code demo/digits.jsonl}. */
class NamedDigitsTest {
    @Test
    void committedFileMatchesTheGenerator() throws Exception {
        List<String> expected = NamedDigits.convert(Files.readAllLines(Path.of("../demo/digits.jsonl"), StandardCharsets.UTF_8));
        List<String> committed = Files.readAllLines(Path.of("../demo/digits-pixels.jsonl"), StandardCharsets.UTF_8);
        assertEquals(1797, committed.size());
        assertEquals(expected, committed);
        assertTrue(committed.get(0).startsWith("{\"id\": \"digits-0\", \"label\": 0, \"pixels\": {\"p0\": 0, \"p1\": 0, \"p2\": 5, \"p3\": 13, "),
                committed.get(0));
        assertTrue(committed.get(0).endsWith(", \"p62\": 0, \"p63\": 0}}"), committed.get(0));
    }
}
