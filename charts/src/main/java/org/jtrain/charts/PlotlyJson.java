package org.jtrain.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.jtrain.charts.Figure.map;

/** Turns a {@link Figure} into Plotly's {@code {data, layout, config}} as plain maps and lists. */
final class PlotlyJson {

    private static final double H_GAP = 0.1;
    private static final double V_GAP = 0.16;

    private PlotlyJson() {
    }

    static Map<String, Object> of(Figure f) {
        List<Object> data = new ArrayList<>();
        Map<String, Object> layout = map(
                "title", f.title().isEmpty() ? null : map("text", f.title()),
                "height", 340 * f.rows(),
                "margin", map("t", f.title().isEmpty() ? 40 : 60, "b", 50, "l", 60, "r", 20));
        List<Object> annotations = new ArrayList<>();
        double w = (1 - (f.cols() - 1) * H_GAP) / f.cols();
        double h = (1 - (f.rows() - 1) * V_GAP) / f.rows();
        List<Figure.Panel> panels = f.panels();
        for (int i = 0; i < panels.size(); i++) {
            Figure.Panel p = panels.get(i);
            int r = i / f.cols(), c = i % f.cols();
            String suffix = i == 0 ? "" : String.valueOf(i + 1);
            double x0 = c * (w + H_GAP), y1 = 1 - r * (h + V_GAP);
            boolean heatmap = p.traces.stream().anyMatch(t -> t instanceof Trace.Heatmap);
            layout.put("xaxis" + suffix, map("domain", List.of(round(x0), round(x0 + w)), "anchor", "y" + suffix,
                    "title", map("text", p.xTitle()), "automargin", true, "type", p.logX() ? "log" : null));
            layout.put("yaxis" + suffix, map("domain", List.of(round(y1 - h), round(y1)), "anchor", "x" + suffix,
                    "title", map("text", p.yTitle()), "automargin", true, "autorange", heatmap ? "reversed" : null));
            if (!p.title().isEmpty() && panels.size() > 1) {
                annotations.add(map("text", "<b>" + p.title() + "</b>", "x", round(x0 + w / 2), "y", round(y1),
                        "xref", "paper", "yref", "paper", "xanchor", "center", "yanchor", "bottom", "showarrow", false));
            } else if (!p.title().isEmpty() && f.title().isEmpty()) {
                layout.put("title", map("text", p.title()));
            }
            for (Trace t : p.traces) data.add(trace(t, "x" + suffix, "y" + suffix));
        }
        if (!annotations.isEmpty()) layout.put("annotations", annotations);
        return map("data", data, "layout", layout, "config", map("displaylogo", false, "responsive", true));
    }

    private static Map<String, Object> trace(Trace t, String xaxis, String yaxis) {
        Map<String, Object> m = switch (t) {
            case Trace.XY xy -> map("type", "scatter", "mode", switch (xy.mode()) {
                case LINES -> "lines";
                case MARKERS -> "markers";
                case LINES_MARKERS -> "lines+markers";
            }, "x", numbers(xy.x()), "y", numbers(xy.y()));
            case Trace.Bar b -> map("type", "bar", "x", b.categories(), "y", numbers(b.values()));
            case Trace.Heatmap hm -> map("type", "heatmap", "z", Arrays.stream(hm.z()).map(PlotlyJson::numbers).toList(),
                    "x", hm.xLabels(), "y", hm.yLabels(), "colorscale", "Blues",
                    "texttemplate", hm.annotate() ? "%{z}" : null);
            case Trace.Histogram hg -> {
                double[] centers = new double[hg.counts().length];
                for (int i = 0; i < centers.length; i++) centers[i] = hg.start() + (i + 0.5) * hg.width();
                yield map("type", "histogram", "histfunc", "sum", "x", numbers(centers),
                        "y", Arrays.stream(hg.counts()).boxed().toList(),
                        "xbins", map("start", round(hg.start()), "end", round(hg.start() + hg.width() * hg.counts().length),
                                "size", round(hg.width())));
            }
            case Trace.Box bx -> map("type", "box", "x", List.of(bx.name()), "q1", List.of(round(bx.q1())),
                    "median", List.of(round(bx.median())), "q3", List.of(round(bx.q3())),
                    "lowerfence", List.of(round(bx.lowerFence())), "upperfence", List.of(round(bx.upperFence())));
        };
        m.put("name", t.name());
        m.put("xaxis", xaxis);
        m.put("yaxis", yaxis);
        return m;
    }

    /** Values rounded to 6 significant digits (smaller notebooks, no visible change); NaN becomes a gap (null). */
    private static List<Double> numbers(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(Double.isFinite(v) ? round(v) : null);
        return out;
    }

    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) return v;
        double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(v))));
        double scaled = v * scale;
        return Math.abs(scaled) < 1e15 ? Math.round(scaled) / scale : v;
    }
}
