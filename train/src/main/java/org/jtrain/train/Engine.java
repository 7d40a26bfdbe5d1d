package org.jtrain.train;

import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.tune.TuneOptions;
import org.jtrain.train.tune.Tuning;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An engine that fits jtrain's models somewhere other than this JVM's Smile and DJL: Apache Spark's MLlib, in the
 * module jtrain-spark. Its libraries join a session only when it starts, so it is found through {@link ServiceLoader}
 * in the class loader that holds them, and its own types (a session, a dataset) pass through here as {@code Object}.
 */
public interface Engine {

    /** The name {@code --engine} takes, e.g. {@code spark}. */
    String name();

    /** The models it fits, by jtrain's names. */
    List<String> models();

    /**
     * Starts (or returns the running) session on {@code master}, or with {@code workers} &gt; 0 on a cluster of that many
     * worker processes that it starts on this machine; {@code memory} may be null, {@code conf} holds extra settings.
     */
    Object start(String master, int workers, String memory, Map<String, String> conf) throws IOException;

    /** Stops the session; returns whether one was running. */
    boolean stop();

    /** The running session, if any. */
    Optional<Object> session();

    /** Whether {@code value} is one of its datasets. */
    boolean isData(Object value);

    /** Reads a CSV, Parquet or JSON file (or folder of them), on this machine or at a URI the engine reads, into a dataset. */
    Object load(String location);

    /** Runs a SQL query over the datasets registered as views. */
    Object sql(String query);

    /** Registers a dataset as a view that SQL can name. */
    void register(Object data, String name);

    /** The first {@code rows} rows of a dataset (reading no more), as a table named {@code name}. */
    Table head(Object data, int rows, String name);

    /** Up to {@code rows} rows of a dataset, drawn at random under {@code seed}, as a table named {@code name}. */
    Table sample(Object data, int rows, long seed, String name);

    /**
     * Fits the model that {@code params} name on a dataset or a table (converted), keeping every column but the target;
     * {@code name} is the data's, for messages and the model's provenance.
     */
    Fit fit(Hyperparameters params, Object data, String name, String target, FitOptions options) throws Exception;

    /** Cross-validates the candidates of {@code space}, fitting them in parallel on the engine. */
    Tuning.Result tune(Hyperparameters base, List<Tuning.Values> space, Object data, String name, String target, TuneOptions options)
            throws Exception;

    /** Whether it trained {@code model}. */
    boolean owns(Model model);

    /** Scores one of its models on a dataset or a table. */
    Evaluation evaluate(Model model, Object data);

    /** Writes one of its models in the engine's own format at {@code path}, with jtrain's JSON sidecar. */
    Path writeModel(Model model, Path path) throws IOException;

    /** Reads a model that {@link #writeModel} wrote. */
    Model readModel(Path path) throws IOException;

    /** The engine called {@code name} among those {@code loader} can see. */
    static Optional<Engine> find(String name, ClassLoader loader) {
        return ServiceLoader.load(Engine.class, loader).stream().map(ServiceLoader.Provider::get).filter(e -> e.name().equals(name)).findFirst();
    }
}
