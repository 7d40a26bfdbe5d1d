package org.jtrain.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Hyperparameter search with k-fold cross-validation, the work behind {@code %tune}: a grid or a seeded random sample
 * of candidates, each scored on every fold, classical models fitted in parallel across the cores.
 */
public final class Tuning {

    /** What a search can optimize, and whether higher is better. */
    public enum Metric {
        ACCURACY(true, Task.CLASSIFICATION), F1(true, Task.CLASSIFICATION), R2(true, Task.REGRESSION),
        RMSE(false, Task.REGRESSION), MAE(false, Task.REGRESSION);

        final boolean higherIsBetter;
        final Task task;

        Metric(boolean higherIsBetter, Task task) {
            this.higherIsBetter = higherIsBetter;
            this.task = task;
        }

        public String label() {
            return name().toLowerCase();
        }

        double of(Evaluation e) {
            return switch (e) {
                case Evaluation.Classification c -> this == ACCURACY ? c.accuracy() : c.macro(c.f1());
                case Evaluation.Regression r -> this == R2 ? r.r2() : this == RMSE ? r.rmse() : r.mae();
            };
        }
    }

    /** One candidate's hyperparameters (option name → value) and its score on each fold. */
    public record Candidate(Map<String, String> params, double[] folds) {
        public double mean() {
            return Arrays.stream(folds).average().orElse(Double.NaN);
        }

        public double sd() {
            double m = mean();
            return Math.sqrt(Arrays.stream(folds).map(v -> (v - m) * (v - m)).sum() / Math.max(1, folds.length - 1));
        }
    }

    /** The candidates scored (best first), how many were planned, and whether the search was interrupted. */
    public record Result(String model, Metric metric, int folds, List<Candidate> ranked, int planned, boolean interrupted) {

        public Candidate best() {
            return ranked.getFirst();
        }

        /** One row per candidate, best first: its hyperparameters, mean and sd of the metric. */
        public Table toTable() {
            Table t = Table.create("tuning");
            for (String p : ranked.isEmpty() ? List.<String>of() : ranked.getFirst().params().keySet()) {
                tech.tablesaw.api.StringColumn c = tech.tablesaw.api.StringColumn.create(p);
                ranked.forEach(x -> c.append(x.params().get(p)));
                t.addColumns(c);
            }
            DoubleColumn mean = DoubleColumn.create(metric.label()), sd = DoubleColumn.create("sd");
            ranked.forEach(x -> {
                mean.append(Math.round(x.mean() * 1e4) / 1e4);
                sd.append(Math.round(x.sd() * 1e4) / 1e4);
            });
            return t.addColumns(mean, sd);
        }
    }

    /** The values one hyperparameter may take: a list, or a numeric range {@code lo..hi}. */
    public record Values(String name, List<String> list, double lo, double hi, boolean integers) {

        /** Parses {@code name=v1,v2,...} or {@code name=lo..hi}. */
        public static Values parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new BadInput("--param takes name=v1,v2,... or name=lo..hi, e.g. --param trees=50,100,200 or --param lambda=0.01..10; got '" + spec + "'.");
            }
            String name = spec.substring(0, eq).strip(), values = spec.substring(eq + 1).strip();
            if (values.contains("..")) {
                String[] ends = values.split("\\.\\.", -1);
                try {
                    double lo = Double.parseDouble(ends[0]), hi = Double.parseDouble(ends[1]);
                    if (ends.length == 2 && lo < hi) {
                        return new Values(name, null, lo, hi, !ends[0].contains(".") && !ends[1].contains(".") && !ends[0].contains("e"));
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new BadInput("--param " + name + "=" + values + ": a range is lo..hi with numbers lo < hi, e.g. " + name + "=1..10.");
            }
            return new Values(name, Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList(), 0, 0, false);
        }

        /** The list, or {@code points} values spread over the range (evenly, or evenly in log scale for wide positive ranges). */
        List<String> grid(int points) {
            if (list != null) return list;
            return IntStream.range(0, points).mapToObj(i -> format(at(i / (double) (points - 1)))).distinct().toList();
        }

        String sample(Random random) {
            return list != null ? list.get(random.nextInt(list.size())) : format(at(random.nextDouble()));
        }

        private boolean logScale() {
            return lo > 0 && hi / lo >= 100;
        }

        private double at(double u) {
            return logScale() ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        }

        private String format(double v) {
            return integers ? Long.toString(Math.round(v)) : String.format("%.4g", v).strip();
        }
    }

    /** Points a range contributes to a grid. */
    static final int GRID_POINTS = 5;

    private Tuning() {
    }

