package org.jtrain.train.models;

/**
 * The hyperparameters of {@code lasso}: linear regression with an L1 penalty (drops weak features).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Lasso(
        @Param(description = "L1 regularization strength", defaultValue = "1.0", min = 0, minExclusive = true) double lambda,
        @Param(description = "Most optimizer iterations", defaultValue = "1000", min = 1, max = 1_000_000) int maxIter) implements Hyperparameters {

    public Lasso {
        Params.check(Lasso.class, lambda, maxIter);
    }

    /** The defaults. */
    public static Lasso params() {
        return Params.defaults(Lasso.class);
    }

    @Override
    public String model() {
        return "lasso";
    }

    public Lasso lambda(double value) {
        return new Lasso(value, maxIter);
    }

    public Lasso maxIter(int value) {
        return new Lasso(lambda, value);
    }
}
