package org.jtrain.train.models;

/**
 * The hyperparameters of {@code cnn}: a small convolutional network on square images stored as pixel columns (DJL).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Cnn(
        @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
        @Param(description = "Images per gradient step", defaultValue = "64", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "Filters of the first convolution (the second has twice as many)", defaultValue = "16", min = 1, max = 512) int filters,
        @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early", defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {

    public Cnn {
        Params.check(Cnn.class, epochs, batchSize, learningRate, optimizer, filters, patience);
    }

    /** The defaults. */
    public static Cnn params() {
        return Params.defaults(Cnn.class);
    }

    @Override
    public String model() {
        return "cnn";
    }

    public Cnn epochs(int value) {
        return new Cnn(value, batchSize, learningRate, optimizer, filters, patience);
    }

    public Cnn batchSize(int value) {
        return new Cnn(epochs, value, learningRate, optimizer, filters, patience);
    }

    public Cnn learningRate(double value) {
        return new Cnn(epochs, batchSize, value, optimizer, filters, patience);
    }

    public Cnn optimizer(Optimizer value) {
        return new Cnn(epochs, batchSize, learningRate, value, filters, patience);
    }

    public Cnn filters(int value) {
        return new Cnn(epochs, batchSize, learningRate, optimizer, value, patience);
    }

    public Cnn patience(int value) {
        return new Cnn(epochs, batchSize, learningRate, optimizer, filters, value);
    }
}
