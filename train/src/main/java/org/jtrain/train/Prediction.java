package org.jtrain.train;

/**
 * A model's predictions for a table: class indexes (into the model's classes) with their probabilities where the
 * model gives them, or numbers for regression.
 */
public record Prediction(int[] labels, double[][] probabilities, double[] values) {

    public static Prediction classes(int[] labels, double[][] probabilities) {
        return new Prediction(labels, probabilities, null);
    }

    public static Prediction numbers(double[] values) {
        return new Prediction(null, null, values);
    }

    public int size() {
        return labels != null ? labels.length : values.length;
    }
}
