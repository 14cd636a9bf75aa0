package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.streamscore.graph.Graph;
import dev.streamscore.job.records.RecordLayout;
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
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
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
    void blankLinesAreSkippedAndCountedWhereverTheyAre() throws IOException {
        String in = "{\"features\": [1, 2]}\n\n  \t\n{\"features\": [3, 4]}\r\n\n \n";
        assertEquals(new JsonLinesScorer.Summary(6, 2, 0, 4, 1), run(in, 256));
        assertEquals(0, dead.size());
        assertEquals("4", records(out).get(1).text("id"), "blank lines still count in the line numbers");
    }

    @Test
    void manyBlankLinesAreOnlyCounted() throws IOException {
        byte[] in = new byte[3_000_001];
        Arrays.fill(in, (byte) '\n');
        in[in.length - 1] = '{';
        JsonLinesScorer.Summary s = new JsonLinesScorer(ECHO, 8, "in.jsonl").run(new ByteArrayInputStream(in), out, dead);
        assertEquals(new JsonLinesScorer.Summary(3_000_001, 0, 1, 3_000_000, 0), s);
        assertEquals("in.jsonl:3000001", records(dead).get(0).text("source"));
    }

    @Test
    void aLineOverMaxRecordBytesIsADeadLetterKeepingItsFirstBytes() throws IOException {
        String longLine = String.format("{\"features\": [1, 2], \"pad\": \"%s\"}", "p".repeat(200));
        String in = String.join("\n", "{\"features\": [1, 2]}", longLine, "{\"id\": 3, \"features\": [3, 4]}") + "\n";
        JsonLinesScorer.Summary s = new JsonLinesScorer(ECHO, 4, "in.jsonl", 100, 20, RecordLayout.DEFAULT)
                .run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, dead);
        assertEquals(new JsonLinesScorer.Summary(3, 2, 1, 0, 1), s);
        JsonFields d = records(dead).get(0);
        assertEquals(String.format("value: %d bytes, over the limit of 100 (--max-record-bytes)", longLine.length()),
                d.text("error"));
        assertEquals("in.jsonl:2", d.text("source"));
        assertEquals(longLine.substring(0, 20), d.text("raw"));
        assertEquals("true", d.text("raw_truncated"));
        assertEquals(Integer.toString(longLine.length()), d.text("raw_bytes"));
        assertEquals(List.of("1", "3"), records(out).stream().map(r -> r.text("id")).toList());
    }

    @Test
    void aBadLineUnderTheLimitRepeatsAtMostDeadLetterMaxRawBytes() throws IOException {
        String bad = String.format("{\"features\": [1], \"pad\": \"%s\"}", "q".repeat(50));
        new JsonLinesScorer(ECHO, 4, "in.jsonl", 1000, 10, RecordLayout.DEFAULT)
                .run(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), out, dead);
        JsonFields d = records(dead).get(0);
        assertEquals("features: expected 2 numbers, got 1", d.text("error"));
        assertEquals(bad.substring(0, 10), d.text("raw"));
        assertEquals(Integer.toString(bad.length()), d.text("raw_bytes"));
    }

    @Test
    void aNonFiniteOutputIsTheLinesDeadLetter() throws IOException {
        // y = (x0 + x1, x0 - x1): features of 1e308 overflow the first logit to infinity
        Graph.Builder g = Graph.builder();
        int y = g.linear(g.input("x", 2), new DMatrixRMaj(new double[][] {{1, 1}, {1, -1}}), null);
        LoadedModel sum = LoadedModel.compile(new ModelBytes("sum", "1", new byte[] {'{', '}'}),
                new Model("sum", "1", g.output(y).build()), 8);
        String in = "{\"id\": \"a\", \"features\": [1, 2], \"label\": 0}\n"
                + "{\"id\": \"b\", \"features\": [1e308, 1e308], \"label\": 1}\n"
                + "{\"id\": \"c\", \"features\": [3, 4]}\n";
        JsonLinesScorer.Summary s = new JsonLinesScorer(sum, 8, "in.jsonl")
                .run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, dead);
        assertEquals(new JsonLinesScorer.Summary(3, 2, 1, 0, 1), s);
        assertEquals(List.of("a", "c"), records(out).stream().map(r -> r.text("id")).toList());
        JsonFields d = records(dead).get(0);
        assertEquals(String.format("non-finite output at node %d (overflow?)", y), d.text("error"));
        assertEquals("in.jsonl:2", d.text("source"));
        assertEquals("{\"id\": \"b\", \"features\": [1e308, 1e308], \"label\": 1}", d.text("raw"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("NaN"));
    }

    @Test
    void aBatchOfLargeLinesIsScoredBeforeItHoldsMoreThanTheBudget() throws IOException {
        // valid lines of 1 MiB (an ignored field pads them), all kept for their possible dead letters
        int lineBytes = 1 << 20;
        String head = "{\"features\": [1, 2], \"pad\": \"";
        String line = String.format("%s%s\"}\n", head, "p".repeat(lineBytes - head.length() - 2));
        int lines = 40;
        byte[] in = line.repeat(lines).getBytes(StandardCharsets.UTF_8);
        JsonLinesScorer.Summary s = new JsonLinesScorer(ECHO, 256, "in.jsonl", 2 * lineBytes, lineBytes, RecordLayout.DEFAULT)
                .run(new ByteArrayInputStream(in), out, dead);
        int perBatch = JsonLinesScorer.BATCH_RAW_BUDGET / lineBytes;
        assertEquals(new JsonLinesScorer.Summary(lines, lines, 0, 0, (lines + perBatch - 1) / perBatch), s);
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
