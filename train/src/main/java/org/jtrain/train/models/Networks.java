package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Task;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import java.util.Arrays;
import java.util.List;

/** The neural networks, on DJL with the PyTorch engine: an MLP for tables, a small CNN for images, a text model. */
final class Networks {

    private Networks() {
    }

    /** A network the user built, trained by the same loop on standardized numeric columns. */
    static ModelSpec<Network> custom(Network own) {
        return new ModelSpec<>(own.name(), "Your DJL network", null, ModelSpec.Input.NUMBERS, ModelSpec.Engine.USER, Network.class,
                (p, train, val, run) -> DjlLoop.fit(p.name(), p, p.block(), new Shape(train.features().size()), Scaling.standardize(train.x()),
                        train, val, run, train.features()));
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                new ModelSpec<>("mlp", "A multilayer perceptron on numeric columns (DJL), for classes or numbers", null,
                        ModelSpec.Input.NUMBERS, ModelSpec.Engine.DJL, Mlp.class, Networks::mlp),
                new ModelSpec<>("cnn", "A small convolutional network on square images stored as pixel columns (DJL)",
                        Task.CLASSIFICATION, ModelSpec.Input.PIXELS, ModelSpec.Engine.DJL, Cnn.class, Networks::cnn),
                new ModelSpec<>("text", "A bag-of-words network on the text columns, e.g. subject and body (DJL)",
                        Task.CLASSIFICATION, ModelSpec.Input.TEXT, ModelSpec.Engine.DJL, Text.class, Networks::text));
    }

    private static Model mlp(Mlp p, Encoded train, Encoded val, Run run) throws Exception {
        return DjlLoop.fit("mlp", p, block(p, outputs(train)), new Shape(train.features().size()), Scaling.standardize(train.x()),
                train, val, run, train.features());
    }

    private static Model cnn(Cnn p, Encoded train, Encoded val, Run run) throws Exception {
        int pixels = train.features().size(), side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels || side < 4) {
            throw new BadInput("The cnn reads square images, one column per pixel, but the table has " + pixels
                    + " feature columns, which is not a square of at least 4×4. Drop the columns that are not pixels.");
        }
        return DjlLoop.fit("cnn", p, block(p, outputs(train)), new Shape(1, side, side), Scaling.byMax(train.x()), train, val, run, train.features());
    }

    private static Model text(Text p, Encoded train, Encoded val, Run run) throws Exception {
        List<String> inputs = ((TextFeatures) train.encoder()).columns();
        return DjlLoop.fit("text", p, block(p, outputs(train)), new Shape(train.features().size()), Scaling.none(train.features().size()),
                train, val, run, inputs);
    }

    /** The untrained network of a built-in model: the same for training and for loading an exported one. */
    static Block block(Hyperparameters params, int outputs) {
        return switch (params) {
            case Mlp p -> perceptron(p.layers(), outputs);
            case FedAvg p -> perceptron(p.layers(), outputs); // mlp's network, so that the two compare fairly
            case Cnn p -> new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(p.filters()).build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(2 * p.filters()).build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(64).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(outputs).build());
            case Text p -> new SequentialBlock()
                    .add(Linear.builder().setUnits(p.hidden()).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(outputs).build());
            default -> throw new BadInput("A network written in a cell cannot be rebuilt from a file; only mlp, cnn, text and fedavg can.");
        };
    }

    private static Block perceptron(int[] layers, int outputs) {
        SequentialBlock net = new SequentialBlock();
        for (int units : layers) net.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        return net.add(Linear.builder().setUnits(outputs).build());
    }

    private static int outputs(Encoded train) {
        return train.task() == Task.CLASSIFICATION ? train.classes().size() : 1;
    }

    /**
     * Inputs are shifted and scaled with statistics of the training split, kept with the model; so is a regression
     * target, which a network learns far better near 0 with spread 1 than in its own units (house prices in dollars).
     */
    record Scaling(double[] shift, double[] scale) {

        /** One column of numbers, e.g. a regression target, to mean 0 and standard deviation 1. */
        static Scaling standardize(double[] v) {
            double mean = 0, var = 0;
            for (double x : v) mean += x / v.length;
            for (double x : v) var += (x - mean) * (x - mean) / v.length;
            return new Scaling(new double[]{mean}, new double[]{var > 1e-12 ? 1 / Math.sqrt(var) : 1});
        }

        /** A value of a one-column scaling, scaled. */
        double apply(double v) {
            return (v - shift[0]) * scale[0];
        }

        /** A scaled value of a one-column scaling, back in its own units. */
        double invert(double v) {
            return v / scale[0] + shift[0];
        }

        static Scaling standardize(double[][] x) {
            int d = x[0].length;
            double[] mean = new double[d], scale = new double[d];
            for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / x.length;
            for (double[] row : x) for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
            for (int j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? 1 / Math.sqrt(scale[j]) : 1;
            return new Scaling(mean, scale);
        }

        static Scaling byMax(double[][] x) {
            double max = Arrays.stream(x).flatMapToDouble(Arrays::stream).max().orElse(1);
            double[] scale = new double[x[0].length];
            Arrays.fill(scale, max > 0 ? 1 / max : 1);
            return new Scaling(new double[x[0].length], scale);
        }

        static Scaling none(int d) {
            double[] scale = new double[d];
            Arrays.fill(scale, 1);
            return new Scaling(new double[d], scale);
        }

        /** Rows from..to of x, scaled, as one row-major float array. */
        float[] apply(double[][] x, int from, int to) {
            int d = shift.length;
            float[] out = new float[(to - from) * d];
            for (int i = from; i < to; i++) {
                double[] row = x[i];
                for (int j = 0; j < d; j++) out[(i - from) * d + j] = (float) ((row[j] - shift[j]) * scale[j]);
            }
            return out;
        }
    }
}
