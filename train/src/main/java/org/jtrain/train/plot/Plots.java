package org.jtrain.train.plot;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The charts of {@code %plot}: learning curves, feature importance, a column's distribution and a scatter of two
 * columns. (An evaluation, a search, a fairness report and a drift report draw their own charts.) Tables are named in
 * titles by {@link Table#name()}.
 */
public final class Plots {

    /** Scatter plots keep at most this many points, so that a figure stays small in the notebook. */
    public static final int MAX_POINTS = 2000;

    private Plots() {
    }

    /**
     * Learning curves from a History: loss on the left, the other metric (accuracy, mae) on the right, also when it is
     * measured on validation only (an anomaly detector's val_average_precision: training labels are not read).
     */
    public static Figure learningCurves(History h, String title) {
        List<String> metrics = h.metrics();
        // the second panel: a metric besides the loss, measured in training and on validation, or on validation only
        String other = metrics.stream().filter(m -> !m.equals("loss") && !m.equals("val_loss")).map(m -> m.replaceFirst("^val_", ""))
                .findFirst().orElse(null);
        Figure f = Figure.grid(title, 1, other == null ? 1 : 2);
        double[] epochs = new double[h.epochs()];
        for (int i = 0; i < epochs.length; i++) epochs[i] = i + 1;
        Trace.Mode mode = epochs.length > 30 ? Trace.Mode.LINES : Trace.Mode.LINES_MARKERS;
        f.label(0, "loss", "epoch", "loss");
        for (String m : List.of("loss", "val_loss")) {
            if (metrics.contains(m)) f.add(0, new Trace.XY(m, epochs, h.get(m), mode));
        }
        if (other != null) {
            f.label(1, other, "epoch", other);
            for (String m : List.of(other, "val_" + other)) {
                if (metrics.contains(m)) f.add(1, new Trace.XY(m, epochs, h.get(m), mode));
            }
        }
        return f;
    }

    /** The {@code top} features that mattered most to a tree model, largest first; {@code name} is the model's, for the title. */
    public static Figure importance(Model m, int top, String name) {
        double[] imp = m.importance().orElseThrow(() -> new BadInput("'" + name + "' is a " + m.kind()
                + " model, which does not measure feature importance; tree, forest and boosting do."));
        List<Integer> order = IntStream.range(0, imp.length).boxed().sorted(Comparator.comparingDouble(i -> -imp[i])).limit(Math.max(1, top)).toList();
        return Figure.create("feature importance (" + name + ")")
                .label(0, "", "feature", "importance")
                .add(new Trace.Bar("importance", order.stream().map(i -> m.features().get(i)).toList(),
                        order.stream().mapToDouble(i -> imp[i]).toArray()));
    }

    /** A column's distribution: a histogram of {@code bins} bins for numbers, bar counts for text; one series per value of {@code by}. */
    public static Figure distribution(Table t, String column, String by, int bins) {
        if (bins < 1 || bins > 1000) throw new BadInput("--bins must be in [1, 1000]; got " + bins);
        Column<?> c = Tables.column(t, column);
        Column<?> group = by == null ? null : Tables.column(t, by);
        Figure f = Figure.create(column + (by == null ? "" : " by " + by) + " (" + t.name() + ")").label(0, "", column, "rows");
        for (Map.Entry<String, List<Integer>> g : groups(t, group).entrySet()) {
            if (c instanceof NumericColumn<?> n) {
                f.add(Trace.Histogram.of(g.getKey(), g.getValue().stream().mapToDouble(n::getDouble).toArray(), bins));
            } else {
                Map<String, Integer> counts = new TreeMap<>();
                for (int r : g.getValue()) counts.merge(c.getString(r), 1, Integer::sum);
                f.add(new Trace.Bar(g.getKey(), new ArrayList<>(counts.keySet()), counts.values().stream().mapToDouble(i -> i).toArray()));
            }
        }
        return f;
    }

    /** Two numeric columns against each other, one colour per value of {@code color} (null for one colour). */
    public static Figure scatter(Table t, String x, String y, String color) {
        NumericColumn<?> xs = numeric(t, x), ys = numeric(t, y);
        Column<?> group = color == null ? null : Tables.column(t, color);
        Figure f = Figure.create(y + " against " + x + " (" + t.name() + ")").label(0, "", x, y);
        for (Map.Entry<String, List<Integer>> g : groups(t, group).entrySet()) {
            List<Integer> rows = g.getValue();
            int step = Math.max(1, (rows.size() + MAX_POINTS - 1) / MAX_POINTS);
            double[] px = IntStream.iterate(0, i -> i < rows.size(), i -> i + step).mapToDouble(i -> xs.getDouble(rows.get(i))).toArray();
            double[] py = IntStream.iterate(0, i -> i < rows.size(), i -> i + step).mapToDouble(i -> ys.getDouble(rows.get(i))).toArray();
            f.add(new Trace.XY(g.getKey(), px, py, Trace.Mode.MARKERS));
        }
        return f;
    }

    /** Every k-th value so that at most {@link #MAX_POINTS} remain; the same k for x and y keeps pairs together. */
    public static double[] thin(double[] v) {
        if (v.length <= MAX_POINTS) return v;
        int step = (v.length + MAX_POINTS - 1) / MAX_POINTS;
        double[] out = new double[(v.length + step - 1) / step];
        for (int i = 0; i < out.length; i++) out[i] = v[i * step];
        return out;
    }

    private static NumericColumn<?> numeric(Table t, String name) {
        Column<?> c = Tables.column(t, name);
        if (c instanceof NumericColumn<?> n) return n;
        throw new BadInput("Column '" + name + "' of '" + t.name() + "' is " + c.type().name().toLowerCase()
                + "; a scatter needs numbers on both axes. Use --color " + name + " to colour by it instead.");
    }

    /** Row indexes by the value of {@code group} (sorted), or all rows under "all". */
    private static Map<String, List<Integer>> groups(Table t, Column<?> group) {
        Map<String, List<Integer>> out = group == null ? new LinkedHashMap<>() : new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) out.computeIfAbsent(group == null ? "all" : group.getString(r), k -> new ArrayList<>()).add(r);
        if (out.size() > 20) throw new BadInput("'" + group.name() + "' has " + out.size() + " distinct values; colour or split by a column with at most 20");
        return out;
    }
}
