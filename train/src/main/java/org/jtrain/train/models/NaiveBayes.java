package org.jtrain.train.models;

/**
 * The hyperparameters of {@code naive-bayes}: gaussian naive Bayes.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record NaiveBayes(
        @Param(description = "Added to every variance, as a share of the largest, for stability", defaultValue = "1e-9", min = 0, max = 1) double smoothing) implements Hyperparameters {

    public NaiveBayes {
        Params.check(NaiveBayes.class, smoothing);
    }

    /** The defaults. */
    public static NaiveBayes params() {
        return Params.defaults(NaiveBayes.class);
    }

    @Override
    public String model() {
        return "naive-bayes";
    }

    public NaiveBayes smoothing(double value) {
        return new NaiveBayes(value);
    }
}
