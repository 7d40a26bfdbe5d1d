package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainMagicTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%data load iris --as flowers");
        kernel.evalRaw("%split flowers --target species --stratify --prefix f");
    }

    @Test
    void trainsAndLeavesTheModelAndHistory() {
        String out = TestKernels.stdout(() -> kernel.evalRaw("%train forest on f_train --target species --val f_val --trees 50 --as rf --history rfh"));
        assertTrue(out.startsWith("rf = forest (classification, 4 features, classes setosa/versicolor/virginica; trees=50"), out);
        History h = assertInstanceOf(History.class, kernel.evalRaw("rfh"));
        assertTrue(h.last().get("val_accuracy") >= 0.9, h.toString());
        assertInstanceOf(Model.class, kernel.evalRaw("rf"));
        assertEquals(3, kernel.evalRaw("rf.classes().size()"));
    }

    @Test
    void theSameSeedRepeatsTheRun() {
        kernel.evalRaw("%seed 5");
        kernel.evalRaw("%train boosting f_train --target species --val f_val --trees 20 --history b1");
        kernel.evalRaw("%train boosting f_train --target species --val f_val --trees 20 --history b2");
        assertEquals(kernel.evalRaw("b1.last()"), kernel.evalRaw("b2.last()"));
        kernel.evalRaw("%seed 42");
    }

    @Test
    void mistakesAreUsageErrorsThatLeaveTheSessionAlone() {
        kernel.evalRaw("%train knn f_train --target species --as keep");
        Object before = kernel.evalRaw("keep");
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train forrest f_train --target species --as keep"));
        assertTrue(e.getMessage().startsWith("Unknown model 'forrest'. Models: logistic, tree, forest"), e.getMessage());
        assertTrue(e.lines().contains("Did you mean 'forest'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train forest f_train --target species --trees 0 --as keep"));
        assertEquals("--trees must be an integer in [1, 10000]; got 0.", e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train knn f_train --target species --trees 10 --as keep"));
        assertTrue(e.getMessage().startsWith("--trees is not a hyperparameter of knn. Its hyperparameters: --k."), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train knn f_train --target specie --as keep"));
        assertTrue(e.lines().contains("Did you mean 'species'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train linear f_train --target species --as keep"));
        assertTrue(e.getMessage().contains("Regression needs a numeric target"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train logistic f_train --target sepal_length --as keep"));
        assertTrue(e.getMessage().contains("is a classifier, but the target 'sepal_length'"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train knn f_train --target species --k 500 --as keep"));
        assertTrue(e.getMessage().startsWith("--k must be at most the 105 training rows; got 500."), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train cnn f_train --target species --as keep"));
        assertTrue(e.getMessage().startsWith("The cnn reads square images"), e.getMessage());
        kernel.evalRaw("Table holes = f_train.copy(); holes.doubleColumn(\"petal_width\").setMissing(0);");
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train knn holes --target species --as keep"));
        assertTrue(e.getMessage().startsWith("Column 'petal_width' of 'holes' has 1 missing"), e.getMessage());
        assertTrue(before == kernel.evalRaw("keep"), "a failed %train leaves the earlier model in place");
    }

    @Test
    void networksTrainThroughTheSameMagic() {
        kernel.evalRaw("%train mlp on f_train --target species --val f_val --epochs 30 --learning-rate 0.01 --as net --history netHistory");
        History h = assertInstanceOf(History.class, kernel.evalRaw("netHistory"));
        assertEquals(30, h.epochs());
        assertTrue(h.last().get("val_accuracy") >= 0.85, h.toString());
    }

    @Test
    void aCellCanBuildTheNetworkOrTheSmileFit() {
        kernel.evalRaw("%%train mine on f_train --target species --val f_val --epochs 25 --learning-rate 0.01 --as mine --history mineHistory\n"
                + "var net = new ai.djl.nn.SequentialBlock();\n"
                + "net.add(ai.djl.nn.core.Linear.builder().setUnits(16).build()).add(ai.djl.nn.Activation.reluBlock())\n"
                + "   .add(ai.djl.nn.core.Linear.builder().setUnits(3).build());\n"
                + "net");
        assertEquals(25, ((History) kernel.evalRaw("mineHistory")).epochs());
        kernel.evalRaw("%%train knn3 f_train --target species --val f_val --as knn3 --history knnHistory\n"
                + "java.util.function.BiFunction<double[][], int[], smile.classification.Classifier<double[]>> fit = (x, y) -> smile.classification.KNN.fit(x, y, 3);\n"
                + "fit");
        assertTrue(((History) kernel.evalRaw("knnHistory")).last().get("val_accuracy") >= 0.85);
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%%train odd f_train --target species\n42"));
        assertTrue(e.getMessage().startsWith("The cell must end with a DJL Block (the network) or a BiFunction"), e.getMessage());
    }

    @Test
    void helpListsEveryModelWithItsHyperparameters() {
        String out = TestKernels.stdout(() -> kernel.evalRaw("%train --help"));
        for (String m : new String[]{"logistic", "tree", "forest", "boosting", "svm", "knn", "naive-bayes", "linear", "ridge", "lasso",
                "mlp", "cnn", "text", "fedavg"}) {
            assertTrue(out.contains("  " + m + ": "), m + " missing from\n" + out);
        }
        assertTrue(out.contains("--trees=100  Number of trees (an integer in [1, 10000])"), out);
    }
}
