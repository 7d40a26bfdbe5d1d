package org.jtrain.train.models;

import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

/** A fitted Smile model behind the {@link Model} interface. */
record SmileModel(String kind, Task task, Hyperparameters params, List<String> features, String target, List<String> classes,
                  Predictor predictor, double[] importanceValues, Provenance trainedOn) implements Model {

    @Override
    public Prediction predict(Table table) {
        return predictor.apply(Encoded.matrix(table, features));
    }

    @Override
    public Optional<double[]> importance() {
        return Optional.ofNullable(importanceValues).map(double[]::clone);
    }

    @Override
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(trainedOn);
    }

    SmileModel withProvenance(Provenance p) {
        return new SmileModel(kind, task, params, features, target, classes, predictor, importanceValues, p);
    }

    @Override
    public String toString() {
        return kind + " (" + task + ", " + features.size() + " features" + (classes.isEmpty() ? "" : ", classes " + String.join("/", classes))
                + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }
}
