package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.JsonModelFormat;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} on named-field events ({@code demo/digits-pixels.jsonl}: the demo digits with the 64
 * pixels as the fields {@code pixels.p0} to {@code pixels.p63}): the same output bytes as the
 * {@code features} array input, from {@code --features} or from the fields the model names.
 */
class ScoreNamedFieldsTest {
    private static final Path PIXELS = Path.of("../demo/digits-pixels.jsonl");
    private static final List<String> FIELDS = IntStream.range(0, 64).mapToObj(i -> "pixels.p" + i).toList();
    private static final String FLAG = String.join(",", FIELDS);

    @TempDir
    Path dir;

    private CliRun score(Path model, Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(),
                "--input", input.toString(), "--output", output.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args);
    }

    /** The demo JSON model, saved again naming the 64 pixel fields. */
    private Path modelNaming(List<String> fields) throws IOException {
        Model m = ModelLoader.load(TestModels.DIGITS_JSON);
        Path file = dir.resolve("digits.json");
        Files.write(file, JsonModelFormat.toBytes(new Model(m.name(), m.version(), m.graph(), fields)));
        return file;
    }

    @Test
    void namedFieldsScoreToTheSameBytesAsTheFeaturesArray() throws IOException {
        Path arrays = dir.resolve("arrays.jsonl");
        Path named = dir.resolve("named.jsonl");
        CliRun a = score(TestModels.DIGITS_JSON, TestData.DIGITS_DATA, arrays);
        CliRun n = score(TestModels.DIGITS_JSON, PIXELS, named, "--features", FLAG);
        assertEquals(0, a.status(), a.err());
        assertEquals(0, n.status(), n.err());
        assertEquals(a.err(), n.err());
        assertEquals(1797, Files.readAllLines(named).size());
        assertArrayEquals(Files.readAllBytes(arrays), Files.readAllBytes(named));
    }

    @Test
    void theModelsFieldsAreUsedWithoutTheFlagAndInspectPrintsThem() throws IOException {
        Path model = modelNaming(FIELDS);
        Path expected = dir.resolve("expected.jsonl");
        Path named = dir.resolve("named.jsonl");
        assertEquals(0, score(TestModels.DIGITS_JSON, PIXELS, expected, "--features", FLAG).status());
        CliRun r = score(model, PIXELS, named);
        assertEquals(0, r.status(), r.err());
        // compared as bytes: a failure then prints no megabyte of JSON
        assertEquals(Files.size(expected), Files.size(named));
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(named));
        // the same fields given again are no conflict
        assertEquals(0, score(model, PIXELS, dir.resolve("again.jsonl"), "--features", FLAG).status());

        CliRun inspect = CliRun.of("inspect", "--model", model.toString());
        assertEquals(0, inspect.status(), inspect.err());
        String line = inspect.outLines().stream().filter(l -> l.startsWith("features")).findFirst().orElseThrow();
        assertTrue(line.startsWith("features    from the fields pixels.p0, pixels.p1, "), line);
        assertTrue(line.endsWith("(64 named by the model)"), line);
    }

    @Test
    void aFeaturesFlagThatDiffersFromTheModelsIsAUsageErrorNamingTheDifference() throws IOException {
        Path model = modelNaming(FIELDS);
        String other = FLAG.replace("pixels.p63", "pixels.q63");
        CliRun r = score(model, PIXELS, dir.resolve("out.jsonl"), "--features", other);
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith(
                "streamscore score: --features differs from the fields the model names: not in the model: pixels.q63; missing: pixels.p63"),
                r.err());
        List<String> swapped = new ArrayList<>(FIELDS);
        Collections.swap(swapped, 0, 1);
        r = score(model, PIXELS, dir.resolve("out.jsonl"), "--features", String.join(",", swapped));
        assertEquals(2, r.status());
        assertTrue(r.err().contains("the same fields in another order"), r.err());
        assertTrue(Files.notExists(dir.resolve("out.jsonl")), "a usage error writes nothing");
    }

    @Test
    void moreScalarFieldsThanInputsIsAUsageErrorNamingBothNumbers() {
        String tooMany = FLAG + ",pixels.extra";
        CliRun r = score(TestModels.DIGITS_JSON, PIXELS, dir.resolve("out.jsonl"), "--features", tooMany);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--features: 65 fields, but the model takes 64 inputs"), r.err());
    }

    @Test
    void fewerFieldsThanInputsIsANoteAndEachRecordWhoseFieldsFallShortADeadLetter() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        CliRun r = score(TestModels.DIGITS_JSON, PIXELS, out, "--features", "pixels.p0,pixels.p1", "--dead-letters",
                dead.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("--features: 2 fields for a model of 64 inputs: arrays among them must give the other 62 numbers,"
                + " else each record is a dead letter", r.errLines().get(0));
        assertEquals(0, Files.readAllLines(out).size());
        List<String> errors = Files.readAllLines(dead).stream().map(l -> JsonFields.parse(l).string("error"))
                .distinct().collect(Collectors.toList());
        assertEquals(List.of("features: the fields give 2 numbers, expected 64"), errors);
    }

    @Test
    void labelAndIdFromOtherFieldsAndAMissingFieldNamedByItsPath() throws IOException {
        Path input = dir.resolve("renamed.jsonl");
        List<String> lines = Files.readAllLines(PIXELS).subList(0, 3).stream()
                .map(l -> l.replace("\"id\":", "\"meta\": {\"key\": \"k\"}, \"ref\":").replace("\"label\":", "\"truth\":"))
                .collect(Collectors.toList());
        lines.add(lines.get(0).replace("\"p17\"", "\"q17\""));
        Files.write(input, lines);
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        CliRun r = score(TestModels.DIGITS_JSON, input, out, "--features", FLAG, "--label-field", "truth",
                "--id-field", "ref", "--dead-letters", dead.toString());
        assertEquals(0, r.status(), r.err());
        List<String> scored = Files.readAllLines(out);
        assertEquals(3, scored.size());
        assertEquals("digits-0", JsonFields.parse(scored.get(0)).string("id"));
        assertTrue(JsonFields.parse(scored.get(0)).names().contains("loss"), scored.get(0));
        List<String> letters = Files.readAllLines(dead);
        assertEquals(1, letters.size());
        assertEquals("pixels.p17: missing, expected a finite number or an array of finite numbers",
                JsonFields.parse(letters.get(0)).string("error"));
    }
}
