package org.jtrain.train;

import org.jtrain.train.models.Hyperparameters;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

/** A fitted model: it exists only once trained, so there is no "not fitted yet" state. */
public interface Model {

    /** The model's name as chosen in {@code %train}, e.g. {@code forest}. */
    String kind();

    Task task();

    /** The hyperparameters it was trained with; a model written in Java has none of jtrain's, only its name. */
    default Hyperparameters params() {
        return this::kind;
    }

    /** The input columns, in order. */
    List<String> features();

    String target();

    /** The class names, index by index; empty for regression. */
    List<String> classes();

    /** Predicts every row of a table that has the model's feature columns. */
    Prediction predict(Table table);

    /** Whether the features are text columns (a bag-of-words network) rather than numbers. */
    default boolean textInput() {
        return false;
    }

    /** Whether {@link #predict} may run on several threads at once (a network's native engine is kept to one). */
    default boolean concurrentPredictions() {
        return true;
    }

    /** How much each feature mattered, in the order of {@link #features()}, for models that can say. */
    default Optional<double[]> importance() {
        return Optional.empty();
    }

    /** How it was trained (data, seed, last metrics), for models that jtrain trained or read from a file. */
    default Optional<Provenance> provenance() {
        return Optional.empty();
    }
}
