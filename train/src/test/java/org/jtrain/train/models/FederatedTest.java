package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Trainer;
import org.jtrain.train.files.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Federated averaging on the bundled digits (1,257 training rows, 540 to score) against centralized mlp, under the
 * default seed (PyTorch on CPU, offline). The same network (64,32), learning rate 0.01 and passes over the data.
 */
class FederatedTest {

    private static final Table[] DIGITS = split(load("digits"));

    @TempDir
    Path dir;

    @Test
    void fedAvgOnIidClientsComesWithinThreePointsOfCentralizedTraining() throws Exception {
        // measured: mlp 20 epochs 0.994, fedavg 10 clients × 20 rounds × 1 local epoch 0.985: a gap of 0.9 points
        double central = accuracy(fit("mlp", DIGITS, "digit", Map.of("epochs", "20", "learning-rate", "0.01")));
        Fit fed = fit("fedavg", DIGITS, "digit", Map.of("rounds", "20"));
        double federated = accuracy(fed);
        assertTrue(central - federated <= 0.03, "centralized " + central + ", federated " + federated);
        assertTrue(federated >= 0.95, "federated " + federated);
        assertEquals(20, fed.history().epochs(), "one round is one epoch of the History");
        Fit once = fit("fedavg", DIGITS, "digit", Map.of("rounds", "3")), again = fit("fedavg", DIGITS, "digit", Map.of("rounds", "3"));
        assertEquals(once.history().toTable().toString(), again.history().toTable().toString(), "same seed, same run");
        assertEquals(fed.history().get("val_accuracy")[2], once.history().last().get("val_accuracy"), "the first rounds do not depend on how many follow");
    }

    @Test
    void skewedClientsDoWorseThanIidButFarAboveChance() throws Exception {
        // measured: IID 0.985; two digits per client 0.909 (their own rows: 0.976); one digit per client 0.772; chance is 0.10
        double iid = accuracy(fit("fedavg", DIGITS, "digit", Map.of("rounds", "20")));
        Fit two = fit("fedavg", DIGITS, "digit", Map.of("rounds", "20", "classes-per-client", "2"));
        double skewed = accuracy(two), single = accuracy(fit("fedavg", DIGITS, "digit", Map.of("rounds", "20", "classes-per-client", "1")));
        assertTrue(skewed <= iid - 0.03 && single < skewed, "IID " + iid + ", two classes " + skewed + ", one class " + single);
        assertTrue(skewed >= 0.8 && single >= 0.5, "two classes " + skewed + ", one class " + single);
        Table held = ((FederatedModel) two.model()).clients();
        assertEquals(1257, held.intColumn("rows").sum());
        for (int c = 0; c < 10; c++) {
            int row = c;
            assertEquals(2, IntStream.range(0, 10).filter(k -> held.intColumn(String.valueOf(k)).getInt(row) > 0).count(), held.print());
        }
        // each client fits its own two digits well: its local accuracy hides how poorly the average serves all ten
        assertTrue(two.history().last().get("accuracy") > skewed + 0.05, two.history().toString());
    }

    @Test
    void shardsCoverEveryRowOnceAndAreSkewedAsDeclared() {
        int[] labels = IntStream.range(0, 1000).map(i -> new Random(i).nextInt(10)).toArray();
        for (int perClient : new int[]{0, 1, 2, 3}) {
            int[][] shards = Shards.assign(labels, 10, 10, perClient, new Random(7));
            int[] all = Arrays.stream(shards).flatMapToInt(IntStream::of).sorted().toArray();
            assertArrayEquals(IntStream.range(0, 1000).toArray(), all, "every row exactly once, with " + perClient + " classes per client");
            for (int[] shard : shards) {
                long classes = IntStream.of(shard).map(r -> labels[r]).distinct().count();
                if (perClient == 0) assertTrue(classes == 10 && Math.abs(shard.length - 100) <= 1, "IID: all classes, even shares");
                else assertEquals(perClient, classes, "a skewed client holds exactly its classes");
            }
        }
        assertTrue(Arrays.deepEquals(Shards.assign(labels, 10, 7, 2, new Random(7)), Shards.assign(labels, 10, 7, 2, new Random(7))), "seeded");
    }

