package dev.streamscore.job.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamscore.graph.MlpBuilder;
import dev.streamscore.job.records.RecordId;
import dev.streamscore.job.records.RecordParser;
import dev.streamscore.job.records.RecordWriter;
import dev.streamscore.job.serving.LoadedModel;
import dev.streamscore.job.serving.ModelBytes;
import dev.streamscore.model.Model;
import dev.streamscore.score.Classifier;
import dev.streamscore.score.Label;
import dev.streamscore.score.Scores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The offline loop with the real engine: outputs are those of the scorer, whatever the batch size. */
class EngineJsonLinesScorerTest {
    private static final Model MODEL = new Model("mlp", "test1", new MlpBuilder()
            .inputWidth(5).hidden(8).outputWidth(3).activation("tanh").seed(11).head("softmax").build());

    private static String input(int records) {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < records; i++) {
            s.append(String.format("{\"id\": \"r%d\", \"features\": [", i));
            for (int j = 0; j < 5; j++) {
                s.append(j == 0 ? "" : ", ").append(random.nextDouble(-3, 3));
            }
            s.append(']');
            if (i % 3 == 0) {
                s.append(String.format(", \"label\": %d", i % 3 == 0 ? (i / 3) % 3 : 0));
            } else if (i % 3 == 1) {
                s.append(", \"label\": [0.2, 0.5, 0.3]");
            }
            s.append("}\n");
            if (i % 10 == 4) {
                s.append("{\"features\": [1, 2]}\n");
            }
        }
        return s.toString();
    }

    private static String score(String input, int batchSize, ByteArrayOutputStream dead) throws IOException {
        LoadedModel model = LoadedModel.compile(new ModelBytes("mlp", "test1", new byte[] {'{', '}'}), MODEL, batchSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesScorer.Summary s = new JsonLinesScorer(model, batchSize, "in.jsonl")
                .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, dead);
        assertEquals(new JsonLinesScorer.Summary(110, 100, 10, 0, (100 + batchSize - 1) / batchSize), s);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sameBytesWhateverTheBatchSize() throws IOException {
        String in = input(100);
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        String reference = score(in, 1, dead);
        for (int batch : new int[] {2, 7, 64, 256}) {
            assertEquals(reference, score(in, batch, new ByteArrayOutputStream()), String.format("batch size %d", batch));
        }
        assertEquals(10, dead.toString(StandardCharsets.UTF_8).split("\n").length);
    }

    @Test
    void outputIsTheScorersResultInInputOrder() throws IOException {
        String in = input(100);
        String[] lines = score(in, 16, new ByteArrayOutputStream()).split("\n");
        assertEquals(100, lines.length);
        // the same rows scored directly by the engine, one at a time
        Classifier direct = Classifier.compile(MODEL, 1);
        RecordParser parser = new RecordParser(5, 3);
        int record = 0;
        for (String line : in.split("\n")) {
            if (parser.parse(line.getBytes(StandardCharsets.UTF_8), RecordId.ofNumber(0), "t")
                    instanceof dev.streamscore.job.records.InputRecord r) {
                System.arraycopy(r.features(), 0, direct.input(1).data, 0, 5);
                Scores expected = direct.newScores();
                direct.classify(new Label[] {r.label()}, expected);
                assertArrayEquals(RecordWriter.score(r.id(), "mlp@test1", expected, 0),
                        lines[record].getBytes(StandardCharsets.UTF_8), lines[record]);
                assertEquals(r.label() != null, lines[record].contains("\"loss\":"));
                record++;
            }
        }
        assertEquals(100, record);
    }
}
