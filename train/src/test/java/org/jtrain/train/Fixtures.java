package org.jtrain.train;

import org.jtrain.datasets.Datasets;
import org.jtrain.train.models.Models;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What the tests of every package share: the bundled datasets read from the classpath, a fixed 70/30 split, a fit by
 * model name with the split's second part as validation, and a bare {@link Run} for calling a fitter's parts directly.
 * Test code only.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A bundled dataset, read from the classpath as Tablesaw reads a CSV, in a table named after it. */
    public static Table load(String name) {
        return Table.read().usingOptions(CsvReadOptions.builder(Datasets.find(name).orElseThrow().open()).tableName(name));
    }

    /** A fixed 70/30 split, named "train" and "test". */
    public static Table[] split(Table t) {
        List<Integer> rows = new ArrayList<>(IntStream.range(0, t.rowCount()).boxed().toList());
        Collections.shuffle(rows, new Random(1));
        int cut = (int) (rows.size() * 0.7);
        int[] a = rows.subList(0, cut).stream().mapToInt(i -> i).toArray(), b = rows.subList(cut, rows.size()).stream().mapToInt(i -> i).toArray();
        return new Table[]{t.rows(a).setName("train"), t.rows(b).setName("test")};
    }

    /**
     * Fits the model named {@code model}, its hyperparameters given as option values as {@code %train} takes them, on
     * {@code data[0]}, scored on {@code data[1]} (may be null) every epoch, under the default seed.
     */
    public static Fit fit(String model, Table[] data, String target, Map<String, String> options) throws Exception {
        return Trainer.fit(Models.params(model, options), data[0], target, FitOptions.validation(data[1]));
    }

    /** A run with no listeners that is never stopped, for calling a fitter's parts directly. */
    public static Run run(long seed) {
        return new Run(List.of(), () -> false, seed);
    }
}
