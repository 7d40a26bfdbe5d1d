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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Per-column statistics of a table and the data-quality warnings they lead to.
 *
 * @param columns       one row per column: type, missing, distinct, min, max, mean, std, outliers, top values, a text histogram
 * @param rows          the table's row count
 * @param duplicateRows how many rows repeat an earlier row
 * @param target        the label column, or null
 * @param unlabeled     how many rows have no value in the target (0 without a target)
 * @param classes       the target's value counts, commonest first, missing values left out; empty without a target
 * @param warnings      duplicates first; then per column in column order: constant, ID-like, mixed types, not UTF-8;
 *                      outliers; then about the target: rows without a label, imbalance, leakage, and a note on the
 *                      strongest single column ({@link Kind#STRONG_FEATURE}, which is no alarm)
 * @param table         the table profiled (not copied), for the summary's header and target line
 */
public record Profile(Table columns, int rows, int duplicateRows, String target, int unlabeled, Map<String, Integer> classes,
                      List<Warning> warnings, Table table) {

    /** Leakage, for classes: a column that alone predicts the target at least this well on rows left out... */
    static final double LEAK_ACCURACY = 0.96;
    /** ...and removes at least this share of the errors of always guessing the commonest class. */
    static final double LEAK_ERRORS_REMOVED = 0.80;
    /** Leakage, for numbers: a column that alone explains at least this share of the target's variance (R²). */
    static final double LEAK_R2 = 0.90;
    /** The strongest column below the leak thresholds is noted when it removes this share of the errors (or R²). */
    static final double STRONG = 0.50;
    /** A column with at least this many distinct values per distinct row looks like an ID. */
    static final double ID_SHARE = 0.95;
    /** A text column with at least this share of numbers (but not all) holds numbers and a few odd values. */
    static final double MIXED_SHARE = 0.80;
    /** Outliers are counted beyond 1.5 × IQR from the quartiles; a few (at most 1% of a column) beyond 3 × IQR are warned about. */
    static final double OUTLIER_IQR = 1.5, FAR_IQR = 3, FEW = 0.01;
    /** A class below this share of the rows makes the target heavily imbalanced. */
    static final double MINORITY_SHARE = 0.10;
    /** The leak thresholds in words; iris's petal length (94.7% against 33.3%) is a strong feature, not a leak. */
    static final String LEAK_RULE = "flagged from 96% accuracy that also removes 80% of the guess's errors";
    /** The thresholds above, in words, for help texts. */
    public static final String THRESHOLDS = "a column is flagged as leaking when alone it predicts the target with at least 96% "
            + "accuracy (each row predicted from the others) and removes at least 80% of the errors of guessing the commonest class (R² ≥ 0.9 for "
            + "numbers); as an ID when it has a different value in at least 95% of the distinct rows, or holds consecutive "
            + "integers for at least half of them; outliers lie beyond 1.5 × IQR from the quartiles (warned about when a few, at most "
            + "1% of a column, lie beyond 3 × IQR)";
    private static final String BARS = " ▁▂▃▄▅▆▇█";
    private static final int BINS = 12;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final char REPLACEMENT = '\uFFFD';

    public enum Kind {
        DUPLICATES, CONSTANT, ID_LIKE, MIXED_TYPES, NOT_UTF8, OUTLIERS, UNLABELED, IMBALANCED, LEAKAGE,
        /** Not a problem: the strongest single column, explained so that it is not mistaken for a leak. */
        STRONG_FEATURE
    }

    /** One finding; {@code column} is the column it is about, or null for the whole table (duplicates, outliers). */
    public record Warning(Kind kind, String column, String message) {
        /** Whether it is a note rather than a problem. */
        public boolean note() {
            return kind == Kind.STRONG_FEATURE;
        }
    }

    public Profile {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes)); // keeps commonest first
        warnings = List.copyOf(warnings);
    }

    /** Profiles {@code t}; with a {@code target} (or null) also its labels, class balance and columns that leak it. */
    public static Profile of(Table t, String target) {
        if (target != null) Tables.column(t, target);
        StringColumn name = StringColumn.create("column"), type = StringColumn.create("type");
        IntColumn missing = IntColumn.create("missing"), distinct = IntColumn.create("distinct"), outliers = IntColumn.create("outliers");
        DoubleColumn missingPct = DoubleColumn.create("missing %");
        StringColumn min = StringColumn.create("min"), max = StringColumn.create("max"),
                mean = StringColumn.create("mean"), std = StringColumn.create("std"),
                top = StringColumn.create("top values"), shape = StringColumn.create("distribution");
        List<Warning> warnings = new ArrayList<>();
        List<String> idLike = new ArrayList<>();
        Map<String, Integer> farOut = new LinkedHashMap<>();
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
                int[] out = outliers(num);
                if (out == null) outliers.appendMissing();
                else outliers.append(out[0]);
                // many far values are a long tail, not outliers; a few are typos, wrong units or codes for missing
                if (out != null && out[1] > 0 && out[1] <= FEW * (num.size() - miss)) farOut.put(c.name(), out[1]);
                top.append("");
                shape.append(histogram(num));
            } else {
                min.append("");
                max.append("");
                mean.append("");
                std.append("");
                outliers.appendMissing();
                Map<String, Integer> counts = Tables.counts(c);
                top.append(counts.entrySet().stream().limit(3)
                        .map(e -> shorten(e.getKey()) + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
                shape.append(bars(counts.values().stream().limit(BINS).mapToInt(Integer::intValue).toArray()));
            }
            if (n > 1 && uniques <= 1) {
                warnings.add(new Warning(Kind.CONSTANT, c.name(), "Column '" + c.name() + "' is constant ("
                        + (uniques == 0 ? "all missing" : "one value") + "): it cannot help a model; drop it."));
                continue;
            }
            String id = c.name().equals(target) ? null : idLike(c, uniques, n - duplicates);
            if (id != null) {
                idLike.add(c.name());
                warnings.add(new Warning(Kind.ID_LIKE, c.name(), "Column '" + c.name() + "' looks like an ID (" + id
                        + "): a model would memorise it; drop it."));
            }
            if (c.type() == ColumnType.STRING) {
                Warning mixed = mixedTypes(c);
                if (mixed != null) warnings.add(mixed);
                Warning utf8 = notUtf8(c);
                if (utf8 != null) warnings.add(utf8);
            }
        }
        if (!farOut.isEmpty()) {
            warnings.add(new Warning(Kind.OUTLIERS, null, "A few values far from the rest (beyond 3 × IQR from the quartiles) in "
                    + farOut.entrySet().stream().limit(8).map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))
                    + (farOut.size() > 8 ? " and " + (farOut.size() - 8) + " more columns" : "")
                    + ": check they are real and not typos or codes such as 9999 for missing. The outliers column counts "
                    + "those beyond 1.5 × IQR."));
        }
        Map<String, Integer> classes = target == null ? Map.of() : Tables.counts(t.column(target));
        int unlabeled = target == null ? 0 : t.column(target).countMissing();
        if (target != null) {
            if (unlabeled > 0) {
                warnings.add(new Warning(Kind.UNLABELED, target, String.format("%d rows (%.1f%%) have no value in the target '%s': "
                        + "a model can neither learn from them nor be scored on them, and filling in a label would invent the answer. "
                        + "Drop them: %%split %s --target %s leaves them out (in Java: t.dropWhere(t.column(\"%s\").isMissing())).",
                        unlabeled, 100.0 * unlabeled / n, target, t.name(), target, target)));
            }
            if (!Tables.numbersToPredict(t.column(target))) warnings.addAll(imbalance(classes, n - unlabeled, target));
            warnings.addAll(leakage(t, target, idLike));
        }
        Table columns = Table.create("profile of " + t.name(), name, type, missing, missingPct, distinct,
                min, max, mean, std, outliers, top, shape);
        return new Profile(columns, n, duplicates, target, unlabeled, classes, warnings, t);
    }

    /** The text shown above the columns: a header line, the target's balance or range, then one line per warning. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(table.name()).append(": ").append(rows).append(" rows × ").append(table.columnCount()).append(" columns, ")
                .append(duplicateRows).append(duplicateRows == 1 ? " duplicate row" : " duplicate rows").append('\n');
        if (target != null && Tables.numbersToPredict(table.column(target)) && table.column(target) instanceof NumericColumn<?> y) {
            out.append(String.format("Target '%s': numeric, %s to %s, mean %s", target, y.min(), y.max(), Math.round(y.mean() * 1000) / 1000.0));
            if (unlabeled > 0) out.append(", no value in ").append(unlabeled).append(unlabeled == 1 ? " row" : " rows");
            out.append('\n');
        } else if (target != null) {
            out.append("Target '").append(target).append("': ");
            int shown = 0;
            for (Map.Entry<String, Integer> e : classes.entrySet()) {
                if (shown++ == 10) { out.append("…"); break; }
                out.append(e.getKey()).append(" ").append(e.getValue())
                        .append(String.format(" (%.1f%%)  ", 100.0 * e.getValue() / Math.max(1, rows)));
            }
            if (unlabeled > 0) out.append(String.format("no label %d (%.1f%%)  ", unlabeled, 100.0 * unlabeled / rows));
            out.append('\n');
        }
        for (Warning w : warnings) out.append(w.note() ? "Note: " : "Warning: ").append(w.message()).append('\n');
        return out.toString();
    }

    /**
     * Why {@code c} looks like an ID, or null: integers or text without spaces that take a different value in nearly
     * every distinct row (duplicate rows repeat an ID without making it less of one), or consecutive integers.
     */
    private static String idLike(Column<?> c, int uniques, int distinctRows) {
        boolean integers = c.type() == ColumnType.INTEGER || c.type() == ColumnType.LONG || c.type() == ColumnType.SHORT;
        if (distinctRows <= 20 || !(integers || c.type() == ColumnType.STRING)) return null;
        if (c.type() == ColumnType.STRING && !words(c)) return null;
        if (uniques >= ID_SHARE * distinctRows) {
            return uniques >= distinctRows ? "a different value in every " + (distinctRows < c.size() ? "distinct " : "") + "row"
                    : uniques + " different values in " + distinctRows + " distinct rows";
        }
        if (integers && uniques >= 0.5 * distinctRows) {
            NumericColumn<?> num = (NumericColumn<?>) c;
            long lo = (long) num.min(), hi = (long) num.max();
            if (hi - lo + 1 == uniques) return "consecutive integers " + lo + " to " + hi + ", " + uniques + " of them in " + distinctRows + " distinct rows";
        }
        return null;
    }

    /** Whether most values of a text column are single words, as codes and IDs are (free text is not). */
    private static boolean words(Column<?> c) {
        int words = 0, values = 0;
        for (int r = 0; r < c.size(); r++) {
            if (c.isMissing(r)) continue;
            values++;
            if (c.getString(r).strip().chars().noneMatch(Character::isWhitespace)) words++;
        }
        return words >= 0.9 * values;
    }

    /** A text column holding numbers and a few other values, which keep it from loading as numbers. */
    private static Warning mixedTypes(Column<?> c) {
        Map<String, Integer> odd = new LinkedHashMap<>();
        int numbers = 0, values = 0;
        for (int r = 0; r < c.size(); r++) {
            if (c.isMissing(r)) continue;
            values++;
            String v = c.getString(r).strip();
            if (NUMBER.matcher(v).matches()) numbers++;
            else odd.merge(v, 1, Integer::sum);
        }
        if (values == 0 || numbers == values || numbers < MIXED_SHARE * values) return null;
        String listed = odd.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                .map(e -> "'" + shorten(e.getKey()) + "' (" + e.getValue() + ")").collect(Collectors.joining(", "));
        return new Warning(Kind.MIXED_TYPES, c.name(), String.format("Column '%s' is text, but %.1f%% of its values are numbers; "
                + "the others: %s%s. Make them missing values (an empty field or NA) so that the column loads as numbers, "
                + "or fix them at the source.", c.name(), 100.0 * numbers / values, listed, odd.size() > 5 ? ", …" : ""));
    }

    /** Text with U+FFFD, the character a decoder puts in place of bytes it could not read: a file read in the wrong encoding. */
    private static Warning notUtf8(Column<?> c) {
        int count = 0;
        String example = null;
        for (int r = 0; r < c.size(); r++) {
            String v = c.getString(r);
            if (v.indexOf(REPLACEMENT) >= 0) {
                count++;
                if (example == null) example = v;
            }
        }
        if (count == 0) return null;
        return new Warning(Kind.NOT_UTF8, c.name(), "Column '" + c.name() + "' has " + count + (count == 1 ? " value" : " values")
                + " with '\uFFFD' (U+FFFD), which stands for bytes that were not valid UTF-8, e.g. '" + shorten(example)
                + "': the text was read in the wrong encoding (latin-1 read as UTF-8, for instance). If it comes from a file, load it "
                + "again with the file's encoding (--encoding).");
    }

    /** Counts of values beyond 1.5 and 3 IQR from the quartiles; null when the quartiles coincide (IQR 0). */
    private static int[] outliers(NumericColumn<?> c) {
        double[] v = Arrays.stream(c.asDoubleArray()).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double q1 = quantile(v, 0.25), q3 = quantile(v, 0.75), iqr = q3 - q1;
        if (!(iqr > 0)) return null;
        int out = 0, far = 0;
        for (double d : v) {
            double beyond = Math.max(q1 - d, d - q3);
            if (beyond > OUTLIER_IQR * iqr) out++;
            if (beyond > FAR_IQR * iqr) far++;
        }
        return new int[]{out, far};
    }

    private static double quantile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        return lo + 1 < sorted.length ? sorted[lo] + (at - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static List<Warning> imbalance(Map<String, Integer> classes, int n, String target) {
        if (classes.size() < 2 || classes.size() > 20 || n == 0) return List.of();
        Map.Entry<String, Integer> smallest = classes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        double share = smallest.getValue() / (double) n;
        if (share >= MINORITY_SHARE || share >= 0.5 / classes.size()) return List.of(); // 9.7% of ten classes is balanced
        return List.of(new Warning(Kind.IMBALANCED, target, String.format("Target '%s' is heavily imbalanced: class '%s' is only %.1f%% of the rows. "
                        + "Accuracy will flatter a model that ignores it; use --stratify when splitting and look at recall and F1.",
                target, smallest.getKey(), 100 * share)));
    }

    /**
     * Columns that, alone, predict the target almost perfectly, far better than the baseline: usually information from
     * after the fact. The strongest column below that bar gets a note, so that a strong feature is not taken for a leak.
     */
    private static List<Warning> leakage(Table t, String target, List<String> skip) {
        Column<?> y = t.column(target);
        boolean regression = Tables.numbersToPredict(y);
        int[] labeled = IntStream.range(0, y.size()).filter(r -> !y.isMissing(r)).toArray();
        if (labeled.length < 10) return List.of();
        double baseline = regression ? 0 : Tables.counts(y).values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) labeled.length;
        List<Warning> found = new ArrayList<>();
        String best = null;
        double bestScore = 0, bestGain = 0;
        for (Column<?> x : t.columns()) {
            if (x.name().equals(target) || skip.contains(x.name()) || x.countUnique() <= 1) continue;
            double score = singleColumnScore(x, y, labeled, regression);
            double gain = regression ? score : (score - baseline) / (1 - baseline); // the share of the baseline's errors removed
            if (regression ? score >= LEAK_R2 : score >= LEAK_ACCURACY && gain >= LEAK_ERRORS_REMOVED) {
                found.add(new Warning(Kind.LEAKAGE, x.name(), regression
                        ? String.format("Possible target leakage: '%s' alone explains %.1f%% of the variance of '%s' (R²; flagged "
                        + "from 90%%). Check it is known before the target is; if not, drop it.", x.name(), 100 * score, target)
                        : String.format("Possible target leakage: '%s' alone predicts '%s' with %.1f%% accuracy (%.1f%% by always guessing "
                        + "the commonest class; %s). Check it is known before the target is; if not, drop it.",
                        x.name(), target, 100 * score, 100 * baseline, LEAK_RULE)));
            } else if (gain >= STRONG && (best == null || gain > bestGain)) {
                best = x.name();
                bestScore = score;
                bestGain = gain;
            }
        }
        if (best != null) {
            found.add(new Warning(Kind.STRONG_FEATURE, best, regression
                    ? String.format("The strongest single column, '%s', alone explains %.1f%% of the variance of '%s' (R²). "
                    + "That is normal for a strong feature; a leak is flagged from 90%%.", best, 100 * bestScore, target)
                    : String.format("The strongest single column, '%s', alone predicts '%s' with %.1f%% accuracy (%.1f%% by always guessing "
                    + "the commonest class). That is normal for a strong feature; a leak is %s.", best, target, 100 * bestScore, 100 * baseline,
                    LEAK_RULE)));
        }
        return found;
    }

    /**
     * How well {@code x} alone predicts {@code y}, leaving each row out: the accuracy of guessing the commonest class
     * among the other rows with the same value (or value bin) of x, or for a numeric target the R² of guessing their
     * mean. A row whose value no other row has gets the guess for all rows, so a near-unique column (free text) does not
     * look predictive just by memorising rows.
     */
    static double singleColumnScore(Column<?> x, Column<?> y, int[] labeled, boolean regression) {
        String[] keys = keys(x, labeled);
        return regression ? leaveOneOutR2(keys, (NumericColumn<?>) y, labeled) : leaveOneOutAccuracy(keys, y, labeled);
    }

    private static double leaveOneOutAccuracy(String[] keys, Column<?> y, int[] labeled) {
        String[] labels = new String[keys.length];
        Map<String, Map<String, Integer>> byKey = new HashMap<>();
        Map<String, Integer> overall = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            labels[i] = y.getString(labeled[i]);
            byKey.computeIfAbsent(keys[i], k -> new HashMap<>()).merge(labels[i], 1, Integer::sum);
            overall.merge(labels[i], 1, Integer::sum);
        }
        int right = 0;
        for (int i = 0; i < keys.length; i++) {
            Map<String, Integer> counts = byKey.get(keys[i]);
            if (counts.values().stream().mapToInt(Integer::intValue).sum() == 1) counts = overall;
            if (commonestWithout(counts, labels[i]).equals(labels[i])) right++;
        }
        return right / (double) keys.length;
    }

    /** The commonest label once one row of {@code label} is taken out (a tie goes to the label last in order). */
    private static String commonestWithout(Map<String, Integer> counts, String label) {
        String best = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int n = e.getValue() - (e.getKey().equals(label) ? 1 : 0);
            if (n > bestCount || n == bestCount && e.getKey().compareTo(best) > 0) {
                best = e.getKey();
                bestCount = n;
            }
        }
        return best;
    }

    private static double leaveOneOutR2(String[] keys, NumericColumn<?> y, int[] labeled) {
        double[] v = new double[keys.length];
        Map<String, double[]> sums = new HashMap<>(); // key -> {sum, count}
        double total = 0;
        for (int i = 0; i < keys.length; i++) {
            v[i] = y.getDouble(labeled[i]);
            double[] s = sums.computeIfAbsent(keys[i], k -> new double[2]);
            s[0] += v[i];
            s[1]++;
            total += v[i];
        }
        double sse = 0, sse0 = 0;
        for (int i = 0; i < keys.length; i++) {
            double[] s = sums.get(keys[i]);
            double mean = (total - v[i]) / (keys.length - 1);
            double guess = s[1] > 1 ? (s[0] - v[i]) / (s[1] - 1) : mean;
            sse += (v[i] - guess) * (v[i] - guess);
            sse0 += (v[i] - mean) * (v[i] - mean);
        }
        return sse0 == 0 ? 0 : 1 - sse / sse0;
    }

    /** The value of x in each of the rows, as a key; numbers with many values fall into 12 bins of equal counts. */
    private static String[] keys(Column<?> x, int[] rows) {
        String[] keys = new String[rows.length];
        if (x instanceof NumericColumn<?> nx && x.countUnique() > BINS * 2) {
            double[] sorted = Arrays.stream(nx.asDoubleArray()).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double[] edges = new double[BINS - 1];
            for (int i = 1; i < BINS; i++) edges[i - 1] = sorted[(int) ((long) i * (sorted.length - 1) / BINS)];
            for (int i = 0; i < keys.length; i++) {
                double v = nx.getDouble(rows[i]);
                int bin = 0;
                while (bin < edges.length && edges[bin] < v) bin++;
                keys[i] = Double.isNaN(v) ? "NA" : String.valueOf(bin);
            }
        } else {
            for (int i = 0; i < keys.length; i++) keys[i] = x.getString(rows[i]);
        }
        return keys;
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
