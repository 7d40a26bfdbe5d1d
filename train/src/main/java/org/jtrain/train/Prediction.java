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

    /** The predictions of consecutive slices of rows, as one. */
    public static Prediction concat(java.util.List<Prediction> parts) {
        if (parts.size() == 1) return parts.getFirst();
        if (parts.getFirst().values != null) {
            return numbers(parts.stream().flatMapToDouble(p -> java.util.Arrays.stream(p.values)).toArray());
        }
        int[] labels = parts.stream().flatMapToInt(p -> java.util.Arrays.stream(p.labels)).toArray();
        double[][] probabilities = parts.getFirst().probabilities == null ? null
                : parts.stream().flatMap(p -> java.util.Arrays.stream(p.probabilities)).toArray(double[][]::new);
        return classes(labels, probabilities);
    }

    public int size() {
        return labels != null ? labels.length : values.length;
    }
}
