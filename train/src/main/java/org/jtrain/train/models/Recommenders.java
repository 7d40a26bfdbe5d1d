package org.jtrain.train.models;

import org.jtrain.train.Run;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Ranking;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recommenders: matrix factorization with user and item embeddings (DJL), and a popularity baseline. */
final class Recommenders {

    private Recommenders() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                ModelSpec.onTables("mf", "Matrix factorization: a taste vector and a bias per user and per item, learned from who "
                        + "chose what (implicit) or from the ratings (explicit) (DJL)", Task.RECOMMENDATION, ModelSpec.Engine.DJL,
                        MatrixFactorization.class, Factorization::fit),
                ModelSpec.onTables("popularity", "The recommender baseline: everyone gets the items most users chose; a rating is "
                        + "predicted as the item's mean", Task.RECOMMENDATION, ModelSpec.Engine.SMILE, Popularity.class, Recommenders::popularity));
    }

    /** Counting needs one pass: one epoch, with the validation scores when there is a validation table. */
    private static Recommender popularity(Popularity p, Table train, String target, Table val, Run run) {
        Catalog.Columns columns = Catalog.Columns.of(p.user(), p.item(), train, target, "popularity");
        Catalog.Pairs valPairs = null;
        run.start("popularity", 1, 1);
        Catalog catalog = Catalog.of(train, columns, p.shrinkage());
        if (val != null) valPairs = catalog.pairs(val);
        Recommender model = new Recommender("popularity", p, catalog, null);
        run.batch(1, 1, 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (valPairs != null) {
            Ranking r = model.rank(valPairs, 10);
            if (r.ratings()) metrics.put("val_rmse", r.rmse());
            if (r.users() > 0) metrics.put("val_ndcg@10", r.scores().ndcg(10));
        }
        run.epoch(1, metrics);
        return model;
    }
}
