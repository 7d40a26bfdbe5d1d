package org.jtrain.train.models;

/**
 * A model's hyperparameters: an immutable record, one per model, whose components are declared with {@link Param} and
 * checked when it is built. It names the model it configures, so it is all {@code Trainer.fit} needs to choose one:
 * {@code Forest.params().trees(200)}.
 */
public interface Hyperparameters {

    /** The model's name, as {@code %train} knows it, e.g. {@code forest}. */
    String model();
}
