package dev.streamscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamscore.model.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's JSON line, the committed models, and the chart, without running a benchmark. */
class EngineResultTest {
    private static final Path MODELS = Path.of("models");

    @Test
    void jsonLineHasTheIssuesFieldsInOrder() {
        EngineResult r = new EngineResult("30-64-32-2", 16, 8064, 1_000_000, 400_000, 250_000, 0.0, EngineResult.CpuRates.NONE);
        assertEquals("{\"bench\":\"engine\",\"model\":\"30-64-32-2\",\"batch\":16,\"streamscore_rows_s\":1000000,"
                + "\"onnxruntime_rows_s\":400000,\"onnxruntime_f64_rows_s\":250000,\"ratio\":2.500,\"gflops\":8.06,"
                + "\"alloc_bytes_per_batch\":0.0}", r.json());
    }

    /** The float32 and float64 files hold the same values: our engine computes the same bits from either. */
    @Test
    void committedModelsLoadWithTheExpectedShapesAndAgreeAcrossPrecisions() throws IOException {
        long[] flops = {2L * (64 * 64 + 64 * 32 + 32 * 10), 2L * (784 * 256 + 256 * 128 + 128 * 10), 2L * (30 * 64 + 64 * 32 + 32 * 2)};
        for (int m = 0; m < BenchModel.NAMES.size(); m++) {
            BenchModel files = BenchModel.of(BenchModel.NAMES.get(m), MODELS);
            Model wide = files.load();
            Model narrow = dev.streamscore.model.ModelLoader.load(files.f32());
            assertEquals(flops[m], BenchModel.flopsPerRow(wide), files.name());
            var a = dev.streamscore.plan.Compiler.compile(wide.graph(), 3);
            var b = dev.streamscore.plan.Compiler.compile(narrow.graph(), 3);
            var x = new org.ejml.data.DMatrixRMaj(3, a.inputWidth(a.inputNames().get(0)));
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = (i % 17) - 8;
            }
            double[] ya = a.forward(x).data.clone();
            double[] yb = b.forward(x).data;
            for (int i = 0; i < 3 * a.outputWidth(); i++) {
                assertEquals(Double.doubleToLongBits(ya[i]), Double.doubleToLongBits(yb[i]), String.format("%s output %d", files.name(), i));
            }
        }
    }

    @Test
    void chartIsAPngWithOnePanelPerModel(@TempDir Path dir) throws IOException {
        List<EngineResult> rows = new java.util.ArrayList<>();
        for (String model : BenchModel.NAMES) {
            for (int batch : new int[] {1, 16, 64, 256, 1024}) {
                rows.add(new EngineResult(model, batch, 1000, 1e5 * batch / 8, 2e5 * Math.sqrt(batch), 1e5 * Math.sqrt(batch), 0,
                        EngineResult.CpuRates.NONE));
            }
        }
        Path png = dir.resolve("chart.png");
        EngineChart.write(rows, "test machine", png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(3 * 560, image.getWidth());
        assertTrue(Files.size(png) > 10_000, "a chart with three panels, not a blank image");
    }
}
