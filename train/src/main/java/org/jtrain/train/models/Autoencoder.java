package org.jtrain.train.models;

/**
 * The hyperparameters of {@code autoencoder}: a network that squeezes the standardized numeric columns through a
 * narrow layer and rebuilds them; rows it rebuilds badly are unusual (DJL). Checked when built; {@link #params()} gives
 * the defaults, and each method named after a component returns a copy with it changed.
 */
public record Autoencoder(
        @Param(description = "Passes over the training data", defaultValue = "20", min = 1, max = 100_000) int epochs,
        @Param(description = "Rows per gradient step", defaultValue = "64", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of Adam", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "Encoder layer sizes down to the bottleneck, comma-separated; the decoder mirrors them", defaultValue = "8,2") String hidden,
        @Param(description = "Numeric columns to score, comma-separated; empty: every numeric column but the target", defaultValue = "") String columns)
        implements Hyperparameters {

    public Autoencoder {
        Params.check(Autoencoder.class, epochs, batchSize, learningRate, hidden, columns);
        layers(hidden);
    }

    /** The defaults. */
    public static Autoencoder params() {
        return Params.defaults(Autoencoder.class);
    }

    @Override
    public String model() {
        return "autoencoder";
    }

    public Autoencoder epochs(int value) {
        return new Autoencoder(value, batchSize, learningRate, hidden, columns);
    }

    public Autoencoder batchSize(int value) {
        return new Autoencoder(epochs, value, learningRate, hidden, columns);
    }

    public Autoencoder learningRate(double value) {
        return new Autoencoder(epochs, batchSize, value, hidden, columns);
    }

    public Autoencoder hidden(String value) {
        return new Autoencoder(epochs, batchSize, learningRate, value, columns);
    }

    public Autoencoder columns(String value) {
        return new Autoencoder(epochs, batchSize, learningRate, hidden, value);
    }

    /** The encoder's layer sizes; the last is the bottleneck. */
    public int[] layers() {
        return layers(hidden);
    }

    private static int[] layers(String hidden) {
        try {
            int[] sizes = java.util.Arrays.stream(hidden.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (sizes.length > 0 && java.util.Arrays.stream(sizes).allMatch(n -> n >= 1 && n <= 4096)) return sizes;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.jtrain.data.BadInput("--hidden must be layer sizes in [1, 4096] separated by commas, the last the bottleneck, e.g. 8,2; got '"
                + hidden + "'.");
    }
}
