package org.jtrain.train;

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
}
