package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Trainer;
import org.jtrain.train.TrainingListener;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Anomaly;
import org.jtrain.train.evaluate.Evaluation;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Map;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two anomaly detectors on the bundled sensors (149 anomalous readings of 18,914; the 30% test split holds 50), under
 * the default seed: both must beat random scores, whose average precision is the prevalence (0.0088), by a wide margin.
 */
class AnomalyDetectorsTest {

    private static final Table[] SENSORS = split(load("sensors"));

    @Test
    void isolationForestBeatsRandomAndRepeatsUnderTheSameSeed() throws Exception {
        Fit a = fit("isolation-forest", SENSORS, "anomaly", Map.of());
        Anomaly scores = (Anomaly) Evaluation.of(a.model(), SENSORS[1]);
        // measured 0.658 (ROC AUC 0.985); the floor leaves 0.16 of margin and is still 57 times random
        assertTrue(scores.averagePrecision() >= 0.5, scores.toString());
        assertEquals(0.0088, scores.prevalence(), 1e-4);
        assertEquals(Task.ANOMALY, a.model().task());
        assertEquals(50, scores.anomalies());
        assertEquals(scores.averagePrecision(), a.history().last().get("val_average_precision"), 1e-12);
        Fit b = fit("isolation-forest", SENSORS, "anomaly", Map.of());
        assertArrayEquals(a.model().predict(SENSORS[1]).values(), b.model().predict(SENSORS[1]).values(), "same seed, same forest");
    }

    @Test
    void autoencoderBeatsRandom() throws Exception {
        Fit f = fit("autoencoder", SENSORS, "anomaly", Map.of("epochs", "5"));
        Anomaly scores = (Anomaly) Evaluation.of(f.model(), SENSORS[1]);
        // measured 0.774 after 5 epochs (ROC AUC 0.963); the floor leaves 0.22 of margin and is still 62 times random
        assertTrue(scores.averagePrecision() >= 0.55, scores.toString());
        assertEquals(5, f.history().epochs());
        double[] loss = f.history().get("loss");
        assertTrue(loss[4] < loss[0], "reconstruction error falls: " + Arrays.toString(loss));
    }

    @Test
    void theDetectorNeverReadsTheTarget() throws Exception {
        Table blind = SENSORS[0].copy().setName("blind");
        blind.replaceColumn("anomaly", IntColumn.create("anomaly", new int[blind.rowCount()])); // every label 0
        Fit seeing = fit("isolation-forest", new Table[]{SENSORS[0], null}, "anomaly", Map.of("trees", "20"));
        Fit notSeeing = fit("isolation-forest", new Table[]{blind, null}, "anomaly", Map.of("trees", "20"));
        assertArrayEquals(seeing.model().predict(SENSORS[1]).values(), notSeeing.model().predict(SENSORS[1]).values());
        assertEquals(java.util.List.of("reading", "mote", "indoor", "humidity", "temperature"), seeing.model().features());
    }

