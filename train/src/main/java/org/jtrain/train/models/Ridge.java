package org.jtrain.train.models;

/**
 * The hyperparameters of {@code ridge}: linear regression with an L2 penalty.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Ridge(
        @Param(description = "L2 regularization strength", defaultValue = "1.0", min = 0) double lambda) implements Hyperparameters {

    public Ridge {
        Params.check(Ridge.class, lambda);
    }

    /** The defaults. */
    public static Ridge params() {
        return Params.defaults(Ridge.class);
    }

    @Override
    public String model() {
        return "ridge";
    }

    public Ridge lambda(double value) {
        return new Ridge(value);
    }
}
