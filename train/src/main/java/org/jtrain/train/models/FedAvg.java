package org.jtrain.train.models;

/**
 * The hyperparameters of {@code fedavg}: federated averaging of mlp's network over simulated clients, each training on
 * its own shard of the rows. Checked when built; {@link #params()} gives the defaults, and each method named after a
 * component returns a copy with it changed.
 */
public record FedAvg(
        @Param(description = "Simulated clients; the training rows are split among them", defaultValue = "10", min = 1, max = 10_000) int clients,
        @Param(description = "Communication rounds: the server sends the model out and averages what comes back", defaultValue = "20", min = 1, max = 100_000) int rounds,
        @Param(description = "Passes each chosen client makes over its own rows per round", defaultValue = "1", min = 1, max = 1_000) int localEpochs,
        @Param(description = "Share of the clients chosen each round", defaultValue = "1", min = 0, minExclusive = true, max = 1) double fraction,
        @Param(description = "Classes in each client's rows (non-IID skew: 1 or 2 is strong); 0 gives every client a random share of all classes (IID)", defaultValue = "0", min = 0, max = 10_000) int classesPerClient,
        @Param(description = "Hidden layer sizes, comma-separated, as mlp's", defaultValue = "64,32") String hidden,
        @Param(description = "Rows per gradient step on a client", defaultValue = "32", min = 1, max = 65_536) int batchSize,
        @Param(description = "Step size of each client's optimizer; higher than mlp's, as a client takes few steps a round", defaultValue = "0.01", min = 0, minExclusive = true, max = 10) double learningRate,
        @Param(description = "adam or sgd, started afresh on each client every round", defaultValue = "adam") Optimizer optimizer) implements Hyperparameters {

    public FedAvg {
        Params.check(FedAvg.class, clients, rounds, localEpochs, fraction, classesPerClient, hidden, batchSize, learningRate, optimizer);
        Mlp.layers(hidden);
    }

    /** The defaults. */
    public static FedAvg params() {
        return Params.defaults(FedAvg.class);
    }

    @Override
    public String model() {
        return "fedavg";
    }

    /** The sizes of the hidden layers. */
    public int[] layers() {
        return Mlp.layers(hidden);
    }

    /** How many clients train in a round: the fraction of them, at least one. */
    public int perRound() {
        return Math.max(1, (int) Math.round(fraction * clients));
    }

    public FedAvg clients(int value) {
        return new FedAvg(value, rounds, localEpochs, fraction, classesPerClient, hidden, batchSize, learningRate, optimizer);
    }

    public FedAvg rounds(int value) {
        return new FedAvg(clients, value, localEpochs, fraction, classesPerClient, hidden, batchSize, learningRate, optimizer);
    }

    public FedAvg localEpochs(int value) {
        return new FedAvg(clients, rounds, value, fraction, classesPerClient, hidden, batchSize, learningRate, optimizer);
    }

    public FedAvg fraction(double value) {
        return new FedAvg(clients, rounds, localEpochs, value, classesPerClient, hidden, batchSize, learningRate, optimizer);
    }

    public FedAvg classesPerClient(int value) {
        return new FedAvg(clients, rounds, localEpochs, fraction, value, hidden, batchSize, learningRate, optimizer);
    }

    public FedAvg hidden(String value) {
        return new FedAvg(clients, rounds, localEpochs, fraction, classesPerClient, value, batchSize, learningRate, optimizer);
    }

    public FedAvg batchSize(int value) {
        return new FedAvg(clients, rounds, localEpochs, fraction, classesPerClient, hidden, value, learningRate, optimizer);
    }

    public FedAvg learningRate(double value) {
        return new FedAvg(clients, rounds, localEpochs, fraction, classesPerClient, hidden, batchSize, value, optimizer);
    }

    public FedAvg optimizer(Optimizer value) {
        return new FedAvg(clients, rounds, localEpochs, fraction, classesPerClient, hidden, batchSize, learningRate, value);
    }
}
