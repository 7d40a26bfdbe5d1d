package org.jtrain.train;

import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.ModelSpec;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Params;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.time.Instant;

/**
 * Fits a model on a table through one loop that reports to listeners. The model is chosen by its hyperparameters:
 * <pre>{@code Fit fit = Trainer.fit(Forest.params().trees(200), train, "diagnosis", FitOptions.validation(val));}</pre>
 */
public final class Trainer {

    private Trainer() {
    }

    /** Fits with the default options: no validation table, the default seed. */
    public static Fit fit(Hyperparameters params, Table train, String target) throws Exception {
        return fit(params, train, target, FitOptions.defaults());
    }

    /**
     * Fits the model that {@code params} describe on every column of {@code train} but {@code target}. Stopped by the
     * options' signal or by interrupting the thread, it keeps what was learned: a network its epochs so far, boosting
     * its rounds; a one-step fit keeps no model. Messages name the tables by {@link Table#name()}.
     */
    public static Fit fit(Hyperparameters params, Table train, String target, FitOptions options) throws Exception {
        return fit(Models.spec(params), Params.smoke(params), train, target, options);
    }

    private static <P extends Hyperparameters> Fit fit(ModelSpec<P> spec, Hyperparameters given, Table train, String target,
                                                      FitOptions options) throws Exception {
        P params = spec.params().cast(given);
        if (spec.tableFitter() != null) {
            Tables.column(train, target);
            Table val = options.validation();
            if (val != null) Tables.column(val, target);
            return run(options, run -> spec.tableFitter().fit(params, train, target, val, run));
        }
        Task task = taskFor(spec, Tables.column(train, target), train.name());
        Encoded trainData = spec.encode(params, train, target, task);
        Table val = options.validation();
        if (val != null) Tables.column(val, target);
        Encoded valData = val == null ? null : Encoded.of(val, target, task, trainData.features(),
                task == Task.CLASSIFICATION ? trainData.classes() : null, trainData.encoder());
        Fit fit = run(options, run -> spec.fitter().fit(params, trainData, valData, run));
        if (fit.model() == null) return fit;
        History h = fit.history();
        Model model = Models.withProvenance(fit.model(), new Provenance(train.name(), trainData.size(), trainData.hash(), options.seed(),
                h.ended(), h.epochs() == 0 ? java.util.Map.of() : h.last(), Instant.now()));
        return new Fit(model, h, fit.leftRunning());
    }

    /** A fit that reports to a {@link Run}: jtrain's own, or another engine's (Spark). */
    @FunctionalInterface
    public interface Fitting {
        Model fit(Run run) throws Exception;
    }

    /**
     * Runs {@code fitting} as one training run: the options' listeners hear it, their stop signal reaches it, and its
     * History says how it ended. Another engine (Spark) fits through here, so that it is shown and stopped alike.
     */
    public static Fit run(FitOptions options, Fitting fitting) throws Exception {
        Run run = new Run(options.listeners(), options.stop(), options.seed());
        Model model = null;
        boolean failed = true;
        try {
            model = fitting.fit(run);
            failed = false;
        } finally {
            int done = run.history().epochs();
            String why = failed ? "stopped by an error after " + done + (done == 1 ? " epoch" : " epochs")
                    : run.interrupted() ? "interrupted after " + done + (done == 1 ? " epoch" : " epochs")
                    : run.stopReason() != null ? run.stopReason() : "finished";
            run.end(why);
        }
        return new Fit(model, run.history(), run.isLeftRunning());
    }

    private static Task taskFor(ModelSpec<?> spec, Column<?> target, String table) {
        Task natural = Task.of(target);
        if (spec.task() == null) return natural;
        if (spec.task() == Task.CLASSIFICATION && natural == Task.REGRESSION) {
            throw new BadInput("'" + spec.name() + "' is a classifier, but the target '" + target.name() + "' of '" + table
                    + "' holds numbers (" + target.countUnique() + " distinct values). For numbers use a regression model: "
                    + String.join(", ", Models.names(Task.REGRESSION)) + ".");
        }
        return spec.task();
    }
}
