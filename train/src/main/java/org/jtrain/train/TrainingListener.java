package org.jtrain.train;

import java.util.Map;

/**
 * Watches one training run. Progress bars, live charts and early stopping are listeners on the same loop, not
 * branches inside it. Calls come from the training thread.
 */
public interface TrainingListener {

    /** Training of {@code model} begins: {@code epochs} epochs of {@code batches} batches each. */
    default void onStart(String model, int epochs, int batches) {
    }

    /** A batch finished. */
    default void onBatch(int epoch, int batch, int batches) {
    }

    /** A fit that runs as Spark jobs: {@code stages} finished, {@code done} of the {@code total} tasks known so far. */
    default void onTasks(int stages, int done, int total) {
    }

    /** An epoch finished with these metrics (already appended to {@code history}). */
    default void onEpoch(int epoch, Map<String, Double> metrics, History history) {
    }

    /** Training ended, normally or not: {@link History#ended()} says which. */
    default void onEnd(History history) {
    }
}