    @Test
    void anInterruptKeepsTheTreesAndEpochsSoFar() throws Exception {
        int[] batches = {0};
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int total) {
                batches[0]++;
            }
        };
        FitOptions stopAfter10 = FitOptions.defaults().listener(counter).stopWhen(() -> batches[0] >= 10);
        Fit forest = Trainer.fit(Isolation.params(), SENSORS[0], "anomaly", stopAfter10);
        assertTrue(forest.model().toString().startsWith("isolation-forest (anomaly, 10 trees of 256 rows;"), forest.model().toString());
        assertTrue(forest.history().ended().startsWith("interrupted"), forest.history().ended());

        batches[0] = 0; // an epoch of the autoencoder is 207 batches of 64: stopped in its second, it keeps the first
        Fit ae = Trainer.fit(Autoencoder.params(), SENSORS[0], "anomaly", FitOptions.defaults().listener(counter).stopWhen(() -> batches[0] >= 300));
        assertEquals(1, ae.history().epochs());
        assertEquals(SENSORS[1].rowCount(), ((AnomalyModel) ae.model()).scores(SENSORS[1]).length);
    }

    @Test
    void precisionAndRecallAtABudgetByHand() {
        // ten rows, anomalies at rows 1 and 4; ranked by score: row 1 (anomaly), row 3 (normal), row 4 (anomaly), then the rest
        int[] truth = {0, 1, 0, 0, 1, 0, 0, 0, 0, 0};
        double[] scores = {0.1, 0.9, 0.2, 0.8, 0.7, 0.3, 0.1, 0.2, 0.3, 0.4};
        Anomaly two = Anomaly.of(truth, scores, 2);
        assertEquals(0.2, two.prevalence(), 1e-12);
        assertEquals(0.5, two.precision(), 1e-12); // flagged rows 1 and 3
        assertEquals(0.5, two.recall(), 1e-12);
        assertEquals(0.8, two.accuracy(), 1e-12); // a false alarm and a miss: no better than flagging nothing
        assertEquals(0.8, two.accuracyFlaggingNothing(), 1e-12);
        assertEquals(0.8, two.threshold(), 1e-12);
        Anomaly three = Anomaly.of(truth, scores, 3);
        assertEquals(2.0 / 3, three.precision(), 1e-12);
        assertEquals(1.0, three.recall(), 1e-12);
        assertEquals(0.9, three.accuracy(), 1e-12);
        assertEquals((1.0 + 2.0 / 3) / 2, three.averagePrecision(), 1e-12); // precision at each anomaly found, averaged
        assertEquals(1, Anomaly.of(truth, scores, 0).budget(), "budget 0: 1% of the rows, at least one");
    }

    @Test
    void aTableWithoutAnomaliesIsScoredWithoutAveragePrecision() {
        Anomaly none = Anomaly.of(new int[]{0, 0, 0}, new double[]{0.2, 0.5, 0.1}, 1);
        assertTrue(Double.isNaN(none.averagePrecision()));
        assertTrue(none.toString().contains("average precision undefined (no anomaly in the table)"), none.toString());
        assertEquals(1.0, none.accuracyFlaggingNothing());
        none.chart("none"); // draws without a curve
        assertEquals(12, none.toTable().rowCount());
    }

    @Test
    void mistakesAreOneLine() {
        Table text = Table.create("notes", StringColumn.create("note", "ok", "odd"), IntColumn.create("flag", 0, 1));
        BadInput noNumbers = assertThrows(BadInput.class, () -> fit("isolation-forest", new Table[]{text, null}, "flag", Map.of()));
        assertEquals("Table 'notes' has no numeric columns besides the target 'flag' to score; columns: note, flag. Anomaly detectors read "
                + "numbers: encode text first (%data clean notes --encode onehot).", noNumbers.getMessage());

        BadInput notLabels = assertThrows(BadInput.class, () -> fit("isolation-forest", SENSORS, "humidity", Map.of()));
        assertTrue(notLabels.getMessage().startsWith("The target 'humidity' of 'train' must mark the known anomalies: 0/1 (1 = anomaly), "
                + "true/false, or two texts (the rarer is the anomaly); it has the value "), notLabels.getMessage());
        assertEquals("anomaly", notLabels.suggestion().orElseThrow(), "the rarest 0/1 column");

        BadInput column = assertThrows(BadInput.class, () -> fit("autoencoder", SENSORS, "anomaly", Map.of("columns", "humidty")));
        assertEquals("humidity", column.suggestion().orElseThrow());
        BadInput target = assertThrows(BadInput.class, () -> fit("autoencoder", SENSORS, "anomaly", Map.of("columns", "humidity,anomaly")));
        assertTrue(target.getMessage().contains("it is the target, which the detector must not read"), target.getMessage());
        BadInput wide = assertThrows(BadInput.class, () -> fit("autoencoder", SENSORS, "anomaly", Map.of("columns", "humidity,temperature")));
        assertTrue(wide.getMessage().startsWith("--hidden must end in a bottleneck narrower than the 2 columns scored"), wide.getMessage());
        BadInput level = assertThrows(BadInput.class, () -> fit("isolation-forest", SENSORS, "anomaly", Map.of("extension-level", "5")));
        assertEquals("--extension-level must be below the 5 columns scored (0 to 4); got 5.", level.getMessage());
        assertThrows(BadInput.class, () -> Models.params("autoencoder", Map.of("hidden", "8,x")));
        BadInput budget = assertThrows(BadInput.class, () -> Anomaly.of(new int[]{0, 1}, new double[]{0, 1}, 3));
        assertEquals("--budget must be at most the 2 rows of the table; got 3.", budget.getMessage());
        for (BadInput e : new BadInput[]{noNumbers, notLabels, column, target, wide, level, budget}) {
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
