package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import org.jtrain.train.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

@Command(name = "split", description = "Split a table into train, validation and test tables, at random, stratified or by time.")
final class SplitMagic extends MagicCommand {

    private static final List<String> NAMES = List.of("train", "val", "test");

    @Parameters(paramLabel = "TABLE", description = "The variable holding the table to split.")
    String table;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: its balance is reported per split.")
    String target;

    @Option(names = "--ratios", split = ",", paramLabel = "R", defaultValue = "0.7,0.15,0.15",
            description = "Shares of train,val,test (or train,test), summing to 1. Default: ${DEFAULT-VALUE}.")
    double[] ratios;

    @Option(names = "--stratify", description = "Keep the target's class balance the same in every split.")
    boolean stratify;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffle. Default: the session's %%seed.")
    Long seed;

    @Option(names = "--by-time", paramLabel = "COL",
            description = "Sort by this column instead of shuffling: train is the past, test the most recent.")
    String byTime;

    @Option(names = "--prefix", paramLabel = "P",
            description = "Name the tables P_train, P_val, P_test instead of train, val, test.")
    String prefix;

    @Override
    protected Object call() {
        checkRatios();
        if (seed == null) seed = Seeds.current();
        if (stratify && byTime != null) {
            throw new UsageError("--stratify and --by-time cannot be combined: a time split keeps the order of the rows",
                    "Usage: %split TABLE --target COL [--stratify | --by-time COL]", null);
        }
        if (stratify && target == null) throw new UsageError("--stratify needs --target COL: the column whose classes to balance");
        Table t = Tables.table(session, table);
        Column<?> label = target == null ? null : Tables.column(t, table, target);
        if (byTime != null) Tables.column(t, table, byTime);

        List<int[]> parts = byTime != null ? byTime(t) : stratify ? stratified(label) : shuffled(t.rowCount());
        List<Table> splits = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int[] rows = parts.get(i);
            splits.add(t.rows(rows).setName(name(i)));
        }
        List<String> replaced = splits.stream().map(Table::name).filter(n -> session.variableNames().contains(n)).toList();
        for (Table s : splits) session.define(s.name(), s); // only now: a failed split leaves the session alone
        if (!replaced.isEmpty()) {
            System.out.println("Note: replaced the earlier " + String.join(", ", replaced)
                    + "; --prefix P names the splits P_train, P_val, P_test instead.");
        }
        warnAboutSharedRows(splits);
        return summary(splits, label == null ? null : target);
    }

    private void checkRatios() {
        double sum = Arrays.stream(ratios).sum();
        if (ratios.length < 2 || ratios.length > 3 || Arrays.stream(ratios).anyMatch(r -> r <= 0)) {
            throw new UsageError("--ratios takes 2 or 3 positive shares (train,test or train,val,test); got "
                    + join(ratios), "Usage: %split TABLE [--ratios 0.7,0.15,0.15]", null);
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new UsageError("--ratios " + join(ratios) + " sum to " + round(sum) + "; they must sum to 1, e.g. 0.7,0.15,0.15",
                    "Usage: %split TABLE [--ratios 0.7,0.15,0.15]", null);
        }
    }

    private String name(int i) {
        String base = ratios.length == 2 && i == 1 ? "test" : NAMES.get(i);
        return prefix == null ? base : prefix + "_" + base;
    }

    /** Cut points of n rows by the ratios; the last split takes the rounding remainder. */
    private int[] cuts(int n) {
        int[] cuts = new int[ratios.length + 1];
        double acc = 0;
        for (int i = 0; i < ratios.length - 1; i++) {
            acc += ratios[i];
            cuts[i + 1] = (int) Math.round(acc * n);
        }
        cuts[ratios.length] = n;
        return cuts;
    }

    private List<int[]> cutAll(int[] order) {
        int[] cuts = cuts(order.length);
        List<int[]> parts = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) parts.add(Arrays.copyOfRange(order, cuts[i], cuts[i + 1]));
        return parts;
    }

    private List<int[]> shuffled(int n) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        return cutAll(order.stream().mapToInt(Integer::intValue).toArray());
    }

    private List<int[]> stratified(Column<?> label) {
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int r = 0; r < label.size(); r++) byClass.computeIfAbsent(label.getString(r), k -> new ArrayList<>()).add(r);
        List<List<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) parts.add(new ArrayList<>());
        Random random = new Random(seed);
        for (List<Integer> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int[] cuts = cuts(rows.size());
            for (int i = 0; i < ratios.length; i++) parts.get(i).addAll(rows.subList(cuts[i], cuts[i + 1]));
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> p : parts) {
            Collections.shuffle(p, random); // so a split is not sorted by class
            out.add(p.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private List<int[]> byTime(Table t) {
        Table indexed = t.copy().addColumns(IntColumn.indexColumn("__row", t.rowCount(), 0));
        int[] order = indexed.sortAscendingOn(byTime).intColumn("__row").asIntArray();
        return cutAll(order);
    }

    private void warnAboutSharedRows(List<Table> splits) {
        Set<String> train = new HashSet<>();
        Table first = splits.getFirst();
        for (int r = 0; r < first.rowCount(); r++) train.add(rowKey(first, r));
        for (Table s : splits.subList(1, splits.size())) {
            long shared = IntStream.range(0, s.rowCount()).filter(r -> train.contains(rowKey(s, r))).count();
            if (shared > 0) {
                System.out.println("Warning: " + shared + " rows of " + s.name() + " are identical to rows of " + first.name()
                        + ". If they are the same records repeated, " + s.name() + " scores will look better than they are: drop "
                        + "duplicates first (%data clean " + table + " --drop-duplicates). If they are different records that the "
                        + "columns cannot tell apart, keep them.");
            }
        }
    }

    private static String rowKey(Table t, int row) {
        StringBuilder key = new StringBuilder();
        for (Column<?> c : t.columns()) key.append(c.getString(row)).append('\u0001');
        return key.toString();
    }

    private static Table summary(List<Table> splits, String target) {
        int total = splits.stream().mapToInt(Table::rowCount).sum();
        StringColumn name = StringColumn.create("split");
        IntColumn rows = IntColumn.create("rows");
        DoubleColumn share = DoubleColumn.create("share");
        Map<String, DoubleColumn> balance = new LinkedHashMap<>();
        // a numeric target (regression) is summarized by its mean per split, not by a share per value
        boolean numbers = target != null && org.jtrain.train.Data.taskOf(splits.getFirst().column(target)) == org.jtrain.train.Task.REGRESSION;
        DoubleColumn mean = DoubleColumn.create(target + " mean");
        if (target != null && !numbers) {
            for (Table s : splits) {
                for (String c : new TreeMap<>(counts(s.column(target))).keySet()) {
                    balance.computeIfAbsent(c, k -> DoubleColumn.create(target + "=" + k));
                }
            }
        }
        for (Table s : splits) {
            name.append(s.name());
            rows.append(s.rowCount());
            share.append(round((double) s.rowCount() / Math.max(1, total)));
            if (numbers) {
                mean.append(round(((tech.tablesaw.api.NumericColumn<?>) s.column(target)).mean()));
            } else if (target != null) {
                Map<String, Integer> counts = counts(s.column(target));
                balance.forEach((cls, col) -> col.append(round(counts.getOrDefault(cls, 0) / (double) Math.max(1, s.rowCount()))));
            }
        }
        Table out = Table.create("split", name, rows, share);
        balance.values().forEach(out::addColumns);
        return numbers ? out.addColumns(mean) : out;
    }

    private static Map<String, Integer> counts(Column<?> c) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r = 0; r < c.size(); r++) counts.merge(c.getString(r), 1, Integer::sum);
        return counts;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String join(double[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(v -> v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)).toList());
    }
}
