package dev.streamscore.job.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.records.DeadLetter;
import dev.streamscore.job.records.InputRecord;
import dev.streamscore.job.records.ParseResult;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records the demo sends, checked with the job's own record parser: valid ones parse to the
 * data set's row with the key as id, each malformation is a dead letter for the reason it is meant to be.
 */
class DemoRecordsTest {
    private static DemoRecords records;
    private static RecordParser parser;

    @BeforeAll
    static void load() throws IOException {
        records = DemoRecords.load();
        parser = new RecordParser(64, 10);
    }

    private static ParseResult parse(byte[] value) {
        return parser.parse(value, RecordId.ofString("fallback"), "test");
    }

    @Test
    void theBundledDataSetAndModelLoadFromTheClassPath() {
        assertEquals(1797, records.rows().size());
        assertTrue(records.model().id().matches("digits@[0-9a-f]{12}"), records.model().id());
        assertEquals(0, records.rows().get(0).label());
    }

    @Test
    void validRecordsCarryTheirRowAndTheKeyAsId() {
        for (int seq : new int[] {0, 1, 1796, 1797, 1798 + 3}) {
            DemoRecords.Record r = records.record(seq);
            assertEquals(DemoRecords.key(seq), r.key());
            assertNull(r.malformation());
            InputRecord in = assertInstanceOf(InputRecord.class, parse(r.value()));
            DemoRecords.Row row = records.rows().get(seq % 1797);
            assertEquals(RecordId.ofString(r.key()), in.id());
            assertArrayEquals(row.features(), in.features());
            assertEquals(row.label(), in.label().index());
            assertEquals(row.label(), r.label());
        }
    }

    @Test
    void everyMalformationIsADeadLetterForItsReason() {
        Map<Malformation, String> expected = new EnumMap<>(Malformation.class);
        expected.put(Malformation.TRUNCATED_JSON, "invalid JSON at column ");
        expected.put(Malformation.WRONG_FEATURE_COUNT, "features: expected 64 numbers, got 63");
        expected.put(Malformation.NAN_FEATURE, "features[32]: expected a finite number, got NaN");
        expected.put(Malformation.BAD_LABEL, "label: expected a class index in [0, 10)");
        expected.put(Malformation.NON_UTF8, "value: not valid UTF-8 (byte 0xc3 at offset 8)");
        expected.put(Malformation.TOMBSTONE, "value: null (a tombstone), expected a JSON object");
        expected.put(Malformation.NOT_JSON, "invalid JSON at column 3: Unrecognized token 'x'");
        expected.put(Malformation.EMPTY_FEATURES, "features: expected 64 numbers, got 0");
        expected.put(Malformation.JSON_ARRAY, "value: expected a JSON object, got an array");
        assertEquals(Malformation.values().length, expected.size(), "every kind has its expected reason");
        DemoRecords.Row row = records.rows().get(7);
        for (Malformation kind : Malformation.values()) {
            byte[] valid = DemoRecords.json("x-7", row.features(), row.label()).getBytes(UTF_8);
            assertInstanceOf(InputRecord.class, parse(valid));
            DeadLetter d = assertInstanceOf(DeadLetter.class, parse(kind.spoil("x-7", row.features(), row.label())), kind.name());
            assertTrue(d.error().startsWith(expected.get(kind)), String.format("%s: %s", kind, d.error()));
            assertTrue(!kind.description().isEmpty() && kind.description().length() <= 20, kind.description());
        }
        assertNull(Malformation.TOMBSTONE.spoil("x-7", row.features(), row.label()), "a tombstone has no value");
    }

    @Test
    void everyMalformedRecordOfTheScheduleIsADeadLetterAndEachKindComesInTurn() {
        Map<Malformation, Integer> seen = new EnumMap<>(Malformation.class);
        int kinds = Malformation.values().length;
        for (int seq = 0; seq < kinds * DemoRecords.MALFORMED_EVERY; seq++) {
            DemoRecords.Record r = records.record(seq);
            assertEquals(seq % DemoRecords.MALFORMED_EVERY == DemoRecords.FIRST_MALFORMED, r.malformation() != null, r.key());
            if (r.malformation() == null) {
                assertInstanceOf(InputRecord.class, parse(r.value()), r.key());
                continue;
            }
            assertInstanceOf(DeadLetter.class, parse(r.value()), r.key());
            assertEquals(-1, r.label());
            assertEquals(r.malformation(), DemoRecords.malformation(seq));
            seen.merge(r.malformation(), 1, Integer::sum);
        }
        assertEquals(kinds, seen.size(), "each kind once in kinds times MALFORMED_EVERY records");
        assertTrue(seen.values().stream().allMatch(n -> n == 1), seen.toString());
        assertEquals(Malformation.TRUNCATED_JSON, DemoRecords.malformation(125), "the first two the demo's ITCase sees");
        assertEquals(Malformation.WRONG_FEATURE_COUNT, DemoRecords.malformation(375));
    }

    @Test
    void keysRoundTripAndOthersAreRefused() {
        for (int seq : new int[] {0, 7, 123_456, Integer.MAX_VALUE}) {
            assertEquals(seq, DemoRecords.seq(DemoRecords.key(seq)));
        }
        for (String bad : new String[] {null, "", "demo-", "demo-x", "demo-01", "demo--1", "demo-2147483648",
                "demo-99999999999", "other-3", "demo-3 "}) {
            assertEquals(-1, DemoRecords.seq(bad), String.valueOf(bad));
        }
    }
}
