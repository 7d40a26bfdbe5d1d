package org.jtrain.data;

import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * A bundled dataset as loaded, sampled as its task allows: a time series keeps its last {@value #MAX_ROWS} rows in a
     * row (lags and seasons need the spacing), ratings keep whole users (a recommender needs each user's history), other
     * data a random sample ({@link #rows(Table)}).
     */
    public static Table rows(Table t, String task) {
        if (!on() || t.rowCount() <= MAX_ROWS) return t;
        if (task.startsWith("forecasting")) {
            note(String.format("the last %,d of the %,d rows of %s, in a row", MAX_ROWS, t.rowCount(), t.name()));
            return t.inRange(t.rowCount() - MAX_ROWS, t.rowCount()).setName(t.name());
        }
        if (task.startsWith("recommendation")) {
            List<String> users = new ArrayList<>(new LinkedHashSet<>(t.column(0).asList().stream().map(String::valueOf).toList()));
            Collections.shuffle(users, new Random(SEED));
            Map<String, List<Integer>> byUser = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) byUser.computeIfAbsent(t.column(0).getString(r), k -> new ArrayList<>()).add(r);
            List<Integer> keep = new ArrayList<>();
            int kept = 0;
            for (String u : users) {
                if (keep.size() + byUser.get(u).size() > MAX_ROWS) break;
                keep.addAll(byUser.get(u));
                kept++;
            }
            note(String.format("the %,d rows of %,d of the %,d users in %s", keep.size(), kept, users.size(), t.name()));
            return t.rows(keep.stream().mapToInt(Integer::intValue).sorted().toArray()).setName(t.name());
        }
        return rows(t);
    }

    /** Prints one change smoke mode made, so the output shows the run was not a full one. */
    public static void note(String change) {
        System.out.println("smoke mode (" + VARIABLE + "=1): " + change);
    }
}
