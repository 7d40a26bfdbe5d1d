package org.jtrain.train.monitor;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;

import smile.stat.hypothesis.ChiSqTest;
import smile.stat.hypothesis.KSTest;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * How far newer data has moved from the data a model learned on, column by column, the numbers behind {@code %drift}:
 * the population stability index (PSI) on binned shares, and a test of "same distribution" with its p-value
 * (Kolmogorov–Smirnov for numbers, chi-square for categories).
 */
public record Drift(List<Feature> features) {

    /** PSI under this is read as stable, at or over {@link #MAJOR} as a major shift, in between as moderate. */
    public static final double MODERATE = 0.1;
    public static final double MAJOR = 0.25;
    /** Shares are floored at this before taking logs, so that an empty bin does not make PSI infinite. */
    static final double FLOOR = 1e-4;
    private static final int BINS = 10;

    /**
     * One column's comparison. {@code bins} name the bins (numeric ranges or categories), {@code reference} and
     * {@code current} hold each bin's share of rows.
     */
    public record Feature(String name, boolean numeric, double psi, String test, double statistic, double pValue,
                          List<String> bins, double[] reference, double[] current) {

        public String verdict() {
            return psi >= MAJOR ? "major shift" : psi >= MODERATE ? "moderate shift" : "stable";
        }

        /** A column counts as drifted when its PSI shows a major shift, or a moderate one the test confirms (p < 0.05). */
        public boolean drifted() {
            return psi >= MAJOR || (psi >= MODERATE && pValue < 0.05);
        }
    }

    /** The chart shows the most shifted columns first, at most this many. */
    public static final int MAX_PANELS = 6;

    /**
     * Compares {@code current} with {@code reference} on {@code columns} (null: every column both have, but dates and
     * times), and, if {@code model} is given, on its predictions for both. Messages name the tables by their names.
     */
    public static Drift of(Table reference, Table current, List<String> columns, Model model) {
        String refName = reference.name(), curName = current.name();
        List<String> names = columns != null ? columns : reference.columnNames().stream()
                .filter(current::containsColumn).filter(n -> comparable(reference.column(n))).toList();
        List<Feature> out = new ArrayList<>();
        for (String n : names) {
            Column<?> r = Tables.column(reference, n), c = Tables.column(current, n);
            if (!comparable(r)) {
                throw new BadInput("Column '" + n + "' is " + r.type().name().toLowerCase() + "; drift is measured on numbers and categories. "
                        + "Leave it out, or compare a number made from it (e.g. the month).");
            }
            boolean numbers = r instanceof NumericColumn<?>;
            if (numbers != c instanceof NumericColumn<?>) {
                throw new BadInput("Column '" + n + "' holds " + r.type().name().toLowerCase() + " in '" + refName + "' but "
                        + c.type().name().toLowerCase() + " in '" + curName + "'; load both with the same types (--types).");
            }
            out.add(numbers ? numeric(n, values(r), values(c)) : categorical(n, strings(r), strings(c)));
        }
        if (model != null) {
            if (model.task() != Task.REGRESSION && model.task() != Task.CLASSIFICATION && model.task() != Task.ANOMALY) {
                throw new BadInput("--model compares the predictions of a classifier, a regressor or an anomaly detector; '" + model.kind()
                        + "' is a " + model.task() + " model. Leave --model out to compare the columns.");
            }
            Prediction p = model.predict(reference), q = model.predict(current);
            String name = (model.task() == Task.ANOMALY ? "anomaly score (" : "prediction (") + model.kind() + ")";
            out.add(p.values() != null ? numeric(name, p.values(), q.values())
                    : categorical(name, classes(model, p.labels()), classes(model, q.labels())));
        }
        return new Drift(List.copyOf(out));
    }

    /** Deciles of the reference as bin edges; PSI over the bins, and the two-sample Kolmogorov–Smirnov test. */
    static Feature numeric(String name, double[] ref, double[] cur) {
        if (ref.length == 0 || cur.length == 0) throw new BadInput("Column '" + name + "' has no values to compare in one of the tables.");
        double[] sorted = ref.clone();
        Arrays.sort(sorted);
        TreeSet<Double> edgeSet = new TreeSet<>();
        for (int i = 1; i < BINS; i++) edgeSet.add(sorted[(int) Math.floor(i * (sorted.length - 1) / (double) BINS)]);
        double[] edges = edgeSet.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = shares(ref, edges), c = shares(cur, edges);
        List<String> bins = new ArrayList<>();
        for (int b = 0; b <= edges.length; b++) {
            bins.add(b == 0 ? "≤ " + fmt(edges[0]) : b == edges.length ? "> " + fmt(edges[b - 1]) : fmt(edges[b - 1]) + "–" + fmt(edges[b]));
        }
        if (edges.length == 0) bins = List.of("all");
        KSTest ks = KSTest.test(ref, cur);
        return new Feature(name, true, psi(r, c), "Kolmogorov–Smirnov", ks.d(), ks.pvalue(), List.copyOf(bins), r, c);
    }

