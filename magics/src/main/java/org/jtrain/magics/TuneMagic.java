package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.kernel.Display;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.ModelSpec;
import org.jtrain.train.Models;
import org.jtrain.train.Training;
import org.jtrain.train.Tuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "tune", description = "Search hyperparameters with k-fold cross-validation (a grid, or --random N samples), "
        + "show the scores, and refit the best model on the whole table.")
final class TuneMagic extends MagicCommand {

    private static final String USAGE = "Usage: %tune MODEL [on] TABLE --target COL --param NAME=V1,V2,... [--param NAME=LO..HI] [--random N] [--cv K]";

    @Parameters(arity = "2..3", paramLabel = "MODEL [on] TABLE", hideParamSyntax = true,
            description = "The model (as in %%train) and the table to cross-validate on (the training split).")
    List<String> words;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
    String target;

    @Option(names = "--param", required = true, paramLabel = "NAME=VALUES",
            description = "A hyperparameter and its values: a list (trees=50,100,200) or a range (learning-rate=0.001..0.1). "
                    + "Repeat for more. A grid takes 5 points of a range.")
    List<String> params;

    @Option(names = "--random", paramLabel = "N", defaultValue = "0", description = "Try N random combinations instead of the whole grid.")
    int random;

    @Option(names = "--cv", paramLabel = "K", defaultValue = "5", description = "Folds of cross-validation. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--metric", paramLabel = "M", description = "accuracy or f1 (macro) for classes; r2, rmse or mae for numbers. "
            + "Default: accuracy, or r2.")
    String metric;

    @Option(names = "--as", paramLabel = "VAR", defaultValue = "model", description = "The refitted best model's variable. Default: ${DEFAULT-VALUE}.")
    String as;

    @Option(names = "--results", paramLabel = "VAR", defaultValue = "tuning", description = "The search results' variable. Default: ${DEFAULT-VALUE}.")
    String resultsVar;

    @Override
    protected boolean pollsInterrupt() {
        return true;
    }

    @Override
    protected Object call() throws Exception {
        String tableVar = Tables.afterModel(words, USAGE);
        ModelSpec<?> spec = Models.find(words.getFirst()).orElseThrow(() -> TrainMagic.unknownModel(words.getFirst()));
        Table table = Tables.table(session, tableVar);
        Tables.column(table, tableVar, target);
        if (random < 0) throw new UsageError("--random must be a number of candidates ≥ 1 (or 0 for the grid); got " + random, USAGE, null);
        List<Tuning.Values> space = params.stream().map(Tuning.Values::parse).toList();
        List<Map<String, String>> candidates = new ArrayList<>();
        for (Map<String, String> c : Tuning.candidates(spec, space, random)) {
            Map<String, String> capped = new LinkedHashMap<>(c);
            Smoke.epochs(spec, capped);
            candidates.add(capped);
        }
        Tuning.Metric m = metric(spec, table);
        int fits = candidates.size() * folds;
        long startNs = System.nanoTime();
        java.time.Instant start = java.time.Instant.now();
        String bar = Display.display(progress(spec, 0, fits, startNs));
        long[] last = {0};
        Tuning.Result r = Tuning.search(spec, candidates, table, tableVar, target, folds, m, session::interruptRequested, done -> {
            long now = System.nanoTime();
            if (now - last[0] > 200_000_000L || done == fits) {
                last[0] = now;
                Display.updateDisplay(bar, progress(spec, done, fits, startNs));
            }
        });
        session.define(resultsVar, r);
        System.out.println(summary(r, tableVar));
        if (!r.ranked().isEmpty()) Renderers.show(chart(r, spec.name() + " on " + tableVar));
        if (!r.interrupted() && !r.ranked().isEmpty()) {
            Training.Result best = Training.fit(spec, new LinkedHashMap<>(r.best().params()), table, tableVar, null, null, target, List.of(),
                    session::interruptRequested);
            if (best.model() != null) {
                RunsMagic.record("tune " + spec.name() + " on " + tableVar, best.model(), org.jtrain.train.Params.options(best.model().params()),
                        best.history(), start, Map.of("jtrain.tune", r.ranked().size() + " candidates, " + r.folds() + "-fold CV, "
                                + r.metric().label() + " " + String.format("%.4f", r.best().mean())));
                session.define(as, best.model());
                System.out.println(as + " = " + best.model() + ", refitted on all of " + tableVar);
            }
        }
        return r.toTable();
    }

