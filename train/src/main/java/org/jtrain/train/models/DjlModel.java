package org.jtrain.train.models;

import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A trained DJL network behind the {@link Model} interface; it keeps its encoder, its input scaling and, for
 * numbers, the scaling of the target ({@code output}, null for classes).
 */
record DjlModel(String kind, Task task, Hyperparameters params, List<String> features, String target, List<String> classes,
                ai.djl.Model network, Shape example, Networks.Scaling scaling, Networks.Scaling output, Encoded.Encoder encoder,
                Provenance trainedOn) implements Model {

    private static final int BATCH = 1024;

    @Override
    public boolean textInput() {
        return encoder instanceof TextFeatures || encoder instanceof WordTokens;
    }

    @Override
    public boolean concurrentPredictions() {
        return false;
    }

    @Override
    public Prediction predict(Table table) {
        return predictRows(encoder.encode(table));
    }

    @Override
    public java.util.Optional<Provenance> provenance() {
        return java.util.Optional.ofNullable(trainedOn);
    }

    DjlModel withProvenance(Provenance p) {
        return new DjlModel(kind, task, params, features, target, classes, network, example, scaling, output, encoder, p);
    }

    /** Predictions for encoded rows, in batches, with no gradient bookkeeping. */
    Prediction predictRows(double[][] x) {
        int n = x.length, k = classes.size();
        int[] labels = new int[n];
        double[][] prob = new double[n][];
        double[] values = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager m = network.getNDManager().newSubManager()) {
                NDArray in = m.create(scaling.apply(x, from, to), new Shape(to - from).addAll(example));
                NDArray out = network.getBlock().forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
                if (task == Task.CLASSIFICATION) {
                    float[] p = out.softmax(1).toFloatArray();
                    for (int i = from; i < to; i++) {
                        prob[i] = new double[k];
                        int best = 0;
                        for (int c = 0; c < k; c++) {
                            prob[i][c] = p[(i - from) * k + c];
                            if (prob[i][c] > prob[i][best]) best = c;
                        }
                        labels[i] = best;
                    }
                } else {
                    float[] v = out.toFloatArray();
                    for (int i = from; i < to; i++) values[i] = output == null ? v[i - from] : output.invert(v[i - from]);
                }
            }
        }
        return task == Task.CLASSIFICATION ? Prediction.classes(labels, prob) : Prediction.numbers(values);
    }

    @Override
    public String toString() {
        long weights = 0;
        for (ai.djl.nn.Parameter p : network.getBlock().getParameters().values()) weights += p.getArray().size();
        return kind + " (" + task + ", " + String.format(java.util.Locale.ROOT, "%,d", weights) + " parameters, " + features.size()
                + (textInput() ? " text columns" : " features") + (classes.isEmpty() ? "" : ", classes " + String.join("/", classes))
                + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }
}
