package org.jtrain.train;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** One training run as a model's fitter sees it: it reports progress here, asks whether to stop, and reads the seed. */
public final class Run {

    private final List<TrainingListener> listeners;
    private final BooleanSupplier stopSignal;
    private final long seed;
    private final History history = new History();
    private volatile String stopReason;
    private volatile boolean interrupted;
    private volatile Thread leftRunning;
    /** Set once the run has ended: a fit left running in the background then reports to no one. */
    private volatile boolean ended;

    Run(List<TrainingListener> listeners, BooleanSupplier stopSignal, long seed) {
        this.listeners = List.copyOf(listeners);
        this.stopSignal = stopSignal;
        this.seed = seed;
    }

    public History history() {
        return history;
    }

    /** The seed every random choice of this run derives from. */
    public long seed() {
        return seed;
    }

    public void start(String model, int epochs, int batches) {
        if (!ended) listeners.forEach(l -> l.onStart(model, epochs, batches));
    }

    public void batch(int epoch, int batch, int batches) {
        if (!ended) listeners.forEach(l -> l.onBatch(epoch, batch, batches));
    }

    /**
     * Records an epoch's metrics and tells the listeners; after the run has ended, does nothing. A loss that is no longer
     * a number stops the run: every epoch after it would be NaN too.
     */
    public synchronized void epoch(int epoch, Map<String, Double> metrics) {
        if (ended) return;
        history.add(metrics);
        Double loss = metrics.get("loss");
        if (loss != null && !Double.isFinite(loss) && stopReason == null) {
            requestStop("stopped at epoch " + epoch + ": the loss became " + (loss.isNaN() ? "NaN" : "infinite")
                    + ", so training diverged; a lower --learning-rate usually helps");
        }
        listeners.forEach(l -> l.onEpoch(epoch, metrics, history));
    }

    /** Tasks done of those known so far, for a fit that runs as Spark jobs; {@code stages} finished. */
    public void tasks(int stages, int done, int total) {
        if (!ended) listeners.forEach(l -> l.onTasks(stages, done, total));
    }

    /** Asks the loop to stop after the current batch, e.g. for early stopping. */
    public void requestStop(String why) {
        if (stopReason == null) stopReason = why; // the first reason is the one that stopped it
    }

    /**
     * Whether to stop now: the stop signal fired (the kernel's interrupt), the thread was interrupted, or a listener
     * asked. The interrupt is taken (the thread's flag cleared) so that showing the final progress and keeping the model
     * afterwards are not themselves interrupted.
     */
    public boolean shouldStop() {
        return interrupted() || stopReason != null;
    }

    /** Notes a fit's worker thread that was told to stop but runs on (Smile gives some fits no way to stop). */
    public void leftRunning(Thread worker) {
        leftRunning = worker;
    }

    boolean isLeftRunning() {
        Thread t = leftRunning;
        return t != null && t.isAlive();
    }

    /** Whether the run was told to stop by the user (not by a listener), as {@link #shouldStop()} last found. */
    public boolean interrupted() {
        if (Thread.interrupted() || stopSignal.getAsBoolean()) interrupted = true;
        return interrupted;
    }

    String stopReason() {
        return stopReason;
    }

    synchronized void end(String why) {
        ended = true;
        history.end(why);
        listeners.forEach(l -> l.onEnd(history));
    }
}
