package org.jtrain.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Draws a {@link Figure} with JFreeChart, in Plotly's default colours, so the PNG matches the interactive chart. */
final class PngRenderer {

    /** Plotly's default colour sequence. */
    static final Color[] COLORS = {
            new Color(0x636EFA), new Color(0xEF553B), new Color(0x00CC96), new Color(0xAB63FA),
            new Color(0xFFA15A), new Color(0x19D3F3), new Color(0xFF6692), new Color(0xB6E880)};
    private static final Color GRID = new Color(0xE5ECF6);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private PngRenderer() {
    }

    static byte[] render(Figure f, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = 0;
        if (!f.title().isEmpty()) {
            g.setColor(Color.DARK_GRAY);
            g.setFont(TITLE);
            g.drawString(f.title(), 12, 22);
            top = 30;
        }
        double w = (double) width / f.cols(), h = (double) (height - top) / f.rows();
        List<Figure.Panel> panels = f.panels();
        for (int i = 0; i < panels.size(); i++) {
            Figure.Panel p = panels.get(i);
            if (p.traces.isEmpty()) continue;
            JFreeChart chart = new JFreeChart(p.title().isEmpty() ? null : p.title(), PANEL_TITLE, plot(p), legend(p));
            chart.setBackgroundPaint(Color.WHITE);
            chart.setAntiAlias(true);
            chart.setTextAntiAlias(true);
            chart.draw(g, new Rectangle2D.Double((i % f.cols()) * w, top + (i / f.cols()) * h, w, h));
        }
        g.dispose();
        return encode(image);
    }

    /** PNG at the strongest compression: a chart is written once and kept in the notebook for good. */
    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static boolean legend(Figure.Panel p) {
        return p.traces.stream().filter(t -> !(t instanceof Trace.Heatmap)).count() > 1;
    }

    private static Plot plot(Figure.Panel p) {
        Trace first = p.traces.getFirst();
        if (first instanceof Trace.Heatmap hm) return heatmap(hm, p);
        if (first instanceof Trace.Bar || first instanceof Trace.Box) return categories(p);
        return xy(p);
    }

    private static XYPlot xy(Figure.Panel p) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer();
        XYIntervalSeriesCollection bins = new XYIntervalSeriesCollection();
        int color = 0, line = 0, bin = 0;
        for (Trace t : p.traces) {
            Color c = COLORS[color++ % COLORS.length];
            if (t instanceof Trace.XY xy) {
                XYSeries s = new XYSeries(xy.name() + "#" + line, false, true);
                for (int i = 0; i < xy.x().length; i++) {
                    if (Double.isFinite(xy.x()[i]) && Double.isFinite(xy.y()[i])) s.add(xy.x()[i], xy.y()[i]);
                }
                s.setDescription(xy.name());
                lines.addSeries(s);
                lineRenderer.setSeriesPaint(line, c);
                lineRenderer.setSeriesStroke(line, new BasicStroke(2f));
                lineRenderer.setSeriesLinesVisible(line, xy.mode() != Trace.Mode.MARKERS);
                lineRenderer.setSeriesShapesVisible(line, xy.mode() != Trace.Mode.LINES);
                lineRenderer.setSeriesShape(line, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
                line++;
            } else if (t instanceof Trace.Histogram hg) {
                XYIntervalSeries s = new XYIntervalSeries(hg.name() + "#" + bin++);
                for (int i = 0; i < hg.counts().length; i++) {
                    double lo = hg.start() + i * hg.width();
                    s.add(lo + hg.width() / 2, lo, lo + hg.width(), hg.counts()[i], 0, hg.counts()[i]);
                }
                bins.addSeries(s);
            } else {
                throw new IllegalArgumentException(t.getClass().getSimpleName() + " cannot share a panel with lines");
            }
        }
        lineRenderer.setLegendItemLabelGenerator((d, s) -> ((XYSeriesCollection) d).getSeries(s).getDescription());
        NumberAxis y = new NumberAxis(p.yTitle());
        ValueAxis x;
        if (p.logX()) {
            LogAxis log = new LogAxis(p.xTitle());
            log.setTickUnit(new NumberTickUnit(1), false, false); // a tick at each power of ten,
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.######")); // written 0.01 and 100, not 10^-2.0
            x = log;
        } else {
            NumberAxis linear = new NumberAxis(p.xTitle());
            linear.setAutoRangeIncludesZero(false);
            x = linear;
        }
        y.setAutoRangeIncludesZero(bins.getSeriesCount() > 0);
        if (lines.getSeriesCount() > 0 && bins.getSeriesCount() == 0) { // one value (a single epoch): a readable range around it
            widen(x, lines.getDomainLowerBound(false), lines.getDomainUpperBound(false));
            widen(y, lines.getRangeLowerBound(false), lines.getRangeUpperBound(false));
        }
        XYPlot plot = new XYPlot(null, x, y, null);
        if (lines.getSeriesCount() > 0) {
            plot.setDataset(0, lines);
            plot.setRenderer(0, lineRenderer);
        }
        if (bins.getSeriesCount() > 0) {
            XYBarRenderer bars = new XYBarRenderer(0.05);
            bars.setBarPainter(new StandardXYBarPainter());
            bars.setShadowVisible(false);
            bars.setLegendItemLabelGenerator((d, s) -> ((XYIntervalSeriesCollection) d).getSeries(s).getKey().toString().replaceAll("#\\d+$", ""));
            for (int s = 0; s < bins.getSeriesCount(); s++) bars.setSeriesPaint(s, COLORS[(line + s) % COLORS.length]);
            plot.setDataset(1, bins);
            plot.setRenderer(1, bars);
        }
        style(plot);
        return plot;
    }

