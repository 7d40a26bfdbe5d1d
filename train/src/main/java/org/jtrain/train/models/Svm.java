package org.jtrain.train.models;

/**
 * The hyperparameters of {@code svm}: a support vector machine (one-vs-rest for more than two classes).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Svm(
        @Param(description = "Penalty of margin violations", defaultValue = "1.0", min = 0, minExclusive = true) double c,
        @Param(description = "Kernel: linear or gaussian", defaultValue = "linear") Kernel kernel,
        @Param(description = "Width of the gaussian kernel", defaultValue = "1.0", min = 0, minExclusive = true) double sigma,
        @Param(description = "Passes over the data", defaultValue = "2", min = 1, max = 1000) int epochs) implements Hyperparameters {

    /** How the SVM measures similarity: a dot product, or a gaussian of the distance. */
    public enum Kernel { LINEAR, GAUSSIAN }

    public Svm {
        Params.check(Svm.class, c, kernel, sigma, epochs);
    }

    /** The defaults. */
    public static Svm params() {
        return Params.defaults(Svm.class);
    }

    @Override
    public String model() {
        return "svm";
    }

    public Svm c(double value) {
        return new Svm(value, kernel, sigma, epochs);
    }

    public Svm kernel(Kernel value) {
        return new Svm(c, value, sigma, epochs);
    }

    public Svm sigma(double value) {
        return new Svm(c, kernel, value, epochs);
    }

    public Svm epochs(int value) {
        return new Svm(c, kernel, sigma, value);
    }
}
