package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.score.Label;
import dev.streamscore.score.Score;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline loop with a small test double in place of the engine (the end-to-end tests with
 * the real engine are in ScoreCommandTest): the double's "probabilities" are the features
 * themselves, so each output can be traced back to its line.
 */
class OfflineScorerTest {
    private static final JsonFactory JSON = new JsonFactory();

    /** Scores a row as its own features; loss = the label's index (or NaN); records batch sizes. */
    private static final class EchoScorer implements BatchScorer {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public Score[] score(List<double[]> features, List<Label> labels) {
            batches.add(features.size());
            Score[] out = new Score[features.size()];
            for (int i = 0; i < out.length; i++) {
                Label l = labels.get(i);
                out[i] = new Score(features.get(i).clone(), 0, l == null ? Double.NaN : l.isIndex() ? l.index() : -1);
            }
            return out;
        }
    }

    private final EchoScorer echo = new EchoScorer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream dead = new ByteArrayOutputStream();

    private OfflineScorer.Summary run(String input, int batchSize) throws IOException {
        return new OfflineScorer(new RecordParser(2, 2), "m@1", echo, batchSize, "in.jsonl")
                .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, dead);
    }

    private static List<Map<String, String>> records(ByteArrayOutputStream bytes) throws IOException {
        List<Map<String, String>> all = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            try (JsonParser p = JSON.createParser(line)) {
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        List<String> items = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            items.add(p.getText());
                        }
                        fields.put(name, String.join(" ", items));
                    } else {
                        fields.put(name, p.getText());
                    }
                }
                assertEquals(null, p.nextToken());
            }
            all.add(fields);
        }
        assertEquals('\n', bytes.size() == 0 ? '\n' : bytes.toByteArray()[bytes.size() - 1]);
        return all;
    }

    @Test
    void scoresInInputOrderAcrossBatches() throws IOException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            in.append(String.format("{\"id\": \"r%d\", \"features\": [%d, 0.5]}%n", i, i));
        }
        OfflineScorer.Summary s = run(in.toString(), 4);
        assertEquals(new OfflineScorer.Summary(10, 10, 0, 0), s);
        assertEquals(List.of(4, 4, 2), echo.batches);
        List<Map<String, String>> outs = records(out);
        for (int i = 0; i < 10; i++) {
            assertEquals(String.format("r%d", i), outs.get(i).get("id"));
            assertEquals(String.format("%d.0 0.5", i), outs.get(i).get("probabilities"));
            assertEquals("m@1", outs.get(i).get("model"));
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
        assertEquals(new OfflineScorer.Summary(5, 2, 3, 0), run(in, 256));
        List<Map<String, String>> outs = records(out);
        assertEquals(2, outs.size());
        assertEquals("1", outs.get(0).get("id"));  // absent id: the line number, as a number
        assertEquals("1.0", outs.get(0).get("loss"));
        assertEquals("7", outs.get(1).get("id"));
        assertEquals(null, outs.get(1).get("loss"));
        List<Map<String, String>> dl = records(dead);
        assertEquals(List.of("in.jsonl:2", "in.jsonl:3", "in.jsonl:5"), dl.stream().map(d -> d.get("source")).toList());
        assertEquals("features: expected 2 numbers, got 1", dl.get(0).get("error"));
        assertEquals("{\"features\": [1]}", dl.get(0).get("raw"));
        assertEquals("utf8", dl.get(0).get("raw_encoding"));
        assertEquals("not json", dl.get(1).get("raw"));
        assertEquals("label: expected a class index in [0, 2) or an array of 2 non-negative numbers summing to 1, got 2",
                dl.get(2).get("error"));
    }

    @Test
    void blankLinesInTheMiddleAreDeadLettersTrailingOnesAreSkipped() throws IOException {
        String in = "{\"features\": [1, 2]}\n\n  \t\n{\"features\": [3, 4]}\r\n\n \n";
        assertEquals(new OfflineScorer.Summary(6, 2, 2, 2), run(in, 256));
        List<Map<String, String>> dl = records(dead);
        assertEquals(List.of("in.jsonl:2", "in.jsonl:3"), dl.stream().map(d -> d.get("source")).toList());
        assertEquals("value: empty, expected a JSON object", dl.get(0).get("error"));
        assertEquals("  \t", dl.get(1).get("raw"));
        assertEquals("4", records(out).get(1).get("id"));
    }

    @Test
    void invalidUtf8LineIsABase64DeadLetter() throws IOException {
        byte[] in = {'{', '"', 'x', '"', ':', '"', (byte) 0xe9, '"', '}', '\n'};
        OfflineScorer.Summary s = new OfflineScorer(new RecordParser(2, 2), "m@1", echo, 8, "stdin")
                .run(new ByteArrayInputStream(in), out, dead);
        assertEquals(new OfflineScorer.Summary(1, 0, 1, 0), s);
        Map<String, String> d = records(dead).get(0);
        assertEquals("stdin:1", d.get("source"));
        assertEquals("base64", d.get("raw_encoding"));
        assertEquals("eyJ4Ijoi6SJ9", d.get("raw"));
        assertEquals(List.of(), echo.batches);
    }

    @Test
    void emptyInput() throws IOException {
        assertEquals(new OfflineScorer.Summary(0, 0, 0, 0), run("", 1));
        assertEquals(0, out.size());
    }

    @Test
    void aScorerReturningTheWrongCountIsAnError() {
        BatchScorer broken = (f, l) -> new Score[0];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OfflineScorer(new RecordParser(2, 2), "m@1", broken, 8, "in")
                        .run(new ByteArrayInputStream("{\"features\": [1, 2]}".getBytes(StandardCharsets.UTF_8)), out, dead));
        assertEquals("the scorer returned 0 scores for a batch of 1 rows", e.getMessage());
    }
}
