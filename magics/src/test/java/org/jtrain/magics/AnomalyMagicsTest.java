package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.evaluate.Anomaly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The anomaly detectors through %train and %evaluate, as lesson 18 uses them, and their mistakes as one line. */
class AnomalyMagicsTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%data load sensors --as readings");
        kernel.evalRaw("%split readings --target anomaly --stratify --prefix r");
    }

    @Test
    void trainsAndEvaluatesAtABudget() {
        String out = TestKernels.stdout(() -> kernel.evalRaw("%train isolation-forest on r_train --target anomaly --val r_val --trees 50 --as iso"));
        assertTrue(out.startsWith("iso = isolation-forest (anomaly, 50 trees of 256 rows; scores reading, mote, indoor, humidity, temperature "
                + "and never read 'anomaly'; trees=50"), out);
        out = TestKernels.stdout(() -> kernel.evalRaw("%evaluate iso on r_test --budget 20 --as isoReport"));
        assertTrue(out.startsWith("iso on r_test (2837 rows): prevalence 0.0078 (22 anomalies); average precision "), out);
        assertTrue(out.contains("; flagging the top 20: precision "), out);
        assertEquals(20, assertInstanceOf(Anomaly.class, kernel.evalRaw("isoReport")).budget());
        out = TestKernels.stdout(() -> kernel.evalRaw("%train autoencoder on r_train --target anomaly --epochs 2 --as ae"));
        assertTrue(out.startsWith("ae = autoencoder (anomaly, layers 5→8→2→8→5; "), out);
    }

    @Test
    void mistakesAreOneLine() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train isolation-forest on r_train --target humidity --as bad"));
        assertTrue(e.getMessage().startsWith("The target 'humidity' of 'r_train' must mark the known anomalies: 0/1"), e.getMessage());
        assertTrue(e.lines().contains("Did you mean 'anomaly'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train autoencoder on r_train --target anomaly --hidden 8,x --as bad"));
        assertTrue(e.getMessage().startsWith("--hidden must be layer sizes in [1, 4096]"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train isolation-forest on r_train --target anomaly --columns humidty --as bad"));
        assertTrue(e.lines().contains("Did you mean 'humidity'?"), e.lines().toString());
        kernel.evalRaw("%train isolation-forest on r_train --target anomaly --trees 5 --as small");
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%evaluate small on r_test --budget 100000"));
        assertEquals("--budget must be at most the 2837 rows of the table; got 100000.", e.getMessage());
        assertThrows(UsageError.class, () -> kernel.evalRaw("%plot importance small"));
        assertThrows(UsageError.class, () -> kernel.evalRaw("%export small /tmp/jtrain-anomaly-small.zip"));
    }
}
