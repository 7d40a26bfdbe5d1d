package org.jtrain.train.models;

import org.jtrain.train.Run;

import smile.math.MathEx;
import smile.math.kernel.MercerKernel;
import smile.util.IterativeAlgorithmController;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a Smile fit is stopped midway when the user interrupts it. Smile 6.3 offers no way to stop most fits, so each
 * is stopped where it calls back into code of ours: a forest's progress publisher, an SVM's kernel, an optimizer's
 * objective. A fit with no such call runs on a thread of its own that is left behind.
 */
final class Stops {

    private Stops() {
    }

    /** Thrown to end a Smile fit midway; a fit it ends keeps no model. */
    static final class Stopped extends RuntimeException {
        private Stopped() {
            super("training stopped", null, false, false);
        }
    }

    /** Throws {@link Stopped} if the run should stop. */
    static void check(Run run) {
        if (run.shouldStop()) throw new Stopped();
    }

    /** Whether {@code e} (which a parallel stream may have wrapped or copied) is a {@link Stopped}. */
    static boolean stopped(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof Stopped) return true;
        return false;
    }

    /** Smile's progress publisher delivers on the thread that finished a tree or round. */
    static final Executor SAME_THREAD = Runnable::run;

    /**
     * Smile's progress publisher that also stops a forest. Smile builds a forest's trees in a parallel stream and never
     * asks its controller whether to stop (and drops what a subscriber throws), so this throws from {@link #submit}
     * itself, on the thread that just built a tree: the stream then builds no more trees.
     */
    static final class ForestController<T> extends IterativeAlgorithmController<T> {
        private final Run run;

        ForestController(Run run) {
            super(SAME_THREAD, 1);
            this.run = run;
        }

        @Override
        public void submit(T status) {
            super.submit(status);
            check(run);
        }
    }

    /** An SVM's kernel that asks the run before each evaluation: LASVM calls it at every step. */
    static MercerKernel<double[]> kernel(MercerKernel<double[]> kernel, Run run) {
        return new StoppingKernel(kernel, run);
    }

    private record StoppingKernel(MercerKernel<double[]> kernel, Run run) implements MercerKernel<double[]> {
        @Override
        public double k(double[] a, double[] b) {
            check(run);
            return kernel.k(a, b);
        }

        @Override
        public double[] kg(double[] a, double[] b) {
            return kernel.kg(a, b);
        }

        @Override
        public MercerKernel<double[]> of(double[] params) {
            return new StoppingKernel(kernel.of(params), run);
        }

        @Override
        public double[] hyperparameters() {
            return kernel.hyperparameters();
        }

        @Override
        public double[] lo() {
            return kernel.lo();
        }

        @Override
        public double[] hi() {
            return kernel.hi();
        }
    }

    /**
     * Runs {@code fit} on a thread of its own, seeded as the session is, and waits, answering an interrupt within
     * 50 ms by throwing {@link Stopped}. A fit that stops itself (logistic regression, an SVM) has ended by then; one
     * that Smile gives no way to stop (a single tree, least squares, the user's own) runs on to its end
     * in the background, and its result is dropped.
     */
    static <T> T detached(Run run, Callable<T> fit) throws Exception {
        var result = new CompletableFuture<T>();
        long seed = run.seed();
        Thread worker = Thread.ofPlatform().daemon().name("jtrain-fit").start(() -> {
            try {
                MathEx.setSeed(seed); // Smile's generator is per thread
                result.complete(fit.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        while (true) {
            try {
                return result.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | InterruptedException e) {
                // Java code calling Trainer.fit is stopped by interrupting its thread: shouldStop() takes the flag
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                if (run.shouldStop()) {
                    worker.interrupt();
                    worker.join(250);
                    if (worker.isAlive()) run.leftRunning(worker);
                    throw new Stopped();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) throw cause;
                throw (Error) e.getCause();
            }
        }
    }
}
