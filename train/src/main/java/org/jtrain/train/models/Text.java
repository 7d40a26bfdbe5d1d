package org.jtrain.train.models;

/**
 * The hyperparameters of {@code text}: a bag-of-words network on the text columns, e.g. subject and body (DJL).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Text(
        @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
        @Param(description = "Documents per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "Words kept: those in the most training documents", defaultValue = "2000", min = 10, max = 50_000) int vocabulary,
        @Param(description = "Size of the hidden layer", defaultValue = "64", min = 1, max = 4096) int hidden,
        @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early", defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {

    public Text {
        Params.check(Text.class, epochs, batchSize, learningRate, optimizer, vocabulary, hidden, patience);
    }

    /** The defaults. */
    public static Text params() {
        return Params.defaults(Text.class);
    }

    @Override
    public String model() {
        return "text";
    }

    public Text epochs(int value) {
        return new Text(value, batchSize, learningRate, optimizer, vocabulary, hidden, patience);
    }

    public Text batchSize(int value) {
        return new Text(epochs, value, learningRate, optimizer, vocabulary, hidden, patience);
    }

    public Text learningRate(double value) {
        return new Text(epochs, batchSize, value, optimizer, vocabulary, hidden, patience);
    }

    public Text optimizer(Optimizer value) {
        return new Text(epochs, batchSize, learningRate, value, vocabulary, hidden, patience);
    }

    public Text vocabulary(int value) {
        return new Text(epochs, batchSize, learningRate, optimizer, value, hidden, patience);
    }

    public Text hidden(int value) {
        return new Text(epochs, batchSize, learningRate, optimizer, vocabulary, value, patience);
    }

    public Text patience(int value) {
        return new Text(epochs, batchSize, learningRate, optimizer, vocabulary, hidden, value);
    }
}
