package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Smoke;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Language;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Transformers written as DJL blocks: a decoder that generates text, an encoder that classifies it. */
final class LanguageModels {

    /** Validation windows scored after each epoch: enough for a steady perplexity, few enough to take a moment. */
    private static final int VAL_WINDOWS = 256;
    private static final int SMOKE_STEPS = 20;
    /** The gradients' largest norm, all parameters together, as GPT-2 was trained: against a rare bad batch. */
    private static final double MAX_NORM = 1;

    private LanguageModels() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                ModelSpec.onTables("gpt", "A small decoder-only transformer that learns a text column by predicting each next "
                        + "character, then writes text (DJL); --target is the text itself", Task.LANGUAGE, ModelSpec.Engine.DJL, Gpt.class,
                        LanguageModels::gpt),
                new ModelSpec<>("transformer", "A small transformer encoder on the words of the text columns, e.g. subject and body (DJL)",
                        Task.CLASSIFICATION, ModelSpec.Input.TEXT, ModelSpec.Engine.DJL, Transformer.class, LanguageModels::transformer));
    }

    private static Model transformer(Transformer p, Encoded train, Encoded val, Run run) throws Exception {
        WordTokens tokens = (WordTokens) train.encoder();
        TransformerNet net = new TransformerNet(tokens.vocabulary().size() + 2, p.context(), p.embedding(), p.layers(), p.heads(),
                train.classes().size(), false);
        return DjlLoop.fit("transformer", p, net, new Shape(p.context()), Networks.Scaling.none(p.context()), train, val, run, tokens.columns());
    }

    /**
     * Scales every gradient of {@code block} by one factor so that their norm, taken together, is at most {@code max}.
     * DJL's own clipGrad clamps each element, and on PyTorch from above only (clamp_max_): large negative gradients passed
     * and positive ones were cut, which skews each step.
     */
    static void clipNorm(ai.djl.nn.Block block, double max) {
        List<NDArray> grads = block.getParameters().values().stream().map(p -> p.getArray().getGradient()).toList();
        double sum = 0;
        for (NDArray g : grads) {
            try (NDArray squares = g.square().sum()) {
                sum += squares.getFloat();
            }
        }
        double norm = Math.sqrt(sum);
        for (NDArray g : grads) {
            if (norm > max) g.muli(max / norm); // in place on the gradient itself, outside autograd
            g.close(); // the handle only: the gradient stays with its parameter
        }
    }

    /**
     * Self-supervised: the text is its own target. Each step takes windows of the text at random and learns to predict,
     * at every position, the character that follows; no labels are needed beyond the text.
     */
    /** The steps of an epoch: in smoke mode at most {@value #SMOKE_STEPS}, as epochs are capped for every model. */
    private static int steps(Gpt p) {
        if (!Smoke.on() || p.steps() <= SMOKE_STEPS) return p.steps();
        Smoke.note(p.steps() + " steps per epoch → " + SMOKE_STEPS);
        return SMOKE_STEPS;
    }

    private static Model gpt(Gpt p, Table train, String target, Table val, Run run) throws Exception {
        String text = LanguageModel.text(train, target, "gpt"), valText = val == null ? null : LanguageModel.text(val, target, "gpt");
        int t = p.context();
        if (text.length() < t + 2) {
            throw new BadInput("gpt needs a text longer than its context: '" + train.name() + "' has " + text.length() + " characters in '" + target
                    + "', and --context " + t + " needs at least " + (t + 2) + ". Lower --context or give it more text.");
        }
        if (valText != null && valText.length() < t + 2) {
            throw new BadInput("The validation table '" + val.name() + "' has " + valText.length() + " characters in '" + target
                    + "'; --context " + t + " needs at least " + (t + 2) + " to score a window.");
        }
        Characters vocabulary = Characters.of(text);
        int[] ids = vocabulary.encode(text);
        Engine.getEngine("PyTorch").setRandomSeed((int) run.seed());
        ai.djl.Model network = ai.djl.Model.newInstance("gpt", "PyTorch");
        network.setBlock(new TransformerNet(vocabulary.size(), t, p.embedding(), p.layers(), p.heads(), vocabulary.size(), true));
        LanguageModel fitted = new LanguageModel(p, target, vocabulary, network, run.seed());
        Loss loss = Loss.softmaxCrossEntropyLoss();
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) p.learningRate())).build();
        Random windows = Seeds.random(run.seed(), "windows");
        int b = p.batchSize(), v = vocabulary.size(), steps = steps(p);
        run.start("gpt", p.epochs(), steps);
        try (Trainer trainer = network.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(adam))) {
            trainer.initialize(new Shape(b, t));
            for (int epoch = 1; epoch <= p.epochs() && !run.shouldStop(); epoch++) {
                double sum = 0;
                int done = 0;
                for (int step = 0; step < steps && !run.shouldStop(); step++) {
                    float[] x = new float[b * t], y = new float[b * t];
                    for (int w = 0; w < b; w++) {
                        int start = windows.nextInt(ids.length - t);
                        for (int i = 0; i < t; i++) {
                            x[w * t + i] = ids[start + i];
                            y[w * t + i] = ids[start + i + 1];
                        }
                    }
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(m.create(x, new Shape(b, t)))).get(0).reshape(b * t, v);
                            NDArray l = loss.evaluate(new NDList(m.create(y)), new NDList(logits));
                            gc.backward(l);
                            sum += l.getFloat();
                        }
                        clipNorm(network.getBlock(), MAX_NORM);
                        trainer.step();
                    }
                    done++;
                    run.batch(epoch, step + 1, steps);
                }
                if (done < steps) break; // an interrupted epoch is not recorded: its loss would be of part of it
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("loss", sum / done);
                metrics.put("perplexity", Math.exp(sum / done));
                if (valText != null) {
                    Language scored = fitted.score(valText, val.rowCount(), VAL_WINDOWS);
                    metrics.put("val_loss", scored.crossEntropy());
                    metrics.put("val_perplexity", scored.perplexity());
                }
                run.epoch(epoch, metrics);
            }
        }
        return run.history().epochs() == 0 ? null : fitted;
    }
}
