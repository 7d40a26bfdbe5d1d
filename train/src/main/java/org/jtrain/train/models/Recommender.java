package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Ranking;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A trained recommender: matrix factorization ({@code mf}) or the popularity baseline. {@link #recommend} gives a user
 * the top-k items they have not chosen yet; a user it was not trained on (cold start) gets the most popular items, and
 * the table says so. An item it was not trained on cannot be recommended at all until it has been chosen. It scores
 * itself ({@link Ranking}): precision, recall and NDCG at k beside the popularity baseline, and RMSE when it predicts ratings.
 */
public final class Recommender implements Model, Evaluation.ScoresItself {

    private final String kind;
    private final Hyperparameters params;
    private final Catalog catalog;
    /** The learned vectors and biases; null for popularity. */
    private final Factors factors;

    /**
     * What matrix factorization learned: a vector of {@code size} numbers and a bias per user and per item (flat, row by
     * row). A pair's score is {@code offset + user bias + item bias + user · item}; {@code offset} is the mean rating
     * when it learned ratings, 0 when it learned choices (the score is then a logit).
     */
    record Factors(int size, float[] users, float[] items, float[] userBias, float[] itemBias, double offset, boolean ratings) {

        /** The score of a pair; a user or item of -1 (unknown) contributes nothing. */
        double score(int u, int i) {
            double s = offset + (u >= 0 ? userBias[u] : 0) + (i >= 0 ? itemBias[i] : 0);
            if (u < 0 || i < 0) return s;
            for (int j = 0, a = u * size, b = i * size; j < size; j++) s += users[a + j] * items[b + j];
            return s;
        }
    }

    Recommender(String kind, Hyperparameters params, Catalog catalog, Factors factors) {
        this.kind = kind;
        this.params = params;
        this.catalog = catalog;
        this.factors = factors;
    }

    /**
     * The {@code k} best items for {@code user} that they did not choose in training: by the model's score, or, for a
     * user it was not trained on, by how many users chose them (the table's name says which). Columns: rank, the item,
     * and the score (or, from popularity, how many users chose it).
     */
    public Table recommend(String user, int k) {
        if (k < 1) throw new BadInput("k must be at least 1; got " + k + ".");
        int u = catalog.user(user);
        boolean cold = u < 0, byCount = cold || factors == null;
        int[] top = byCount ? popular(cold ? new int[0] : catalog.seen[u], k) : top(u, k);
        IntColumn rank = IntColumn.create("rank"), count = IntColumn.create("chosen by");
        StringColumn item = StringColumn.create(catalog.columns.item());
        DoubleColumn score = DoubleColumn.create("score");
        for (int r = 0; r < top.length; r++) {
            rank.append(r + 1);
            item.append(catalog.items.get(top[r]));
            if (byCount) count.append(catalog.chosen[top[r]]);
            else score.append(factors.score(u, top[r]));
        }
        String name = "top " + k + " for " + user + (cold ? " (new: not in the training data, so the most popular items)"
                : " (" + kind + ", leaving out the " + catalog.seen[u].length + " items chosen in training)");
        return Table.create(name, rank, item, byCount ? count : score);
    }

    /** Whether {@code user} was in the training data; if not, {@link #recommend} falls back on popularity. */
    public boolean knows(String user) {
        return catalog.user(user) >= 0;
    }

    /** The items {@code user} chose in the training data (none for a user it does not know). */
    public List<String> chosen(String user) {
        int u = catalog.user(user);
        return u < 0 ? List.of() : Arrays.stream(catalog.seen[u]).mapToObj(catalog.items::get).toList();
    }

    /** The users it was trained on. */
    public List<String> users() {
        return catalog.users;
    }

    /** The items it can recommend: those chosen in the training data. */
    public List<String> items() {
        return catalog.items;
    }

    /** {@link #recommend(String, int)} for a user whose identifier is a number, as in a column of integers. */
    public Table recommend(long user, int k) {
        return recommend(Long.toString(user), k);
    }

    /**
     * The {@code k} items whose taste vectors point most nearly the same way as {@code item}'s (cosine similarity):
     * items the same users tend to choose. Only {@code mf} has taste vectors.
     */
    public Table similar(String item, int k) {
        if (factors == null) throw new BadInput("similar() compares taste vectors, which " + kind + " does not learn; train mf for them.");
        if (k < 1) throw new BadInput("k must be at least 1; got " + k + ".");
        int i = catalog.item(item);
        if (i < 0) {
            throw new BadInput("Item '" + item + "' is not in the training data (" + catalog.items.size() + " items, e.g. "
                    + String.join(", ", catalog.items.subList(0, Math.min(3, catalog.items.size()))) + ").",
                    Suggest.closest(item, catalog.items).orElse(null));
        }
        double[] cosine = new double[catalog.items.size()];
        for (int j = 0; j < cosine.length; j++) cosine[j] = dot(i, j) / Math.sqrt(dot(i, i) * dot(j, j) + 1e-12);
        int[] top = best(cosine, new int[]{i}, k);
        StringColumn name = StringColumn.create(catalog.columns.item());
        DoubleColumn similarity = DoubleColumn.create("similarity");
        for (int j : top) {
            name.append(catalog.items.get(j));
            similarity.append(cosine[j]);
        }
        return Table.create("items like " + item, name, similarity);
    }

    private double dot(int i, int j) {
        double s = 0;
        for (int d = 0, a = i * factors.size(), b = j * factors.size(); d < factors.size(); d++) s += factors.items()[a + d] * factors.items()[b + d];
        return s;
    }

    /** Whether it predicts ratings (mf on explicit feedback, popularity on a numeric target), not only scores. */
    public boolean predictsRatings() {
        return factors != null ? factors.ratings() : !Double.isNaN(catalog.mean);
    }

    /** One number per row of {@code table}: the predicted rating, or, from implicit feedback, a score (higher: more likely chosen). */
    @Override
    public Prediction predict(Table table) {
        Catalog.Pairs pairs = catalog.pairs(table);
        double[] out = new double[pairs.size()];
        for (int p = 0; p < out.length; p++) out[p] = predict(pairs.users()[p], pairs.items()[p]);
        return Prediction.numbers(out);
    }

    /** A pair's prediction; an unknown user or item (-1) falls back on what is known (an item's mean, the overall mean). */
    double predict(int u, int i) {
        if (factors != null) return factors.score(u, i);
        if (Double.isNaN(catalog.mean)) return i < 0 ? 0 : catalog.chosen[i];
        return i < 0 ? catalog.mean : catalog.itemMeans[i];
    }

    @Override
    public Evaluation evaluate(Table table, Evaluation.Options options) {
        if (options.k() < 1 || options.k() > catalog.items.size()) {
            throw new BadInput("--k must be from 1 to the number of items (" + catalog.items.size() + "); got " + options.k() + ".");
        }
        Catalog.Pairs pairs = catalog.pairs(table);
        Ranking r = rank(pairs, options.k());
        if (r.users() == 0) {
            throw new BadInput("None of the " + r.unknownUsers() + " users of '" + table.name() + "' is in the data " + kind
                    + " was trained on, so there is nobody to rank items for. Hold out some rows of each user instead: %split TABLE --per "
                    + catalog.columns.user() + ".");
        }
        return r;
    }

    /** Ranks items for the known users of {@code pairs} against the items they have there, beside popularity. */
    Ranking rank(Catalog.Pairs pairs, int k) {
        Map<Integer, List<Integer>> relevant = new LinkedHashMap<>();
        Set<String> unknown = new HashSet<>();
        for (int p = 0; p < pairs.size(); p++) {
            int u = pairs.users()[p];
            if (u < 0 && pairs.names()[p] != null) unknown.add(pairs.names()[p]);
            // an item never trained on still counts as relevant, under an id no ranking holds: it cannot be recommended
            if (u >= 0) relevant.computeIfAbsent(u, x -> new ArrayList<>()).add(pairs.items()[p] >= 0 ? pairs.items()[p] : -1 - p);
        }
        int depth = Math.max(k, Ranking.DEPTH);
        List<int[]> rel = new ArrayList<>(), mine = new ArrayList<>(), base = new ArrayList<>();
        relevant.forEach((u, items) -> {
            rel.add(items.stream().mapToInt(Integer::intValue).distinct().toArray());
            base.add(popular(catalog.seen[u], depth));
            mine.add(factors == null ? base.getLast() : top(u, depth));
        });
        double rmse = Double.NaN, baseRmse = Double.NaN, meanRmse = Double.NaN;
        if (predictsRatings()) {
            double se = 0, baseSe = 0, meanSe = 0;
            int n = 0;
            for (int p = 0; p < pairs.size(); p++) {
                double y = pairs.ratings()[p];
                if (Double.isNaN(y) || pairs.names()[p] == null) continue;
                int i = pairs.items()[p];
                se += sq(predict(pairs.users()[p], i) - y);
                baseSe += sq((i < 0 ? catalog.mean : catalog.itemMeans[i]) - y);
                meanSe += sq(catalog.mean - y);
                n++;
            }
            if (n > 0) {
                rmse = Math.sqrt(se / n);
                baseRmse = Math.sqrt(baseSe / n);
                meanRmse = Math.sqrt(meanSe / n);
            }
        }
        return new Ranking(kind, k, rel.size(), unknown.size(), pairs.size(), rmse, baseRmse, meanRmse,
                Ranking.AtK.of(mine, rel, depth), Ranking.AtK.of(base, rel, depth));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** The model's best {@code n} items for user {@code u}, leaving out those they chose in training. */
    private int[] top(int u, int n) {
        double[] score = new double[catalog.items.size()];
        for (int i = 0; i < score.length; i++) score[i] = factors.score(u, i);
        return best(score, catalog.seen[u], n);
    }

    /** The {@code n} items most users chose, leaving out {@code chosen} (sorted). */
    private int[] popular(int[] chosen, int n) {
        int[] out = new int[Math.min(n, catalog.items.size() - chosen.length)];
        int size = 0;
        for (int i : catalog.popular) {
            if (size == out.length) break;
            if (Arrays.binarySearch(chosen, i) < 0) out[size++] = i;
        }
        return out;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Task task() {
        return Task.RECOMMENDATION;
    }

    @Override
    public Hyperparameters params() {
        return params;
    }

    /** The user and the item column. */
    @Override
    public List<String> features() {
        return List.of(catalog.columns.user(), catalog.columns.item());
    }

    @Override
    public String target() {
        return catalog.columns.target();
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public String toString() {
        String what = factors == null ? "the items most chosen" + (predictsRatings() ? "; ratings: item means" : "")
                : (factors.ratings() ? "explicit feedback (ratings)" : "implicit feedback (who chose what)") + ", "
                + String.format(Locale.ROOT, "%,d", (long) (catalog.users.size() + catalog.items.size()) * (factors.size() + 1)) + " parameters";
        return kind + " (" + Task.RECOMMENDATION + ", " + String.format(Locale.ROOT, "%,d users (%s) × %,d items (%s), ", catalog.users.size(),
                catalog.columns.user(), catalog.items.size(), catalog.columns.item())
                + what + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }

    /** The positions of the {@code n} highest scores, best first (ties: lower position first), leaving out {@code skip} (sorted). */
    private static int[] best(double[] score, int[] skip, int n) {
        int[] best = new int[Math.min(n, score.length)];
        int size = 0, s = 0;
        for (int i = 0; i < score.length; i++) {
            while (s < skip.length && skip[s] < i) s++;
            if (s < skip.length && skip[s] == i) continue;
            if (size == best.length && score[i] <= score[best[size - 1]]) continue;
            int at = size == best.length ? size - 1 : size++;
            while (at > 0 && score[best[at - 1]] < score[i]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        return Arrays.copyOf(best, size);
    }
}
