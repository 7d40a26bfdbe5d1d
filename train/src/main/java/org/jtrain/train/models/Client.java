package org.jtrain.train.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.jtrain.train.Run;

import java.nio.FloatBuffer;
import java.util.Random;

/**
 * One simulated client of federated averaging. It keeps its rows: what it hands the server is only sums of its columns
 * (once, for scaling), then each round its trained weights and three numbers (rows, loss, accuracy). The simulation
 * runs every client on one network in turn, which stands for the copy on each device.
 */
final class Client {

    /** What a client sends back after a round: its weights, and the rows, loss and accuracy that weigh and report them. */
    record Update(float[][] weights, int rows, double loss, double accuracy) {
    }

    /** What a client says about its columns so that all scale them alike: a row count, sums and sums of squares. */
    record Sums(int rows, double[] sum, double[] squares) {
    }

    private final double[][] x;
    private final int[] y;
    private final Random order;
    private float[] scaled;

    Client(double[][] x, int[] y, Random order) {
        this.x = x;
        this.y = y;
        this.order = order;
    }

    int rows() {
        return y.length;
    }

    Sums sums(int d) {
        double[] sum = new double[d], squares = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) {
            sum[j] += row[j];
            squares[j] += row[j] * row[j];
        }
        return new Sums(x.length, sum, squares);
    }

    /** The scaling the server worked out from every client's sums, applied to this client's rows, once. */
    void scale(Networks.Scaling scaling) {
        scaled = scaling.apply(x, 0, x.length);
    }

    /**
     * Trains {@code net}, set to the server's {@code global} weights, for {@code p.localEpochs()} passes over this
     * client's rows with a fresh optimizer; null when the run is stopped midway (the half-trained weights are dropped).
     */
    Update train(float[][] global, ai.djl.Model net, FedAvg p, Loss loss, Run run) {
        load(net.getBlock(), global);
        int n = y.length, d = scaled.length / n;
        double lossSum = 0;
        int right = 0;
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(DjlLoop.optimizer(p.optimizer(), p.learningRate()));
        try (Trainer trainer = net.newTrainer(config)) {
            for (int epoch = 1; epoch <= p.localEpochs(); epoch++) {
                int[] rows = DjlLoop.shuffled(y.length, order);
                lossSum = 0;
                right = 0;
                for (int from = 0; from < n; from += p.batchSize()) {
                    if (run.shouldStop()) return null;
                    int to = Math.min(n, from + p.batchSize());
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        float[] xb = new float[(to - from) * d], yb = new float[to - from];
                        for (int i = from; i < to; i++) {
                            System.arraycopy(scaled, rows[i] * d, xb, (i - from) * d, d);
                            yb[i - from] = y[rows[i]];
                        }
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray out = trainer.forward(new NDList(m.create(xb, new Shape(to - from, d)))).singletonOrThrow();
                            NDArray l = loss.evaluate(new NDList(m.create(yb)), new NDList(out));
                            gc.backward(l);
                            lossSum += l.getFloat() * (to - from);
                            right += DjlLoop.correct(out.toFloatArray(), y, rows, from, to);
                        }
                        trainer.step();
                    }
                }
            }
        }
        return new Update(weights(net.getBlock()), n, lossSum / n, (double) right / n);
    }

    /** A network's weights, parameter by parameter in the block's order: what travels between server and clients. */
    static float[][] weights(Block block) {
        return block.getParameters().values().stream().map(w -> w.getArray().toFloatArray()).toArray(float[][]::new);
    }

    /** Sets a network's weights in place, parameter by parameter in the block's order. */
    static void load(Block block, float[][] weights) {
        int i = 0;
        for (Parameter w : block.getParameters().values()) w.getArray().set(FloatBuffer.wrap(weights[i++]));
    }
}
