package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import org.jtrain.train.ModelFiles;
import org.jtrain.train.RunStore;
import org.jtrain.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

@Command(name = "runs", description = "The training runs recorded by %%train and %%tune (model, hyperparameters, seed, data, "
        + "versions, metrics, duration) in ./mlruns, MLflow's file layout: a table, and a chart comparing chosen runs.")
final class RunsMagic extends MagicCommand {

    /** The runs this kernel recorded, numbered from 1 in %runs. */
    private static final List<RunStore.Run> SESSION = new ArrayList<>();

    @Option(names = "--all", description = "Every run in the store, from earlier sessions too, with its id.")
    boolean all;

    @Option(names = "--compare", split = ",", paramLabel = "RUN", description = "Runs to compare on a chart: numbers from this session's table, or id prefixes (with --all).")
    List<String> compare;

    @Option(names = "--metric", paramLabel = "NAME", description = "The metric to compare. Default: val_accuracy, val_loss, accuracy or loss, the first the runs have.")
    String metric;

    /** Records a %train or %tune run; a store that cannot be written costs a note, not the training. */
    static void record(String name, Model model, Map<String, String> params, History history, Instant start, Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (model != null) tags.put("jtrain.model", model.kind());
        Training.Provenance p = model == null ? null : Training.provenance(model).orElse(null);
        if (p != null) {
            tags.put("jtrain.dataset", p.table());
            tags.put("jtrain.rows", Integer.toString(p.rows()));
            tags.put("jtrain.data_hash", "fnv1a64:" + p.dataHash());
        }
        tags.put("jtrain.seed", Long.toString(org.jtrain.train.Seeds.current()));
        Instant end = Instant.now();
        tags.put("jtrain.duration_s", String.format("%.3f", Duration.between(start, end).toMillis() / 1000.0));
        ModelFiles.versions().forEach((lib, v) -> tags.put("jtrain.version." + lib, v));
        tags.putAll(extraTags);
        try {
            synchronized (SESSION) {
                SESSION.add(RunStore.local().record(name, params, tags, history, start, end));
            }
        } catch (IOException e) {
            System.out.println("(run not recorded: " + e.getMessage() + ")");
        }
    }

    @Override
    protected Object call() throws IOException {
        RunStore store = RunStore.local();
        List<RunStore.Run> runs;
        synchronized (SESSION) {
            runs = all ? store.list() : List.copyOf(SESSION);
        }
        Path shown = store.root().startsWith(Path.of("").toAbsolutePath()) ? Path.of("").toAbsolutePath().relativize(store.root()) : store.root();
        System.out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + (all ? " in " : " in this session, recorded in ") + shown
                + " (MLflow's file layout: mlflow ui in that folder's parent shows them too)");
        if (compare != null) Renderers.show(chart(pick(runs), metric));
        return table(runs);
    }

    private List<RunStore.Run> pick(List<RunStore.Run> runs) {
        List<RunStore.Run> out = new ArrayList<>();
        for (String key : compare) {
            RunStore.Run found = null;
            if (key.matches("\\d+") && !all) {
                int n = Integer.parseInt(key);
                if (n >= 1 && n <= runs.size()) found = runs.get(n - 1);
            } else {
                List<RunStore.Run> match = runs.stream().filter(r -> r.id().startsWith(key)).toList();
                if (match.size() == 1) found = match.getFirst();
            }
            if (found == null) {
                throw new UsageError("no run '" + key + "'. " + (all ? "Give an id prefix from %runs --all." : "This session's runs are numbered 1 to "
                        + runs.size() + "; with --all, give an id prefix."), "Usage: %runs [--all] [--compare RUN,RUN...] [--metric NAME]", null);
            }
            out.add(found);
        }
        return out;
    }

    private static Figure chart(List<RunStore.Run> runs, String metric) {
        Set<String> shared = new LinkedHashSet<>(runs.getFirst().metrics().keySet());
        runs.forEach(r -> shared.retainAll(r.metrics().keySet()));
        String m = metric;
        if (m == null) m = List.of("val_accuracy", "val_loss", "accuracy", "loss").stream().filter(shared::contains).findFirst().orElse(null);
        if (m == null || !shared.contains(m)) {
            throw new UsageError((metric == null ? "these runs share no metric" : "not every run has the metric '" + metric + "'")
                    + ". Metrics they share: " + (shared.isEmpty() ? "none" : String.join(", ", shared)) + ".",
                    "Usage: %runs --compare RUN,RUN... --metric NAME", metric == null ? null : Suggest.closest(metric, List.copyOf(shared)).orElse(null));
        }
        final String name = m;
        boolean curves = runs.stream().allMatch(r -> r.metrics().get(name).length > 1);
        Figure f = Figure.create(name + " by run");
        if (curves) {
            f.label(0, name + " per epoch", "epoch", name);
            for (RunStore.Run r : runs) {
                double[] v = r.metrics().get(name);
                f.add(new Trace.XY(r.name(), IntStream.rangeClosed(1, v.length).asDoubleStream().toArray(), v, Trace.Mode.LINES_MARKERS));
            }
        } else {
            f.label(0, name + " (last epoch)", "run", name);
            f.add(new Trace.Bar(name, runs.stream().map(RunStore.Run::name).toList(), runs.stream().mapToDouble(r -> r.last(name)).toArray()));
        }
        return f;
    }

    private Table table(List<RunStore.Run> runs) {
        IntColumn number = IntColumn.create("#");
        StringColumn id = StringColumn.create("id"), started = StringColumn.create("started"), name = StringColumn.create("run"),
                model = StringColumn.create("model"), data = StringColumn.create("dataset"), params = StringColumn.create("hyperparameters"),
                duration = StringColumn.create("duration");
        IntColumn seed = IntColumn.create("seed");
        Map<String, DoubleColumn> metrics = new LinkedHashMap<>();
        for (RunStore.Run r : runs) {
            for (String m : r.metrics().keySet()) if (!m.contains("oob")) metrics.computeIfAbsent(m, DoubleColumn::create);
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        for (int i = 0; i < runs.size(); i++) {
            RunStore.Run r = runs.get(i);
            number.append(i + 1);
            id.append(r.id().substring(0, 8));
            started.append(time.format(r.start()));
            name.append(r.name());
            model.append(r.tags().getOrDefault("jtrain.model", ""));
            data.append(r.tags().getOrDefault("jtrain.dataset", ""));
            params.append(String.join(", ", r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            seed.append(Integer.parseInt(r.tags().getOrDefault("jtrain.seed", "0")));
            metrics.forEach((m, c) -> c.append(Double.isNaN(r.last(m)) ? Double.NaN : Math.round(r.last(m) * 1e4) / 1e4)); // NaN: missing
            duration.append(r.tags().getOrDefault("jtrain.duration_s", "?") + " s");
        }
        Table t = all ? Table.create("runs", number, id, started, name, model, data, seed, params)
                : Table.create("runs", number, name, model, data, seed, params);
        metrics.values().forEach(t::addColumns);
        return t.addColumns(duration);
    }
}
