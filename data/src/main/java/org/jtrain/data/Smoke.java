package org.jtrain.data;

import tech.tablesaw.api.Table;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Smoke mode, switched on by {@code JTRAIN_SMOKE=1}: the tests run every lesson top to bottom quickly, on fewer rows
 * and epochs. Each change is printed where it happens, so a smoke run never passes for a full one.
 */
public final class Smoke {

    public static final String VARIABLE = "JTRAIN_SMOKE";
    public static final int MAX_ROWS = 2_000;
    public static final int MAX_EPOCHS = 2;
    /** The sample's seed: a library cannot see the session's seed, and a fixed one keeps smoke runs repeatable. */
    private static final long SEED = 42;

    private Smoke() {
    }

    public static boolean on() {
        return "1".equals(System.getenv(VARIABLE));
    }

    /** {@code full} epochs normally; at most {@value #MAX_EPOCHS} in smoke mode. For loops written in a cell. */
    public static int epochs(int full) {
        if (!on() || full <= MAX_EPOCHS) return full;
        note(full + " epochs → " + MAX_EPOCHS);
        return MAX_EPOCHS;
    }

    /** A bundled dataset as loaded: in smoke mode, a seeded sample of at most {@value #MAX_ROWS} rows, in their order. */
    public static Table rows(Table t) {
        if (!on() || t.rowCount() <= MAX_ROWS) return t;
        Random random = new Random(SEED);
        int[] keep = IntStream.range(0, t.rowCount()).toArray();
        for (int i = keep.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1), s = keep[i];
            keep[i] = keep[j];
            keep[j] = s;
        }
        int[] rows = IntStream.of(keep).limit(MAX_ROWS).sorted().toArray();
        note(String.format("%,d of the %,d rows of %s", MAX_ROWS, t.rowCount(), t.name()));
        return t.rows(rows).setName(t.name());
    }

    /** Prints one change smoke mode made, so the output shows the run was not a full one. */
    public static void note(String change) {
        System.out.println("smoke mode (" + VARIABLE + "=1): " + change);
    }
}
