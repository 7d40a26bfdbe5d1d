package org.jtrain.magics;

import org.jtrain.train.Engine;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.Models;
import org.jtrain.train.tune.TuneOptions;
import org.jtrain.train.tune.Tuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@JavaEquivalent({"Tuning.Result search = Tuning.search(Forest.params(), List.of(Tuning.Values.parse(\"trees=50..300\"),",
        "        Tuning.Values.parse(\"max-depth=4,8,16\")), train, \"income\", TuneOptions.defaults().random(10).folds(5));",
        "Model best = search.refit().model();  Table ranked = search.toTable();"})
@Command(name = "tune", description = "Search hyperparameters with k-fold cross-validation (a grid, or --random N samples), "
        + "show the scores, and refit the best model on the whole table.")
final class TuneMagic extends MagicCommand {

    @Parameters(arity = "2..3", paramLabel = ModelOnTable.LABEL, hideParamSyntax = true,
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

    @Option(names = "--engine", paramLabel = "NAME", description = "smile (this machine; the default) or spark (MLlib's folds, the fits "
            + "in parallel on the session %%spark start began; TABLE may then be a Spark dataset).")
    String engine;

    @Option(names = "--results", paramLabel = "VAR", defaultValue = "tuning", description = "The search results' variable. Default: ${DEFAULT-VALUE}.")
    String resultsVar;

    @Override
    protected boolean pollsInterrupt() {
        return true;
    }

    @Override
    protected Object call() throws Exception {
        ModelOnTable w = ModelOnTable.parse(words);
        Hyperparameters base = Models.params(w.model(), Map.of());
        boolean spark = Engines.spark(engine);
        Engine onSpark = spark ? Engines.spark() : null;
        Object data = spark ? Engines.data(shell, onSpark, w.table()) : Variables.table(shell, w.table());
        List<Tuning.Values> space = params.stream().map(Tuning.Values::parse).toList();
        ProgressBar bar = new ProgressBar();
        TuneOptions options = TuneOptions.defaults().folds(folds).random(random).metric(metric == null ? null : Tuning.Metric.parse(metric))
                .seed(session.seed()).stopWhen(shell::interruptRequested)
                .progress((done, total) -> {
                    String status = "tune " + base.model() + ": " + done + "/" + total + " fits, " + ProgressBar.seconds(bar.elapsed())
                            + " elapsed" + (done == total ? " (finished)" : "");
                    if (done == total || done == 0) bar.show((double) done / total, status);
                    else bar.update((double) done / total, status);
                });
        Instant start = Instant.now();
        Tuning.Result r = spark ? onSpark.tune(base, space, data, w.table(), target, options) : Tuning.search(base, space, (Table) data, target, options);
        shell.define(resultsVar, r);
        System.out.println(summary(r, w.table()));
        if (r.ranked().isEmpty() || r.interrupted()) shell.interruptReported(); // the summary said so
        if (!r.ranked().isEmpty()) Show.figure(r.chart(base.model() + " on " + w.table()));
        if (r.refit() != null && r.refit().model() != null) {
            recordRun("tune " + base.model() + " on " + w.table(), r.refit().model(), r.refit().model().params(), r.refit().history(), start,
                    Map.of("jtrain.tune", r.ranked().size() + " candidates, " + r.folds() + "-fold CV, "
                            + r.metric().label() + " " + String.format("%.4f", r.best().mean())));
            shell.define(as, r.refit().model());
            System.out.println(as + " = " + r.refit().model() + ", refitted on all of " + w.table());
        }
        return r.toTable();
    }

    @Override
    protected void toJava(JavaProgram p) {
        ModelOnTable w = ModelOnTable.parse(words);
        Models.params(w.model(), Map.of()); // a wrong model name is refused now, as the magic would
        params.forEach(Tuning.Values::parse);
        p.importClass("org.jtrain.train.models.Models");
        p.importClass("org.jtrain.train.tune.TuneOptions");
        p.importClass("org.jtrain.train.tune.Tuning");
        p.importClass("org.jtrain.train.Model");
        p.field(resultsVar, "Tuning.Result");
        p.field(as, "Model");
        String space = String.join(", ", params.stream().map(v -> "Tuning.Values.parse(" + JavaProgram.literal(v) + ")").toList());
        String options = "TuneOptions.defaults().folds(" + folds + ").random(" + random + ")"
                + (metric == null ? "" : ".metric(Tuning.Metric.parse(" + JavaProgram.literal(metric) + "))") + ".seed(" + p.seed() + ")";
        p.line(resultsVar + " = Tuning.search(Models.params(" + JavaProgram.literal(w.model()) + ", Map.of()), List.of(" + space + "), "
                + w.table() + ", " + JavaProgram.literal(target) + ", " + options + ");");
        p.line("System.out.println(" + resultsVar + ".ranked().size() + \" candidates scored by " + folds + "-fold cross-validation on "
                + w.table() + "; best: \" + " + resultsVar + ".best().params() + \" → \" + " + resultsVar + ".metric().label() + \" \" + "
                + "String.format(\"%.4f ± %.4f\", " + resultsVar + ".best().mean(), " + resultsVar + ".best().sd()));");
        p.line("display(" + resultsVar + ".chart(" + JavaProgram.literal(w.model() + " on " + w.table()) + "));");
        p.line(as + " = " + resultsVar + ".refit().model();");
        p.line("System.out.println(\"" + as + " = \" + " + as + " + \", refitted on all of " + w.table() + "\");");
        p.value(resultsVar + ".toTable()");
    }

    private String summary(Tuning.Result r, String table) {
        String head = r.ranked().size() + " of " + r.planned() + " candidates scored by " + r.folds() + "-fold cross-validation on " + table;
        if (r.ranked().isEmpty()) return head + ". Interrupted before any candidate finished all its folds.";
        Tuning.Candidate b = r.best();
        String params = String.join(", ", b.params().entrySet().stream().map(e -> "--" + e.getKey() + " " + e.getValue()).toList());
        String best = String.format("best: %s → %s %.4f ± %.4f (sd over folds)", params, r.metric().label(), b.mean(), b.sd());
        return head + (r.interrupted() ? " (interrupted; " + resultsVar + " keeps these, and nothing was refitted)" : "") + "\n" + best;
    }
}
