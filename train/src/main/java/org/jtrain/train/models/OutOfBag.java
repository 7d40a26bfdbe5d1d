package org.jtrain.train.models;

import smile.classification.ClassLabels;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.math.MathEx;

import java.util.function.IntUnaryOperator;

/**
 * The out-of-bag scores of a Smile random forest, computed again in tree order. Smile adds them up
 * from its parallel tree fits into shared arrays without a lock, so its own figure changes from run
 * to run under the same seed. Each tree's bag is drawn again from its seed exactly as Smile 6.3 draws
 * it; OutOfBagTest checks every tree's score against the one Smile kept.
 */
final class OutOfBag {

    private OutOfBag() {
    }

    /** Mean squared error of each row's mean prediction by the trees that did not see it. */
    static double mse(smile.regression.RandomForest forest, Formula formula, DataFrame data, long[] seeds, double subsample) {
        Formula f = formula.expand(data.schema());
        DataFrame x = f.x(data);
        double[] y = f.y(data).toDoubleArray();
        int n = y.length;
        double[] sum = new double[n];
        int[] votes = new int[n];
        var trees = forest.trees();
        for (int t = 0; t < trees.length; t++) {
            int[] bag = regressionBag(n, seeds[t], subsample);
            for (int i = 0; i < n; i++) {
                if (bag[i] == 0) {
                    sum[i] += trees[t].predict(x.get(i));
                    votes[i]++;
                }
            }
        }
        double se = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] == 0) continue;
            double e = y[i] - sum[i] / votes[i];
            se += e * e;
            scored++;
        }
        return scored == 0 ? Double.NaN : se / scored;
    }

    /** Accuracy of each row's majority vote among the trees that did not see it (ties to the first class). */
    static double accuracy(smile.classification.RandomForest forest, Formula formula, DataFrame data, long[] seeds, double subsample) {
        Formula f = formula.expand(data.schema());
        DataFrame x = f.x(data);
        ClassLabels codec = ClassLabels.fit(f.y(data));
        int n = codec.y.length;
        int[][] votes = new int[n][codec.k];
        var trees = forest.trees();
        for (int t = 0; t < trees.length; t++) {
            int[] bag = classificationBag(codec, seeds[t], subsample);
            for (int i = 0; i < n; i++) {
                if (bag[i] == 0) votes[i][trees[t].predict(x.get(i))]++;
            }
        }
        int right = 0, scored = 0;
        for (int i = 0; i < n; i++) {
            int vote = MathEx.whichMax(votes[i]);
            if (votes[i][vote] == 0) continue;
            if (vote == codec.y[i]) right++;
            scored++;
        }
        return scored == 0 ? Double.NaN : (double) right / scored;
    }

    /** How many times each row is in tree t's bag: with replacement, or a share without. */
    static int[] regressionBag(int n, long seed, double subsample) {
        MathEx.setSeed(seed);
        int[] bag = new int[n];
        draw(bag, n, subsample, i -> i);
        return bag;
    }

    /** Smile draws a classifier's bag class by class, from each class's rows in order. */
    static int[] classificationBag(ClassLabels codec, long seed, double subsample) {
        int n = codec.y.length;
        int[][] rows = new int[codec.k][];
        int[] count = new int[codec.k];
        for (int label : codec.y) count[label]++;
        for (int c = 0; c < codec.k; c++) rows[c] = new int[count[c]];
        int[] next = new int[codec.k];
        for (int i = 0; i < n; i++) rows[codec.y[i]][next[codec.y[i]]++] = i;

        MathEx.setSeed(seed);
        int[] bag = new int[n];
        for (int c = 0; c < codec.k; c++) {
            int[] classRows = rows[c];
            draw(bag, classRows.length, subsample, j -> classRows[j]);
        }
        return bag;
    }

    private static void draw(int[] bag, int n, double subsample, IntUnaryOperator row) {
        if (subsample == 1.0) {
            for (int i = 0; i < n; i++) bag[row.applyAsInt(MathEx.randomInt(n))]++;
        } else {
            int[] permutation = MathEx.permutate(n);
            int size = (int) Math.round(n * subsample);
            for (int i = 0; i < size; i++) bag[row.applyAsInt(permutation[i])] = 1;
        }
    }
}
