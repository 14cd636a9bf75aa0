package dev.streamscore.job.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordIdTest {
    @Test
    void factories() {
        assertEquals(new RecordId("17", true), RecordId.ofNumber(17));
        assertEquals(new RecordId("-3", true), RecordId.ofNumber("-3"));
        assertFalse(RecordId.ofString("17").numeric());
        assertTrue(RecordId.ofNumber(17).numeric());
        assertEquals("events-2-1045", RecordId.ofString("events-2-1045").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12", "1.5", "-1.5e3", "1E+9", "2e-7", "123456789012345678901234567890"})
    void acceptsJsonNumbers(String text) {
        assertEquals(text, RecordId.ofNumber(text).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "007", "1.", ".5", "+1", "NaN", "Infinity", "1e", "0x10", "1 ", "tx-1"})
    void refusesOtherNumberText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordId.ofNumber(text));
        assertEquals(String.format("not a JSON number: '%s'", text), e.getMessage());
    }
}
