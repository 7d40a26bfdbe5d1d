package org.jtrain.train.models;

import org.jtrain.train.Encoded;
import org.jtrain.train.Seeds;
import org.junit.jupiter.api.Test;
import smile.classification.ClassLabels;
import smile.data.DataFrame;
import smile.data.formula.Formula;

import static org.jtrain.train.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OutOfBag draws each tree's bag again from its seed: every tree's out-of-bag score must equal the one Smile
 * kept while fitting, exactly, so a Smile release that draws bags differently fails here.
 */
class OutOfBagTest {

    private static final int TREES = 40;

    @Test
    void regressionBagsAreSmiles() {
        for (double subsample : new double[]{1.0, 0.7}) {
            Encoded d = Encoded.of(load("diabetes"), "progression");
            DataFrame df = SmileModels.frame(d);
            Formula f = Formula.lhs(d.target());
            long[] seeds = Seeds.random(42, "forest").longs(TREES).toArray();
            var forest = smile.regression.RandomForest.fit(f, df,
                    new smile.regression.RandomForest.Options(TREES, 0, 20, 0, 5, subsample, seeds, null));
            double[] y = d.values();
            var models = forest.models();
            for (int t = 0; t < TREES; t++) {
                int[] bag = OutOfBag.regressionBag(y.length, seeds[t], subsample);
                double se = 0;
                int n = 0;
                for (int i = 0; i < y.length; i++) {
                    if (bag[i] > 0) continue;
                    double e = y[i] - models[t].tree().predict(f.expand(df.schema()).x(df).get(i));
                    se += e * e;
                    n++;
                }
                assertEquals(models[t].metrics().mse(), se / n, 1e-9 * se / n, "tree " + t + ", subsample " + subsample);
            }
            double oob = OutOfBag.mse(forest, f, df, seeds, subsample);
            assertEquals(oob, OutOfBag.mse(forest, f, df, seeds, subsample));
            // Smile's own figure differs only by its lost updates and rows no tree left out
            assertEquals(forest.metrics().mse(), oob, 0.05 * oob, "subsample " + subsample);
        }
    }

    @Test
    void classificationBagsAreSmiles() {
        for (double subsample : new double[]{1.0, 0.7}) {
            Encoded d = Encoded.of(load("iris"), "species");
            DataFrame df = SmileModels.frame(d);
            Formula f = Formula.lhs(d.target());
            long[] seeds = Seeds.random(42, "forest").longs(TREES).toArray();
            var forest = smile.classification.RandomForest.fit(f, df,
                    new smile.classification.RandomForest.Options(TREES, 0, smile.model.cart.SplitRule.GINI, 20, 0, 5,
                            subsample, null, seeds, null));
            ClassLabels codec = ClassLabels.fit(d.labels());
            DataFrame x = f.expand(df.schema()).x(df);
            var models = forest.models();
            for (int t = 0; t < TREES; t++) {
                int[] bag = OutOfBag.classificationBag(codec, seeds[t], subsample);
                int right = 0, n = 0;
                for (int i = 0; i < bag.length; i++) {
                    if (bag[i] > 0) continue;
                    if (models[t].tree().predict(x.get(i)) == codec.y[i]) right++;
                    n++;
                }
                assertEquals(models[t].metrics().accuracy(), (double) right / n, 1e-12, "tree " + t + ", subsample " + subsample);
            }
            double oob = OutOfBag.accuracy(forest, f, df, seeds, subsample);
            assertTrue(oob > 0.9, "out-of-bag accuracy " + oob);
            assertEquals(forest.metrics().accuracy(), oob, 0.03, "subsample " + subsample);
        }
    }
}
