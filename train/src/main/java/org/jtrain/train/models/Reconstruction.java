package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The {@code autoencoder}: a network trained to give back its input, the standardized numeric columns, through a
 * bottleneck narrower than the input. It learns to rebuild what most rows look like; a row's anomaly score is its
 * reconstruction error, the mean squared difference over its standardized columns.
 */
final class Reconstruction {

    private static final int BATCH = 1024;

    private Reconstruction() {
    }

    static Model fit(Autoencoder p, Table train, String target, Table val, Run run) throws Exception {
        List<String> columns = AnomalyDetectors.columns(train, target, p.columns());
        String anomaly = AnomalyDetectors.labels(train, target, val);
        int d = columns.size(), n = train.rowCount(), bottleneck = p.layers()[p.layers().length - 1];
        if (bottleneck >= d) {
            throw new BadInput("--hidden must end in a bottleneck narrower than the " + d + " columns scored (" + String.join(", ", columns)
                    + "), or the network can copy its input and every row rebuilds well; got '" + p.hidden() + "'. Try --hidden 8," + Math.max(1, d - 1) + ".");
        }
        if (n == 0) throw new BadInput("The autoencoder needs training rows; '" + train.name() + "' has none.");
        double[][] x = Encoded.matrix(train, columns);
        Networks.Scaling scaling = Networks.Scaling.standardize(x);
        Engine.getEngine("PyTorch").setRandomSeed((int) run.seed());
        ai.djl.Model network = ai.djl.Model.newInstance("autoencoder", "PyTorch");
        network.setBlock(block(p.layers(), d));
        Loss loss = new Tensors.SquaredError();
        Tracker lr = Tracker.fixed((float) p.learningRate());
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
        String shape = d + "→" + Arrays.stream(p.layers()).mapToObj(Integer::toString).collect(Collectors.joining("→"))
                + Arrays.stream(p.layers()).boxed().toList().reversed().stream().skip(1).map(h -> "→" + h).collect(Collectors.joining()) + "→" + d;
        AnomalyModel model = new AnomalyModel("autoencoder", p, columns, target, anomaly, "layers " + shape,
                rows -> errors(network, scaling, rows), false);
        float[] xs = scaling.apply(x, 0, n);
        int batches = (n + p.batchSize() - 1) / p.batchSize();
        Random shuffle = Seeds.random(run.seed(), "batches");
        run.start("autoencoder", p.epochs(), batches);
        try (Trainer trainer = network.newTrainer(config)) {
            trainer.initialize(new Shape(1, d));
            for (int epoch = 1; epoch <= p.epochs() && !run.shouldStop(); epoch++) {
                int[] order = DjlLoop.shuffled(n, shuffle);
                double lossSum = 0;
                int seen = 0;
                for (int b = 0; b < batches && !run.shouldStop(); b++) {
                    int from = b * p.batchSize(), to = Math.min(n, from + p.batchSize());
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        float[] xb = new float[(to - from) * d];
                        for (int i = from; i < to; i++) System.arraycopy(xs, order[i] * d, xb, (i - from) * d, d);
                        NDArray in = m.create(xb, new Shape(to - from, d));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(in)).singletonOrThrow();
                            NDArray l = loss.evaluate(new NDList(in), new NDList(out));
                            gc.backward(l);
                            lossSum += l.getFloat() * (to - from);
                        }
                        trainer.step();
                    }
                    seen = to;
                    run.batch(epoch, b + 1, batches);
                }
                if (seen < n) break; // an interrupted epoch is not recorded: its loss would be of part of the data
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loss", lossSum / n);
                if (val != null) {
                    metrics.put("val_loss", Arrays.stream(model.scores(val)).average().orElse(0));
                    metrics.putAll(AnomalyDetectors.validation(model, val));
                }
                run.epoch(epoch, metrics);
            }
        }
        return run.history().epochs() == 0 ? null : model;
    }

    /** Encoder layers down to the bottleneck (ReLU between, a linear code), then the mirror image back to {@code d} outputs. */
    private static SequentialBlock block(int[] layers, int d) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < layers.length; i++) {
            net.add(Linear.builder().setUnits(layers[i]).build());
            if (i < layers.length - 1) net.add(Activation.reluBlock());
        }
        for (int i = layers.length - 2; i >= 0; i--) net.add(Linear.builder().setUnits(layers[i]).build()).add(Activation.reluBlock());
        return net.add(Linear.builder().setUnits(d).build());
    }

    /** Each row's mean squared reconstruction error over its standardized columns, in batches, without gradients. */
    private static double[] errors(ai.djl.Model network, Networks.Scaling scaling, double[][] x) {
        int n = x.length, d = scaling.shift().length;
        double[] out = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager m = network.getNDManager().newSubManager()) {
                float[] in = scaling.apply(x, from, to);
                NDArray rebuilt = network.getBlock().forward(new ParameterStore(m, false), new NDList(m.create(in, new Shape(to - from, d))), false)
                        .singletonOrThrow();
                float[] r = rebuilt.toFloatArray();
                for (int i = 0; i < to - from; i++) {
                    double sum = 0;
                    for (int j = 0; j < d; j++) sum += (r[i * d + j] - in[i * d + j]) * (double) (r[i * d + j] - in[i * d + j]);
                    out[from + i] = sum / d;
                }
            }
        }
        return out;
    }
}
