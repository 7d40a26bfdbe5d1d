package org.jtrain.train.tune;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.Trainer;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.ModelSpec;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Params;

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
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Hyperparameter search with k-fold cross-validation, the work behind {@code %tune}: a grid or a seeded random sample
 * of candidates, each scored on every fold, classical models fitted in parallel across the cores; the best is then
 * refitted on the whole table.
 * <pre>{@code Tuning.Result r = Tuning.search(Forest.params(), List.of(Tuning.Values.parse("trees=50..300")), train, "income",
 *         TuneOptions.defaults().random(10));}</pre>
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

        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** The task it scores. */
        public Task task() {
            return task;
        }

        /** The metric called {@code name} (any case), or a BadInput listing them. */
        public static Metric parse(String name) {
            List<String> names = Arrays.stream(values()).map(Metric::label).toList();
            if (!names.contains(name.toLowerCase(Locale.ROOT))) {
                throw new BadInput("Unknown metric '" + name + "'. Metrics: " + String.join(", ", names) + ".", Suggest.closest(name, names).orElse(null));
            }
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        double of(Evaluation e) {
            return switch (e) {
                case Evaluation.Classification c -> this == ACCURACY ? c.accuracy() : c.macro(c.f1());
                case Evaluation.Regression r -> this == R2 ? r.r2() : this == RMSE ? r.rmse() : r.mae();
                default -> throw new IllegalStateException("tuning scores classes and numbers only: " + e.getClass().getSimpleName());
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

    /**
     * The candidates scored (best first), how many were planned, whether the search was interrupted, and the best
     * refitted on the whole table ({@code refit}: null when interrupted, when nothing was scored, or when not asked).
     */
    public record Result(String model, Metric metric, int folds, List<Candidate> ranked, int planned, boolean interrupted, Fit refit) {

        public Candidate best() {
            return ranked.getFirst();
        }

        /**
         * The mean score against each hyperparameter's values, one panel per hyperparameter; values spread over orders of
         * magnitude (as a wide range is searched) on a log axis.
         */
        public Figure chart(String title) {
            List<String> names = new ArrayList<>(best().params().keySet());
            Figure f = Figure.grid(title + ": " + metric.label() + " by hyperparameter", 1, names.size());
            double[] scores = ranked.stream().mapToDouble(Candidate::mean).toArray();
            for (int i = 0; i < names.size(); i++) {
                String p = names.get(i);
                double[] x = new double[scores.length];
                boolean numeric = true;
                for (int j = 0; j < x.length; j++) {
                    try {
                        x[j] = Double.parseDouble(ranked.get(j).params().get(p));
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
                f.label(i, p, p, metric.label() + " (mean of " + folds + " folds)");
                if (numeric) {
                    f.add(i, new Trace.XY("candidates", x, scores, Trace.Mode.MARKERS));
                    var spread = Arrays.stream(x).summaryStatistics();
                    if (spread.getMin() > 0 && spread.getMax() / spread.getMin() >= 100) f.logX(i);
                } else { // the best score each value reached
                    Map<String, Double> top = new LinkedHashMap<>();
                    for (Candidate c : ranked) top.putIfAbsent(c.params().get(p), c.mean());
                    f.add(i, new Trace.Bar("best", List.copyOf(top.keySet()), top.values().stream().mapToDouble(Double::doubleValue).toArray()));
                }
            }
            return f;
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

    /**
     * Every combination of the values (the grid), or {@code samples} random combinations (seeded, without repeats), as
     * option values by name; each is checked against {@code base}'s ranges before any fit.
     */
    public static List<Map<String, String>> candidates(Hyperparameters base, List<Values> space, int samples, long seed) {
        if (samples < 0) throw new BadInput("--random must be a number of candidates ≥ 1 (or 0 for the grid); got " + samples);
        List<String> own = Params.names(((Record) base).getClass());
        for (Values v : space) {
            if (!own.contains(v.name())) {
                throw new BadInput("'" + v.name() + "' is not a hyperparameter of " + base.model() + ". Its hyperparameters: "
                        + (own.isEmpty() ? "none" : String.join(", ", own)) + ".", Suggest.closest(v.name(), own).orElse(null));
            }
        }
        List<Map<String, String>> out = new ArrayList<>();
        if (samples > 0) {
            Random random = Seeds.random(seed, "tune");
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
        for (Map<String, String> c : out) Params.apply((Record) base, c); // a value out of range fails now, before any fit
        return out;
    }

    /**
     * Searches {@code space} around {@code base} (the hyperparameters not searched keep base's values): the candidates of
     * {@link #candidates}, each scored by k-fold cross-validation on {@code table}, then the best refitted on all of it.
     * Classical models are fitted in parallel; networks one at a time. Once the options' stop signal fires, no new fit
     * starts and the candidates finished so far are returned, with nothing refitted.
     */
    public static Result search(Hyperparameters base, List<Values> space, Table table, String target, TuneOptions options) throws Exception {
        Hyperparameters start = Params.smoke(base);
        List<Map<String, String>> candidates = candidates(start, space, options.random(), options.seed());
        ModelSpec<?> spec = Models.spec(start);
        if (spec.tableFitter() != null) {
            throw new BadInput("%tune cross-validates models on shuffled rows; '" + spec.name() + "' reads its table as a whole, "
                    + "so shuffled folds would not mean anything. Compare its settings with %train and %evaluate.");
        }
        Task task = spec.task() != null ? spec.task() : Task.of(Tables.column(table, target));
        Metric metric = options.metric() != null ? options.metric() : task == Task.CLASSIFICATION ? Metric.ACCURACY : Metric.R2;
        List<Hyperparameters> tried = new ArrayList<>();
        for (Map<String, String> c : candidates) {
            Hyperparameters given = (Hyperparameters) Params.apply((Record) start, c), h = Params.smoke(given);
            if (h != given && c.containsKey("epochs")) c.put("epochs", Params.options(h).get("epochs")); // what smoke mode fitted
            tried.add(h);
        }
        Result r = search(tried, candidates, start.model(), spec.engine() == ModelSpec.Engine.SMILE, table, target, task, metric, options);
        if (r.interrupted() || r.ranked().isEmpty() || !options.refit()) return r;
        Hyperparameters best = tried.get(candidates.indexOf(r.best().params()));
        Fit refit = Trainer.fit(best, table, target, FitOptions.defaults().seed(options.seed()).stopWhen(options.stop()));
        return new Result(r.model(), r.metric(), r.folds(), r.ranked(), r.planned(), r.interrupted(), refit);
    }

    private static Result search(List<Hyperparameters> tried, List<Map<String, String>> candidates, String model, boolean parallel,
                                 Table table, String target, Task task, Metric metric, TuneOptions options) throws Exception {
        if (metric.task != task) {
            throw new BadInput("--metric " + metric.label() + " is for " + metric.task.name().toLowerCase() + ", but this is "
                    + task.name().toLowerCase() + ". Metrics for it: " + String.join(", ", Arrays.stream(Metric.values())
                    .filter(m -> m.task == task).map(Metric::label).toList()) + ".");
        }
        int k = options.folds();
        if (k < 2 || k > table.rowCount()) throw new BadInput("--cv must be between 2 and the number of rows (" + table.rowCount() + "); got " + k + ".");
        int[] fold = folds(table, target, task, k, options.seed());
        Table[] trains = new Table[k], vals = new Table[k];
        for (int f = 0; f < k; f++) {
            final int ff = f;
            trains[f] = table.rows(IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray()).setName(table.name() + "_fold" + (f + 1) + "_train");
            vals[f] = table.rows(IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray()).setName(table.name() + "_fold" + (f + 1));
        }
        BooleanSupplier interrupted = options.stop();
        FitOptions fitOptions = FitOptions.defaults().seed(options.seed()).stopWhen(interrupted);
        double[][] scores = new double[candidates.size()][k];
        boolean[][] finished = new boolean[candidates.size()][k];
        // jtrain's Smile fits are thread-safe; networks and cell code may not be
        ExecutorService pool = parallel ? Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())
                : Executors.newSingleThreadExecutor();
        int total = candidates.size() * k;
        boolean stopped = false;
        options.progress().fitted(0, total);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) {
                for (int f = 0; f < k; f++) {
                    final int cc = c, ff = f;
                    futures.add(pool.submit(() -> {
                        if (interrupted.getAsBoolean()) return null;
                        Fit r = Trainer.fit(tried.get(cc), trains[ff], target, fitOptions);
                        if (r.model() == null || interrupted.getAsBoolean()) return null; // a fit cut short does not count
                        scores[cc][ff] = metric.of(Evaluation.of(r.model(), vals[ff]));
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
                options.progress().fitted(++count, total);
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
        return new Result(model, metric, k, List.copyOf(ranked), candidates.size(), stopped, null);
    }

    /** Each row's fold: shuffled with the session's seed, and for classes dealt out class by class (stratified). */
    public static int[] folds(Table table, String target, Task task, int k, long seed) {
        Random random = Seeds.random(seed, "tune-folds");
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
