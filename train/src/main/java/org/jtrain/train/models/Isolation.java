package org.jtrain.train.models;

/**
 * The hyperparameters of {@code isolation-forest}: random trees that cut the data until each row stands alone; rows
 * cut off in few steps are unusual (Smile). Checked when built; {@link #params()} gives the defaults, and each method
 * named after a component returns a copy with it changed.
 */
public record Isolation(
        @Param(description = "Isolation trees; more give steadier scores", defaultValue = "100", min = 1, max = 10_000) int trees,
        @Param(description = "Rows drawn for each tree (at most the training rows); small samples isolate anomalies best",
                defaultValue = "256", min = 2, max = 10_000_000) int sampleSize,
        @Param(description = "0 cuts along one column at a time (the original forest); up to columns-1 cuts on slanted planes (extended forest)",
                defaultValue = "0", min = 0, max = 1000) int extensionLevel,
        @Param(description = "Numeric columns to score, comma-separated; empty: every numeric column but the target", defaultValue = "") String columns)
        implements Hyperparameters {

    public Isolation {
        Params.check(Isolation.class, trees, sampleSize, extensionLevel, columns);
    }

    /** The defaults. */
    public static Isolation params() {
        return Params.defaults(Isolation.class);
    }

    @Override
    public String model() {
        return "isolation-forest";
    }

    public Isolation trees(int value) {
        return new Isolation(value, sampleSize, extensionLevel, columns);
    }

    public Isolation sampleSize(int value) {
        return new Isolation(trees, value, extensionLevel, columns);
    }

    public Isolation extensionLevel(int value) {
        return new Isolation(trees, sampleSize, value, columns);
    }

    public Isolation columns(String value) {
        return new Isolation(trees, sampleSize, extensionLevel, value);
    }
}
