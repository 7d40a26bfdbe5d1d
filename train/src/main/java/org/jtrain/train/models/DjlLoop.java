package org.jtrain.train.models;

import org.jtrain.train.Encoded;
import org.jtrain.train.Metrics;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** The training loop of every network: shuffled mini-batches, metrics per epoch, early stopping, interrupts. */
final class DjlLoop {

    private DjlLoop() {
    }

    static Model fit(String name, LoopParams p, Block block, Shape example, Networks.Scaling scaling,
                     Encoded train, Encoded val, Run run, List<String> inputs) throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed((int) run.seed());
        ai.djl.Model model = ai.djl.Model.newInstance(name, "PyTorch");
        model.setBlock(block);
        boolean classes = train.task() == Task.CLASSIFICATION;
        Loss loss = classes ? Loss.softmaxCrossEntropyLoss() : new Tensors.SquaredError();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(optimizer(p));
        int n = train.size(), batches = (n + p.batchSize() - 1) / p.batchSize();
        Shape batchShape = new Shape(1).addAll(example);
        Networks.Scaling output = classes ? null : Networks.Scaling.standardize(train.values());
        DjlModel fitted = new DjlModel(name, train.task(), p, inputs, train.target(), train.classes(), model, example, scaling,
                output, train.encoder(), null);
        byte[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        Random shuffle = Seeds.random(run.seed(), "batches");
        // scaled once into one flat array: a batch is then row copies, not a pass over scattered double[] rows
        float[] xs = scaling.apply(train.x(), 0, n);
        int d = xs.length / Math.max(1, n);
        run.start(name, p.epochs(), batches);
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(batchShape);
            for (int epoch = 1; epoch <= p.epochs() && !run.shouldStop(); epoch++) {
                int[] order = DjlLoop.shuffled(n, shuffle);
                double lossSum = 0, errSum = 0;
                int right = 0, seen = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * p.batchSize(), to = Math.min(n, from + p.batchSize());
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        float[] xb = new float[(to - from) * d];
                        for (int i = from; i < to; i++) System.arraycopy(xs, order[i] * d, xb, (i - from) * d, d);
                        NDArray x = m.create(xb, new Shape(to - from).addAll(example));
                        NDArray y = m.create(targets(train, output, order, from, to));
                        if (!classes) y = y.reshape(to - from, 1);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray l = loss.evaluate(new NDList(y), new NDList(out));
                            gc.backward(l);
                            lossSum += l.getFloat() * (to - from);
                            // one copy of the outputs, then plain Java: cheaper than several small tensor ops per batch
                            float[] o = out.toFloatArray();
                            if (classes) right += correct(o, train.labels(), order, from, to);
                            else for (int i = from; i < to; i++) errSum += Math.abs(output.invert(o[i - from]) - train.values()[order[i]]);
                        }
                        trainer.step();
                    }
                    seen = to;
                    run.batch(epoch, b + 1, batches);
                    if (run.shouldStop()) break;
                }
                if (seen < n) break; // an interrupted epoch is not recorded: its metrics would be of part of the data
                Map<String, Double> metrics = new LinkedHashMap<>();
                // a target learned scaled has its loss (a mean squared error) reported in the target's own units
                metrics.put("loss", classes ? lossSum / n : lossSum / n / (output.scale()[0] * output.scale()[0]));
                metrics.put(classes ? "accuracy" : "mae", classes ? (double) right / n : errSum / n);
                if (val != null) metrics.putAll(Metrics.of(fitted.predictRows(val.x()), val, "val_"));
                run.epoch(epoch, metrics);
                if (p.patience() > 0 && val != null) {
                    double v = metrics.get("val_loss");
                    if (v < bestLoss) {
                        bestLoss = v;
                        bestEpoch = epoch;
                        best = save(block);
                    } else if (epoch - bestEpoch >= p.patience()) {
                        run.requestStop("early stopping at epoch " + epoch + ": val_loss has not improved since epoch " + bestEpoch
                                + "; the model is the one from epoch " + bestEpoch);
                    }
                }
            }
        }
        if (best != null) block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(best)));
        return run.history().epochs() == 0 ? null : fitted;
    }

    /** 0..n-1 in an order drawn from {@code random} (Fisher-Yates): one epoch's order of the rows. */
    static int[] shuffled(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static Optimizer optimizer(LoopParams p) {
        return optimizer(p.optimizer(), p.learningRate());
    }

    /** A fresh optimizer (no momentum or moment estimates yet) of a kind, with a fixed learning rate. */
    static Optimizer optimizer(org.jtrain.train.models.Optimizer kind, double learningRate) {
        Tracker lr = Tracker.fixed((float) learningRate);
        return kind == org.jtrain.train.models.Optimizer.ADAM ? Optimizer.adam().optLearningRateTracker(lr).build()
                : Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).build();
    }

    private static byte[] save(Block block) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(out));
        return out.toByteArray();
    }

    /** How many rows of a batch the outputs (row-major logits) put in their true class. */
    static int correct(float[] logits, int[] labels, int[] order, int from, int to) {
        int k = logits.length / (to - from), right = 0;
        for (int i = from; i < to; i++) {
            int best = 0, base = (i - from) * k;
            for (int c = 1; c < k; c++) if (logits[base + c] > logits[base + best]) best = c;
            if (best == labels[order[i]]) right++;
        }
        return right;
    }

    /** The targets of rows order[from..to) as floats: class indexes, or numbers scaled by {@code output}. */
    private static float[] targets(Encoded d, Networks.Scaling output, int[] order, int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) out[i - from] = (float) (d.labels() != null ? d.labels()[order[i]] : output.apply(d.values()[order[i]]));
        return out;
    }
}
