package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well a recommender ranks, beside the popularity baseline on the same users. For each user of the scored table
 * whom the model knows, it ranks every item the user did not choose in training; the <em>relevant</em> items are those
 * the user has in the scored table (held out: rated at all, whatever the rating). precision@k is the share of the top k
 * that are relevant, recall@k the share of the relevant items in the top k, and NDCG@k rewards hits near the top
 * (1 / log2(1 + rank) each, divided by the best possible). A model that predicts ratings also gets RMSE.
 *
 * @param model          the model's name
 * @param k              the k of the headline metrics
 * @param users          the users ranked
 * @param unknownUsers   users of the table the model was not trained on; left out, as the model would recommend them
 *                       the popular items (cold start)
 * @param rows           the (user, item) rows of the table
 * @param rmse           RMSE of the predicted ratings over the rows with a rating; NaN for a model that predicts none
 * @param popularityRmse RMSE of each item's mean training rating (shrunk towards the mean); NaN without ratings
 * @param meanRmse       RMSE of the mean training rating for every row; NaN without ratings
 * @param scores         the model's precision, recall and NDCG at k = 1..{@link #DEPTH} (and k if deeper)
 * @param popularity     the same for the popularity ranking (the items most users chose, less those the user chose)
 */
public record Ranking(String model, int k, int users, int unknownUsers, int rows, double rmse, double popularityRmse, double meanRmse,
                      AtK scores, AtK popularity) implements Evaluation {

    /** The baseline's column: named apart from the model's, which may be popularity itself. */
    private static final String BASELINE = "popularity baseline";

    /** How deep the curves go: k = 1..20. */
    public static final int DEPTH = 20;

    /** Precision, recall and NDCG at k = 1..n (index k - 1), averaged over users. */
    public record AtK(double[] precision, double[] recall, double[] ndcg) {

        /**
         * The metrics of ranked lists.
         *
         * @param top      for each user, the items recommended, best first (at least n of them when there are as many)
         * @param relevant for each user, the distinct items that count as hits, at least one
         * @param n        the deepest k
         */
        public static AtK of(List<int[]> top, List<int[]> relevant, int n) {
            double[] precision = new double[n], recall = new double[n], ndcg = new double[n];
            for (int u = 0; u < top.size(); u++) {
                int[] rel = relevant.get(u).clone();
                Arrays.sort(rel);
                int[] list = top.get(u);
                int hits = 0;
                double dcg = 0, ideal = 0;
                for (int r = 0; r < n; r++) {
                    if (r < list.length && Arrays.binarySearch(rel, list[r]) >= 0) {
                        hits++;
                        dcg += 1 / log2(r + 2);
                    }
                    if (r < rel.length) ideal += 1 / log2(r + 2);
                    precision[r] += (double) hits / (r + 1);
                    recall[r] += (double) hits / rel.length;
                    ndcg[r] += dcg / ideal;
                }
            }
            for (double[] m : List.of(precision, recall, ndcg)) for (int r = 0; r < n; r++) m[r] /= Math.max(1, top.size());
            return new AtK(precision, recall, ndcg);
        }

        public double precision(int k) {
            return precision[k - 1];
        }

        public double recall(int k) {
            return recall[k - 1];
        }

        public double ndcg(int k) {
            return ndcg[k - 1];
        }

        private static double log2(int x) {
            return Math.log(x) / Math.log(2);
        }
    }

    /** Whether the model predicts ratings, so that RMSE applies. */
    public boolean ratings() {
        return !Double.isNaN(rmse);
    }

    @Override
    public Table toTable() {
        StringColumn metric = StringColumn.create("metric", "precision@" + k, "recall@" + k, "NDCG@" + k);
        DoubleColumn own = DoubleColumn.create(model, round(scores.precision(k)), round(scores.recall(k)), round(scores.ndcg(k)));
        DoubleColumn base = DoubleColumn.create(BASELINE, round(popularity.precision(k)), round(popularity.recall(k)), round(popularity.ndcg(k)));
        if (ratings()) {
            metric.append("RMSE");
            own.append(round(rmse));
            base.append(round(popularityRmse));
        }
        return Table.create("evaluation (" + users + " users; relevant: the items each has in the table)", metric, own, base);
    }

    @Override
    public Figure chart(String title) {
        int depth = scores.ndcg().length;
        double[] ks = IntStream.rangeClosed(1, depth).asDoubleStream().toArray();
        Figure f = Figure.grid(title, 1, ratings() ? 4 : 3)
                .label(0, "NDCG@k", "k", "NDCG")
                .add(0, new Trace.XY(model, ks, scores.ndcg(), Trace.Mode.LINES_MARKERS))
                .add(0, new Trace.XY(BASELINE, ks, popularity.ndcg(), Trace.Mode.LINES_MARKERS))
                .label(1, "recall@k", "k", "recall")
                .add(1, new Trace.XY(model, ks, scores.recall(), Trace.Mode.LINES_MARKERS))
                .add(1, new Trace.XY(BASELINE, ks, popularity.recall(), Trace.Mode.LINES_MARKERS));
        List<String> names = List.of("precision@" + k, "recall@" + k, "NDCG@" + k);
        f.label(2, "at k = " + k, "", "")
                .add(2, new Trace.Bar(model, names, new double[]{scores.precision(k), scores.recall(k), scores.ndcg(k)}))
                .add(2, new Trace.Bar(BASELINE, names, new double[]{popularity.precision(k), popularity.recall(k), popularity.ndcg(k)}));
        if (ratings()) {
            f.label(3, "RMSE of the ratings", "", "RMSE")
                    .add(3, new Trace.Bar("RMSE", List.of(model, "item means", "overall mean"), new double[]{rmse, popularityRmse, meanRmse}));
        }
        return f;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(String.format("NDCG@%d %.4f (popularity %.4f), precision@%d %.4f (%.4f), recall@%d %.4f (%.4f)", k, scores.ndcg(k),
                popularity.ndcg(k), k, scores.precision(k), popularity.precision(k), k, scores.recall(k), popularity.recall(k)));
        if (ratings()) parts.add(String.format("RMSE %.4f (item means %.4f, overall mean %.4f)", rmse, popularityRmse, meanRmse));
        parts.add(String.format("%,d users ranked", users) + (unknownUsers == 0 ? ""
                : String.format(", %,d left out: not in the training data (they would get the popular items)", unknownUsers)));
        return String.join("; ", parts);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
