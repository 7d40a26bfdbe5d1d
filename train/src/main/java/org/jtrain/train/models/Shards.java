package org.jtrain.train.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Which training rows each simulated client holds. IID: a random, even share of all rows. Skewed ("pathological
 * non-IID", as in McMahan et al. 2017): each client holds rows of only {@code classesPerClient} classes, the classes
 * dealt round a shuffled ring so that every class has a holder, and each class's rows shared evenly among its holders.
 */
final class Shards {

    private Shards() {
    }

    /**
     * The row indexes of each client; every row is in exactly one shard. {@code classesPerClient} 0 (or at least
     * {@code classes}) means IID. Callers check {@code clients <= labels.length} and {@code clients * classesPerClient >= classes}.
     */
    static int[][] assign(int[] labels, int classes, int clients, int classesPerClient, Random random) {
        List<List<Integer>> shards = new ArrayList<>();
        for (int c = 0; c < clients; c++) shards.add(new ArrayList<>());
        if (classesPerClient == 0 || classesPerClient >= classes) {
            List<Integer> rows = shuffled(IntStream.range(0, labels.length).boxed().toList(), random);
            for (int i = 0; i < rows.size(); i++) shards.get(i % clients).add(rows.get(i));
        } else {
            List<Integer> ring = shuffled(IntStream.range(0, classes).boxed().toList(), random);
            List<List<Integer>> holders = new ArrayList<>();
            for (int k = 0; k < classes; k++) holders.add(new ArrayList<>());
            for (int c = 0; c < clients; c++) {
                for (int j = 0; j < classesPerClient; j++) holders.get(ring.get((c * classesPerClient + j) % classes)).add(c);
            }
            List<List<Integer>> byClass = new ArrayList<>();
            for (int k = 0; k < classes; k++) byClass.add(new ArrayList<>());
            for (int r = 0; r < labels.length; r++) byClass.get(labels[r]).add(r);
            for (int k = 0; k < classes; k++) {
                List<Integer> rows = shuffled(byClass.get(k), random), who = holders.get(k);
                for (int i = 0; i < rows.size(); i++) shards.get(who.get(i % who.size())).add(rows.get(i));
            }
        }
        return shards.stream().map(s -> s.stream().mapToInt(Integer::intValue).sorted().toArray()).toArray(int[][]::new);
    }

    /** Whether every class lands on some client: the classes dealt must go round the ring at least once. */
    static boolean covers(int classes, int clients, int classesPerClient) {
        return classesPerClient == 0 || (long) clients * classesPerClient >= classes;
    }

    private static List<Integer> shuffled(List<Integer> items, Random random) {
        List<Integer> out = new ArrayList<>(items);
        Collections.shuffle(out, random);
        return out;
    }
}
