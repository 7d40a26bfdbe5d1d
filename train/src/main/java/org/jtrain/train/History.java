package org.jtrain.train;

import org.jtrain.data.BadInput;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-epoch metrics under Keras's names ({@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy},
 * ...), and why training ended. Read-only to users; the training loop appends.
 */
public final class History {

    private final List<Map<String, Double>> epochs = new ArrayList<>();
    private String ended = "running";

    /** Records the metrics of the next epoch. */
    void add(Map<String, Double> metrics) {
        epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
    }

    void end(String why) {
        ended = why;
    }

    /** How many epochs finished. */
    public int epochs() {
        return epochs.size();
    }

    /** The names of the metrics recorded, in order of first appearance. */
    public List<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        epochs.forEach(e -> names.addAll(e.keySet()));
        return List.copyOf(names);
    }

    /** One metric over the epochs (NaN where an epoch lacks it), e.g. {@code history.get("val_loss")}. */
    public double[] get(String metric) {
        if (!metrics().contains(metric)) {
            throw new BadInput("No metric '" + metric + "' in this history. Metrics: " + String.join(", ", metrics()) + ".");
        }
        return epochs.stream().mapToDouble(e -> e.getOrDefault(metric, Double.NaN)).toArray();
    }

    /** The metrics of the last epoch. */
    public Map<String, Double> last() {
        return epochs.isEmpty() ? Map.of() : epochs.getLast();
    }

    /** Why training ended: "finished", "early stopping at epoch 12", "interrupted at epoch 3 of 20". */
    public String ended() {
        return ended;
    }

    /** The history as a table, one row per epoch. */
    public Table toTable() {
        Table t = Table.create("history", IntColumn.indexColumn("epoch", epochs.size(), 1));
        for (String m : metrics()) t.addColumns(DoubleColumn.create(m, get(m)));
        return t;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("History: ").append(epochs.size()).append(epochs.size() == 1 ? " epoch" : " epochs")
                .append(", ").append(ended);
        var kept = java.util.regex.Pattern.compile("the model is the one from epoch (\\d+)").matcher(ended);
        if (kept.find()) { // early stopping kept an earlier epoch: show the numbers of the model that was kept
            int e = Integer.parseInt(kept.group(1));
            s.append("; epoch ").append(e).append(':');
            epochs.get(e - 1).forEach((k, v) -> s.append(String.format(" %s %.4f,", k, v)));
            s.setLength(s.length() - 1);
            return s.toString();
        }
        last().forEach((k, v) -> s.append(String.format(", %s %.4f", k, v)));
        return s.toString();
    }
}
