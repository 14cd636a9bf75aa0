package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.job.testing.CliRun;
import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.job.testing.TestData;
import dev.streamscore.job.testing.TestModels;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} end to end through {@link Main#run}: the demo model and data, files and standard streams. */
class ScoreCommandTest {
    private static final Path MODEL = TestModels.DIGITS_JSON;
    private static final Path DATA = TestData.DIGITS_DATA;

    @TempDir
    Path dir;

    private static String modelId() throws IOException {
        Model m = ModelLoader.load(MODEL);
        return m.id();
    }

    @Test
    void scoresTheDemoDataInInputOrder() throws IOException {
        Path out = dir.resolve("out.jsonl");
        CliRun r = CliRun.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        List<String> inputs = Files.readAllLines(DATA);
        List<String> outputs = Files.readAllLines(out);
        assertEquals(inputs.size(), outputs.size());
        String modelId = modelId();
        assertEquals(List.of(String.format("scored %d of %d lines with %s: 0 dead letters", inputs.size(), inputs.size(), modelId)),
                r.errLines());
        int correct = 0;
        for (int i = 0; i < inputs.size(); i++) {
            JsonFields in = JsonFields.parse(inputs.get(i));
            JsonFields o = JsonFields.parse(outputs.get(i));
            assertEquals(List.of("id", "model", "probabilities", "predicted", "loss"), o.names());
            assertEquals(in.string("id"), o.string("id"));
            assertEquals(modelId, o.string("model"));
            List<String> p = o.list("probabilities");
            assertEquals(10, p.size());
            double sum = p.stream().mapToDouble(Double::parseDouble).sum();
            assertEquals(1.0, sum, 1e-12);
            assertTrue(Double.parseDouble(o.number("loss")) >= 0);
            correct += o.number("predicted").equals(in.number("label")) ? 1 : 0;
        }
        // the demo model is trained on these digits: a broken feature order or class mapping would show here
        assertTrue(correct > 0.9 * inputs.size(), String.format("%d of %d correct", correct, inputs.size()));
    }

    @Test
    void badLinesAreDeadLetteredAndTheRunGoesOn() throws IOException {
        List<String> good = Files.readAllLines(DATA).subList(0, 5);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((good.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("{\"id\": \"short\", \"features\": [1, 2, 3]}\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes((good.get(1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {'{', (byte) 0xff, '}', '\n'});
        in.writeBytes((good.get(2).replace("\"label\": ", "\"label\": 1") + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes((good.get(3).replaceFirst("\"id\": \"[^\"]*\", ", "") + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("not json at all\n\n\n".getBytes(StandardCharsets.UTF_8));
        Path input = Files.write(dir.resolve("mixed.jsonl"), in.toByteArray());
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        CliRun r = CliRun.of("score", "--model", MODEL.toString(), "--input", input.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString(), "--batch-size", "2");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(String.format("scored 3 of 10 lines with %s: 4 dead letters, 3 blank lines skipped",
                modelId())), r.errLines());

        List<JsonFields> outputs = JsonFields.lines(Files.readString(out));
        assertEquals(List.of("digits-0", "digits-1"), List.of(outputs.get(0).string("id"), outputs.get(1).string("id")));
        assertEquals("7", outputs.get(2).number("id")); // no id: its line number
        assertEquals(3, outputs.size());

        List<JsonFields> deadLetters = JsonFields.lines(Files.readString(dead));
        String src = input.toString();
        assertEquals(List.of(src + ":2", src + ":5", src + ":6", src + ":8"),
                deadLetters.stream().map(d -> d.string("source")).toList());
        assertEquals("features: expected 64 numbers, got 3", deadLetters.get(0).string("error"));
        assertEquals("{\"id\": \"short\", \"features\": [1, 2, 3]}", deadLetters.get(0).string("raw"));
        assertEquals("base64", deadLetters.get(1).string("raw_encoding"));
        assertEquals("e/99", deadLetters.get(1).string("raw"));
        assertTrue(deadLetters.get(2).string("error").startsWith("label: expected a class index in [0, 10)"),
                deadLetters.get(2).string("error"));
        assertTrue(deadLetters.get(3).string("error").startsWith("invalid JSON at column "),
                deadLetters.get(3).string("error"));
        for (JsonFields d : deadLetters) {
            assertEquals(List.of("error", "source", "raw", "raw_encoding"), d.names());
        }
        assertArrayEquals(new byte[] {'{', (byte) 0xff, '}'}, Base64.getDecoder().decode(deadLetters.get(1).string("raw")));
    }

    @Test
    void standardInputToStandardOutputWithDeadLettersOnStandardError() throws IOException {
        String first = Files.readAllLines(DATA).get(0);
        byte[] stdin = (first + "\n{\"features\": []}\n").getBytes(StandardCharsets.UTF_8);
        CliRun r = CliRun.capture((out, err) -> Main.run(new ScoreCommand(() -> new ByteArrayInputStream(stdin)),
                List.of("--model", MODEL.toString(), "--input", "-", "--output", "-"), out, err));
        assertEquals(0, r.status());
        assertEquals(1, r.outLines().size());
        assertEquals("digits-0", JsonFields.parse(r.outLines().get(0)).string("id"));
        assertEquals(2, r.errLines().size());
        JsonFields d = JsonFields.parse(r.errLines().get(0));
        assertEquals("stdin:2", d.string("source"));
        assertEquals("features: expected 64 numbers, got 0", d.string("error"));
        assertEquals(String.format("scored 1 of 2 lines with %s: 1 dead letters", modelId()), r.errLines().get(1));
    }

    @Test
    void batchSizeDoesNotChangeTheOutput() throws IOException {
        Path one = dir.resolve("one.jsonl");
        Path many = dir.resolve("many.jsonl");
        assertEquals(0, CliRun.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", one.toString(),
                "--batch-size", "1").status());
        assertEquals(0, CliRun.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", many.toString(),
                "--batch-size", "1000").status());
        assertEquals(-1L, Files.mismatch(one, many));
    }

    @Test
    void onnxAndJsonDemoModelsAgree() throws IOException {
        Path fromJson = dir.resolve("json.jsonl");
        Path fromOnnx = dir.resolve("onnx.jsonl");
        assertEquals(0, CliRun.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", fromJson.toString()).status());
        CliRun r = CliRun.of("score", "--model", TestData.DIGITS_MODEL.toString(), "--input", DATA.toString(),
                "--output", fromOnnx.toString());
        assertEquals(0, r.status(), r.err());
        List<String> a = Files.readAllLines(fromJson);
        List<String> b = Files.readAllLines(fromOnnx);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(JsonFields.parse(a.get(i)).number("predicted"), JsonFields.parse(b.get(i)).number("predicted"));
        }
    }

    @Test
    void aModelThatDoesNotLoadIsAFailure() throws IOException {
        Path out = dir.resolve("out.jsonl");
        String missing = dir.resolve("nope.onnx").toString();
        CliRun r = CliRun.of("score", "--model", missing, "--input", DATA.toString(), "--output", out.toString());
        assertEquals(1, r.status());
        assertEquals(List.of(String.format("streamscore score: cannot load model %s: no such file", missing)), r.errLines());
        assertFalse(Files.exists(out));

        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"format\": \"something else\"}");
        r = CliRun.of("score", "--model", garbage.toString(), "--input", DATA.toString(), "--output", out.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith(String.format("streamscore score: cannot load model %s: ", garbage)), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unreadableInputAndUnwritableOutputAreFailures() {
        String missing = dir.resolve("missing.jsonl").toString();
        CliRun r = CliRun.of("score", "--model", MODEL.toString(), "--input", missing, "--output", "-");
        assertEquals(1, r.status());
        assertEquals(List.of(String.format("streamscore score: cannot read --input %s: no such file", missing)), r.errLines());

        String noDir = dir.resolve("no/such/dir/out.jsonl").toString();
        r = CliRun.of("score", "--model", MODEL.toString(), "--input", DATA.toString(), "--output", noDir);
        assertEquals(1, r.status());
        assertEquals(List.of(String.format("streamscore score: cannot write --output %s: no such file", noDir)), r.errLines());
    }
}
