package org.jtrain.train.evaluate;

import org.jtrain.train.Prediction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The metrics against values worked out by hand (the same as scikit-learn's for these inputs). */
class EvaluationTest {

    @Test
    void binaryCurvesAndAreas() {
        double[][] prob = {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}};
        Prediction p = Prediction.classes(new int[]{0, 0, 0, 1}, prob);
        Evaluation.Classification e = Evaluation.Classification.of(List.of("ham", "spam"), new int[]{0, 0, 1, 1}, p);
        assertEquals(0.75, e.roc().area(), 1e-12);
        assertEquals(5.0 / 6, e.pr().area(), 1e-12);
        assertEquals(0.75, e.accuracy(), 1e-12);
        assertArrayEquals(new int[][]{{2, 0}, {1, 1}}, e.confusion());
        assertArrayEquals(new double[]{2.0 / 3, 1.0}, e.precision(), 1e-12);
        assertArrayEquals(new double[]{1.0, 0.5}, e.recall(), 1e-12);
        assertEquals((0.8 + 2.0 / 3) / 2, e.macro(e.f1()), 1e-12);
    }

    @Test
    void regressionMetrics() {
        Evaluation.Regression r = Evaluation.Regression.of(new double[]{3, -0.5, 2, 7}, new double[]{2.5, 0.0, 2, 8});
        assertEquals(0.375, r.mse(), 1e-12);
        assertEquals(0.5, r.mae(), 1e-12);
        assertEquals(0.9486081370449679, r.r2(), 1e-12);
    }
}
