package org.jtrain.train.models;

/**
 * The hyperparameters of {@code boosting}: gradient-boosted trees, for classes or numbers.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Boosting(
        @Param(description = "Number of trees (boosting rounds)", defaultValue = "100", min = 1, max = 10_000) int trees,
        @Param(description = "Shrinkage of each tree's contribution", defaultValue = "0.1", min = 0, minExclusive = true, max = 1) double learningRate,
        @Param(description = "Deepest a tree may grow", defaultValue = "5", min = 2, max = 200) int maxDepth,
        @Param(description = "Most leaves per tree", defaultValue = "6", min = 2) int maxNodes,
        @Param(description = "Share of rows each round is trained on", defaultValue = "0.7", min = 0, minExclusive = true, max = 1) double subsample) implements Hyperparameters {

    public Boosting {
        Params.check(Boosting.class, trees, learningRate, maxDepth, maxNodes, subsample);
    }

    /** The defaults. */
    public static Boosting params() {
        return Params.defaults(Boosting.class);
    }

    @Override
    public String model() {
        return "boosting";
    }

    public Boosting trees(int value) {
        return new Boosting(value, learningRate, maxDepth, maxNodes, subsample);
    }

    public Boosting learningRate(double value) {
        return new Boosting(trees, value, maxDepth, maxNodes, subsample);
    }

    public Boosting maxDepth(int value) {
        return new Boosting(trees, learningRate, value, maxNodes, subsample);
    }

    public Boosting maxNodes(int value) {
        return new Boosting(trees, learningRate, maxDepth, value, subsample);
    }

    public Boosting subsample(double value) {
        return new Boosting(trees, learningRate, maxDepth, maxNodes, value);
    }
}
