package org.jtrain.charts;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FigureTest {

    /** Loss and accuracy of 50 epochs, train and validation, side by side: the chart %train shows. */
    static Figure learningCurves() {
        double[] epochs = new double[50], loss = new double[50], valLoss = new double[50], acc = new double[50], valAcc = new double[50];
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            epochs[i] = i + 1;
            loss[i] = 1 / (1.0 + i) + 0.01 * r.nextDouble();
            valLoss[i] = 1.2 / (1.0 + i) + 0.02 * r.nextDouble();
            acc[i] = 1 - loss[i] / 2;
            valAcc[i] = 1 - valLoss[i] / 2;
        }
        return Figure.grid("Training", 1, 2)
                .label(0, "loss", "epoch", "loss").label(1, "accuracy", "epoch", "accuracy")
                .add(0, new Trace.XY("loss", epochs, loss, Trace.Mode.LINES))
                .add(0, new Trace.XY("val_loss", epochs, valLoss, Trace.Mode.LINES))
                .add(1, new Trace.XY("accuracy", epochs, acc, Trace.Mode.LINES))
                .add(1, new Trace.XY("val_accuracy", epochs, valAcc, Trace.Mode.LINES));
    }

    @Test
    @SuppressWarnings("unchecked")
    void subplotsGetTheirOwnAxes() {
        Map<String, Object> json = learningCurves().toPlotly();
        List<Map<String, Object>> data = (List<Map<String, Object>>) json.get("data");
        assertEquals(4, data.size());
        assertEquals("x2", data.get(2).get("xaxis"));
        assertEquals("y2", data.get(3).get("yaxis"));
        Map<String, Object> layout = (Map<String, Object>) json.get("layout");
        assertEquals(List.of(0.0, 0.45), ((Map<String, Object>) layout.get("xaxis")).get("domain"));
        assertEquals(List.of(0.55, 1.0), ((Map<String, Object>) layout.get("xaxis2")).get("domain"));
        assertEquals(2, ((List<?>) layout.get("annotations")).size(), "one title per panel");
        assertTrue(json.containsKey("config"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLogAxisGoesToBothRenderings() throws IOException {
        double[] lambda = {0.001, 0.01, 0.1, 1, 10};
        Figure f = Figure.create("").label(0, "", "lambda", "accuracy")
                .add(new Trace.XY("candidates", lambda, new double[]{0.9, 0.92, 0.95, 0.93, 0.7}, Trace.Mode.MARKERS)).logX(0);
        Map<String, Object> layout = (Map<String, Object>) f.toPlotly().get("layout");
        assertEquals("log", ((Map<String, Object>) layout.get("xaxis")).get("type"));
        assertEquals(null, ((Map<String, Object>) ((Map<String, Object>) learningCurves().toPlotly().get("layout")).get("xaxis")).get("type"));
        // on a log axis the five points are evenly spaced across the PNG: the gaps between their columns are equal
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(f.toPng()));
        List<Integer> columns = new java.util.ArrayList<>();
        for (int x = 0; x < img.getWidth(); x++) {
            boolean marked = false;
            for (int y = 0; y < img.getHeight() && !marked; y++) marked = (img.getRGB(x, y) & 0xFFFFFF) == 0x636EFA;
            if (marked && (columns.isEmpty() || x - columns.getLast() > 3)) columns.add(x);
        }
        assertEquals(5, columns.size(), "five markers: " + columns);
        for (int i = 2; i < 5; i++) {
            assertEquals(columns.get(1) - columns.get(0), columns.get(i) - columns.get(i - 1), 3.0, "even gaps: " + columns);
        }
    }

    @Test
    void pngMatchesTheFigureAndTheNotebookStaysSmall() throws IOException {
        Figure f = learningCurves();
        byte[] png = f.toPng();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img);
        assertEquals(920, img.getWidth());
        assertEquals(340, img.getHeight());
        int saved = new Gson().toJson(f.toPlotly()).length() + Base64.getEncoder().encodeToString(png).length() + f.toString().length();
        assertTrue(saved < 50_000, "a training chart adds " + saved + " bytes to the notebook");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTraceTypeRendersBothWays() throws IOException {
        double[] values = new Random(3).doubles(10_000).map(v -> v * v).toArray();
        Figure f = Figure.grid("All traces", 2, 2)
                .add(0, new Trace.Bar("count", List.of("ham", "spam"), new double[]{40, 60}))
                .add(1, new Trace.Heatmap("confusion", new double[][]{{50, 2}, {3, 45}}, List.of("ham", "spam"), List.of("ham", "spam"), true))
                .add(2, Trace.Histogram.of("x²", values, 20))
                .add(3, Trace.Box.of("x²", values));
        Map<String, Object> json = f.toPlotly();
        List<String> types = ((List<Map<String, Object>>) json.get("data")).stream().map(d -> (String) d.get("type")).toList();
        assertEquals(List.of("bar", "heatmap", "histogram", "box"), types);
        assertTrue(new Gson().toJson(json).length() < 5_000, "10,000 values are sent as 20 bins and 5 quartiles");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(f.toPng())));
    }

    @Test
    void histogramAndBoxSummariseTheData() {
        Trace.Histogram h = Trace.Histogram.of("v", new double[]{0, 1, 2, 3, Double.NaN}, 3);
        assertEquals(0, h.start());
        assertEquals(1, h.width());
        assertEquals(List.of(1L, 1L, 2L), java.util.Arrays.stream(h.counts()).boxed().toList());
        Trace.Box b = Trace.Box.of("v", new double[]{1, 2, 3, 4, 100});
        assertEquals(3, b.median());
        assertEquals(2, b.q1());
        assertEquals(4, b.q3());
        assertEquals(4, b.upperFence(), "100 is an outlier, beyond q3 + 1.5 IQR");
    }

    @Test
    void mistakesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new Trace.XY("a", new double[2], new double[3], Trace.Mode.LINES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figure.create("x").add(1, Trace.Box.of("b", new double[]{1})));
        assertEquals("panel 1 does not exist: this figure has panels 0..0", e.getMessage());
    }

    @Test
    void nanBecomesAGap() {
        Figure f = Figure.create("gap").add(new Trace.XY("y", new double[]{1, 2, 3}, new double[]{1, Double.NaN, 3}, Trace.Mode.LINES));
        String json = new Gson().toJson(f.toPlotly());
        assertTrue(json.contains("[1.0,null,3.0]"), json);
    }
}