    /** An axis whose values are all equal spans a tenth of the value on each side (or 1), not JFreeChart's 1e-8. */
    private static void widen(ValueAxis axis, double lo, double hi) {
        if (!(axis instanceof NumberAxis n) || Double.isNaN(lo) || hi - lo > 0) return;
        n.setAutoRangeMinimumSize(lo == 0 ? 2 : Math.abs(lo) * 0.2);
    }

    private static CategoryPlot categories(Figure.Panel p) {
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultBoxAndWhiskerCategoryDataset boxes = new DefaultBoxAndWhiskerCategoryDataset();
        for (Trace t : p.traces) {
            switch (t) {
                case Trace.Bar b -> {
                    for (int i = 0; i < b.values().length; i++) bars.addValue(b.values()[i], b.name(), b.categories().get(i));
                }
                case Trace.Box bx -> boxes.add(new BoxAndWhiskerItem(null, bx.median(), bx.q1(), bx.q3(),
                        bx.lowerFence(), bx.upperFence(), null, null, List.of()), "", bx.name());
                default -> throw new IllegalArgumentException(t.getClass().getSimpleName() + " cannot share a panel with bars or boxes");
            }
        }
        CategoryPlot plot = new CategoryPlot();
        plot.setDomainAxis(new CategoryAxis(p.xTitle()));
        plot.setRangeAxis(new NumberAxis(p.yTitle()));
        if (bars.getRowCount() > 0) {
            BarRenderer r = new BarRenderer();
            r.setBarPainter(new StandardBarPainter());
            r.setShadowVisible(false);
            for (int s = 0; s < bars.getRowCount(); s++) r.setSeriesPaint(s, COLORS[s % COLORS.length]);
            plot.setDataset(0, bars);
            plot.setRenderer(0, r);
        }
        if (boxes.getColumnCount() > 0) {
            BoxAndWhiskerRenderer r = new BoxAndWhiskerRenderer();
            r.setMeanVisible(false);
            r.setSeriesPaint(0, COLORS[0]);
            r.setMaximumBarWidth(0.15);
            plot.setDataset(1, boxes);
            plot.setRenderer(1, r);
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        plot.setBackgroundPaint(GRID);
        plot.setRangeGridlinePaint(Color.WHITE);
        plot.setOutlineVisible(false);
        return plot;
    }

    private static XYPlot heatmap(Trace.Heatmap hm, Figure.Panel p) {
        int rows = hm.z().length, cols = hm.xLabels().size();
        double[][] data = new double[3][rows * cols];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                data[0][k] = c;
                data[1][k] = r;
                data[2][k] = hm.z()[r][c];
                if (Double.isFinite(hm.z()[r][c])) {
                    min = Math.min(min, hm.z()[r][c]);
                    max = Math.max(max, hm.z()[r][c]);
                }
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(hm.name(), data);
        if (!(max > min)) max = min + 1;
        LookupPaintScale scale = new LookupPaintScale(min, max + 1e-9 * (max - min), Color.WHITE);
        Color light = new Color(0xF7FBFF), dark = new Color(0x08306B);
        for (int i = 0; i < 32; i++) scale.add(min + (max - min) * i / 32, blend(light, dark, i / 31.0));
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(p.xTitle(), hm.xLabels().toArray(String[]::new));
        SymbolAxis y = new SymbolAxis(p.yTitle(), hm.yLabels().toArray(String[]::new));
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        y.setInverted(true);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        if (hm.annotate() && rows * cols <= 400) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double v = hm.z()[r][c];
                    XYTextAnnotation a = new XYTextAnnotation(v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v), c, r);
                    a.setPaint((v - min) / (max - min) > 0.5 ? Color.WHITE : Color.BLACK);
                    a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    plot.addAnnotation(a);
                }
            }
        }
        return plot;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(GRID);
        plot.setDomainGridlinePaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.WHITE);
        plot.setOutlineVisible(false);
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color((int) (a.getRed() + t * (b.getRed() - a.getRed())),
                (int) (a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) (a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