    /** Every combination of the values (the grid), or {@code samples} random combinations (seeded, without repeats). */
    public static List<Map<String, String>> candidates(ModelSpec<?> spec, List<Values> space, int samples) {
        List<String> own = Arrays.stream(spec.params().getRecordComponents()).map(Params::optionName).toList();
        for (Values v : space) {
            if (!own.contains(v.name())) {
                throw new BadInput("'" + v.name() + "' is not a hyperparameter of " + spec.name() + ". Its hyperparameters: "
                        + (own.isEmpty() ? "none" : String.join(", ", own)) + ".");
            }
        }
        List<Map<String, String>> out = new ArrayList<>();
        if (samples > 0) {
            Random random = Seeds.random("tune");
            for (int tries = 0; out.size() < samples && tries < samples * 20; tries++) {
                Map<String, String> c = new LinkedHashMap<>();
                space.forEach(v -> c.put(v.name(), v.sample(random)));
                if (!out.contains(c)) out.add(c);
            }
        } else {
            out.add(new LinkedHashMap<>());
            for (Values v : space) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : out) {
                    for (String value : v.grid(GRID_POINTS)) {
                        Map<String, String> c = new LinkedHashMap<>(partial);
                        c.put(v.name(), value);
                        next.add(c);
                    }
                }
                out = next;
            }
        }
        for (Map<String, String> c : out) Params.create(spec.params(), c); // a value out of range fails now, before any fit
        return out;
    }

    /**
     * Scores each candidate by k-fold cross-validation on {@code table}. Classical models are fitted in parallel;
     * networks one at a time on this thread. {@code done} hears each finished fit; once {@code interrupted} says so,
     * no new fit starts and the candidates finished so far are returned.
     */
    public static Result search(ModelSpec<?> spec, List<Map<String, String>> candidates, Table table, String tableName, String target,
                                int k, Metric metric, BooleanSupplier interrupted, IntConsumer done) throws Exception {
        Column<?> y = table.column(target);
        Task task = spec.task() != null ? spec.task() : Data.taskOf(y);
        if (metric.task != task) {
            throw new BadInput("--metric " + metric.label() + " is for " + metric.task.name().toLowerCase() + ", but this is "
                    + task.name().toLowerCase() + ". Metrics for it: " + String.join(", ", Arrays.stream(Metric.values())
                    .filter(m -> m.task == task).map(Metric::label).toList()) + ".");
        }
        if (k < 2 || k > table.rowCount()) throw new BadInput("--cv must be between 2 and the number of rows (" + table.rowCount() + "); got " + k + ".");
        int[] fold = folds(table, target, task, k);
        Table[] trains = new Table[k], vals = new Table[k];
        for (int f = 0; f < k; f++) {
            final int ff = f;
            trains[f] = table.rows(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray()).setName(tableName + "_fold" + (f + 1) + "_train");
            vals[f] = table.rows(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray()).setName(tableName + "_fold" + (f + 1));
        }
        double[][] scores = new double[candidates.size()][k];
        boolean[][] finished = new boolean[candidates.size()][k];
        boolean parallel = SmileModels.all().contains(spec); // jtrain's Smile fits are thread-safe; networks and cell code may not be
        ExecutorService pool = parallel ? Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())
                : Executors.newSingleThreadExecutor();
        boolean stopped = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) {
                for (int f = 0; f < k; f++) {
                    final int cc = c, ff = f;
                    futures.add(pool.submit(() -> {
                        if (interrupted.getAsBoolean()) return null;
                        Training.Result r = Training.fit(spec, candidates.get(cc), trains[ff], trains[ff].name(), null, null, target,
                                List.of(), interrupted);
                        if (r.model() == null || interrupted.getAsBoolean()) return null; // a fit cut short does not count
                        scores[cc][ff] = metric.of(Evaluation.of(r.model(), vals[ff], vals[ff].name()));
                        finished[cc][ff] = true;
                        return null;
                    }));
                }
            }
            int count = 0;
            for (Future<?> future : futures) {
                while (true) {
                    if (interrupted.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    try {
                        future.get(100, TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        // poll the interrupt again
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof BadInput b) throw b;
                        throw e;
                    }
                }
                if (stopped) break;
                done.accept(++count);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        List<Candidate> ranked = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            boolean all = true;
            for (boolean b : finished[c]) all &= b;
            if (all) ranked.add(new Candidate(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidates.get(c))), scores[c]));
        }
        Comparator<Candidate> byMean = Comparator.comparingDouble(Candidate::mean);
        ranked.sort(metric.higherIsBetter ? byMean.reversed() : byMean);
        return new Result(spec.name(), metric, k, List.copyOf(ranked), candidates.size(), stopped);
    }

    /** Each row's fold: shuffled with the session's seed, and for classes dealt out class by class (stratified). */
    static int[] folds(Table table, String target, Task task, int k) {
        Random random = Seeds.random("tune-folds");
        int n = table.rowCount();
        int[] fold = new int[n];
        Map<String, List<Integer>> byClass = new TreeMap<>();
        Column<?> y = table.column(target);
        for (int i = 0; i < n; i++) byClass.computeIfAbsent(task == Task.CLASSIFICATION ? y.getString(i) : "", key -> new ArrayList<>()).add(i);
        int next = 0;
        for (List<Integer> rows : byClass.values()) {
            java.util.Collections.shuffle(rows, random);
            for (int row : rows) fold[row] = next++ % k;
        }
        return fold;
    }
}
