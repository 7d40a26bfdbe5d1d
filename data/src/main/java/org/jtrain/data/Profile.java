package org.jtrain.data;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-column statistics of a table and the data-quality warnings they lead to.
 *
 * @param columns       one row per column: type, missing, distinct, min, max, mean, std, top values, a text histogram
 * @param rows          the table's row count
 * @param duplicateRows how many rows repeat an earlier row
 * @param target        the label column, or null
 * @param classes       the target's value counts, commonest first; empty without a target
 * @param warnings      duplicates first, then constant and ID-like columns in column order, imbalance, leakage
 * @param table         the table profiled (not copied), for the summary's header and target line
 */
public record Profile(Table columns, int rows, int duplicateRows, String target, Map<String, Integer> classes,
                      List<Warning> warnings, Table table) {

    /** A single column predicting the target at least this well, alone, is suspicious. */
    static final double LEAKAGE_ACCURACY = 0.98;
    /** A class below this share of the rows makes the target heavily imbalanced. */
    static final double MINORITY_SHARE = 0.10;
    private static final String BARS = " ▁▂▃▄▅▆▇█";
    private static final int BINS = 12;

    public enum Kind { DUPLICATES, CONSTANT, ID_LIKE, IMBALANCED, LEAKAGE }

    /** One problem found; {@code column} is the column it is about, or null for the whole table (duplicates). */
    public record Warning(Kind kind, String column, String message) {
    }

    public Profile {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes)); // keeps commonest first
        warnings = List.copyOf(warnings);
    }

    /** Profiles {@code t}; with a {@code target} (or null) also its class balance and columns that leak it. */
    public static Profile of(Table t, String target) {
        if (target != null) Tables.column(t, target);
        StringColumn name = StringColumn.create("column"), type = StringColumn.create("type");
        IntColumn missing = IntColumn.create("missing"), distinct = IntColumn.create("distinct");
        DoubleColumn missingPct = DoubleColumn.create("missing %");
        StringColumn min = StringColumn.create("min"), max = StringColumn.create("max"),
                mean = StringColumn.create("mean"), std = StringColumn.create("std"),
                top = StringColumn.create("top values"), shape = StringColumn.create("distribution");
        List<Warning> warnings = new ArrayList<>();
        int n = t.rowCount();
        int duplicates = Tables.duplicateRows(t);
        if (duplicates > 0) {
            warnings.add(new Warning(Kind.DUPLICATES, null, duplicates + " rows repeat an earlier row; they can end up in both train and test."));
        }
        for (Column<?> c : t.columns()) {
            int miss = c.countMissing();
            int uniques = c.countUnique() - (miss > 0 ? 1 : 0);
            name.append(c.name());
            type.append(c.type().name());
            missing.append(miss);
            missingPct.append(n == 0 ? 0 : Math.round(1000.0 * miss / n) / 10.0);
            distinct.append(uniques);
            if (c instanceof NumericColumn<?> num && num.size() - miss > 0) {
                min.append(fmt(num.min()));
                max.append(fmt(num.max()));
                mean.append(fmt(num.mean()));
                std.append(fmt(num.standardDeviation()));
                top.append("");
                shape.append(histogram(num));
            } else {
                min.append("");
                max.append("");
                mean.append("");
                std.append("");
                Map<String, Integer> counts = Tables.counts(c);
                top.append(counts.entrySet().stream().limit(3)
                        .map(e -> shorten(e.getKey()) + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
                shape.append(bars(counts.values().stream().limit(BINS).mapToInt(Integer::intValue).toArray()));
            }
            if (n > 1 && uniques <= 1) {
                warnings.add(new Warning(Kind.CONSTANT, c.name(), "Column '" + c.name() + "' is constant ("
                        + (uniques == 0 ? "all missing" : "one value") + "): it cannot help a model; drop it."));
            } else if (n > 20 && uniques == n && !c.name().equals(target) && isIdLike(c)) {
                warnings.add(new Warning(Kind.ID_LIKE, c.name(), "Column '" + c.name()
                        + "' looks like an ID (a different value in every row): a model would memorise it; drop it."));
            }
        }
        Map<String, Integer> classes = target == null ? Map.of() : Tables.counts(t.column(target));
        if (target != null) {
            warnings.addAll(imbalance(classes, n, target));
            warnings.addAll(leakage(t, target));
        }
        Table columns = Table.create("profile of " + t.name(), name, type, missing, missingPct, distinct,
                min, max, mean, std, top, shape);
        return new Profile(columns, n, duplicates, target, classes, warnings, t);
    }

    /** The text shown above the columns: a header line, the target's balance or range, then one line per warning. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(table.name()).append(": ").append(rows).append(" rows × ").append(table.columnCount()).append(" columns, ")
                .append(duplicateRows).append(duplicateRows == 1 ? " duplicate row" : " duplicate rows").append('\n');
        if (target != null && table.column(target) instanceof NumericColumn<?> y && classes.size() > 20) {
            out.append(String.format("Target '%s': numeric, %s to %s, mean %s%n", target, y.min(), y.max(), Math.round(y.mean() * 1000) / 1000.0));
        } else if (target != null) {
            out.append("Target '").append(target).append("': ");
            int shown = 0;
            for (Map.Entry<String, Integer> e : classes.entrySet()) {
                if (shown++ == 10) { out.append("…"); break; }
                out.append(e.getKey()).append(" ").append(e.getValue())
                        .append(String.format(" (%.1f%%)  ", 100.0 * e.getValue() / Math.max(1, rows)));
            }
            out.append('\n');
        }
        for (Warning w : warnings) out.append("Warning: ").append(w.message()).append('\n');
        return out.toString();
    }

    private static boolean isIdLike(Column<?> c) {
        return c.type() == ColumnType.INTEGER || c.type() == ColumnType.LONG || c.type() == ColumnType.STRING;
    }

    private static List<Warning> imbalance(Map<String, Integer> classes, int n, String target) {
        if (classes.size() < 2 || classes.size() > 20 || n == 0) return List.of();
        Map.Entry<String, Integer> smallest = classes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        double share = smallest.getValue() / (double) n;
        if (share >= MINORITY_SHARE) return List.of();
        return List.of(new Warning(Kind.IMBALANCED, target, String.format("Target '%s' is heavily imbalanced: class '%s' is only %.1f%% of the rows. "
                        + "Accuracy will flatter a model that ignores it; use --stratify when splitting and look at recall and F1.",
                target, smallest.getKey(), 100 * share)));
    }

    /** Columns that, alone, predict the target almost perfectly: usually information from after the fact. */
    private static List<Warning> leakage(Table t, String target) {
        Column<?> y = t.column(target);
        boolean regression = y instanceof NumericColumn<?> && y.countUnique() > 20;
        List<Warning> found = new ArrayList<>();
        for (Column<?> x : t.columns()) {
            if (x.name().equals(target) || x.countUnique() >= t.rowCount()) continue; // IDs are flagged separately
            if (regression) {
                if (x instanceof NumericColumn<?> nx) {
                    double r = correlation(nx, (NumericColumn<?>) y);
                    if (Math.abs(r) >= LEAKAGE_ACCURACY) {
                        found.add(new Warning(Kind.LEAKAGE, x.name(), String.format("Possible target leakage: '%s' alone correlates %.3f with '%s'. "
                                + "Check it is known before the target is; if not, drop it.", x.name(), r, target)));
                    }
                }
                continue;
            }
            double accuracy = singleColumnAccuracy(x, y);
            double baseline = Tables.counts(y).values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) Math.max(1, y.size());
            if (accuracy >= LEAKAGE_ACCURACY && accuracy > baseline + 0.05) {
                found.add(new Warning(Kind.LEAKAGE, x.name(), String.format("Possible target leakage: '%s' alone predicts '%s' with %.1f%% accuracy "
                                + "(always guessing the commonest class gives %.1f%%). Check it is known before the target is; if not, drop it.",
                        x.name(), target, 100 * accuracy, 100 * baseline)));
            }
        }
        return found;
    }

    /**
     * Accuracy, on held-out rows, of guessing the target's commonest class within each value (or value bin) of x.
     * Learning on even rows and scoring on odd ones keeps a near-unique column (free text, IDs) from looking
     * predictive just by memorising rows.
     */
    static double singleColumnAccuracy(Column<?> x, Column<?> y) {
        String[] keys = new String[x.size()];
        if (x instanceof NumericColumn<?> nx && x.countUnique() > BINS * 2) {
            double[] sorted = Arrays.stream(nx.asDoubleArray()).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] edges = new double[BINS - 1];
            for (int i = 1; i < BINS; i++) edges[i - 1] = sorted[(int) ((long) i * (sorted.length - 1) / BINS)];
            for (int r = 0; r < keys.length; r++) {
                double v = nx.getDouble(r);
                keys[r] = Double.isNaN(v) ? "NA" : String.valueOf(Math.abs(Arrays.binarySearch(edges, v)));
            }
        } else {
            for (int r = 0; r < keys.length; r++) keys[r] = x.getString(r);
        }
        Map<String, Map<String, Integer>> seen = new HashMap<>();
        Map<String, Integer> overall = new HashMap<>();
        for (int r = 0; r < keys.length; r += 2) {
            seen.computeIfAbsent(keys[r], k -> new HashMap<>()).merge(y.getString(r), 1, Integer::sum);
            overall.merge(y.getString(r), 1, Integer::sum);
        }
        String fallback = commonest(overall);
        int right = 0, total = 0;
        for (int r = 1; r < keys.length; r += 2, total++) {
            Map<String, Integer> m = seen.get(keys[r]);
            if ((m == null ? fallback : commonest(m)).equals(y.getString(r))) right++;
        }
        return right / (double) Math.max(1, total);
    }

    private static String commonest(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse("");
    }

    private static double correlation(NumericColumn<?> a, NumericColumn<?> b) {
        double[] x = a.asDoubleArray(), y = b.asDoubleArray();
        double mx = 0, my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) { mx += x[i]; my += y[i]; n++; }
        if (n < 3) return 0;
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) continue;
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static String histogram(NumericColumn<?> c) {
        double lo = c.min(), hi = c.max();
        int[] bins = new int[BINS];
        for (int r = 0; r < c.size(); r++) {
            double v = c.getDouble(r);
            if (Double.isNaN(v)) continue;
            int b = hi == lo ? 0 : (int) Math.min(BINS - 1, (v - lo) / (hi - lo) * BINS);
            bins[b]++;
        }
        return bars(bins);
    }

    /** A tiny bar chart in text, so it shows on GitHub and in plain-text outputs too. */
    static String bars(int[] counts) {
        int top = Arrays.stream(counts).max().orElse(0);
        StringBuilder s = new StringBuilder();
        for (int c : counts) s.append(BARS.charAt(top == 0 ? 0 : (int) Math.ceil(8.0 * c / top)));
        return s.toString();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format("%.4g", v);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 24 ? one : one.substring(0, 23) + "…";
    }
}
