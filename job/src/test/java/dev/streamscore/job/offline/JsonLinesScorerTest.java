package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.streamscore.graph.Graph;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.job.testing.JsonFields;
import dev.streamscore.model.Model;
import dev.streamscore.ops.Softmax;
import dev.streamscore.score.CrossEntropy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline loop on a model whose outputs trace back to their lines: a graph whose output is its
 * input, so a row's logits are its features and its probabilities their softmax (the end-to-end
 * tests with the demo model are in ScoreCommandTest).
 */
class JsonLinesScorerTest {
    private static final LoadedModel ECHO = echo();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream dead = new ByteArrayOutputStream();

    private static LoadedModel echo() {
        Graph.Builder g = Graph.builder();
        Graph graph = g.output(g.input("x", 2)).build();
        return LoadedModel.compile(new ModelBytes("m", "1", new byte[] {'{', '}'}), new Model("m", "1", graph), 256);
    }

    private JsonLinesScorer.Summary run(String input, int batchSize) throws IOException {
        return new JsonLinesScorer(ECHO, batchSize, "in.jsonl")
                .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, dead);
    }

    /** The probabilities of a row of logits (x0, x1), as the output writes them. */
    private static List<String> softmax(double x0, double x1) {
        double[] p = new double[2];
        Softmax.softmaxRow(new double[] {x0, x1}, 0, 2, p, 0);
        return List.of(Double.toString(p[0]), Double.toString(p[1]));
    }

    /** The records written to {@code bytes}, each line ended by a newline. */
    private static List<JsonFields> records(ByteArrayOutputStream bytes) {
        assertEquals('\n', bytes.size() == 0 ? '\n' : bytes.toByteArray()[bytes.size() - 1]);
        return JsonFields.lines(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scoresInInputOrderAcrossBatches() throws IOException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(String.format("{\"id\": \"r%d\", \"features\": [%d, 0.5]}%n", i, i));
        }
        JsonLinesScorer.Summary s = run(in.toString(), 4);
        assertEquals(new JsonLinesScorer.Summary(10, 10, 0, 0, 3), s, "batches of 4, 4 and 2");
        List<JsonFields> outs = records(out);
        for (int i = 0; i < 10; i++) {
            assertEquals(String.format("r%d", i), outs.get(i).string("id"));
            assertEquals(softmax(i, 0.5), outs.get(i).list("probabilities"));
            assertEquals("m@1", outs.get(i).string("model"));
        }
        assertEquals(0, dead.size());
    }

    @Test
    void badLinesGoToDeadLettersAndTheRunGoesOn() throws IOException {
        String in = String.join("\n",
                "{\"features\": [1, 2], \"label\": 1}",
                "{\"features\": [1]}",
                "not json",
                "{\"id\": 7, \"features\": [3, 4]}",
                "{\"features\": [5, 6], \"label\": 2}") + "\n";
        assertEquals(new JsonLinesScorer.Summary(5, 2, 3, 0, 1), run(in, 256));
        List<JsonFields> outs = records(out);
        assertEquals(2, outs.size());
        assertEquals("1", outs.get(0).number("id"));  // absent id: the line number, as a number
        assertEquals(Double.toString(CrossEntropy.ofIndex(new double[] {1, 2}, 0, 2, 1)), outs.get(0).number("loss"));
        assertEquals("7", outs.get(1).number("id"));
        assertFalse(outs.get(1).has("loss"));
        List<JsonFields> dl = records(dead);
        assertEquals(List.of("in.jsonl:2", "in.jsonl:3", "in.jsonl:5"), dl.stream().map(d -> d.string("source")).toList());
        assertEquals("features: expected 2 numbers, got 1", dl.get(0).string("error"));
        assertEquals("{\"features\": [1]}", dl.get(0).string("raw"));
        assertEquals("utf8", dl.get(0).string("raw_encoding"));
        assertEquals("not json", dl.get(1).string("raw"));
        assertEquals("label: expected a class index in [0, 2) or an array of 2 non-negative numbers summing to 1, got 2",
                dl.get(2).string("error"));
    }

    @Test
    void blankLinesInTheMiddleAreDeadLettersTrailingOnesAreSkipped() throws IOException {
        String in = "{\"features\": [1, 2]}\n\n  \t\n{\"features\": [3, 4]}\r\n\n \n";
        assertEquals(new JsonLinesScorer.Summary(6, 2, 2, 2, 1), run(in, 256));
        List<JsonFields> dl = records(dead);
        assertEquals(List.of("in.jsonl:2", "in.jsonl:3"), dl.stream().map(d -> d.string("source")).toList());
        assertEquals("value: empty, expected a JSON object", dl.get(0).string("error"));
        assertEquals("  \t", dl.get(1).string("raw"));
        assertEquals("4", records(out).get(1).number("id"));
    }

    @Test
    void invalidUtf8LineIsABase64DeadLetter() throws IOException {
        byte[] in = {'{', '"', 'x', '"', ':', '"', (byte) 0xe9, '"', '}', '\n'};
        JsonLinesScorer.Summary s = new JsonLinesScorer(ECHO, 8, "stdin").run(new ByteArrayInputStream(in), out, dead);
        assertEquals(new JsonLinesScorer.Summary(1, 0, 1, 0, 0), s, "nothing scored");
        JsonFields d = records(dead).get(0);
        assertEquals("stdin:1", d.string("source"));
        assertEquals("base64", d.string("raw_encoding"));
        assertEquals("eyJ4Ijoi6SJ9", d.string("raw"));
    }

    @Test
    void emptyInput() throws IOException {
        assertEquals(new JsonLinesScorer.Summary(0, 0, 0, 0, 0), run("", 1));
        assertEquals(0, out.size());
    }
}
