package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a recommender knows of its training table: its users and items by position, who chose what, how many users
 * chose each item, and the mean ratings. Other tables are read as {@link Pairs} of these positions.
 */
final class Catalog {

    /** The columns a recommender reads: who (user), what (item), and the target (the rating, if it is a number). */
    record Columns(String user, String item, String target) {

        /** The user and item columns of {@code t}: those named, or the first two that are not the target. */
        static Columns of(String user, String item, Table t, String target, String model) {
            List<String> others = t.columnNames().stream().filter(c -> !c.equals(target)).toList();
            String u = user.isBlank() ? null : user.strip(), i = item.isBlank() ? null : item.strip();
            for (String named : Arrays.asList(u, i)) {
                if (named != null) Tables.column(t, named);
                if (named != null && named.equals(target)) {
                    throw new BadInput("--" + (named.equals(u) ? "user" : "item") + " '" + named + "' is the target; " + model
                            + " needs a user column and an item column besides it. Columns of '" + t.name() + "': " + String.join(", ", others) + ".");
                }
            }
            String namedItem = i;
            if (u == null) u = others.stream().filter(c -> !c.equals(namedItem)).findFirst().orElse(null);
            String first = u;
            if (i == null) i = others.stream().filter(c -> !c.equals(first)).findFirst().orElse(null);
            if (u == null || i == null) {
                throw new BadInput(model + " reads a user column and an item column besides the target '" + target + "', but '" + t.name()
                        + "' has " + (others.isEmpty() ? "no other column" : "only " + others.getFirst()) + ".");
            }
            if (u.equals(i)) throw new BadInput("--user and --item both name '" + u + "'; they must be two different columns of '" + t.name() + "'.");
            return new Columns(u, i, target);
        }
    }

    /**
     * The rows of a table as positions into the catalog: -1 for a user or an item it does not know (or a missing one).
     *
     * @param ratings each row's rating, NaN where there is none (no number, or a target that is not numbers)
     * @param names   each row's user as named in the table, null where missing (an unknown user has no position)
     */
    record Pairs(int[] users, int[] items, double[] ratings, String[] names) {
        int size() {
            return users.length;
        }

        /** The rows whose user and item are both known. */
        int[] known() {
            return IntStream.range(0, users.length).filter(p -> users[p] >= 0 && items[p] >= 0).toArray();
        }
    }

    final Columns columns;
    final List<String> users;
    final List<String> items;
    private final Map<String, Integer> userAt;
    private final Map<String, Integer> itemAt;
    /** The training pairs. */
    final Pairs train;
    /** Per user, the items they chose in training, sorted. */
    final int[][] seen;
    /** Per item, how many training pairs chose it. */
    final int[] chosen;
    /** The items, most chosen first (ties in catalog order). */
    final int[] popular;
    /** The mean training rating; NaN when the target holds no numbers. */
    final double mean;
    /** Per item, its mean rating with {@code shrinkage} ratings of the overall mean added. */
    final double[] itemMeans;

    private Catalog(Columns columns, Table t, double shrinkage) {
        this.columns = columns;
        Column<?> u = t.column(columns.user()), i = t.column(columns.item());
        Map<String, Integer> us = new HashMap<>(), is = new HashMap<>();
        List<String> un = new ArrayList<>(), in = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (u.isMissing(r) || i.isMissing(r)) continue;
            us.computeIfAbsent(u.getString(r), k -> { un.add(k); return un.size() - 1; });
            is.computeIfAbsent(i.getString(r), k -> { in.add(k); return in.size() - 1; });
        }
        if (un.isEmpty()) {
            throw new BadInput("'" + t.name() + "' has no row with both a user ('" + columns.user() + "') and an item ('" + columns.item() + "').");
        }
        users = List.copyOf(un);
        items = List.copyOf(in);
        userAt = us;
        itemAt = is;
        train = pairs(t);
        List<List<Integer>> byUser = new ArrayList<>();
        for (int k = 0; k < users.size(); k++) byUser.add(new ArrayList<>());
        chosen = new int[items.size()];
        double[] sums = new double[items.size()];
        int[] rated = new int[items.size()];
        double total = 0;
        int ratings = 0;
        for (int p : train.known()) {
            byUser.get(train.users()[p]).add(train.items()[p]);
            chosen[train.items()[p]]++;
            double v = train.ratings()[p];
            if (!Double.isNaN(v)) {
                sums[train.items()[p]] += v;
                rated[train.items()[p]]++;
                total += v;
                ratings++;
            }
        }
        seen = byUser.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().distinct().toArray()).toArray(int[][]::new);
        popular = IntStream.range(0, items.size()).boxed().sorted(Comparator.comparingInt((Integer k) -> -chosen[k])).mapToInt(Integer::intValue).toArray();
        mean = ratings == 0 ? Double.NaN : total / ratings;
        itemMeans = new double[items.size()];
        for (int k = 0; k < items.size(); k++) itemMeans[k] = (sums[k] + shrinkage * mean) / (rated[k] + shrinkage);
    }

    /** The catalog of a training table; {@code shrinkage} pulls the item means of few ratings towards the overall mean. */
    static Catalog of(Table train, Columns columns, double shrinkage) {
        return new Catalog(columns, train, shrinkage);
    }

    /**
     * The pairs of {@code t}, one per row, which must have the catalog's columns. A user or item the catalog does not
     * know is -1, and so is a missing one (its name is then null).
     */
    Pairs pairs(Table t) {
        Column<?> u = Tables.column(t, columns.user()), i = Tables.column(t, columns.item());
        Column<?> target = t.containsColumn(columns.target()) ? t.column(columns.target()) : null;
        NumericColumn<?> rating = target instanceof NumericColumn<?> n ? n : null;
        int n = t.rowCount();
        int[] users = new int[n], items = new int[n];
        double[] ratings = new double[n];
        String[] names = new String[n];
        for (int r = 0; r < n; r++) {
            names[r] = u.isMissing(r) ? null : u.getString(r);
            users[r] = names[r] == null ? -1 : userAt.getOrDefault(names[r], -1);
            items[r] = i.isMissing(r) ? -1 : itemAt.getOrDefault(i.getString(r), -1);
            ratings[r] = rating == null || rating.isMissing(r) ? Double.NaN : rating.getDouble(r);
        }
        return new Pairs(users, items, ratings, names);
    }

    /** The position of a user, or -1. */
    int user(String name) {
        return userAt.getOrDefault(name, -1);
    }

    /** The position of an item, or -1. */
    int item(String name) {
        return itemAt.getOrDefault(name, -1);
    }

    /** Whether user {@code u} chose item {@code i} in training. */
    boolean saw(int u, int i) {
        return Arrays.binarySearch(seen[u], i) >= 0;
    }
}
