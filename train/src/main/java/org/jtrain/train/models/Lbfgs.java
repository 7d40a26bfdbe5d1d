package org.jtrain.train.models;

/**
 * A small L-BFGS minimizer (Nocedal and Wright, algorithm 7.4 and 7.5) with a backtracking line search that asks for
 * enough decrease (Armijo) and skips an update that would not keep the curvature positive. It stops when the largest
 * gradient component is below {@code gradientTolerance}, when a step no longer lowers the value, or after
 * {@code maxIter} iterations, as scikit-learn's lbfgs solver does.
 */
final class Lbfgs {

    private Lbfgs() {
    }

    /** A function and its gradient at once (they share most of their work). */
    @FunctionalInterface
    interface Objective {
        /** Returns f(w) and writes its gradient into {@code gradient}. */
        double evaluate(double[] w, double[] gradient);
    }

    /** How the minimization ended. */
    record Result(double value, int iterations, boolean converged) {
    }

    static Result minimize(Objective f, double[] w, int maxIter, double gradientTolerance) {
        int n = w.length, memory = 10;
        double[][] s = new double[memory][n], y = new double[memory][n];
        double[] rho = new double[memory], alpha = new double[memory];
        double[] g = new double[n], next = new double[n], gNext = new double[n], dir = new double[n];
        double fx = f.evaluate(w, g);
        int stored = 0, newest = -1;
        for (int iter = 1; iter <= maxIter; iter++) {
            if (maxAbs(g) <= gradientTolerance) return new Result(fx, iter - 1, true);
            // two-loop recursion: dir = -H g
            for (int i = 0; i < n; i++) dir[i] = -g[i];
            for (int j = 0; j < stored; j++) {
                int m = Math.floorMod(newest - j, memory);
                alpha[m] = rho[m] * dot(s[m], dir);
                axpy(-alpha[m], y[m], dir);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) dir[i] *= gamma;
            }
            for (int j = stored - 1; j >= 0; j--) {
                int m = Math.floorMod(newest - j, memory);
                double beta = rho[m] * dot(y[m], dir);
                axpy(alpha[m] - beta, s[m], dir);
            }
            double slope = dot(g, dir);
            if (slope >= 0) { // not a descent direction: start again from the gradient
                for (int i = 0; i < n; i++) dir[i] = -g[i];
                slope = dot(g, dir);
                stored = 0;
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0, fNext;
            while (true) {
                for (int i = 0; i < n; i++) next[i] = w[i] + step * dir[i];
                fNext = f.evaluate(next, gNext);
                if (fNext <= fx + 1e-4 * step * slope) break;
                step *= 0.5;
                if (step < 1e-20) return new Result(fx, iter, false); // no step lowers f: as far as it goes
            }
            newest = (newest + 1) % memory;
            for (int i = 0; i < n; i++) {
                s[newest][i] = next[i] - w[i];
                y[newest][i] = gNext[i] - g[i];
            }
            double sy = dot(s[newest], y[newest]);
            if (sy > 1e-10 * dot(y[newest], y[newest])) {
                rho[newest] = 1 / sy;
                stored = Math.min(memory, stored + 1);
            } else {
                newest = Math.floorMod(newest - 1, memory); // keep the old pairs, less the oldest it overwrote
                if (stored == memory) stored--;
            }
            double change = fx - fNext;
            System.arraycopy(next, 0, w, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            fx = fNext;
            if (change <= 1e-12 * Math.max(1, Math.abs(fx))) return new Result(fx, iter, true);
        }
        return new Result(fx, maxIter, maxAbs(g) <= gradientTolerance);
    }

    private static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) r += a[i] * b[i];
        return r;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static double maxAbs(double[] a) {
        double r = 0;
        for (double v : a) r = Math.max(r, Math.abs(v));
        return r;
    }
}
