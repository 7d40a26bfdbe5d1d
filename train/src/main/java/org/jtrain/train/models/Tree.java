package org.jtrain.train.models;

/**
 * The hyperparameters of {@code tree}: a decision tree (CART), for classes or numbers.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Tree(
        @Param(description = "Deepest a tree may grow", defaultValue = "20", min = 2, max = 200) int maxDepth,
        @Param(description = "Most leaves; 0 for rows / node-size", defaultValue = "0", min = 0) int maxNodes,
        @Param(description = "Fewest rows in a leaf", defaultValue = "5", min = 1) int nodeSize) implements Hyperparameters {

    public Tree {
        Params.check(Tree.class, maxDepth, maxNodes, nodeSize);
    }

    /** The defaults. */
    public static Tree params() {
        return Params.defaults(Tree.class);
    }

    @Override
    public String model() {
        return "tree";
    }

    public Tree maxDepth(int value) {
        return new Tree(value, maxNodes, nodeSize);
    }

    public Tree maxNodes(int value) {
        return new Tree(maxDepth, value, nodeSize);
    }

    public Tree nodeSize(int value) {
        return new Tree(maxDepth, maxNodes, value);
    }
}
