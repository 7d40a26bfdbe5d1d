package org.jtrain.train.models;

import ai.djl.nn.Block;

/**
 * A network of your own, a DJL {@link Block}, trained by jtrain's loop on the numeric columns (standardized); what
 * {@code %%train NAME ...} fits when its cell ends with a Block. Build it with {@link #of}, then set the loop's settings:
 * {@code Network.of("mycnn", block).epochs(3)}.
 * <p>
 * In the block's forward pass, make constants with {@code manager.full(new Shape(), 0.5f)}, not a number argument such as
 * {@code x.mul(0.5)}: DJL's PyTorch engine puts a number over a Java buffer that a garbage collection may free while
 * autograd still holds it for the backward pass, and the gradients then read freed memory.
 *
 * @param name  the model's name, as {@link #model()} and {@code Model.kind()} give it
 * @param block the untrained network; training changes its parameters
 */
public record Network(
        String name,
        Block block,
        @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
        @Param(description = "Rows per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early",
                defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {

    public Network {
        Params.check(Network.class, name, block, epochs, batchSize, learningRate, optimizer, patience);
    }

    /** {@code block} named {@code name}, with the loop's default settings. */
    public static Network of(String name, Block block) {
        return Params.defaults(Network.class, name, block);
    }

    @Override
    public String model() {
        return name;
    }

    public Network epochs(int value) {
        return new Network(name, block, value, batchSize, learningRate, optimizer, patience);
    }

    public Network batchSize(int value) {
        return new Network(name, block, epochs, value, learningRate, optimizer, patience);
    }

    public Network learningRate(double value) {
        return new Network(name, block, epochs, batchSize, value, optimizer, patience);
    }

    public Network optimizer(Optimizer value) {
        return new Network(name, block, epochs, batchSize, learningRate, value, patience);
    }

    public Network patience(int value) {
        return new Network(name, block, epochs, batchSize, learningRate, optimizer, value);
    }
}
