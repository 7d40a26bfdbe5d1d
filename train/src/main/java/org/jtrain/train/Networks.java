package org.jtrain.train;

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

    enum Optimizer { ADAM, SGD }

    /** What every network's hyperparameters share: the loop's settings. */
    interface LoopParams {
        int epochs();

        int batchSize();

        double learningRate();

        Optimizer optimizer();

        int patience();
    }

    record MlpParams(
            @Param(description = "Passes over the training data", defaultValue = "30", min = 1, max = 100_000) int epochs,
            @Param(description = "Rows per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
            @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
            @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
            @Param(description = "Hidden layer sizes, comma-separated", defaultValue = "64,32") String hidden,
            @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early",
                    defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {
        MlpParams {
            Params.check(MlpParams.class, epochs, batchSize, learningRate, optimizer, hidden, patience);
            layers(hidden);
        }

        int[] layers() {
            return layers(hidden);
        }

        private static int[] layers(String hidden) {
            try {
                int[] sizes = Arrays.stream(hidden.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
                if (Arrays.stream(sizes).allMatch(n -> n >= 1 && n <= 4096)) return sizes;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadInput("--hidden must be layer sizes in [1, 4096] separated by commas, e.g. 64,32; got '" + hidden + "'.");
        }
    }

    record CnnParams(
            @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
            @Param(description = "Images per gradient step", defaultValue = "64", min = 1, max = 65_536) int batchSize,
            @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
            @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
            @Param(description = "Filters of the first convolution (the second has twice as many)", defaultValue = "16", min = 1, max = 512) int filters,
            @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early",
                    defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {
        CnnParams {
            Params.check(CnnParams.class, epochs, batchSize, learningRate, optimizer, filters, patience);
        }
    }

    record TextParams(
            @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
            @Param(description = "Documents per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
            @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
            @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
            @Param(description = "Words kept: those in the most training documents", defaultValue = "2000", min = 10, max = 50_000) int vocabulary,
            @Param(description = "Size of the hidden layer", defaultValue = "64", min = 1, max = 4096) int hidden,
            @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early",
                    defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {
        TextParams {
            Params.check(TextParams.class, epochs, batchSize, learningRate, optimizer, vocabulary, hidden, patience);
        }
    }

    record CustomParams(
            @Param(description = "Passes over the training data", defaultValue = "10", min = 1, max = 100_000) int epochs,
            @Param(description = "Rows per gradient step", defaultValue = "32", min = 1, max = 65_536) int batchSize,
            @Param(description = "Step size of the optimizer", defaultValue = "0.001", min = 0, minExclusive = true, max = 10) double learningRate,
            @Param(description = "adam or sgd", defaultValue = "adam") Optimizer optimizer,
            @Param(description = "Stop after this many epochs without a better val_loss, keeping the best; 0 never stops early",
                    defaultValue = "0", min = 0, max = 10_000) int patience) implements LoopParams {
        CustomParams {
            Params.check(CustomParams.class, epochs, batchSize, learningRate, optimizer, patience);
        }
    }

    /** A network the user built, trained by the same loop on standardized numeric columns. */
    static ModelSpec<CustomParams> custom(String name, Block block) {
        return new ModelSpec<>(name, "Your DJL network", null, ModelSpec.Input.NUMBERS, CustomParams.class,
                (p, train, val, run) -> DjlLoop.fit(name, p, block, new Shape(train.features().size()), Scaling.standardize(train.x()),
                        train, val, run, train.features()));
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                new ModelSpec<>("mlp", "A multilayer perceptron on numeric columns (DJL), for classes or numbers", null,
                        ModelSpec.Input.NUMBERS, MlpParams.class, Networks::mlp),
                new ModelSpec<>("cnn", "A small convolutional network on square images stored as pixel columns (DJL)",
                        Task.CLASSIFICATION, ModelSpec.Input.PIXELS, CnnParams.class, Networks::cnn),
                new ModelSpec<>("text", "A bag-of-words network on the text columns, e.g. subject and body (DJL)",
                        Task.CLASSIFICATION, ModelSpec.Input.TEXT, TextParams.class, Networks::text));
    }

    private static Model mlp(MlpParams p, Data train, Data val, Run run) throws Exception {
        return DjlLoop.fit("mlp", p, block(p, outputs(train)), new Shape(train.features().size()), Scaling.standardize(train.x()),
                train, val, run, train.features());
    }

    private static Model cnn(CnnParams p, Data train, Data val, Run run) throws Exception {
        int pixels = train.features().size(), side = (int) Math.round(Math.sqrt(pixels));
        if (side * side != pixels || side < 4) {
            throw new BadInput("The cnn reads square images, one column per pixel, but the table has " + pixels
                    + " feature columns, which is not a square of at least 4×4. Drop the columns that are not pixels.");
        }
        return DjlLoop.fit("cnn", p, block(p, outputs(train)), new Shape(1, side, side), Scaling.byMax(train.x()), train, val, run, train.features());
    }

    private static Model text(TextParams p, Data train, Data val, Run run) throws Exception {
        List<String> inputs = ((TextFeatures) train.encoder()).columns();
        return DjlLoop.fit("text", p, block(p, outputs(train)), new Shape(train.features().size()), Scaling.none(train.features().size()),
                train, val, run, inputs);
    }

    /** The untrained network of a built-in model: the same for training and for loading an exported one. */
    static Block block(Record params, int outputs) {
        return switch (params) {
            case MlpParams p -> {
                SequentialBlock net = new SequentialBlock();
                for (int units : p.layers()) net.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
                yield net.add(Linear.builder().setUnits(outputs).build());
            }
            case CnnParams p -> new SequentialBlock()
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
            case TextParams p -> new SequentialBlock()
                    .add(Linear.builder().setUnits(p.hidden()).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(outputs).build());
            default -> throw new BadInput("A network written in a cell cannot be rebuilt from a file; only mlp, cnn and text can.");
        };
    }

    private static int outputs(Data train) {
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
