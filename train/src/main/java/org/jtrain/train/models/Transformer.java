package org.jtrain.train.models;

import org.jtrain.data.BadInput;

/**
 * The hyperparameters of {@code transformer}: a small transformer encoder that reads the words of the text columns and
 * classifies the document (DJL). Checked when built; {@link #params()} gives the defaults, and each method named after a
 * component returns a copy with it changed.
 */
public record Transformer(
        @Param(description = "Passes over the training data", defaultValue = "5", min = 1, max = 100_000) int epochs,
        @Param(description = "Documents per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
        @Param(description = "Words kept: those in the most training documents; the others read as one unknown word", defaultValue = "5000", min = 10, max = 50_000) int vocabulary,
        @Param(description = "Words read per document, from its start", defaultValue = "128", min = 2, max = 512) int context,
        @Param(description = "Transformer layers", defaultValue = "1", min = 1, max = 24) int layers,
        @Param(description = "Attention heads per layer; they split --embedding between them", defaultValue = "4", min = 1, max = 64) int heads,
        @Param(description = "Size of each word's vector, through every layer", defaultValue = "64", min = 4, max = 2048) int embedding,
        @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early", defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {

    public Transformer {
        Params.check(Transformer.class, epochs, batchSize, learningRate, optimizer, vocabulary, context, layers, heads, embedding, patience);
        if (embedding % heads != 0) {
            throw new BadInput("--embedding must be a multiple of --heads, which split it evenly; got " + embedding + " and " + heads
                    + ". Try --embedding " + (embedding / heads + 1) * heads + ".");
        }
    }

    /** The defaults. */
    public static Transformer params() {
        return Params.defaults(Transformer.class);
    }

    @Override
    public String model() {
        return "transformer";
    }

    public Transformer epochs(int value) {
        return new Transformer(value, batchSize, learningRate, optimizer, vocabulary, context, layers, heads, embedding, patience);
    }

    public Transformer batchSize(int value) {
        return new Transformer(epochs, value, learningRate, optimizer, vocabulary, context, layers, heads, embedding, patience);
    }

    public Transformer learningRate(double value) {
        return new Transformer(epochs, batchSize, value, optimizer, vocabulary, context, layers, heads, embedding, patience);
    }

    public Transformer optimizer(Optimizer value) {
        return new Transformer(epochs, batchSize, learningRate, value, vocabulary, context, layers, heads, embedding, patience);
    }

    public Transformer vocabulary(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, value, context, layers, heads, embedding, patience);
    }

    public Transformer context(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, vocabulary, value, layers, heads, embedding, patience);
    }

    public Transformer layers(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, vocabulary, context, value, heads, embedding, patience);
    }

    public Transformer heads(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, vocabulary, context, layers, value, embedding, patience);
    }

    public Transformer embedding(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, vocabulary, context, layers, heads, value, patience);
    }

    public Transformer patience(int value) {
        return new Transformer(epochs, batchSize, learningRate, optimizer, vocabulary, context, layers, heads, embedding, value);
    }
}
