package org.jtrain.train;

import org.jtrain.data.BadInput;
import org.jtrain.train.runs.RunStore;
import org.jtrain.train.serve.ModelServer;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one notebook session keeps between cells: the seed that splits, models and networks derive from, the model
 * being served, and the store its runs are recorded in. Two sessions in one JVM share none of it.
 */
public final class Session {

    private volatile long seed = Seeds.DEFAULT;
    private final RunStore store;
    private final List<RunStore.Run> runs = new ArrayList<>();
    private ModelServer server;

    /** A session recording its runs in {@link RunStore#local()}. */
    public Session() {
        this(RunStore.local());
    }

    public Session(RunStore store) {
        this.store = store;
    }

    public long seed() {
        return seed;
    }

    public void seed(long value) {
        seed = value;
    }

    /** The options of a fit in this session: its seed, stopped by {@code stop}. */
    public FitOptions fitOptions(java.util.function.BooleanSupplier stop) {
        return FitOptions.defaults().seed(seed).stopWhen(stop);
    }

    // ---- serving

    /**
     * Serves {@code model} over HTTP, as {@code name}; one model at a time. {@code token} may be null: then one is made
     * if {@code host} is not loopback (see {@link ModelServer#start(String, Model, String, int, String)}).
     */
    public synchronized ModelServer serve(String name, Model model, String host, int port, String token) throws IOException {
        if (server != null) {
            throw new BadInput("already serving " + server.modelName() + " on " + server.url() + "; stop it first with %serve --stop");
        }
        server = ModelServer.start(name, model, host, port, token);
        return server;
    }

    /** The server, if one runs. */
    public synchronized Optional<ModelServer> server() {
        return Optional.ofNullable(server);
    }

    /** Stops the server, if one runs, and returns it. */
    public synchronized Optional<ModelServer> stopServing() {
        ModelServer s = server;
        server = null;
        if (s != null) s.stop();
        return Optional.ofNullable(s);
    }

    // ---- runs

    public RunStore store() {
        return store;
    }

    /** Records a run in the store and in this session's list; a store that cannot be written costs the record, not the run. */
    public RunStore.Run record(String name, Model model, Map<String, String> params, History history, Instant start,
                               Map<String, String> extraTags) throws IOException {
        long trainedWith = model == null ? seed : model.provenance().map(Provenance::seed).orElse(seed);
        RunStore.Run run = store.record(name, model, params, history, trainedWith, start, extraTags);
        synchronized (runs) {
            runs.add(run);
        }
        return run;
    }

    /** The runs this session recorded, oldest first. */
    public List<RunStore.Run> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }
}
