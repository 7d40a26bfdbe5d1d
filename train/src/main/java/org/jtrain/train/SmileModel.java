package org.jtrain.train;

import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

/** A fitted Smile model behind the {@link Model} interface. */
record SmileModel(String kind, Task task, Record params, List<String> features, String target, List<String> classes,
                  Predictor predictor, double[] importanceValues) implements Model {

    @Override
    public Prediction predict(Table table) {
        return predictor.apply(Data.matrix(table, table.name(), features));
    }

    @Override
    public Optional<double[]> importance() {
        return Optional.ofNullable(importanceValues).map(double[]::clone);
    }

    @Override
    public String toString() {
        return kind + " (" + task + ", " + features.size() + " features" + (classes.isEmpty() ? "" : ", classes " + String.join("/", classes))
                + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }
}
