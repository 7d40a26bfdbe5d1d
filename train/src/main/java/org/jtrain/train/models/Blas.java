package org.jtrain.train.models;

import smile.linalg.blas.cblas_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Matrix products of row-major double matrices in native memory, through the OpenBLAS that Smile already calls (its
 * {@code cblas_h} bindings). Where OpenBLAS cannot be loaded (no {@code libopenblas.so} on the library path), the same
 * products run as plain Java loops: slower, never wrong.
 *
 * <p>OpenBLAS is set to one thread, and callers split their rows over Java's threads instead: on this project's
 * shared 2-core machines, OpenBLAS's own threads waited on each other so much when other processes were busy that a
 * product took 3 to 30 times as long as the same product on one thread (measured: a 10 × 784 × 5,600 product 0.13-0.36 s
 * on two OpenBLAS threads against 0.01 s on one).
 */
final class Blas {

    private Blas() {
    }

    private static final boolean NATIVE = loads();

    private static boolean loads() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, 2.0), out = arena.allocate(ValueLayout.JAVA_DOUBLE);
            cblas_h.cblas_dgemm(cblas_h.CblasRowMajor(), cblas_h.CblasNoTrans(), cblas_h.CblasNoTrans(), 1, 1, 1, 1.0, one, 1, one, 1, 0.0, out, 1);
            cblas_h.openblas_set_num_threads(1);
            return out.get(ValueLayout.JAVA_DOUBLE, 0) == 4.0;
        } catch (Throwable e) { // UnsatisfiedLinkError, IllegalCallerException without native access, ...
            return false;
        }
    }

    /** Whether the products run in OpenBLAS. */
    static boolean isNative() {
        return NATIVE;
    }

    /** Rows {@code from} to {@code to} of {@code x}, {@code cols} doubles each, copied into memory that the garbage collector frees. */
    static MemorySegment copy(double[][] x, int from, int to, int cols) {
        return copy(Arena.ofAuto(), x, from, to, cols);
    }

    static MemorySegment copy(Arena arena, double[][] x, int from, int to, int cols) {
        MemorySegment m = arena.allocate((long) (to - from) * cols * Double.BYTES, 64);
        for (int i = from; i < to; i++) MemorySegment.copy(x[i], 0, m, ValueLayout.JAVA_DOUBLE, (long) (i - from) * cols * Double.BYTES, cols);
        return m;
    }

    static MemorySegment copy(double[] x) {
        MemorySegment m = Arena.ofAuto().allocate((long) x.length * Double.BYTES, 64);
        MemorySegment.copy(x, 0, m, ValueLayout.JAVA_DOUBLE, 0, x.length);
        return m;
    }

    static MemorySegment zeros(long doubles) {
        return zeros(Arena.ofAuto(), doubles);
    }

    static MemorySegment zeros(Arena arena, long doubles) {
        return arena.allocate(doubles * Double.BYTES, 64);
    }

    /** Row {@code row} onwards of a matrix with {@code cols} columns. */
    static MemorySegment rows(MemorySegment m, long row, int cols) {
        return m.asSlice(row * cols * Double.BYTES);
    }

    /** How many parts to split {@code n} rows into, each at least {@code least} rows, for Java's threads. */
    static int parts(int n, int least) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / least));
    }

    /** c (m×n) = a (m×d) · bᵀ, where b is n×d. */
    static void timesTransposed(MemorySegment a, int m, MemorySegment b, int n, int d, MemorySegment c) {
        if (NATIVE) {
            cblas_h.cblas_dgemm(cblas_h.CblasRowMajor(), cblas_h.CblasNoTrans(), cblas_h.CblasTrans(), m, n, d, 1.0, a, d, b, d, 0.0, c, n);
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) s += at(a, (long) i * d + t) * at(b, (long) j * d + t);
                c.setAtIndex(ValueLayout.JAVA_DOUBLE, (long) i * n + j, s);
            }
        }
    }

    /** Rows {@code from} to {@code to} of {@code x} less {@code shift}, as floats, into {@code into}. */
    static void copyFloats(double[][] x, int from, int to, double[] shift, MemorySegment into) {
        int cols = shift.length;
        float[] row = new float[cols]; // a row at a time in an array, then one bulk copy: fast before the JIT has compiled this
        for (int i = from; i < to; i++) {
            for (int j = 0; j < cols; j++) row[j] = (float) (x[i][j] - shift[j]);
            MemorySegment.copy(row, 0, into, ValueLayout.JAVA_FLOAT, (long) (i - from) * cols * Float.BYTES, cols);
        }
    }

    /** The float version of {@link #timesTransposed}: c (m×n) = a (m×d) · bᵀ. */
    static void timesTransposedFloats(MemorySegment a, int m, MemorySegment b, int n, int d, MemorySegment c) {
        if (NATIVE) {
            cblas_h.cblas_sgemm(cblas_h.CblasRowMajor(), cblas_h.CblasNoTrans(), cblas_h.CblasTrans(), m, n, d, 1f, a, d, b, d, 0f, c, n);
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int t = 0; t < d; t++) s += a.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * d + t) * b.getAtIndex(ValueLayout.JAVA_FLOAT, (long) j * d + t);
                c.setAtIndex(ValueLayout.JAVA_FLOAT, (long) i * n + j, s);
            }
        }
    }

    /** c (m×n) = aᵀ · b, where a is d×m and b is d×n. */
    static void transposedTimes(MemorySegment a, int m, MemorySegment b, int n, int d, MemorySegment c) {
        if (NATIVE) {
            cblas_h.cblas_dgemm(cblas_h.CblasRowMajor(), cblas_h.CblasTrans(), cblas_h.CblasNoTrans(), m, n, d, 1.0, a, m, b, n, 0.0, c, n);
            return;
        }
        c.fill((byte) 0);
        for (int t = 0; t < d; t++) {
            for (int i = 0; i < m; i++) {
                double ai = at(a, (long) t * m + i);
                if (ai == 0) continue;
                for (int j = 0; j < n; j++) {
                    long k = (long) i * n + j;
                    c.setAtIndex(ValueLayout.JAVA_DOUBLE, k, at(c, k) + ai * at(b, (long) t * n + j));
                }
            }
        }
    }

    static double at(MemorySegment m, long index) {
        return m.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
    }
}
