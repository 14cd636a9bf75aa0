package dev.streamscore.job.records;

import static dev.streamscore.job.testing.RecordValues.CLASSES;
import static dev.streamscore.job.testing.RecordValues.WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.options.JobOptionsBuilder;
import dev.streamscore.job.testing.Draw;
import dev.streamscore.job.testing.FuzzCases;
import dev.streamscore.job.testing.FuzzCounts;
import dev.streamscore.job.testing.FuzzValue;
import dev.streamscore.job.testing.RecordContract;
import dev.streamscore.job.testing.RecordValues;
import dev.streamscore.job.testing.RenderedRecords;
import dev.streamscore.job.testing.StrictJson;
import dev.streamscore.score.Score;
import dev.streamscore.score.Scores;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the record parser and the dead-letter writer with {@value #CASES} generated values
 * ({@link RecordValues}: valid, mutated, contract-breaking, random, hostile and null), each judged
 * against {@link RecordContract}, an oracle read from a strict JSON tree: the parser never throws;
 * it accepts exactly what the contract accepts, with the same features, label and id; an accepted
 * record's id renders into a well-formed score; everything else is a dead letter whose rendering is
 * strict JSON within {@code 6·--dead-letter-max-raw-bytes + 4096} bytes, with a one-line reason and
 * the value's first bytes. Each value also goes through a parser of named feature fields whose
 * paths are long and hold control characters, a line separator and a lone surrogate: a record or a
 * dead letter whose reason is as short and printable. The cases come from fixed seeds
 * ({@link FuzzCases}: a failure prints its case's seed, to run it alone); the counts by generator
 * and by reason are printed at the end.
 */
class RecordParserFuzzTest {
    private static final long SEED = 20261130L;
    private static final int CASES = 100_000;
    private static final FuzzCounts COUNTS = new FuzzCounts("RecordParserFuzzTest: record values through RecordParser and RecordWriter");
    private static final RecordParser PARSER = new RecordParser(WIDTH, CLASSES);
    /** Named fields: the features array, a long path with a line separator, a control character, a lone surrogate. */
    private static final RecordLayout HOSTILE_LAYOUT = new RecordLayout(List.of("features",
            String.format("meta.\u2028%s", "n".repeat(200)), "x\u0001y", String.format("\ud800%s", "z".repeat(70))),
            "label", "id");
    private static final RecordParser NAMED = new RecordParser(WIDTH + 3, CLASSES, Long.MAX_VALUE, HOSTILE_LAYOUT);
    private static final RecordId FALLBACK = RecordId.ofString("events-0-7");
    private static final String SOURCE = "events@0:7";

    /** One case: a value, and {@code --dead-letter-max-raw-bytes}. */
    record Case(FuzzValue value, int maxRaw) {
        static Case draw(RandomGenerator r) {
            FuzzValue value = RecordValues.any(r);
            int maxRaw = switch (Draw.weighted(r, 3, 2, 1)) {
                case 0 -> JobOptionsBuilder.DEFAULT_DEAD_LETTER_MAX_RAW_BYTES;
                case 1 -> Draw.between(r, 0, 64);
                default -> Draw.between(r, 65, 4096);
            };
            return new Case(value, maxRaw);
        }

        @Override
        public String toString() {
            return String.format("%s; --dead-letter-max-raw-bytes %d", value, maxRaw);
        }
    }

    @Test
    void everyValueIsTheRecordTheContractSaysOrADeadLetterWithAReason() {
        int cases = FuzzCases.run(RecordParserFuzzTest.class, SEED, CASES, Case::draw, Case::toString,
                RecordParserFuzzTest::check);
        assertEquals(cases, COUNTS.total("outcome"), "an outcome counted for every case");
    }

    private static void check(Case c) {
        FuzzValue value = c.value();
        int maxRaw = c.maxRaw();
        COUNTS.count("generated", value.family());
        ParseResult parsed = PARSER.parse(value.bytes(), FALLBACK, SOURCE);
        RecordContract.Verdict verdict = RecordContract.of(value.bytes(), WIDTH, CLASSES);
        if (parsed instanceof InputRecord record) {
            if (!(verdict instanceof RecordContract.Valid valid)) {
                throw new AssertionError(String.format("accepted what the contract refuses (%s)",
                        ((RecordContract.Invalid) verdict).why()));
            }
            assertSameRecord(valid, record);
            assertRenders(record);
            COUNTS.count("outcome", valid.labelled() ? "record (labelled)" : "record");
        } else {
            DeadLetter dead = (DeadLetter) parsed;
            if (verdict instanceof RecordContract.Valid) {
                throw new AssertionError(String.format("refused a record the contract accepts: %s", dead.error()));
            }
            assertEquals(SOURCE, dead.source());
            assertTrue(Arrays.equals(value.bytes() == null ? new byte[0] : value.bytes(), dead.raw()), "the raw value");
            int size = value.bytes() == null ? 0 : value.bytes().length;
            String error = RenderedRecords.assertDeadLetter(RecordWriter.deadLetter(dead, maxRaw), value.bytes(), size,
                    maxRaw, SOURCE);
            assertEquals(dead.error(), error);
            COUNTS.count("outcome", String.format("dead letter: %s", FuzzCounts.reasonClass(error)));
        }
        ParseResult named = NAMED.parse(value.bytes(), FALLBACK, SOURCE);
        if (named instanceof InputRecord record) {
            assertEquals(WIDTH + 3, record.features().length);
            COUNTS.count("outcome with hostile named fields", "record");
        } else {
            String error = ((DeadLetter) named).error();
            RenderedRecords.assertReason(error);
            COUNTS.count("outcome with hostile named fields", String.format("dead letter: %s", FuzzCounts.reasonClass(error)));
        }
    }

    private static void assertSameRecord(RecordContract.Valid valid, InputRecord record) {
        assertEquals(WIDTH, record.features().length);
        for (int i = 0; i < WIDTH; i++) {
            // == and not equals: "-0" as a JSON integer may come back as 0.0
            assertTrue(valid.features()[i] == record.features()[i], () -> String.format("features %s, the contract says %s",
                    Arrays.toString(record.features()), Arrays.toString(valid.features())));
        }
        if (valid.id() == null) {
            assertEquals(FALLBACK, record.id());
        } else {
            assertEquals(new RecordId(valid.id(), valid.numericId()), record.id());
        }
        if (!valid.labelled()) {
            assertNull(record.label());
        } else if (valid.labelIndex() >= 0) {
            assertEquals(valid.labelIndex(), record.label().index());
        } else {
            assertTrue(Arrays.equals(valid.distribution(), record.label().distribution()), "the label distribution");
        }
    }

    /** The record's id written into a score: well formed, the id as it came. */
    private static void assertRenders(InputRecord record) {
        double[] p = new double[CLASSES];
        Arrays.fill(p, 1.0 / CLASSES);
        p[0] += 1 - Arrays.stream(p).sum();
        Scores scores = Scores.of(new Score(p, 0, record.label() == null ? Double.NaN : 1.0986122886681098));
        Map<?, ?> fields = RenderedRecords.assertScore(RecordWriter.score(record.id(), "fuzz@1", scores, 0), CLASSES,
                record.label() != null, "fuzz@1");
        Object expected = record.id().numeric() ? new StrictJson.Num(record.id().text()) : record.id().text();
        assertEquals(expected, fields.get("id"), "the id as it came");
    }

    @AfterAll
    static void report() {
        System.out.println(COUNTS.report());
    }
}