    /** Shares per category (the categories of both tables), PSI, and the chi-square test of a 2 × k contingency table. */
    static Feature categorical(String name, String[] ref, String[] cur) {
        TreeSet<String> all = new TreeSet<>(Arrays.asList(ref));
        all.addAll(Arrays.asList(cur));
        List<String> cats = List.copyOf(all);
        int[][] counts = new int[2][cats.size()];
        for (String s : ref) counts[0][cats.indexOf(s)]++;
        for (String s : cur) counts[1][cats.indexOf(s)]++;
        double[] r = IntStream.of(counts[0]).mapToDouble(v -> (double) v / ref.length).toArray();
        double[] c = IntStream.of(counts[1]).mapToDouble(v -> (double) v / cur.length).toArray();
        double stat = 0, p = 1;
        if (cats.size() > 1) {
            ChiSqTest chi = ChiSqTest.test(counts);
            stat = chi.chisq();
            p = chi.pvalue();
        }
        return new Feature(name, false, psi(r, c), "chi-square", stat, p, cats, r, c);
    }

    /** PSI = Σ (current − reference) · ln(current / reference) over the bins, shares floored at {@link #FLOOR}. */
    static double psi(double[] reference, double[] current) {
        double sum = 0;
        for (int b = 0; b < reference.length; b++) {
            double r = Math.max(FLOOR, reference[b]), c = Math.max(FLOOR, current[b]);
            sum += (c - r) * Math.log(c / r);
        }
        return sum;
    }

    public List<Feature> drifted() {
        return features.stream().filter(Feature::drifted).toList();
    }

    /** What the numbers mean for the model: the retrain decision, in words. */
    public String decision() {
        List<Feature> d = drifted();
        boolean predictions = d.stream().anyMatch(f -> f.name().startsWith("prediction ("));
        if (d.isEmpty()) {
            return "Retrain decision: no column has shifted beyond PSI " + MODERATE + "; keep the model and check again on the next batch.";
        }
        return "Retrain decision: " + d.size() + " column" + (d.size() == 1 ? " has" : "s have") + " shifted"
                + (predictions ? ", and so have the model's predictions" : "")
                + ". Score the model on recent labelled rows; if it has lost accuracy, retrain on data that includes the recent period.";
    }

    /** Overlaid distributions of the most shifted columns, reference against current, one panel each. */
    public Figure chart(String title) {
        List<Feature> shown = new ArrayList<>(features);
        shown.sort(java.util.Comparator.comparingDouble(Feature::psi).reversed());
        shown = shown.subList(0, Math.min(MAX_PANELS, shown.size()));
        int cols = Math.min(3, shown.size());
        Figure f = Figure.grid(title, (shown.size() + cols - 1) / cols, cols);
        for (int i = 0; i < shown.size(); i++) {
            Feature x = shown.get(i);
            f.label(i, String.format("%s: PSI %.3f, %s", x.name(), x.psi(), x.verdict()), x.numeric() ? "bin" : "category", "share of rows")
                    .add(i, new Trace.Bar("reference", x.bins(), x.reference()))
                    .add(i, new Trace.Bar("current", x.bins(), x.current()));
        }
        return f;
    }

    public Table toTable() {
        StringColumn name = StringColumn.create("column"), test = StringColumn.create("test"), verdict = StringColumn.create("verdict");
        DoubleColumn psi = DoubleColumn.create("psi"), stat = DoubleColumn.create("statistic"), p = DoubleColumn.create("p_value");
        for (Feature f : features) {
            name.append(f.name());
            psi.append(Math.round(f.psi() * 1e4) / 1e4);
            test.append(f.test());
            stat.append(Math.round(f.statistic() * 1e4) / 1e4);
            p.append(f.pValue() < 1e-4 ? 0 : Math.round(f.pValue() * 1e4) / 1e4);
            verdict.append(f.verdict() + (f.drifted() ? " (drift)" : ""));
        }
        return Table.create("drift", name, psi, test, stat, p, verdict);
    }

    @Override
    public String toString() {
        List<Feature> d = drifted();
        return d.size() + " of " + features.size() + " compared columns drifted"
                + (d.isEmpty() ? "" : ": " + String.join(", ", d.stream().map(Feature::name).toList()));
    }

    private static boolean comparable(Column<?> c) {
        String type = c.type().name();
        return c instanceof NumericColumn<?> || type.equals("STRING") || type.equals("TEXT") || type.equals("BOOLEAN");
    }

    private static double[] shares(double[] values, double[] edges) {
        double[] out = new double[edges.length + 1];
        for (double v : values) {
            int b = Arrays.binarySearch(edges, v);
            out[b >= 0 ? b : -b - 1]++;
        }
        for (int b = 0; b < out.length; b++) out[b] /= values.length;
        return out;
    }

    private static double[] values(Column<?> c) {
        NumericColumn<?> n = (NumericColumn<?>) c;
        return IntStream.range(0, n.size()).filter(i -> !n.isMissing(i)).mapToDouble(n::getDouble).filter(Double::isFinite).toArray();
    }

    private static String[] strings(Column<?> c) {
        return IntStream.range(0, c.size()).mapToObj(i -> c.isMissing(i) ? "(missing)" : c.getString(i)).toArray(String[]::new);
    }

    private static String[] classes(Model model, int[] labels) {
        return IntStream.of(labels).mapToObj(model.classes()::get).toArray(String[]::new);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format("%.3g", v);
    }
}