    private Tuning.Metric metric(ModelSpec<?> spec, Table table) {
        if (metric == null) {
            boolean classes = spec.task() != null ? spec.task() == org.jtrain.train.Task.CLASSIFICATION
                    : org.jtrain.train.Data.taskOf(table.column(target)) == org.jtrain.train.Task.CLASSIFICATION;
            return classes ? Tuning.Metric.ACCURACY : Tuning.Metric.R2;
        }
        List<String> names = Arrays.stream(Tuning.Metric.values()).map(Tuning.Metric::label).toList();
        if (!names.contains(metric.toLowerCase(Locale.ROOT))) {
            throw new UsageError("Unknown metric '" + metric + "'. Metrics: " + String.join(", ", names) + ".", USAGE,
                    Suggest.closest(metric, names).orElse(null));
        }
        return Tuning.Metric.valueOf(metric.toUpperCase(Locale.ROOT));
    }

    private static String progress(ModelSpec<?> spec, int done, int fits, long start) {
        int width = 30, filled = fits == 0 ? width : done * width / fits;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] tune " + spec.name() + ": " + done + "/" + fits + " fits, "
                + String.format("%.1f s elapsed", (System.nanoTime() - start) / 1e9) + (done == fits ? " (finished)" : "");
    }

    private String summary(Tuning.Result r, String tableVar) {
        String head = r.ranked().size() + " of " + r.planned() + " candidates scored by " + r.folds() + "-fold cross-validation on " + tableVar;
        if (r.ranked().isEmpty()) return head + ". Interrupted before any candidate finished all its folds.";
        Tuning.Candidate b = r.best();
        String params = String.join(", ", b.params().entrySet().stream().map(e -> "--" + e.getKey() + " " + e.getValue()).toList());
        String best = String.format("best: %s → %s %.4f ± %.4f (sd over folds)", params, r.metric().label(), b.mean(), b.sd());
        return head + (r.interrupted() ? " (interrupted; " + resultsVar + " keeps these, and nothing was refitted)" : "") + "\n" + best;
    }

    /**
     * The mean score against each hyperparameter's values, one panel per hyperparameter; values spread over orders of
     * magnitude (as a wide range is searched) on a log axis.
     */
    static Figure chart(Tuning.Result r, String title) {
        List<String> names = new ArrayList<>(r.best().params().keySet());
        Figure f = Figure.grid(title + ": " + r.metric().label() + " by hyperparameter", 1, names.size());
        for (int i = 0; i < names.size(); i++) {
            String p = names.get(i);
            double[] scores = r.ranked().stream().mapToDouble(Tuning.Candidate::mean).toArray();
            double[] x = new double[scores.length];
            boolean numeric = true;
            for (int j = 0; j < x.length; j++) {
                try {
                    x[j] = Double.parseDouble(r.ranked().get(j).params().get(p));
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            f.label(i, p, p, r.metric().label() + " (mean of " + r.folds() + " folds)");
            if (numeric) {
                f.add(i, new Trace.XY("candidates", x, scores, Trace.Mode.MARKERS));
                var spread = java.util.Arrays.stream(x).summaryStatistics();
                if (spread.getMin() > 0 && spread.getMax() / spread.getMin() >= 100) f.logX(i);
            } else { // the best score each value reached
                Map<String, Double> best = new LinkedHashMap<>();
                for (Tuning.Candidate c : r.ranked()) best.putIfAbsent(c.params().get(p), c.mean());
                f.add(i, new Trace.Bar("best", List.copyOf(best.keySet()), best.values().stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return f;
    }
}
