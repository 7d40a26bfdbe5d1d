package org.jtrain.train.models;

import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Task;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The network federated averaging trained, and what was communicated to train it ({@link #communication()}). It
 * predicts, is evaluated and exported as mlp's network is; a file keeps the network, not the communication.
 */
public final class FederatedModel implements Model {

    private final DjlModel network;
    private final Communication communication;
    private final int[][] held;

    /** {@code held[c][k]}: the rows of class k that client c held. */
    FederatedModel(DjlModel network, Communication communication, int[][] held) {
        this.network = network;
        this.communication = communication;
        this.held = held;
    }

    /**
     * What each simulated client held: one row per client, its rows, then a count per class. The simulation knows
     * it; a real server would not, since clients never send their labels.
     */
    public Table clients() {
        IntColumn client = IntColumn.create("client"), rows = IntColumn.create("rows");
        List<IntColumn> perClass = network.classes().stream().map(IntColumn::create).toList();
        for (int c = 0; c < held.length; c++) {
            client.append(c + 1);
            rows.append(java.util.Arrays.stream(held[c]).sum());
            for (int k = 0; k < perClass.size(); k++) perClass.get(k).append(held[c][k]);
        }
        return Table.create("clients", client, rows).addColumns(perClass.toArray(IntColumn[]::new));
    }

    /** What went between server and clients, round by round, and the size of the data that stayed put. */
    public Communication communication() {
        return communication;
    }

    DjlModel network() {
        return network;
    }

    @Override
    public String kind() {
        return network.kind();
    }

    @Override
    public Task task() {
        return network.task();
    }

    @Override
    public Hyperparameters params() {
        return network.params();
    }

    @Override
    public List<String> features() {
        return network.features();
    }

    @Override
    public String target() {
        return network.target();
    }

    @Override
    public List<String> classes() {
        return network.classes();
    }

    @Override
    public Prediction predict(Table table) {
        return network.predict(table);
    }

    @Override
    public boolean concurrentPredictions() {
        return false;
    }

    @Override
    public String toString() {
        return network + "; " + communication;
    }
}
