package org.jtrain.train.runs;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import org.jtrain.train.Versions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local record of training runs, behind {@code %runs}, in MLflow's file-store layout ({@code mlruns/0/RUN_ID/}
 * with {@code meta.yaml}, {@code params/}, {@code metrics/} and {@code tags/}), so that {@code mlflow ui} in the same
 * folder shows them too. Only the default experiment (0) is used.
 */
public final class RunStore {

    /** One run: its id, name and times, hyperparameters, tags (model, seed, dataset, versions) and metrics per epoch. */
    public record Run(String id, String name, Instant start, Instant end, Map<String, String> params, Map<String, String> tags,
                      Map<String, double[]> metrics) {

        /** A metric's last value, or NaN. */
        public double last(String metric) {
            double[] v = metrics.get(metric);
            return v == null || v.length == 0 ? Double.NaN : v[v.length - 1];
        }
    }

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    /** The store the kernel uses: {@code $JTRAIN_RUNS}, or {@code mlruns} in the working folder. */
    public static RunStore local() {
        String dir = System.getenv("JTRAIN_RUNS");
        return new RunStore(Path.of(dir != null && !dir.isBlank() ? dir : "mlruns").toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    /**
     * Records a {@code %train} or {@code %tune} run: the hyperparameters, and as tags the model, the data it learned from
     * (when it knows), the seed, the duration and the library versions.
     */
    public Run record(String name, Model model, Map<String, String> params, History history, long seed, Instant start,
                      Map<String, String> extraTags) throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        if (model != null) tags.put("jtrain.model", model.kind());
        if (model != null) model.provenance().ifPresent(p -> {
            tags.put("jtrain.dataset", p.table());
            tags.put("jtrain.rows", Integer.toString(p.rows()));
            tags.put("jtrain.data_hash", "fnv1a64:" + p.dataHash());
        });
        tags.put("jtrain.seed", Long.toString(seed));
        Instant end = Instant.now();
        tags.put("jtrain.duration_s", String.format("%.3f", java.time.Duration.between(start, end).toMillis() / 1000.0));
        Versions.all().forEach((lib, v) -> tags.put("jtrain.version." + lib, v));
        tags.putAll(extraTags);
        return record(name, params, tags, history, start, end);
    }

    /** Records a finished (or interrupted) training run and returns it. */
    public Run record(String name, Map<String, String> params, Map<String, String> tags, History history, Instant start, Instant end)
            throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        Path experiment = root.resolve("0");
        if (!Files.exists(experiment.resolve("meta.yaml"))) {
            Files.createDirectories(experiment);
            write(experiment.resolve("meta.yaml"), "artifact_location: " + experiment.toUri() + "\ncreation_time: " + start.toEpochMilli()
                    + "\nexperiment_id: '0'\nlast_update_time: " + start.toEpochMilli() + "\nlifecycle_stage: active\nname: Default\n");
        }
        Path dir = experiment.resolve(id);
        Files.createDirectories(dir.resolve("artifacts"));
        Map<String, double[]> metrics = new LinkedHashMap<>();
        for (String m : history.metrics()) metrics.put(m, history.get(m));
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.put("mlflow.runName", name);
        allTags.put("jtrain.ended", history.ended());
        for (var e : params.entrySet()) write(dir.resolve("params").resolve(safe(e.getKey())), e.getValue());
        for (var e : allTags.entrySet()) write(dir.resolve("tags").resolve(safe(e.getKey())), e.getValue());
        long t = end.toEpochMilli();
        for (var e : metrics.entrySet()) {
            StringBuilder lines = new StringBuilder();
            double[] v = e.getValue();
            for (int step = 0; step < v.length; step++) lines.append(t).append(' ').append(v[step]).append(' ').append(step + 1).append('\n');
            write(dir.resolve("metrics").resolve(safe(e.getKey())), lines.toString());
        }
        boolean finished = history.ended().equals("finished") || history.ended().startsWith("early stopping");
        write(dir.resolve("meta.yaml"), "artifact_uri: " + dir.resolve("artifacts").toUri() + "\nend_time: " + t
                + "\nentry_point_name: ''\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: " + id + "\nrun_name: " + name
                + "\nrun_uuid: " + id + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: " + start.toEpochMilli()
                + "\nstatus: " + (finished ? 3 : 4) + "\ntags: []\nuser_id: " + System.getProperty("user.name", "") + "\n");
        return new Run(id, name, start, end, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params)),
                java.util.Collections.unmodifiableMap(allTags), metrics);
    }

    /** Every run in the store, oldest first; folders that are not runs are skipped. */
    public List<Run> list() throws IOException {
        Path experiment = root.resolve("0");
        if (!Files.isDirectory(experiment)) return List.of();
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(experiment)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("meta.yaml"))).toList()) {
                Map<String, String> meta = new TreeMap<>();
                for (String line : Files.readAllLines(dir.resolve("meta.yaml"))) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) meta.put(line.substring(0, colon), line.substring(colon + 2));
                }
                Map<String, double[]> metrics = new LinkedHashMap<>();
                for (Path f : files(dir.resolve("metrics"))) {
                    metrics.put(f.getFileName().toString(), Files.readAllLines(f).stream().filter(l -> !l.isBlank())
                            .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).toArray());
                }
                runs.add(new Run(dir.getFileName().toString(), meta.getOrDefault("run_name", ""), instant(meta.get("start_time")),
                        instant(meta.get("end_time")), read(dir.resolve("params")), read(dir.resolve("tags")), metrics));
            }
        }
        runs.sort(Comparator.comparing(Run::start).thenComparing(Run::id));
        return runs;
    }

    private static Instant instant(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path f : files(dir)) out.put(f.getFileName().toString(), Files.readString(f));
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** MLflow keys may hold letters, digits, _ - . / and spaces; anything else becomes _. */
    private static String safe(String key) {
        return key.replaceAll("[^A-Za-z0-9_.\\- ]", "_");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** One row per run: its name, model, data, seed, hyperparameters, each metric's last value and the duration; ids when {@code ids}. */
    public static Table table(List<Run> runs, boolean ids) {
        IntColumn number = IntColumn.create("#");
        StringColumn id = StringColumn.create("id"), started = StringColumn.create("started"), name = StringColumn.create("run"),
                model = StringColumn.create("model"), data = StringColumn.create("dataset"), params = StringColumn.create("hyperparameters"),
                duration = StringColumn.create("duration");
        IntColumn seed = IntColumn.create("seed");
        Map<String, DoubleColumn> metrics = new LinkedHashMap<>();
        for (Run r : runs) {
            for (String m : r.metrics().keySet()) if (!m.contains("oob")) metrics.computeIfAbsent(m, DoubleColumn::create);
        }
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.systemDefault());
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
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
        Table t = ids ? Table.create("runs", number, id, started, name, model, data, seed, params)
                : Table.create("runs", number, name, model, data, seed, params);
        metrics.values().forEach(t::addColumns);
        return t.addColumns(duration);
    }

    /**
     * A metric compared across runs: per epoch when every run has several, else the last values as bars. {@code metric}
     * null picks the first of val_accuracy, val_loss, accuracy and loss that the runs share.
     */
    public static Figure chart(List<Run> runs, String metric) {
        java.util.Set<String> shared = new java.util.LinkedHashSet<>(runs.getFirst().metrics().keySet());
        runs.forEach(r -> shared.retainAll(r.metrics().keySet()));
        String m = metric;
        if (m == null) m = List.of("val_accuracy", "val_loss", "accuracy", "loss").stream().filter(shared::contains).findFirst().orElse(null);
        if (m == null || !shared.contains(m)) {
            throw new BadInput((metric == null ? "these runs share no metric" : "not every run has the metric '" + metric + "'")
                    + ". Metrics they share: " + (shared.isEmpty() ? "none" : String.join(", ", shared)) + ".",
                    metric == null ? null : Suggest.closest(metric, List.copyOf(shared)).orElse(null));
        }
        final String name = m;
        boolean curves = runs.stream().allMatch(r -> r.metrics().get(name).length > 1);
        Figure f = Figure.create(name + " by run");
        if (curves) {
            f.label(0, name + " per epoch", "epoch", name);
            for (Run r : runs) {
                double[] v = r.metrics().get(name);
                f.add(new Trace.XY(r.name(), java.util.stream.IntStream.rangeClosed(1, v.length).asDoubleStream().toArray(), v,
                        Trace.Mode.LINES_MARKERS));
            }
        } else {
            f.label(0, name + " (last epoch)", "run", name);
            f.add(new Trace.Bar(name, runs.stream().map(Run::name).toList(), runs.stream().mapToDouble(r -> r.last(name)).toArray()));
        }
        return f;
    }
}
