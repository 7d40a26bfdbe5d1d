package org.jtrain.train;

import java.util.List;
import java.util.Map;

/** One training run as a model's fitter sees it: it reports progress here and asks whether to stop. */
public final class Run {

    private final List<TrainingListener> listeners;
    private final History history = new History();
    private volatile String stopReason;
    private volatile boolean interrupted;

    private final java.util.function.BooleanSupplier interruptSignal;

    Run(List<TrainingListener> listeners, java.util.function.BooleanSupplier interruptSignal) {
        this.listeners = List.copyOf(listeners);
        this.interruptSignal = interruptSignal;
    }

    public History history() {
        return history;
    }

    public void start(String model, int epochs, int batches) {
        listeners.forEach(l -> l.onStart(model, epochs, batches));
    }

    public void batch(int epoch, int batch, int batches) {
        listeners.forEach(l -> l.onBatch(epoch, batch, batches));
    }

    /** Records an epoch's metrics and tells the listeners. */
    public void epoch(int epoch, Map<String, Double> metrics) {
        history.add(metrics);
        listeners.forEach(l -> l.onEpoch(epoch, metrics, history));
    }

    /** Asks the loop to stop after the current batch, e.g. for early stopping. */
    public void requestStop(String why) {
        stopReason = why;
    }

    /**
     * Whether to stop now: the kernel interrupted the cell, or a listener asked. The interrupt is taken (the thread's
     * flag cleared) so that showing the final progress and saving the model afterwards are not themselves interrupted.
     */
    public boolean shouldStop() {
        if (Thread.interrupted() || interruptSignal.getAsBoolean()) interrupted = true;
        return interrupted || stopReason != null;
    }

    boolean interrupted() {
        if (Thread.interrupted() || interruptSignal.getAsBoolean()) interrupted = true;
        return interrupted;
    }

    String stopReason() {
        return stopReason;
    }

    void end(String why) {
        history.end(why);
        listeners.forEach(l -> l.onEnd(history));
    }
}
