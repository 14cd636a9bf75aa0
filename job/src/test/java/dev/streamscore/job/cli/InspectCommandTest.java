package dev.streamscore.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.graph.Node;
import dev.streamscore.job.testing.CliRun;
import dev.streamscore.model.Model;
import dev.streamscore.model.ModelLoader;
import dev.streamscore.plan.Plan;
import dev.streamscore.score.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private static void assertDescribes(Path file) throws IOException {
        CliRun r = CliRun.of("inspect", "--model", file.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        Model model = ModelLoader.load(file);
        Classifier scorer = Classifier.compile(model, 1);
        Plan plan = scorer.plan();
        List<String> lines = r.outLines();
        assertEquals(String.format("model       %s", model.id()), lines.get(0));
        assertEquals(String.format("input       %s [batch, 64]", plan.inputNames().get(0)), lines.get(1));
        assertTrue(lines.get(2).endsWith(", 10 classes"), lines.get(2));
        assertTrue(lines.get(3).startsWith(String.format("parameters  %,d ", plan.parameterCount())), lines.get(3));
        List<String> table = lines.subList(6, lines.size());
        assertEquals(plan.order().size(), table.size());
        for (int i = 0; i < table.size(); i++) {
            Node n = plan.order().get(i);
            String[] cells = table.get(i).trim().split("\\s+");
            assertEquals(Integer.toString(i + 1), cells[0]);
            assertEquals(Integer.toString(n.id()), cells[1]);
            assertEquals(n.op().jsonName(), cells[2]);
            assertTrue(table.get(i).contains(String.format("[batch, %d]", plan.width(n.id()))), table.get(i));
        }
    }

    @Test
    void describesTheDemoModels() throws IOException {
        assertDescribes(TestFiles.demo("digits.json"));
        assertDescribes(TestFiles.demo("digits.onnx"));
    }

    @Test
    void missingModelFlagIsAUsageError() {
        CliRun r = CliRun.of("inspect");
        assertEquals(2, r.status());
        assertEquals(List.of("streamscore inspect: missing required flag --model", "usage: ./streamscore inspect --model FILE [--max-model-bytes N]"),
                r.errLines());
    }

    @Test
    void aFileThatIsNotAModelIsAFailure() throws IOException {
        Path notModel = Files.write(dir.resolve("x.onnx"), new byte[] {1, 2, 3, 4, 5});
        CliRun r = CliRun.of("inspect", "--model", notModel.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith(String.format("streamscore inspect: cannot load model %s: ", notModel)), r.err());
        assertEquals("", r.out());
    }
}
