package org.jtrain.train;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How {@link Trainer#fit} runs: a validation table scored every epoch, listeners that watch the run (progress, charts),
 * the seed every random choice derives from, and a signal that stops training and keeps what was learned.
 * <pre>{@code FitOptions.validation(val).listener(progress).seed(7)}</pre>
 *
 * @param validation a table scored every epoch (val_loss, val_accuracy), or null
 */
public record FitOptions(Table validation, List<TrainingListener> listeners, long seed, BooleanSupplier stop) {

    public FitOptions {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(stop, "stop");
    }

    /** No validation table, no listeners, the default seed, never stopped. */
    public static FitOptions defaults() {
        return new FitOptions(null, List.of(), Seeds.DEFAULT, () -> false);
    }

    /** Scores {@code table} (null for none) after every epoch. */
    public static FitOptions validation(Table table) {
        return defaults().withValidation(table);
    }

    public FitOptions withValidation(Table table) {
        return new FitOptions(table, listeners, seed, stop);
    }

    public FitOptions listener(TrainingListener listener) {
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new FitOptions(validation, all, seed, stop);
    }

    public FitOptions seed(long value) {
        return new FitOptions(validation, listeners, value, stop);
    }

    /** Stops training once {@code signal} says so, e.g. the kernel's interrupt; interrupting the thread works too. */
    public FitOptions stopWhen(BooleanSupplier signal) {
        return new FitOptions(validation, listeners, seed, signal);
    }
}
