package org.jtrain.train.models;

/**
 * The hyperparameters of {@code linear}: linear regression by least squares.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Linear() implements Hyperparameters {

    /** The defaults. */
    public static Linear params() {
        return Params.defaults(Linear.class);
    }

    @Override
    public String model() {
        return "linear";
    }
}
