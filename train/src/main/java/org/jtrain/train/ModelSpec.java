package org.jtrain.train;

import java.util.List;

/**
 * A model that {@code %train} can fit by name: its hyperparameter record (declared once, with {@link Param}) and
 * how to fit it.
 *
 * @param task the task it always does, or null when the target decides (trees do both)
 * @param input what it reads: numeric feature columns, pixel columns or a text column
 */
public record ModelSpec<P extends Record>(String name, String summary, Task task, Input input, Class<P> params, Fitter<P> fitter) {

    /** What kind of columns a model reads. */
    public enum Input { NUMBERS, PIXELS, TEXT }

    /** Fits a model on training data, reporting to {@code run}; {@code val} may be null. */
    @FunctionalInterface
    public interface Fitter<P extends Record> {
        Model fit(P params, Data train, Data val, Run run) throws Exception;
    }

    /** The hyperparameters, one line each, for help. */
    public List<String> describeParams() {
        return Params.describe(params);
    }
}
