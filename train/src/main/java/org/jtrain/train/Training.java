package org.jtrain.train;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;
import java.util.Map;

/** Fits a model chosen by name on a table, through one loop that reports to listeners. */
public final class Training {

    /** The fitted model (null if interrupted before it existed) and the History so far. */
    public record Result(Model model, History history) {
    }

    /**
     * Where a model came from, kept for {@code %export} and {@code %runs}: the table it learned from (its name, rows
     * and a hash of the encoded rows), the seed, the History and when training ended.
     */
    public record Provenance(String table, int rows, String dataHash, long seed, History history, java.time.Instant trained) {
    }

    private static final Map<Model, Provenance> PROVENANCE = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** How {@code model} was trained, if this session trained it. */
    public static java.util.Optional<Provenance> provenance(Model model) {
        return java.util.Optional.ofNullable(PROVENANCE.get(model));
    }

    static void remember(Model model, Provenance p) {
        PROVENANCE.put(model, p);
    }

    private Training() {
    }

    /**
     * Fits {@code spec} with hyperparameters from {@code options} (by option name) on {@code train}, scoring on
     * {@code val} (may be null) each epoch.
     */
    public static <P extends Record> Result fit(ModelSpec<P> spec, Map<String, String> options, Table train, String trainName,
                                                Table val, String valName, String target, List<TrainingListener> listeners) throws Exception {
        return fit(spec, options, train, trainName, val, valName, target, listeners, () -> false);
    }

    /** As above, also stopping (and keeping what was learned) once {@code interrupted} says so, e.g. the kernel's interrupt. */
    public static <P extends Record> Result fit(ModelSpec<P> spec, Map<String, String> options, Table train, String trainName,
                                                Table val, String valName, String target, List<TrainingListener> listeners,
                                                java.util.function.BooleanSupplier interrupted) throws Exception {
        P params = Params.create(spec.params(), options);
        Task task = taskFor(spec, train.column(target), trainName);
        Data trainData;
        if (params instanceof Networks.TextParams text) {
            TextFeatures words = TextFeatures.fit(train, trainName, target, text.vocabulary());
            trainData = Data.of(train, trainName, target, task, words.vocabulary(), null, words);
        } else {
            trainData = Data.of(train, trainName, target, task, null, null);
        }
        Data valData = val == null ? null : Data.of(val, valName, target, task, trainData.features(),
                task == Task.CLASSIFICATION ? trainData.classes() : null, trainData.encoder());
        Run run = new Run(listeners, interrupted);
        Model model = null;
        boolean failed = true;
        try {
            model = spec.fitter().fit(params, trainData, valData, run);
            failed = false;
        } finally {
            int done = run.history().epochs();
            String why = failed ? "stopped by an error after " + done + (done == 1 ? " epoch" : " epochs")
                    : run.interrupted() ? "interrupted after " + done + (done == 1 ? " epoch" : " epochs")
                    : run.stopReason() != null ? run.stopReason() : "finished";
            run.end(why);
        }
        if (model != null) {
            remember(model, new Provenance(trainName, trainData.size(), trainData.hash(), Seeds.current(), run.history(), java.time.Instant.now()));
        }
        return new Result(model, run.history());
    }

    /**
     * How many interrupted fits still run in the background: a fit that Smile gives no way to stop (a single tree,
     * least squares, a k-NN index, a fit of the user's own) is left to end by itself, and its result is dropped.
     */
    public static int stillFitting() {
        return Stops.stillFitting();
    }

    private static Task taskFor(ModelSpec<?> spec, Column<?> target, String table) {
        Task natural = Data.taskOf(target);
        if (spec.task() == null) return natural;
        if (spec.task() == Task.CLASSIFICATION && natural == Task.REGRESSION) {
            throw new BadInput("'" + spec.name() + "' is a classifier, but the target '" + target.name() + "' of '" + table
                    + "' holds numbers (" + target.countUnique() + " distinct values). For numbers use a regression model: "
                    + String.join(", ", Models.names(Task.REGRESSION)) + ".");
        }
        return spec.task();
    }
}
