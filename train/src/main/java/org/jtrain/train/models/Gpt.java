package org.jtrain.train.models;

import org.jtrain.data.BadInput;

/**
 * The hyperparameters of {@code gpt}: a small decoder-only transformer that learns a text column by predicting each next
 * character (DJL). Checked when built; {@link #params()} gives the defaults, and each method named after a component
 * returns a copy with it changed.
 */
public record Gpt(
        @Param(description = "Rounds of --steps gradient steps; the loss and validation perplexity are reported after each", defaultValue = "10", min = 1, max = 100_000) int epochs,
        @Param(description = "Gradient steps per epoch, each on --batch-size windows taken at random from the text", defaultValue = "100", min = 1, max = 1_000_000) int steps,
        @Param(description = "Windows of text per gradient step", defaultValue = "32", min = 1, max = 4096) int batchSize,
        @Param(description = "Step size of the optimizer (Adam)", defaultValue = "0.003", min = 0, minExclusive = true, max = 1) double learningRate,
        @Param(description = "Characters the model sees at once: the longest past a prediction can use", defaultValue = "64", min = 2, max = 512) int context,
        @Param(description = "Transformer layers", defaultValue = "2", min = 1, max = 24) int layers,
        @Param(description = "Attention heads per layer; they split --embedding between them", defaultValue = "4", min = 1, max = 64) int heads,
        @Param(description = "Size of each character's vector, through every layer", defaultValue = "64", min = 4, max = 2048) int embedding) implements Hyperparameters {

    public Gpt {
        Params.check(Gpt.class, epochs, steps, batchSize, learningRate, context, layers, heads, embedding);
        if (embedding % heads != 0) {
            throw new BadInput("--embedding must be a multiple of --heads, which split it evenly; got " + embedding + " and " + heads
                    + ". Try --embedding " + (embedding / heads + 1) * heads + ".");
        }
    }

    /** The defaults. */
    public static Gpt params() {
        return Params.defaults(Gpt.class);
    }

    @Override
    public String model() {
        return "gpt";
    }

    public Gpt epochs(int value) {
        return new Gpt(value, steps, batchSize, learningRate, context, layers, heads, embedding);
    }

    public Gpt steps(int value) {
        return new Gpt(epochs, value, batchSize, learningRate, context, layers, heads, embedding);
    }

    public Gpt batchSize(int value) {
        return new Gpt(epochs, steps, value, learningRate, context, layers, heads, embedding);
    }

    public Gpt learningRate(double value) {
        return new Gpt(epochs, steps, batchSize, value, context, layers, heads, embedding);
    }

    public Gpt context(int value) {
        return new Gpt(epochs, steps, batchSize, learningRate, value, layers, heads, embedding);
    }

    public Gpt layers(int value) {
        return new Gpt(epochs, steps, batchSize, learningRate, context, value, heads, embedding);
    }

    public Gpt heads(int value) {
        return new Gpt(epochs, steps, batchSize, learningRate, context, layers, value, embedding);
    }

    public Gpt embedding(int value) {
        return new Gpt(epochs, steps, batchSize, learningRate, context, layers, heads, value);
    }
}
