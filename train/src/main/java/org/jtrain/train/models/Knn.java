package org.jtrain.train.models;

/**
 * The hyperparameters of {@code knn}: k nearest neighbours.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Knn(
        @Param(description = "Neighbours that vote", defaultValue = "5", min = 1, max = 10_000) int k) implements Hyperparameters {

    public Knn {
        Params.check(Knn.class, k);
    }

    /** The defaults. */
    public static Knn params() {
        return Params.defaults(Knn.class);
    }

    @Override
    public String model() {
        return "knn";
    }

    public Knn k(int value) {
        return new Knn(value);
    }
}