    @Test
    void itRecordsWhatWasCommunicatedAndKeepsTheRows() throws Exception {
        Fit fit = fit("fedavg", DIGITS, "digit", Map.of("rounds", "3", "fraction", "0.5"));
        Communication c = ((FederatedModel) fit.model()).communication();
        long weights = 64 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10;
        assertEquals(weights, c.parameters());
        assertEquals(4, c.rounds().size(), "the scaling, then 3 rounds");
        // 5 of 10 clients a round; each gets the weights, and sends them back with rows, loss and accuracy: no rows
        assertEquals(new Communication.Round(2, 5, 5 * weights * 4, 5 * (weights * 4 + 24)), c.rounds().get(2));
        assertEquals(1257L * 65 * 4, c.dataBytes());
        assertEquals(0, c.rowsSent());
        assertEquals(4, c.toTable().rowCount());
        assertTrue(fit.model().toString().contains("10 clients kept their 1,257 rows (327 KB) and sent none of them; 3 rounds moved"),
                fit.model().toString());
    }

    @Test
    void anInterruptKeepsTheRoundsAveragedSoFarAndTheModelExports() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        // the stop signal is asked before each batch: it fires in round 3, whose half-done updates are dropped
        FitOptions options = FitOptions.validation(DIGITS[1]).stopWhen(() -> asked.incrementAndGet() > 100);
        Fit fit = Trainer.fit(FedAvg.params().rounds(10), DIGITS[0], "digit", options);
        assertTrue(fit.history().ended().startsWith("interrupted"), fit.history().ended());
        int rounds = fit.history().epochs();
        assertTrue(rounds >= 1 && rounds < 10, fit.history().toString());
        assertEquals(rounds, ((FederatedModel) fit.model()).communication().rounds().size() - 1);
        double last = fit.history().last().get("val_accuracy");
        assertEquals(last, org.jtrain.train.Metrics.accuracy(fit.model().predict(DIGITS[1]).labels(), labels(fit.model())), 1e-12,
                "the model is the last averaged one");
        Model back = ModelFiles.read(ModelFiles.write(fit.model(), dir.resolve("fedavg.model")).model());
        assertArrayEquals(fit.model().predict(DIGITS[1]).labels(), back.predict(DIGITS[1]).labels());
        assertEquals(Params.toString(fit.model().params()), Params.toString(back.params()));
    }

    @Test
    void badInputsAreOneLine() {
        assertOneLine(() -> fit("fedavg", DIGITS, "digit", Map.of("clients", "5000")), "--clients 5,000 is more than the 1,257 rows of 'train'");
        assertOneLine(() -> fit("fedavg", DIGITS, "digit", Map.of("fraction", "0")), "--fraction must be a number in (0, 1]; got 0.0.");
        assertOneLine(() -> fit("fedavg", DIGITS, "digit", Map.of("fraction", "1.5")), "--fraction must be a number in (0, 1]; got 1.5.");
        assertOneLine(() -> fit("fedavg", DIGITS, "digit", Map.of("clients", "4", "classes-per-client", "2")),
                "--classes-per-client 2 with --clients 4 leaves some of the 10 classes of 'digit' on no client");
        assertOneLine(() -> fit("fedavg", DIGITS, "digit", Map.of("hidden", "64,x")), "--hidden must be layer sizes");
        assertOneLine(() -> fit("fedavg", split(load("diabetes")), "progression", Map.of()), "'fedavg' is a classifier");
        assertOneLine(() -> fit("fedavg", DIGITS, "digits", Map.of()), "'digits'");
    }

    private static void assertOneLine(org.junit.jupiter.api.function.Executable fit, String expected) {
        BadInput e = assertThrows(BadInput.class, fit);
        assertTrue(e.getMessage().contains(expected) && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static int[] labels(Model m) {
        return DIGITS[1].intColumn("digit").asList().stream().mapToInt(d -> m.classes().indexOf(String.valueOf(d))).toArray();
    }

    private static double accuracy(Fit fit) {
        return fit.history().last().get("val_accuracy");
    }
}
