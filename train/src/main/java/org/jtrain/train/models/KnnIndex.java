package org.jtrain.train.models;

import org.jtrain.train.Prediction;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

/**
 * k nearest neighbours by brute force, the way scikit-learn does it in many dimensions: the squared distances of a
 * block of query rows to every training row come from one matrix product, |q - x|² = |q|² + |x|² - 2 q·x, and each
 * query keeps its k smallest. The vote is a plurality (a tie goes to the first class), and the probabilities are the
 * shares of the votes. A training row is its own nearest neighbour, as in scikit-learn.
 */
final class KnnIndex implements Predictor {

    private static final long serialVersionUID = 1L;

    /** Doubles of distances a thread computes at a time (16 MB), so that a large training set does not need a huge block. */
    private static final int BLOCK = 2_000_000;

    private final int k;
    private final int classes;
    private final double[][] x;
    private final int[] labels;
    private transient MemorySegment rows;
    private transient double[] norms;

    KnnIndex(double[][] x, int[] labels, int classes, int k) {
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.k = k;
    }

    /** The training rows in native memory and their squared norms, made once, on first use (also after reading a file). */
    private synchronized MemorySegment rows() {
        if (rows == null) {
            int d = x[0].length;
            double[] n = new double[x.length];
            for (int i = 0; i < x.length; i++) for (double v : x[i]) n[i] += v * v;
            norms = n;
            rows = Blas.copy(x, 0, x.length, d);
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
        int n = x.length, d = x[0].length, kk = Math.min(k, n);
        int block = Math.max(1, Math.min(64, BLOCK / n));
        int[][] near = new int[q.length][];
        // blocks of query rows on Java's threads, each with its own one-thread product
        IntStream.range(0, (q.length + block - 1) / block).parallel().forEach(b -> {
            int from = b * block, to = Math.min(q.length, from + block);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment dots = Blas.zeros(arena, (long) (to - from) * n);
                Blas.timesTransposed(Blas.copy(arena, q, from, to, d), to - from, train, n, d, dots);
                for (int i = from; i < to; i++) near[i] = nearest(dots, (long) (i - from) * n, n, kk);
            }
        });
        return near;
    }

    /** The indexes of the kk smallest |x|² - 2 q·x (|q|² is the same for all), closest first; ties keep the lower index. */
    private int[] nearest(MemorySegment dots, long offset, int n, int kk) {
        int[] best = new int[kk];
        double[] dist = new double[kk];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            double v = norms[j] - 2 * Blas.at(dots, offset + j);
            if (v >= dist[kk - 1]) continue;
            int p = kk - 1;
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
