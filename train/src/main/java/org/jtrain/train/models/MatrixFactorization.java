package org.jtrain.train.models;

/**
 * The hyperparameters of {@code mf}: matrix factorization, a vector of tastes and a bias for every user and every item,
 * learned with DJL from who rated what (implicit feedback) or from the ratings themselves (explicit).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record MatrixFactorization(
        @Param(description = "Length of each user's and item's taste vector", defaultValue = "32", min = 1, max = 1024) int factors,
        @Param(description = "Passes over the training pairs", defaultValue = "10", min = 1, max = 100_000) int epochs,
        @Param(description = "Pairs per gradient step", defaultValue = "1024", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.01", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "implicit: learn who chose what (the target's values are not used); explicit: learn the ratings",
                defaultValue = "implicit") Feedback feedback,
        @Param(description = "Implicit feedback: unobserved items drawn at random per observed pair, as negatives", defaultValue = "4",
                min = 1, max = 100) int negatives,
        @Param(description = "Penalty on the squared vectors and biases of each pair, against overfitting", defaultValue = "0.01",
                min = 0, max = 10) double weightDecay,
        @Param(description = "The user column; empty: the first column that is not the target", defaultValue = "") String user,
        @Param(description = "The item column; empty: the next column that is not the target", defaultValue = "") String item) implements Hyperparameters {

    public MatrixFactorization {
        Params.check(MatrixFactorization.class, factors, epochs, batchSize, learningRate, optimizer, feedback, negatives, weightDecay, user, item);
    }

    /** The defaults. */
    public static MatrixFactorization params() {
        return Params.defaults(MatrixFactorization.class);
    }

    @Override
    public String model() {
        return "mf";
    }

    public MatrixFactorization factors(int value) {
        return new MatrixFactorization(value, epochs, batchSize, learningRate, optimizer, feedback, negatives, weightDecay, user, item);
    }

    public MatrixFactorization epochs(int value) {
        return new MatrixFactorization(factors, value, batchSize, learningRate, optimizer, feedback, negatives, weightDecay, user, item);
    }

    public MatrixFactorization batchSize(int value) {
        return new MatrixFactorization(factors, epochs, value, learningRate, optimizer, feedback, negatives, weightDecay, user, item);
    }

    public MatrixFactorization learningRate(double value) {
        return new MatrixFactorization(factors, epochs, batchSize, value, optimizer, feedback, negatives, weightDecay, user, item);
    }

    public MatrixFactorization optimizer(Optimizer value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, value, feedback, negatives, weightDecay, user, item);
    }

    public MatrixFactorization feedback(Feedback value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, optimizer, value, negatives, weightDecay, user, item);
    }

    public MatrixFactorization negatives(int value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, optimizer, feedback, value, weightDecay, user, item);
    }

    public MatrixFactorization weightDecay(double value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, optimizer, feedback, negatives, value, user, item);
    }

    public MatrixFactorization user(String value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, optimizer, feedback, negatives, weightDecay, value, item);
    }

    public MatrixFactorization item(String value) {
        return new MatrixFactorization(factors, epochs, batchSize, learningRate, optimizer, feedback, negatives, weightDecay, user, value);
    }
}
