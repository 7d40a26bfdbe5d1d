package org.jtrain.train.models;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;

/**
 * What federated averaging sent between the server and its clients, round by round, beside the size of the data that
 * stayed on the clients. Round 0 is the scaling: each client's column sums up, the means and spreads down.
 *
 * @param clients    the simulated clients
 * @param rows       the training rows, all held by clients
 * @param columns    the values of a row: features and the label
 * @param parameters the network's weights, which each chosen client receives and sends back every round
 * @param rounds     the rounds as they happened; an interrupted round is not among them
 */
public record Communication(int clients, int rows, int columns, long parameters, List<Round> rounds) {

    /** Bytes of one number as sent: weights and rows both count as 4-byte floats, sums and metrics as 8-byte doubles. */
    static final int FLOAT = 4, DOUBLE = 8;

    /** One round: how many clients took part, and the bytes the server sent them and got back from them. */
    public record Round(int round, int clients, long bytesDown, long bytesUp) {
    }

    public Communication {
        rounds = List.copyOf(rounds);
    }

    /** The size of the training rows as 4-byte numbers: what pooling the data on a server would have moved. */
    public long dataBytes() {
        return (long) rows * columns * FLOAT;
    }

    /** Raw rows that left a client: none, since a client's only messages are column sums, weights and metrics. */
    public long rowsSent() {
        return 0;
    }

    public long bytesDown() {
        return rounds.stream().mapToLong(Round::bytesDown).sum();
    }

    public long bytesUp() {
        return rounds.stream().mapToLong(Round::bytesUp).sum();
    }

    /** One row per round: round, clients, bytes_down, bytes_up and the megabytes moved so far both ways. */
    public Table toTable() {
        IntColumn round = IntColumn.create("round"), chosen = IntColumn.create("clients");
        LongColumn down = LongColumn.create("bytes_down"), up = LongColumn.create("bytes_up");
        DoubleColumn total = DoubleColumn.create("total_mb");
        double sum = 0;
        for (Round r : rounds) {
            round.append(r.round());
            chosen.append(r.clients());
            down.append(r.bytesDown());
            up.append(r.bytesUp());
            sum += r.bytesDown() + r.bytesUp();
            total.append(sum / 1e6);
        }
        return Table.create("communication", round, chosen, down, up, total);
    }

    @Override
    public String toString() {
        long trained = rounds.stream().filter(r -> r.round() > 0).count();
        return String.format(Locale.ROOT, "%,d clients kept their %,d rows (%s) and sent none of them; %d rounds moved %s of weights down "
                        + "and %s up (%,d parameters, %s a copy)", clients, rows, size(dataBytes()), trained, size(bytesDown()), size(bytesUp()),
                parameters, size(parameters * FLOAT));
    }

    private static String size(long bytes) {
        if (bytes < 1_000) return bytes + " B";
        if (bytes < 1_000_000) return String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
