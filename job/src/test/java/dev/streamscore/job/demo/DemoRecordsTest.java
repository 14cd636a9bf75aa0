package dev.streamscore.job.demo;

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
    private static DemoDataSet data;
    private static DemoRecords records;
    private static RecordParser parser;

    @BeforeAll
    static void load() throws IOException {
        data = DemoDataSet.load();
        records = new DemoRecords(data.rows());
        parser = new RecordParser(64, 10);
    }

    private static ParseResult parse(DemoRecords.Record r) {
        return parser.parse(r.value(), RecordId.ofString("fallback"), "test");
    }

    @Test
    void theBundledDataSetAndModelLoadFromTheClassPath() {
        assertEquals(1797, data.rows().size());
        assertTrue(data.model().id().matches("digits@[0-9a-f]{12}"), data.model().id());
        assertEquals(0, data.rows().get(0).label());
    }

    @Test
    void validRecordsCarryTheirRowAndTheKeyAsId() {
        for (int seq : new int[] {0, 1, 1796, 1797, 1798 + 3}) {
            DemoRecords.Record r = records.record(seq);
            assertEquals(DemoRecords.key(seq), r.key());
            assertNull(r.malformation());
            InputRecord in = assertInstanceOf(InputRecord.class, parse(r));
            DemoDataSet.Row row = data.rows().get(seq % 1797);
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
        expected.put(Malformation.NON_UTF8, "value: not valid UTF-8 (byte 0xff at offset 8)");
        Map<Malformation, Integer> seen = new EnumMap<>(Malformation.class);
        for (int seq = 0; seq < 5 * DemoRecords.MALFORMED_EVERY; seq++) {
            DemoRecords.Record r = records.record(seq);
            if (r.malformation() == null) {
                assertInstanceOf(InputRecord.class, parse(r), r.key());
                continue;
            }
            DeadLetter d = assertInstanceOf(DeadLetter.class, parse(r), r.key());
            assertTrue(d.error().startsWith(expected.get(r.malformation())), d.error());
            assertEquals(-1, r.label());
            seen.merge(r.malformation(), 1, Integer::sum);
        }
        assertEquals(Map.of(Malformation.TRUNCATED_JSON, 1, Malformation.WRONG_FEATURE_COUNT, 1,
                Malformation.NAN_FEATURE, 1, Malformation.BAD_LABEL, 1, Malformation.NON_UTF8, 1), seen,
                "each kind once in five times MALFORMED_EVERY records");
    }

    @Test
    void malformedCountMatchesTheSchedule() {
        int count = 0;
        for (int n = 0; n <= 2_000; n++) {
            assertEquals(count, DemoRecords.malformedCount(n), String.format("first %d records", n));
            if (DemoRecords.malformation(n) != null) {
                count++;
            }
        }
        assertEquals(2, DemoRecords.malformedCount(600));
        assertEquals(20, DemoRecords.malformedCount(5_000));
    }

    @Test
    void keysRoundTripAndOthersAreRefused() {
        for (int seq : new int[] {0, 7, 123_456, Integer.MAX_VALUE}) {
            assertEquals(seq, DemoRecords.seq(DemoRecords.key(seq)));
        }
        for (String bad : new String[] {null, "", "demo-", "demo-x", "demo-01", "demo--1", "demo-99999999999", "other-3"}) {
            assertEquals(-1, DemoRecords.seq(bad), String.valueOf(bad));
        }
    }
}
