package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.runs.RunStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two %train runs land in the MLflow-style store with their hyperparameters and metrics, and %runs shows and compares them. */
class RunsMagicTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%seed 42");
        kernel.evalRaw("%data load iris --as runIris");
        kernel.evalRaw("%split runIris --target species --stratify --prefix ri");
    }

    @Test
    void twoTrainingRunsAreRecordedShownAndCompared() throws Exception {
        int before = ((Table) kernel.evalRaw("%runs")).rowCount();
        kernel.evalRaw("%train knn on ri_train --target species --val ri_val --k 3 --as knn3");
        kernel.evalRaw("%train knn on ri_train --target species --val ri_val --k 15 --as knn15");
        Table t = (Table) kernel.evalRaw("%runs");
        assertEquals(before + 2, t.rowCount());
        assertEquals(List.of("knn on ri_train", "knn on ri_train"), t.stringColumn("run").asList().subList(before, before + 2));
        assertEquals(List.of("k=3", "k=15"), t.stringColumn("hyperparameters").asList().subList(before, before + 2));
        assertEquals(42, t.intColumn("seed").get(before));
        double val3 = t.doubleColumn("val_accuracy").get(before);
        assertTrue(val3 > 0.8, "val_accuracy " + val3);

        List<RunStore.Run> stored = RunStore.local().list();
        RunStore.Run last = stored.getLast();
        assertEquals("15", last.params().get("k"));
        assertEquals("knn", last.tags().get("jtrain.model"));
        assertEquals("ri_train", last.tags().get("jtrain.dataset"));
        assertEquals("6.3.0", last.tags().get("jtrain.version.smile"));
        assertTrue(last.tags().get("jtrain.data_hash").startsWith("fnv1a64:"));
        Path dir = RunStore.local().root().resolve("0").resolve(last.id());
        assertTrue(Files.readString(dir.resolve("meta.yaml")).contains("run_id: " + last.id()));
        String[] line = Files.readString(dir.resolve("metrics").resolve("val_accuracy")).strip().split(" ");
        assertEquals(3, line.length); // MLflow's "timestamp value step"
        assertEquals(t.doubleColumn("val_accuracy").get(before + 1), Math.round(Double.parseDouble(line[1]) * 1e4) / 1e4);
        assertEquals("1", line[2]);

        kernel.evalRaw("%runs --compare " + (before + 1) + "," + (before + 2));
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%runs --compare " + (before + 1) + "," + (before + 2) + " --metric val_acc"));
        assertTrue(e.lines().contains("Did you mean 'val_accuracy'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%runs --compare 999"));
        assertTrue(e.getMessage().startsWith("no run '999'"), e.getMessage());
        assertInstanceOf(Table.class, kernel.evalRaw("%runs --all"));
    }
}
