package org.jtrain.charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart of one or more panels in a grid, each with its traces, title and axis titles. It becomes Plotly JSON
 * ({@link #toPlotly()}) for JupyterLab and a PNG ({@link #toPng()}) for readers that run no JavaScript.
 */
public final class Figure {

    /** One panel of the grid. */
    public static final class Panel {
        String title = "";
        String xTitle = "";
        String yTitle = "";
        boolean logX;
        final List<Trace> traces = new ArrayList<>();

        public List<Trace> traces() {
            return List.copyOf(traces);
        }

        public String title() {
            return title;
        }

        public String xTitle() {
            return xTitle;
        }

        public String yTitle() {
            return yTitle;
        }

        /** Whether the x axis is in log scale. */
        public boolean logX() {
            return logX;
        }
    }

    private final String title;
    private final int rows;
    private final int cols;
    private final List<Panel> panels = new ArrayList<>();

    private Figure(String title, int rows, int cols) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("a figure needs at least one row and one column");
        this.title = title == null ? "" : title;
        this.rows = rows;
        this.cols = cols;
        for (int i = 0; i < rows * cols; i++) panels.add(new Panel());
    }

    /** A figure with one panel. */
    public static Figure create(String title) {
        return new Figure(title, 1, 1);
    }

    /** A figure of {@code rows × cols} panels, numbered row by row from 0. */
    public static Figure grid(String title, int rows, int cols) {
        return new Figure(title, rows, cols);
    }

    /** Adds a trace to the first panel. */
    public Figure add(Trace trace) {
        return add(0, trace);
    }

    public Figure add(int panel, Trace trace) {
        panel(panel).traces.add(trace);
        return this;
    }

    /** Sets a panel's title and axis titles. */
    public Figure label(int panel, String title, String xTitle, String yTitle) {
        Panel p = panel(panel);
        p.title = title;
        p.xTitle = xTitle;
        p.yTitle = yTitle;
        return this;
    }

    /** Puts a panel's x axis in log scale, for values spread over orders of magnitude (all must be positive). */
    public Figure logX(int panel) {
        panel(panel).logX = true;
        return this;
    }

    public String title() {
        return title;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    private Panel panel(int i) {
        if (i < 0 || i >= panels.size()) {
            throw new IllegalArgumentException("panel " + i + " does not exist: this figure has panels 0.." + (panels.size() - 1));
        }
        return panels.get(i);
    }

    /** The figure as Plotly's {@code {data, layout, config}}. */
    public Map<String, Object> toPlotly() {
        return PlotlyJson.of(this);
    }

    /** The figure as a PNG image of the default size. */
    public byte[] toPng() {
        return PngRenderer.render(this, 460 * Math.min(cols, 3), 340 * rows);
    }

    /** The figure as a PNG image of the given size in pixels. */
    public byte[] toPng(int width, int height) {
        return PngRenderer.render(this, width, height);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Figure");
        if (!title.isEmpty()) s.append(" '").append(title).append('\'');
        for (Panel p : panels) {
            if (p.traces.isEmpty()) continue;
            s.append("\n  ").append(p.title.isEmpty() ? "panel" : p.title).append(": ");
            List<String> names = new ArrayList<>();
            for (Trace t : p.traces) names.add(t.getClass().getSimpleName().toLowerCase() + " " + t.name());
            s.append(String.join(", ", names));
        }
        return s.toString();
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
