package org.jtrain.train.models;

import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Task;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A model that {@code %train} can fit by name: its hyperparameter record (declared once, with {@link Param}) and
 * how to fit it.
 *
 * @param task   the task it always does, or null when the target decides (trees do both)
 * @param input  what it reads: numeric feature columns, pixel columns or a text column
 * @param engine what fits it; only jtrain's own Smile fits are safe to run several at once
 * @param fitter how it fits on encoded feature columns, or null when it reads the table itself ({@code tableFitter})
 */
public record ModelSpec<P extends Hyperparameters>(String name, String summary, Task task, Input input, Engine engine, Class<P> params,
                                                   Fitter<P> fitter, TableFitter<P> tableFitter) {

    /** A model fit on encoded feature columns: the usual kind. */
    public ModelSpec(String name, String summary, Task task, Input input, Engine engine, Class<P> params, Fitter<P> fitter) {
        this(name, summary, task, input, engine, params, fitter, null);
    }

    /**
     * A model that reads its table itself, because its rows are not independent examples of features: a time series,
     * (user, item) pairs, a text to model, rows to score for anomalies, data split among clients.
     */
    public static <P extends Hyperparameters> ModelSpec<P> onTables(String name, String summary, Task task, Engine engine, Class<P> params,
                                                                   TableFitter<P> fitter) {
        return new ModelSpec<>(name, summary, task, Input.TABLE, engine, params, null, fitter);
    }

    /** What kind of columns a model reads; TABLE: the model picks the columns it needs (see its hyperparameters). */
    public enum Input { NUMBERS, PIXELS, TEXT, TABLE }

    /** Smile, DJL, or code written in a cell. */
    public enum Engine { SMILE, DJL, USER }

    /** Fits a model on training data, reporting to {@code run}; {@code val} may be null. */
    @FunctionalInterface
    public interface Fitter<P> {
        Model fit(P params, Encoded train, Encoded val, Run run) throws Exception;
    }

    /**
     * Fits a model on a whole table, reporting to {@code run}; {@code val} may be null. Messages name the tables by
     * {@link Table#name()}.
     */
    @FunctionalInterface
    public interface TableFitter<P> {
        Model fit(P params, Table train, String target, Table val, Run run) throws Exception;
    }

    /** The hyperparameters, one line each, for help. */
    public List<String> describeParams() {
        return Params.describe(params.asSubclass(Record.class));
    }

    /** The hyperparameters' option names, e.g. {@code trees} and {@code max-depth}. */
    public List<String> options() {
        return Params.names(params.asSubclass(Record.class));
    }

    /** The training table as this model reads it: its numeric columns, or, for text, a vocabulary learned from it. */
    public Encoded encode(P p, Table train, String target, Task task) {
        if (p instanceof Text text) {
            TextFeatures words = TextFeatures.fit(train, target, text.vocabulary());
            return Encoded.of(train, target, task, words.vocabulary(), null, words);
        }
        if (p instanceof Transformer t) {
            WordTokens tokens = WordTokens.fit(train, target, t.vocabulary(), t.context());
            return Encoded.of(train, target, task, tokens.positions(), null, tokens);
        }
        return Encoded.of(train, target, task, null, null);
    }
}
