package org.jtrain.train.models;

import org.jtrain.train.Prediction;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * k nearest neighbours by brute force, the way scikit-learn does it in many dimensions: the squared distances of a
 * block of query rows to every training row come from one matrix product, |q - x|² = |q|² + |x|² - 2 q·x, and each
 * query keeps its k smallest. The vote is a plurality (a tie goes to the first class), and the probabilities are the
 * shares of the votes. A training row is its own nearest neighbour, as in scikit-learn.
 *
 * <p>The product runs in floats, on rows centred on the training mean (which keeps the numbers small), and only picks
 * candidates: the {@code 2k + 8} nearest by it are measured again exactly, in doubles, and the k nearest of those win,
 * the nearer index first on a tie. So the neighbours are the exact ones unless float rounding (about 1e-7 of |x|²)
 * moved a true neighbour past 2k + 8 others, and the product takes half the time of one in doubles.
 */
final class KnnIndex implements Predictor {

    private static final long serialVersionUID = 2L;

    /** Distances a thread computes at a time (8 MB of floats), so that a large training set does not need a huge block. */
    private static final int BLOCK = 2_000_000;

    private final int k;
    private final int classes;
    private final double[][] x;
    private final int[] labels;
    private transient MemorySegment rows;
    private transient double[] norms, mean;

    KnnIndex(double[][] x, int[] labels, int classes, int k) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.k = k;
    }

    /** The centred training rows as floats in native memory and their squared norms, made once, on first use (also after reading a file). */
    private synchronized MemorySegment rows() {
        if (rows == null) {
            int d = x[0].length;
            double[] m = new double[d];
            for (double[] row : x) for (int j = 0; j < d; j++) m[j] += row[j] / x.length;
            MemorySegment r = Blas.zeros((long) x.length * d / 2 + 1);
            Blas.copyFloats(x, 0, x.length, m, r);
            double[] n = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < d; j++) {
                    double v = (float) (x[i][j] - m[j]); // as the product sees it
                    n[i] += v * v;
                }
            }
            norms = n;
            mean = m;
            rows = r;
        }
        return rows;
    }

    @Override
    public Prediction apply(double[][] q) {
        int[][] near = neighbours(q);
        int[] out = new int[q.length];
        double[][] prob = new double[q.length][classes];
        for (int i = 0; i < q.length; i++) out[i] = vote(near[i], prob[i]);
        return Prediction.classes(out, prob);
    }

    /** The indexes of each query row's k nearest training rows, closest first. */
    int[][] neighbours(double[][] q) {
        MemorySegment train = rows();
        int n = x.length, d = x[0].length, kk = Math.min(k, n), candidates = Math.min(n, 2 * kk + 8);
        int block = Math.max(1, Math.min(64, BLOCK / n)), parts = Blas.parts(q.length, block);
        int[][] near = new int[q.length][];
        // each thread takes a run of query rows, a block at a time, each block one one-thread product
        IntStream.range(0, parts).parallel().forEach(p -> {
            int first = (int) ((long) q.length * p / parts), last = (int) ((long) q.length * (p + 1) / parts);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment queries = arena.allocate((long) block * d * Float.BYTES, 64), dots = arena.allocate((long) block * n * Float.BYTES, 64);
                float[] products = new float[block * n]; // read from an array, which is fast before the JIT has compiled this
                for (int from = first; from < last; from += block) {
                    int to = Math.min(last, from + block);
                    Blas.copyFloats(q, from, to, mean, queries);
                    Blas.timesTransposedFloats(queries, to - from, train, n, d, dots);
                    MemorySegment.copy(dots, ValueLayout.JAVA_FLOAT, 0, products, 0, (to - from) * n);
                    for (int i = from; i < to; i++) near[i] = exact(q[i], nearest(products, (i - from) * n, n, candidates), kk);
                }
            }
        });
        return near;
    }

    /** The indexes of the m smallest |x|² - 2 q·x (|q|² is the same for all), closest first; ties keep the lower index. */
    private int[] nearest(float[] dots, int offset, int n, int m) {
        int[] best = new int[m];
        double[] dist = new double[m];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            double v = norms[j] - 2 * dots[offset + j];
            if (v >= dist[m - 1]) continue;
            int p = m - 1;
            while (p > 0 && dist[p - 1] > v) {
                dist[p] = dist[p - 1];
                best[p] = best[p - 1];
                p--;
            }
            dist[p] = v;
            best[p] = j;
        }
        return best;
    }

    /** The kk of {@code candidates} nearest to {@code q} by exact squared distance, the lower index first on a tie. */
    private int[] exact(double[] q, int[] candidates, int kk) {
        int m = candidates.length;
        double[] dist = new double[m];
        int[] order = new int[m];
        for (int c = 0; c < m; c++) {
            double[] r = x[candidates[c]];
            double s = 0;
            for (int j = 0; j < q.length; j++) s += (q[j] - r[j]) * (q[j] - r[j]);
            // insertion by (distance, index): a few dozen candidates at most
            int p = c;
            while (p > 0 && (dist[p - 1] > s || dist[p - 1] == s && order[p - 1] > candidates[c])) {
                dist[p] = dist[p - 1];
                order[p] = order[p - 1];
                p--;
            }
            dist[p] = s;
            order[p] = candidates[c];
        }
        return java.util.Arrays.copyOf(order, kk);
    }

    private int vote(int[] neighbours, double[] prob) {
        for (int j : neighbours) prob[labels[j]]++;
        int top = 0;
        for (int c = 0; c < classes; c++) {
            if (prob[c] > prob[top]) top = c;
        }
        for (int c = 0; c < classes; c++) prob[c] /= neighbours.length;
        return top;
    }
}
