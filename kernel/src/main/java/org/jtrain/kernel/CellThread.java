package org.jtrain.kernel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The one long-lived thread on which every cell of a kernel runs: its Java code and its magics alike. Native libraries
 * that keep a thread pool per calling thread (libtorch under DJL) then keep one pool for the whole session, instead
 * of one per cell (JShell's own engine starts a thread per snippet) or one per kind of caller; and thread-locals,
 * such as Smile's random generator, outlive the cell that set them. Its context class loader is JShell's, so that
 * magics see the session's classpath as cell code does.
 */
final class CellThread {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jtrain-cells");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<ClassLoader> loader;
    private volatile Thread current;

    /** @param loader the class loader cells run with, or null while it is not known yet */
    CellThread(Supplier<ClassLoader> loader) {
        this.loader = loader;
    }

    boolean isCurrent() {
        return Thread.currentThread() == current;
    }

    /** Runs {@code work} on the cell thread (directly when already there) and returns its result or throws its exception. */
    <T> T call(Callable<T> work) throws Exception {
        if (isCurrent()) return work.call();
        Future<T> done = thread.submit(() -> {
            current = Thread.currentThread();
            ClassLoader cells = loader.get();
            if (cells != null) current.setContextClassLoader(cells);
            try {
                return work.call();
            } finally {
                Thread.interrupted(); // an interrupt aimed at this cell must not reach the next one
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
