package org.jtrain.train.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transformer's blocks on the PyTorch engine: shapes, a gradient step, and the causal mask. */
class TransformerNetTest {

    @Test
    void theCausalMaskKeepsTheFutureFromThePast() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (Model model = Model.newInstance("gpt", "PyTorch")) {
            TransformerNet net = new TransformerNet(10, 8, 16, 2, 4, 10, true);
            model.setBlock(net);
            NDManager m = model.getNDManager();
            net.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 8));
            float[] a = logits(net, m, new float[]{1, 2, 3, 4, 5, 6, 7, 8});
            float[] b = logits(net, m, new float[]{1, 2, 3, 4, 5, 9, 9, 9}); // positions 5..7 changed
            int perPosition = 10;
            for (int i = 0; i < 5 * perPosition; i++) assertEquals(a[i], b[i], 1e-6, "position " + i / perPosition + " saw the future");
            boolean later = false;
            for (int i = 5 * perPosition; i < a.length; i++) later |= Math.abs(a[i] - b[i]) > 1e-4;
            assertTrue(later, "the changed positions change their own outputs");
            try (NDManager step = m.newSubManager()) { // activations belong to the input's manager, freed with it
                NDArray logits = net.forward(new ParameterStore(step, false), new NDList(step.create(new float[]{1, 2}, new Shape(1, 2))), false).get(0);
                org.junit.jupiter.api.Assertions.assertSame(step, logits.getManager());
            }
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.create(new float[]{1, 2, 3, 4}, new Shape(1, 4))), false,
                    new PairList<>(List.of(TransformerNet.ATTENTION), List.of(true)));
            assertEquals(3, out.size(), "logits and two layers' attention");
            float[] w = out.get(1).toFloatArray(); // (1, 4 heads, 4, 4): row i attends to 0..i only, and sums to 1
            for (int h = 0; h < 4; h++) {
                for (int i = 0; i < 4; i++) {
                    double sum = 0;
                    for (int j = 0; j < 4; j++) {
                        double v = w[h * 16 + i * 4 + j];
                        if (j > i) assertEquals(0, v, 0);
                        sum += v;
                    }
                    assertEquals(1, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void anEncoderStepLowersItsLoss() {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (Model model = Model.newInstance("encoder", "PyTorch")) {
            model.setBlock(new TransformerNet(20, 6, 16, 1, 2, 2, false));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(ai.djl.training.optimizer.Optimizer.adam().build()))) {
                trainer.initialize(new Shape(2, 6));
                NDManager m = trainer.getManager();
                NDArray x = m.create(new float[]{3, 4, 5, 0, 0, 0, 7, 8, 9, 10, 0, 0}, new Shape(2, 6));
                NDArray y = m.create(new float[]{0, 1});
                float first = 0, last = 0;
                for (int step = 0; step < 20; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(trainer.forward(new NDList(x)).get(0)));
                        gc.backward(l);
                        if (step == 0) first = l.getFloat();
                        last = l.getFloat();
                    }
                    trainer.step();
                }
                assertTrue(last < first / 2, first + " -> " + last);
                assertFalse(Float.isNaN(last));
            }
        }
    }

    private static float[] logits(TransformerNet net, NDManager m, float[] ids) {
        NDArray x = m.create(ids, new Shape(1, ids.length));
        NDArray out = net.forward(new ParameterStore(m, false), new NDList(x), false).get(0);
        assertArrayEquals(new long[]{1, ids.length, 10}, out.getShape().getShape());
        return out.toFloatArray();
    }
}
