package org.jtrain.train.monitor;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Task;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a classifier treats the groups of a sensitive column, the numbers behind {@code %fairness}: per group, how often
 * it predicts the positive class and how often it is right; then the gaps between groups.
 *
 * @param positive the class counted as a "selection" (e.g. a loan granted, an income above the threshold)
 */
public record Fairness(String sensitive, String positive, List<Group> groups) {

    /** The four-fifths rule: a group selected at under 80% of the most-selected group's rate is a warning sign. */
    public static final double FOUR_FIFTHS = 0.8;

    /**
     * One group's numbers. {@code tpr}: of its truly positive rows, the share predicted positive; {@code fpr}: of its
     * truly negative rows, the share predicted positive; {@code precision}: of the rows predicted positive, the share
     * truly positive. A rate with nothing to divide by is NaN.
     */
    public record Group(String name, int count, double selectionRate, double accuracy, double tpr, double fpr, double precision) {
    }

    /** Scores {@code model} on {@code table}, grouping its rows by {@code sensitive}; {@code positive} null means the second class. */
    public static Fairness of(Model model, Table table, String sensitive, String positive) {
        if (model.task() != Task.CLASSIFICATION) {
            throw new BadInput("Fairness metrics compare how a classifier decides for each group; '" + model.kind()
                    + "' predicts numbers. Train a classifier, or make the target a yes/no column.");
        }
        List<String> classes = model.classes();
        if (positive == null && classes.size() != 2) {
            throw new BadInput("The model has " + classes.size() + " classes (" + String.join(", ", classes)
                    + "); say which one counts as selected with --positive CLASS.");
        }
        String pos = positive != null ? positive : classes.get(1);
        int p = classes.indexOf(pos);
        if (p < 0) throw new BadInput("--positive " + pos + " is not a class of the model. Its classes: " + String.join(", ", classes) + ".");
        String[] group = groups(table, sensitive);
        int[] truth = Encoded.targets(table, model).labels();
        int[] predicted = model.predict(table).labels();
        Map<String, int[]> counts = new TreeMap<>(); // per group: tp, fp, tn, fn
        for (int r = 0; r < truth.length; r++) {
            int[] c = counts.computeIfAbsent(group[r], k -> new int[4]);
            boolean actual = truth[r] == p, said = predicted[r] == p;
            c[actual ? (said ? 0 : 3) : (said ? 1 : 2)]++;
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((name, c) -> {
            int tp = c[0], fp = c[1], tn = c[2], fn = c[3], n = tp + fp + tn + fn;
            groups.add(new Group(name, n, ratio(tp + fp, n), ratio(tp + tn, n), ratio(tp, tp + fn), ratio(fp, fp + tn), ratio(tp, tp + fp)));
        });
        return new Fairness(sensitive, pos, List.copyOf(groups));
    }

    /**
     * Each row's group: the value of column {@code sensitive}, or, after one-hot encoding (columns {@code sensitive=VALUE}),
     * the VALUE whose column is 1.
     */
    static String[] groups(Table table, String sensitive) {
        String[] out = new String[table.rowCount()];
        if (table.containsColumn(sensitive)) {
            Column<?> c = table.column(sensitive);
            for (int r = 0; r < out.length; r++) out[r] = c.isMissing(r) ? "(missing)" : c.getString(r);
            return out;
        }
        List<Column<?>> flags = table.columns().stream().filter(c -> c.name().startsWith(sensitive + "=")).toList();
        if (flags.isEmpty()) { // one-hot columns sex=Female, sex=Male stand for the column sex
            List<String> names = table.columnNames().stream().map(c -> c.contains("=") ? c.substring(0, c.indexOf('=')) : c).distinct().toList();
            throw new BadInput("Column '" + sensitive + "' not found in table '" + table.name() + "'. Columns: " + String.join(", ", names) + ".",
                    Suggest.closest(sensitive, names).orElse(null));
        }
        java.util.Arrays.fill(out, "(other)");
        for (Column<?> f : flags) {
            String value = f.name().substring(sensitive.length() + 1);
            for (int r = 0; r < out.length; r++) if ("1".equals(f.getString(r)) || "1.0".equals(f.getString(r))) out[r] = value;
        }
        return out;
    }

    /** Largest minus smallest selection rate: 0 when every group is selected equally often. */
    public double parityDifference() {
        return spread(groups.stream().mapToDouble(Group::selectionRate).toArray(), false);
    }

    /** Smallest over largest selection rate: 1 when equal; under {@link #FOUR_FIFTHS} fails the four-fifths rule. */
    public double parityRatio() {
        return spread(groups.stream().mapToDouble(Group::selectionRate).toArray(), true);
    }

    /** The larger of the gaps in true-positive rate and in false-positive rate between groups. */
    public double equalizedOddsDifference() {
        return Math.max(spread(groups.stream().mapToDouble(Group::tpr).toArray(), false),
                spread(groups.stream().mapToDouble(Group::fpr).toArray(), false));
    }

    /** Plain-language warnings about large gaps; empty when none. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        Group most = groups.stream().max((a, b) -> Double.compare(a.selectionRate(), b.selectionRate())).orElseThrow();
        for (Group g : groups) {
            if (g.count() > 0 && most.selectionRate() > 0 && g.selectionRate() / most.selectionRate() < FOUR_FIFTHS) {
                out.add(String.format("%s = %s is predicted '%s' at %.1f%% of the rate of %s = %s (%.3f vs %.3f): below the "
                                + "four-fifths (80%%) rule, a common sign of adverse impact.", sensitive, g.name(), positive,
                        100 * g.selectionRate() / most.selectionRate(), sensitive, most.name(), g.selectionRate(), most.selectionRate()));
            }
        }
        double odds = equalizedOddsDifference();
        if (odds > 0.1) {
            out.add(String.format("The model's error rates differ between groups by up to %.3f (equalized-odds difference): it is "
                    + "right more often for some groups than for others among people with the same true outcome.", odds));
        }
        return out;
    }

    /** What the numbers mean, in words: the warnings, or that no gap is large. */
    public List<String> verdict() {
        List<String> w = warnings();
        return w.isEmpty() ? List.of("No gap beyond the four-fifths rule, and error rates within 0.1 of each other.")
                : w.stream().map(x -> "Warning: " + x).toList();
    }

    /** Rates per group as bars, and each group's selection rate against the highest, with the four-fifths line. */
    public Figure chart(String title) {
        List<String> names = groups.stream().map(Group::name).toList();
        double top = groups.stream().mapToDouble(Group::selectionRate).max().orElse(0);
        Figure fig = Figure.grid(title, 1, 2).label(0, "rates per group", sensitive, "rate")
                .add(0, bars("selection rate", names, Group::selectionRate))
                .add(0, bars("TPR", names, Group::tpr))
                .add(0, bars("FPR", names, Group::fpr))
                .add(0, bars("precision", names, Group::precision));
        double[] ratio = groups.stream().mapToDouble(x -> top > 0 ? x.selectionRate() / top : 1).toArray();
        return fig.label(1, "selection rate ÷ highest (four-fifths rule: ≥ 0.8)", sensitive, "ratio")
                .add(1, new Trace.Bar("ratio", names, ratio))
                .add(1, new Trace.Bar("four-fifths", names, names.stream().mapToDouble(n -> FOUR_FIFTHS).toArray()));
    }

    /** A rate per group as bars; an undefined rate (no rows to divide by) shows as 0. */
    private Trace.Bar bars(String name, List<String> names, java.util.function.ToDoubleFunction<Group> rate) {
        return new Trace.Bar(name, names, groups.stream().mapToDouble(rate).map(v -> Double.isNaN(v) ? 0 : v).toArray());
    }

    public Table toTable() {
        StringColumn name = StringColumn.create(sensitive);
        IntColumn count = IntColumn.create("count");
        DoubleColumn sel = DoubleColumn.create("selection_rate"), acc = DoubleColumn.create("accuracy"), tpr = DoubleColumn.create("tpr"),
                fpr = DoubleColumn.create("fpr"), prec = DoubleColumn.create("precision");
        for (Group g : groups) {
            name.append(g.name());
            count.append(g.count());
            sel.append(round(g.selectionRate()));
            acc.append(round(g.accuracy()));
            tpr.append(round(g.tpr()));
            fpr.append(round(g.fpr()));
            prec.append(round(g.precision()));
        }
        return Table.create("fairness", name, count, sel, acc, tpr, fpr, prec);
    }

    @Override
    public String toString() {
        return String.format("positive class '%s' by %s: demographic-parity difference %.4f, ratio %.4f; equalized-odds difference %.4f",
                positive, sensitive, parityDifference(), parityRatio(), equalizedOddsDifference());
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Max − min, or min / max, over the defined values. */
    private static double spread(double[] values, boolean asRatio) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min > max) return Double.NaN;
        return asRatio ? (max == 0 ? 1 : min / max) : max - min;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1e4) / 1e4;
    }
}
