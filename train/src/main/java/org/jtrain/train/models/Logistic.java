package org.jtrain.train.models;

/**
 * The hyperparameters of {@code logistic}: multinomial logistic regression (softmax), fitted on standardized features
 * by L-BFGS (see {@link SoftmaxRegression}).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Logistic(
        @Param(description = "L2 penalty: the loss is the mean cross-entropy plus lambda/2 times the squared weights of the standardized features; 0 for none",
                defaultValue = "0.01", min = 0) double lambda,
        @Param(description = "Most L-BFGS iterations", defaultValue = "100", min = 1, max = 100_000) int maxIter) implements Hyperparameters {

    public Logistic {
        Params.check(Logistic.class, lambda, maxIter);
    }

    /** The defaults. */
    public static Logistic params() {
        return Params.defaults(Logistic.class);
    }

    @Override
    public String model() {
        return "logistic";
    }

    public Logistic lambda(double value) {
        return new Logistic(value, maxIter);
    }

    public Logistic maxIter(int value) {
        return new Logistic(lambda, value);
    }
}
