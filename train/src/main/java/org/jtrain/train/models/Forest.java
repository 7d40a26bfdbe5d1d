package org.jtrain.train.models;

/**
 * The hyperparameters of {@code forest}: a random forest, for classes or numbers.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Forest(
        @Param(description = "Number of trees", defaultValue = "100", min = 1, max = 10_000) int trees,
        @Param(description = "Features tried at each split; 0 for sqrt (classes) or a third (numbers) of them", defaultValue = "0", min = 0) int mtry,
        @Param(description = "Deepest a tree may grow", defaultValue = "20", min = 2, max = 200) int maxDepth,
        @Param(description = "Fewest rows in a leaf", defaultValue = "5", min = 1) int nodeSize,
        @Param(description = "Share of rows each tree is trained on", defaultValue = "1.0", min = 0, minExclusive = true, max = 1) double subsample) implements Hyperparameters {

    public Forest {
        Params.check(Forest.class, trees, mtry, maxDepth, nodeSize, subsample);
    }

    /** The defaults. */
    public static Forest params() {
        return Params.defaults(Forest.class);
    }

    @Override
    public String model() {
        return "forest";
    }

    public Forest trees(int value) {
        return new Forest(value, mtry, maxDepth, nodeSize, subsample);
    }

    public Forest mtry(int value) {
        return new Forest(trees, value, maxDepth, nodeSize, subsample);
    }

    public Forest maxDepth(int value) {
        return new Forest(trees, mtry, value, nodeSize, subsample);
    }

    public Forest nodeSize(int value) {
        return new Forest(trees, mtry, maxDepth, value, subsample);
    }

    public Forest subsample(double value) {
        return new Forest(trees, mtry, maxDepth, nodeSize, value);
    }
}
