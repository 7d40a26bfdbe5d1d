package org.jtrain.train.tune;

import org.jtrain.train.Seeds;

import java.util.function.BooleanSupplier;

/**
 * How {@link Tuning#search} runs: the folds of cross-validation, a grid or {@code random} samples, the metric (null: accuracy
 * for classes, R² for numbers), the seed, a stop signal, a listener of finished fits, and whether to refit the best.
 */
public record TuneOptions(int folds, int random, Tuning.Metric metric, long seed, BooleanSupplier stop, Progress progress, boolean refit) {

    /** Hears each finished fit: {@code done} of {@code total}. */
    @FunctionalInterface
    public interface Progress {
        void fitted(int done, int total);
    }

    /** 5 folds, the whole grid, the task's metric, the default seed, never stopped, the best refitted. */
    public static TuneOptions defaults() {
        return new TuneOptions(5, 0, null, Seeds.DEFAULT, () -> false, (done, total) -> { }, true);
    }

    public TuneOptions folds(int value) {
        return new TuneOptions(value, random, metric, seed, stop, progress, refit);
    }

    /** Tries {@code samples} random combinations instead of the whole grid (0: the grid). */
    public TuneOptions random(int samples) {
        return new TuneOptions(folds, samples, metric, seed, stop, progress, refit);
    }

    public TuneOptions metric(Tuning.Metric value) {
        return new TuneOptions(folds, random, value, seed, stop, progress, refit);
    }

    public TuneOptions seed(long value) {
        return new TuneOptions(folds, random, metric, value, stop, progress, refit);
    }

    public TuneOptions stopWhen(BooleanSupplier signal) {
        return new TuneOptions(folds, random, metric, seed, signal, progress, refit);
    }

    public TuneOptions progress(Progress listener) {
        return new TuneOptions(folds, random, metric, seed, stop, listener, refit);
    }

    public TuneOptions refit(boolean value) {
        return new TuneOptions(folds, random, metric, seed, stop, progress, value);
    }
}
