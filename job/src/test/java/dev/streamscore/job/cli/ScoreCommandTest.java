package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} end to end through {@link Main#run}: the demo model and data, files and standard streams. */
class ScoreCommandTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Path MODEL = TestFiles.demo("digits.json");
    private static final Path DATA = TestFiles.demo("digits.jsonl");

    @TempDir
    Path dir;

    /** A flat JSON object: strings and number texts; arrays as lists of texts. */
    static Map<String, Object> fields(String line) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), line);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    fields.put(name, items);
                } else {
                    fields.put(name, p.getText());
                }
            }
            assertEquals(null, p.nextToken(), line);
        }
        return fields;
    }

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
            Map<String, Object> in = fields(inputs.get(i));
            Map<String, Object> o = fields(outputs.get(i));
            assertEquals(List.of("id", "model", "probabilities", "predicted", "loss"), List.copyOf(o.keySet()));
            assertEquals(in.get("id"), o.get("id"));
            assertEquals(modelId, o.get("model"));
            @SuppressWarnings("unchecked")
            List<String> p = (List<String>) o.get("probabilities");
            assertEquals(10, p.size());
            double sum = p.stream().mapToDouble(Double::parseDouble).sum();
            assertEquals(1.0, sum, 1e-12);
            assertTrue(Double.parseDouble((String) o.get("loss")) >= 0);
            correct += o.get("predicted").equals(in.get("label")) ? 1 : 0;
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

        List<String> outputs = Files.readAllLines(out);
        assertEquals(List.of("digits-0", "digits-1", "7"), outputs.stream().map(l -> {
            try {
                return (String) fields(l).get("id");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList());

        List<Map<String, Object>> deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(dead)) {
            deadLetters.add(fields(line));
        }
        String src = input.toString();
        assertEquals(List.of(src + ":2", src + ":5", src + ":6", src + ":8"),
                deadLetters.stream().map(d -> d.get("source")).toList());
        assertEquals("features: expected 64 numbers, got 3", deadLetters.get(0).get("error"));
        assertEquals("{\"id\": \"short\", \"features\": [1, 2, 3]}", deadLetters.get(0).get("raw"));
        assertEquals("base64", deadLetters.get(1).get("raw_encoding"));
        assertEquals("e/99", deadLetters.get(1).get("raw"));
        assertTrue(((String) deadLetters.get(2).get("error")).startsWith("label: expected a class index in [0, 10)"),
                (String) deadLetters.get(2).get("error"));
        assertTrue(((String) deadLetters.get(3).get("error")).startsWith("invalid JSON at column "),
                (String) deadLetters.get(3).get("error"));
        for (Map<String, Object> d : deadLetters) {
            assertEquals(List.of("error", "source", "raw", "raw_encoding"), List.copyOf(d.keySet()));
        }
        assertEquals(List.of((byte) '{', (byte) 0xff, (byte) '}'),
                toList(Base64.getDecoder().decode((String) deadLetters.get(1).get("raw"))));
    }

    private static List<Byte> toList(byte[] b) {
        List<Byte> l = new ArrayList<>();
        for (byte x : b) {
            l.add(x);
        }
        return l;
    }

    @Test
    void standardInputToStandardOutputWithDeadLettersOnStandardError() throws IOException {
        String first = Files.readAllLines(DATA).get(0);
        byte[] stdin = (first + "\n{\"features\": []}\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(new ScoreCommand(() -> new ByteArrayInputStream(stdin)),
                    List.of("--model", MODEL.toString(), "--input", "-", "--output", "-"), o, e);
        }
        assertEquals(0, status);
        String[] outLines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, outLines.length);
        assertEquals("digits-0", fields(outLines[0]).get("id"));
        String[] errLines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, errLines.length);
        Map<String, Object> d = fields(errLines[0]);
        assertEquals("stdin:2", d.get("source"));
        assertEquals("features: expected 64 numbers, got 0", d.get("error"));
        assertEquals(String.format("scored 1 of 2 lines with %s: 1 dead letters", modelId()), errLines[1]);
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
        CliRun r = CliRun.of("score", "--model", TestFiles.demo("digits.onnx").toString(), "--input", DATA.toString(),
                "--output", fromOnnx.toString());
        assertEquals(0, r.status(), r.err());
        List<String> a = Files.readAllLines(fromJson);
        List<String> b = Files.readAllLines(fromOnnx);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(fields(a.get(i)).get("predicted"), fields(b.get(i)).get("predicted"));
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
