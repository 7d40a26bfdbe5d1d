package org.jtrain.data;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A table split into train, validation and test tables (or train and test), at random, stratified or by time.
 *
 * @param tables    train, then val (when there are three), then test, named as {@link SplitOptions#prefix} says
 * @param target    the label column the summary reports on, or null
 * @param unlabeled how many rows had no value in the target and were left out of every split (0 without a target)
 * @param warnings  problems to show the user, e.g. rows of test identical to rows of train
 */
public record Split(List<Table> tables, String target, int unlabeled, List<String> warnings) {

    private static final List<String> NAMES = List.of("train", "val", "test");

    public Split {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }

    /**
     * Splits the rows of {@code t} (left unchanged) as {@code options} say. With a target, rows without a value in it are
     * left out, and counted in {@link #unlabeled()}: a model can neither learn from them nor be scored on them.
     */
    public static Split of(Table t, SplitOptions options) {
        Column<?> label = options.target() == null ? null : Tables.column(t, options.target());
        if (options.byTime() != null) Tables.column(t, options.byTime());
        if (options.per() != null) Tables.column(t, options.per());
        int unlabeled = label == null ? 0 : label.countMissing();
        if (unlabeled > 0) {
            t = t.dropWhere(label.isMissing()).setName(t.name());
            label = t.column(options.target());
        }
        double[] ratios = options.ratios();
        // per user is stratified by user: each user's rows are shared out by the ratios, as a class's are
        List<int[]> parts = options.byTime() != null ? byTime(t, options.byTime(), ratios)
                : options.per() != null ? stratified(t.column(options.per()), ratios, options.seed())
                : options.stratify() ? stratified(label, ratios, options.seed()) : shuffled(t.rowCount(), ratios, options.seed());
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) tables.add(t.rows(parts.get(i)).setName(name(i, ratios.length, options.prefix())));
        return new Split(tables, options.target(), unlabeled, sharedRows(tables, t.name()));
    }

    public Table train() {
        return tables.getFirst();
    }

    /** The validation table; empty for a split in two. */
    public Optional<Table> val() {
        return tables.size() == 3 ? Optional.of(tables.get(1)) : Optional.empty();
    }

    public Table test() {
        return tables.getLast();
    }

    /**
     * One row per table: its rows and share of all rows, and the target's balance, as its share of each class
     * (a column {@code target=class}) or, for a numeric target, its mean.
     */
    public Table summary() {
        int total = tables.stream().mapToInt(Table::rowCount).sum();
        StringColumn name = StringColumn.create("split");
        IntColumn rows = IntColumn.create("rows");
        DoubleColumn share = DoubleColumn.create("share");
        Map<String, DoubleColumn> balance = new LinkedHashMap<>();
        // a numeric target (regression) is summarized by its mean per split, not by a share per value
        boolean numbers = target != null && Tables.numbersToPredict(train().column(target));
        DoubleColumn mean = DoubleColumn.create(target + " mean");
        if (target != null && !numbers) {
            for (Table s : tables) {
                for (String c : counts(s.column(target)).keySet()) balance.computeIfAbsent(c, k -> DoubleColumn.create(target + "=" + k));
            }
        }
        for (Table s : tables) {
            name.append(s.name());
            rows.append(s.rowCount());
            share.append(round((double) s.rowCount() / Math.max(1, total)));
            if (numbers) {
                mean.append(round(((NumericColumn<?>) s.column(target)).mean()));
            } else if (target != null) {
                Map<String, Integer> counts = counts(s.column(target));
                balance.forEach((cls, col) -> col.append(round(counts.getOrDefault(cls, 0) / (double) Math.max(1, s.rowCount()))));
            }
        }
        Table out = Table.create("split", name, rows, share);
        balance.values().forEach(out::addColumns);
        return numbers ? out.addColumns(mean) : out;
    }

    private static String name(int i, int parts, String prefix) {
        String base = parts == 2 && i == 1 ? "test" : NAMES.get(i);
        return prefix == null ? base : prefix + "_" + base;
    }

    /** Cut points of n rows by the ratios; the last split takes the rounding remainder. */
    private static int[] cuts(int n, double[] ratios) {
        int[] cuts = new int[ratios.length + 1];
        double acc = 0;
        for (int i = 0; i < ratios.length - 1; i++) {
            acc += ratios[i];
            cuts[i + 1] = (int) Math.round(acc * n);
        }
        cuts[ratios.length] = n;
        return cuts;
    }

    private static List<int[]> cutAll(int[] order, double[] ratios) {
        int[] cuts = cuts(order.length, ratios);
        List<int[]> parts = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) parts.add(Arrays.copyOfRange(order, cuts[i], cuts[i + 1]));
        return parts;
    }

    private static List<int[]> shuffled(int n, double[] ratios, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return cutAll(order.stream().mapToInt(Integer::intValue).toArray(), ratios);
    }

    private static List<int[]> stratified(Column<?> label, double[] ratios, long seed) {
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int r = 0; r < label.size(); r++) byClass.computeIfAbsent(label.getString(r), k -> new ArrayList<>()).add(r);
        List<List<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) parts.add(new ArrayList<>());
        Random random = new Random(seed);
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int[] cuts = cuts(rows.size(), ratios);
            for (int i = 0; i < ratios.length; i++) parts.get(i).addAll(rows.subList(cuts[i], cuts[i + 1]));
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> p : parts) {
            Collections.shuffle(p, random); // so a split is not sorted by class
            out.add(p.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static List<int[]> byTime(Table t, String column, double[] ratios) {
        Table indexed = t.copy().addColumns(IntColumn.indexColumn("__row", t.rowCount(), 0));
        int[] order = indexed.sortAscendingOn(column).intColumn("__row").asIntArray();
        return cutAll(order, ratios);
    }

    /** A warning per later table with rows identical to rows of the first: repeated records make its scores too good. */
    private static List<String> sharedRows(List<Table> tables, String source) {
        List<String> warnings = new ArrayList<>();
        Set<String> train = new HashSet<>();
        Table first = tables.getFirst();
        for (int r = 0; r < first.rowCount(); r++) train.add(Tables.rowKey(first, r));
        for (Table s : tables.subList(1, tables.size())) {
            long shared = IntStream.range(0, s.rowCount()).filter(r -> train.contains(Tables.rowKey(s, r))).count();
            if (shared > 0) {
                warnings.add(shared + " rows of " + s.name() + " are identical to rows of " + first.name()
                        + ". If they are the same records repeated, " + s.name() + " scores will look better than they are: drop "
                        + "duplicates first (%data clean " + source + " --drop-duplicates). If they are different records that the "
                        + "columns cannot tell apart, keep them.");
            }
        }
        return warnings;
    }

    /** Value counts by value, missing values included (as ""), for the balance columns. */
    private static Map<String, Integer> counts(Column<?> c) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < c.size(); r++) counts.merge(c.getString(r), 1, Integer::sum);
        return counts;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
