package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Fit;
import org.jtrain.train.Model;
import org.jtrain.train.Task;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three DJL networks on the bundled data, with floors under the default seed (PyTorch on CPU, offline). */
class NetworksTest {

    @Test
    void mlpLearnsIrisAndRepeatsUnderTheSameSeed() throws Exception {
        Table[] iris = split(load("iris"));
        Fit a = fit("mlp", iris, "species", Map.of("epochs", "40", "learning-rate", "0.01"));
        Fit b = fit("mlp", iris, "species", Map.of("epochs", "40", "learning-rate", "0.01"));
        assertEquals(40, a.history().epochs());
        assertTrue(a.history().last().get("val_accuracy") >= 0.9, a.history().toString());
        assertEquals(a.history().toTable().toString(), b.history().toTable().toString(), "same seed, same run");
        double[] loss = a.history().get("loss");
        assertTrue(loss[39] < loss[0] / 2, "training loss falls: " + loss[0] + " -> " + loss[39]);
        // 4 inputs → 64 → 32 → 3 classes: weights and biases of the three layers
        int weights = 4 * 64 + 64 + 64 * 32 + 32 + 32 * 3 + 3;
        assertTrue(a.model().toString().contains(String.format(java.util.Locale.ROOT, "%,d parameters", weights)), a.model().toString());
    }

    @Test
    void mlpRegressesDiabetes() throws Exception {
        Table[] diabetes = split(load("diabetes"));
        // the defaults: the target (25 to 346) is learned standardized, so the usual learning rate works
        Fit r = fit("mlp", diabetes, "progression", Map.of("epochs", "15"));
        double var = diabetes[1].numberColumn("progression").variance() * (diabetes[1].rowCount() - 1) / diabetes[1].rowCount();
        double r2 = 1 - r.history().last().get("val_loss") / var;
        assertTrue(r2 >= 0.3, "R² " + r2); // 300 training rows: it overfits soon after
        assertEquals(Task.REGRESSION, r.model().task());
        // predictions and the History are in the target's own units
        assertEquals(r.history().last().get("val_loss"), mse(r.model(), diabetes[1]), 1e-6 * var);
        double trainMse = mse(r.model(), diabetes[0]), loss = r.history().last().get("loss");
        assertTrue(loss > 0.5 * trainMse && loss < 2 * trainMse, "loss " + loss + " against a training MSE of " + trainMse);
    }

    @Test
    void aDivergingFitStopsAndSaysWhy() throws Exception {
        // plain SGD with a step of 1 on diabetes: the loss is NaN after the first epoch, and every epoch after would be
        Fit r = fit("mlp", split(load("diabetes")), "progression", Map.of("epochs", "20", "optimizer", "sgd", "learning-rate", "1"));
        assertEquals(1, r.history().epochs(), r.history().toString());
        assertEquals("stopped at epoch 1: the loss became NaN, so training diverged; a lower --learning-rate usually helps", r.history().ended());
    }

    static double mse(Model m, Table t) {
        double[] predicted = m.predict(t).values(), actual = t.numberColumn("progression").asDoubleArray();
        double sum = 0;
        for (int i = 0; i < actual.length; i++) sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        return sum / actual.length;
    }

    @Test
    void cnnReadsDigits() throws Exception {
        Table[] digits = split(load("digits"));
        Fit r = fit("cnn", digits, "digit", Map.of("epochs", "8"));
        assertTrue(r.history().last().get("val_accuracy") >= 0.93, r.history().toString());
        assertEquals(10, r.model().predict(digits[1].first(10)).size());
    }

    @Test
    void textModelReadsSpam() throws Exception {
        Table spam = load("spam").removeColumns("id"); // the id names the corpus folder: a leak
        Fit r = fit("text", split(spam), "label", Map.of("epochs", "3"));
        assertTrue(r.history().last().get("val_accuracy") >= 0.95, r.history().toString());
        assertEquals(List.of("subject", "body"), r.model().features());
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() throws Exception {
        Table[] iris = split(load("iris"));
        Fit r = fit("mlp", iris, "species", Map.of("epochs", "2000", "patience", "3", "learning-rate", "0.05"));
        assertTrue(r.history().ended().startsWith("early stopping at epoch"), r.history().ended());
        assertTrue(r.history().epochs() < 2000);
    }

    @Test
    void mistakes() {
        Table[] iris = split(load("iris"));
        BadInput e = assertThrows(BadInput.class, () -> fit("mlp", iris, "species", Map.of("hidden", "64,x")));
        assertEquals("--hidden must be layer sizes in [1, 4096] separated by commas, e.g. 64,32; got '64,x'.", e.getMessage());
        e = assertThrows(BadInput.class, () -> fit("cnn", iris, "species", Map.of()));
        assertTrue(e.getMessage().startsWith("The cnn reads square images"), e.getMessage());
        e = assertThrows(BadInput.class, () -> fit("mlp", iris, "species", Map.of("optimizer", "adamw")));
        assertEquals("--optimizer must be one of [adam, sgd]; got 'adamw'.", e.getMessage());
    }
}
