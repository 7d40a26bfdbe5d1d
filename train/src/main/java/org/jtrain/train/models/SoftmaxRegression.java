package org.jtrain.train.models;

import org.jtrain.train.Prediction;
import org.jtrain.train.Run;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * Multinomial logistic regression: one weight row and intercept per class, softmax of the scores. It is fitted on
 * standardized features (each centred and divided by its standard deviation on the training rows), minimizing the mean
 * cross-entropy plus {@code lambda / 2} times the squared weights (not the intercepts) with {@link Lbfgs}; the scaling
 * is then folded into the weights, so the model takes the features as they are.
 *
 * <p>The loss and gradient of all rows are two matrix products per step through {@link Blas}: the scores X·Wᵀ and
 * the gradient (P - Y)ᵀ·X.
 */
final class SoftmaxRegression implements Predictor {

    private static final long serialVersionUID = 1L;

    private final double[][] weights;
    private final double[] intercepts;

    private SoftmaxRegression(double[][] weights, double[] intercepts) {
        this.weights = weights;
        this.intercepts = intercepts;
    }

    /** What the optimizer reached, besides the model. */
    record Fitted(SoftmaxRegression model, double loss, int iterations, boolean converged) {
    }

    static Fitted fit(double[][] x, int[] y, int k, double lambda, int maxIter, Run run) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d], scale = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (double[] row : x) for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 1e-12 ? sd : 1; // a constant feature stays 0 once centred
        }
        MemorySegment xs = Blas.zeros((long) n * d);
        double[] row = new double[d]; // a row at a time, then one bulk copy: fast before the JIT has compiled this
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) row[j] = (x[i][j] - mean[j]) / scale[j];
            MemorySegment.copy(row, 0, xs, ValueLayout.JAVA_DOUBLE, (long) i * d * Double.BYTES, d);
        }
        Objective objective = new Objective(xs, y, n, d, k, lambda, run);
        double[] w = new double[k * (d + 1)]; // k rows of d weights, then k intercepts
        Lbfgs.Result r = Lbfgs.minimize(objective, w, maxIter, 1e-4);
        double[][] weights = new double[k][d];
        double[] intercepts = new double[k];
        for (int c = 0; c < k; c++) {
            intercepts[c] = w[k * d + c];
            for (int j = 0; j < d; j++) {
                weights[c][j] = w[c * d + j] / scale[j];
                intercepts[c] -= weights[c][j] * mean[j];
            }
        }
        return new Fitted(new SoftmaxRegression(weights, intercepts), r.value(), r.iterations(), r.converged());
    }

    /**
     * Mean cross-entropy of the softmax over standardized rows, plus lambda/2 |W|², and its gradient. The rows are
     * split into parts, one per thread: each part's scores X·Wᵀ and gradient (P - Y)ᵀ·X are one-thread products.
     */
    static final class Objective implements Lbfgs.Objective {
        private final MemorySegment x, scores;
        private final MemorySegment[] wSeg, grad;
        private final int[] y;
        private final int n, d, k, parts;
        private final double lambda;
        private final Run run;

        Objective(MemorySegment x, int[] y, int n, int d, int k, double lambda, Run run) {
            this.x = x;
            this.y = y;
            this.n = n;
            this.d = d;
            this.k = k;
            this.lambda = lambda;
            this.run = run;
            parts = Blas.parts(n, 512);
            scores = Blas.zeros((long) n * k);
            wSeg = new MemorySegment[parts];
            grad = new MemorySegment[parts];
            for (int p = 0; p < parts; p++) {
                wSeg[p] = Blas.zeros((long) k * d);
                grad[p] = Blas.zeros((long) k * d);
            }
        }

        @Override
        public double evaluate(double[] w, double[] gradient) {
            if (run != null) Stops.check(run);
            double[] intercept = java.util.Arrays.copyOfRange(w, k * d, k * d + k);
            double[][] interceptGrad = new double[parts][k];
            double loss = IntStream.range(0, parts).parallel().mapToDouble(p -> {
                int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
                MemorySegment xp = Blas.rows(x, from, d), sp = Blas.rows(scores, from, k);
                MemorySegment.copy(w, 0, wSeg[p], ValueLayout.JAVA_DOUBLE, 0, k * d);
                Blas.timesTransposed(xp, to - from, wSeg[p], k, d, sp);
                double sum = 0;
                for (int i = from; i < to; i++) sum += softmax(i, intercept, interceptGrad[p]);
                Blas.transposedTimes(sp, k, xp, d, to - from, grad[p]); // the scores are now P - Y
                return sum;
            }).sum() / n;
            java.util.Arrays.fill(gradient, 0);
            for (int p = 0; p < parts; p++) {
                for (int i = 0; i < k * d; i++) gradient[i] += grad[p].getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                for (int c = 0; c < k; c++) gradient[k * d + c] += interceptGrad[p][c];
            }
            double penalty = 0;
            for (int i = 0; i < k * d; i++) {
                gradient[i] = gradient[i] / n + lambda * w[i];
                penalty += w[i] * w[i];
            }
            for (int c = 0; c < k; c++) gradient[k * d + c] /= n;
            return loss + lambda / 2 * penalty;
        }

        /** Row i's cross-entropy; leaves softmax - onehot in its scores and adds it to {@code interceptGrad}. */
        private double softmax(int i, double[] intercept, double[] interceptGrad) {
            long at = (long) i * k;
            double top = Double.NEGATIVE_INFINITY;
            double[] z = new double[k];
            for (int c = 0; c < k; c++) top = Math.max(top, z[c] = Blas.at(scores, at + c) + intercept[c]);
            double own = z[y[i]], sum = 0;
            for (int c = 0; c < k; c++) sum += z[c] = Math.exp(z[c] - top);
            for (int c = 0; c < k; c++) {
                double r = z[c] / sum - (c == y[i] ? 1 : 0);
                scores.setAtIndex(ValueLayout.JAVA_DOUBLE, at + c, r);
                interceptGrad[c] += r;
            }
            return Math.log(sum) + top - own;
        }
    }

    @Override
    public Prediction apply(double[][] x) {
        int k = intercepts.length;
        int[] labels = new int[x.length];
        double[][] prob = new double[x.length][k];
        IntStream.range(0, x.length).parallel().forEach(i -> labels[i] = predict(x[i], prob[i]));
        return Prediction.classes(labels, prob);
    }

    private int predict(double[] row, double[] prob) {
        int k = intercepts.length, best = 0;
        double top = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < k; c++) {
            double z = intercepts[c];
            double[] wc = weights[c];
            for (int j = 0; j < row.length; j++) z += wc[j] * row[j];
            prob[c] = z;
            if (z > top) {
                top = z;
                best = c;
            }
        }
        for (int c = 0; c < k; c++) sum += prob[c] = Math.exp(prob[c] - top);
        for (int c = 0; c < k; c++) prob[c] /= sum;
        return best;
    }
}
