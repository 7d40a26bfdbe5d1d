package org.jtrain.train.models;

import smile.classification.ClassLabels;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.math.MathEx;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The out-of-bag scores of a Smile random forest, computed again so that they repeat. Smile adds them up from its
 * parallel tree fits into shared arrays without a lock, so its own figure changes from run to run under the same seed.
 * Here each tree's bag is drawn again from its seed exactly as Smile 6.3 draws it (OutOfBagTest checks every tree's
 * score against the one Smile kept), and the trees are scored in parallel into sums whose order is fixed.
 */
final class OutOfBag {

    /** Regression sums are split among this many parts, whatever the cores, so their order is the same everywhere. */
    private static final int PARTS = 8;

    private OutOfBag() {
    }

    /** Mean squared error of each row's mean prediction by the trees that did not see it. */
    static double mse(smile.regression.RandomForest forest, Formula formula, DataFrame data, long[] seeds, double subsample) {
        Formula f = formula.expand(data.schema());
        DataFrame x = f.x(data);
        double[] y = f.y(data).toDoubleArray();
        int n = y.length;
        var trees = forest.trees();
        int parts = Math.min(PARTS, trees.length);
        double[][] sums = new double[parts][n];
        int[][] votes = new int[parts][n];
        IntStream.range(0, parts).parallel().forEach(part -> {
            for (int t = part; t < trees.length; t += parts) {
                int[] bag = regressionBag(n, seeds[t], subsample);
                for (int i = 0; i < n; i++) {
                    if (bag[i] == 0) {
                        sums[part][i] += trees[t].predict(x.get(i));
                        votes[part][i]++;
                    }
                }
            }
        });
        double se = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int count = 0;
            for (int part = 0; part < parts; part++) {
                sum += sums[part][i];
                count += votes[part][i];
            }
            if (count == 0) continue;
            double e = y[i] - sum / count;
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
        int n = codec.y.length, k = codec.k;
        var votes = new AtomicIntegerArray(n * k); // counts: the same whatever order the trees add them in
        var trees = forest.trees();
        IntStream.range(0, trees.length).parallel().forEach(t -> {
            int[] bag = classificationBag(codec, seeds[t], subsample);
            for (int i = 0; i < n; i++) {
                if (bag[i] == 0) votes.incrementAndGet(i * k + trees[t].predict(x.get(i)));
            }
        });
        int right = 0, scored = 0;
        for (int i = 0; i < n; i++) {
            int vote = 0;
            for (int c = 1; c < k; c++) if (votes.get(i * k + c) > votes.get(i * k + vote)) vote = c;
            if (votes.get(i * k + vote) == 0) continue;
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
