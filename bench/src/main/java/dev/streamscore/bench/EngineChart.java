package dev.streamscore.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart of {@code bench engine}: one panel per model, rows/s against batch size (both axes
 * logarithmic), our plan and ONNX Runtime float32 and float64, side by side in one PNG.
 */
final class EngineChart {
    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 440;

    private EngineChart() {}

    /** Writes the PNG. @param title the subtitle line (CPU, vector width), drawn above the panels */
    static void write(List<EngineResult> results, String title, Path png) throws IOException {
        List<String> models = results.stream().map(EngineResult::model).distinct().toList();
        BufferedImage image = new BufferedImage(PANEL_WIDTH * models.size(), HEIGHT + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, 10, 20);
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m);
            panel(model, results.stream().filter(r -> r.model().equals(model)).toList())
                    .draw(g, new Rectangle2D.Double(m * PANEL_WIDTH, 30, PANEL_WIDTH, HEIGHT));
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart panel(String model, List<EngineResult> rows) {
        XYSeries ours = new XYSeries("streamscore (float64)");
        XYSeries f32 = new XYSeries("ONNX Runtime float32");
        XYSeries f64 = new XYSeries("ONNX Runtime float64");
        for (EngineResult r : rows) {
            ours.add(r.batch(), r.streamscoreRowsPerSecond());
            f32.add(r.batch(), r.onnxruntimeRowsPerSecond());
            f64.add(r.batch(), r.onnxruntimeF64RowsPerSecond());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ours);
        data.addSeries(f32);
        data.addSeries(f64);
        JFreeChart chart = ChartFactory.createXYLineChart(model, "batch size (rows)", "rows/s", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis batch = new LogAxis("batch size (rows)");
        batch.setBase(2);
        batch.setTickUnit(new NumberTickUnit(1)); // 1, 2, 4, ... 1024
        batch.setNumberFormatOverride(new DecimalFormat("0"));
        LogAxis rate = new LogAxis("rows/s");
        rate.setTickUnit(new NumberTickUnit(1)); // one labelled tick per decade
        rate.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setDomainAxis(batch);
        plot.setRangeAxis(rate);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0xC0392B));
        renderer.setSeriesPaint(1, new Color(0x2471A3));
        renderer.setSeriesPaint(2, new Color(0x7FB3D5));
        plot.setRenderer(renderer);
        return chart;
    }
}
