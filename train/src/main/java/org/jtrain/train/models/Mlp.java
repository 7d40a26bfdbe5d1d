package org.jtrain.train.models;

/**
 * The hyperparameters of {@code mlp}: a multilayer perceptron on numeric columns (DJL), for classes or numbers.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Mlp(
        @Param(description = "Passes over the training data", defaultValue = "30", min = 1, max = 100_000) int epochs,
        @Param(description = "Rows per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "Hidden layer sizes, comma-separated", defaultValue = "64,32") String hidden,
        @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early", defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {

    public Mlp {
        Params.check(Mlp.class, epochs, batchSize, learningRate, optimizer, hidden, patience);
        layers(hidden);
    }

    /** The defaults. */
    public static Mlp params() {
        return Params.defaults(Mlp.class);
    }

    @Override
    public String model() {
        return "mlp";
    }

    public Mlp epochs(int value) {
        return new Mlp(value, batchSize, learningRate, optimizer, hidden, patience);
    }

    public Mlp batchSize(int value) {
        return new Mlp(epochs, value, learningRate, optimizer, hidden, patience);
    }

    public Mlp learningRate(double value) {
        return new Mlp(epochs, batchSize, value, optimizer, hidden, patience);
    }

    public Mlp optimizer(Optimizer value) {
        return new Mlp(epochs, batchSize, learningRate, value, hidden, patience);
    }

    public Mlp hidden(String value) {
        return new Mlp(epochs, batchSize, learningRate, optimizer, value, patience);
    }

    public Mlp patience(int value) {
        return new Mlp(epochs, batchSize, learningRate, optimizer, hidden, value);
    }

    /** The sizes of the hidden layers. */
    public int[] layers() {
        return layers(hidden);
    }

    /** The layer sizes in {@code hidden}, checked: fedavg reads its --hidden the same way. */
    static int[] layers(String hidden) {
        try {
            int[] sizes = java.util.Arrays.stream(hidden.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (java.util.Arrays.stream(sizes).allMatch(n -> n >= 1 && n <= 4096)) return sizes;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.jtrain.data.BadInput("--hidden must be layer sizes in [1, 4096] separated by commas, e.g. 64,32; got '" + hidden + "'.");
    }
}
