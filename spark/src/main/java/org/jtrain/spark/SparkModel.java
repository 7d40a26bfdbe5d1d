package org.jtrain.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;
import org.jtrain.train.files.ModelFiles;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Params;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model that MLlib fitted: a pipeline of Spark stages (features assembled into one vector, scaled for an MLP, then
 * the MLlib model) under jtrain's names. It predicts Tablesaw tables like any jtrain model, so that {@code %evaluate},
 * {@code %plot} and {@code %serve} take it, and Spark datasets where they live.
 */
public final class SparkModel implements Model {

    static final String FORMAT = "jtrain-spark-model/1";

    private final Hyperparameters params;
    private final Task task;
    private final List<String> features;
    private final String target;
    private final List<String> classes;
    private final PipelineModel pipeline;
    private final Provenance provenance;

    SparkModel(Hyperparameters params, Task task, List<String> features, String target, List<String> classes, PipelineModel pipeline,
               Provenance provenance) {
        this.params = params;
        this.task = task;
        this.features = List.copyOf(features);
        this.target = target;
        this.classes = List.copyOf(classes);
        this.pipeline = pipeline;
        this.provenance = provenance;
    }

    SparkModel withProvenance(Provenance p) {
        return new SparkModel(params, task, features, target, classes, pipeline, p);
    }

    /** The MLlib pipeline, for what MLlib offers beyond jtrain (its summaries, its own transform). */
    public PipelineModel pipeline() {
        return pipeline;
    }

    /** The fitted MLlib model: the pipeline's last stage, e.g. a RandomForestClassificationModel. */
    public Transformer mllib() {
        return pipeline.stages()[pipeline.stages().length - 1];
    }

    @Override
    public String kind() {
        return params.model();
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public Hyperparameters params() {
        return params;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    @Override
    public Optional<double[]> importance() {
        try {
            Object v = mllib().getClass().getMethod("featureImportances").invoke(mllib());
            return Optional.of(((Vector) v).toArray());
        } catch (ReflectiveOperationException e) { // models without trees have none
            return Optional.empty();
        }
    }

    /** Predicts a table's rows, in order, on the running Spark session. */
    @Override
    public Prediction predict(Table table) {
        for (String f : features) Tables.column(table, f);
        Dataset<Row> data = Spark.fromTable(Spark.session(), table.selectColumns(features.toArray(String[]::new)));
        return predict(data);
    }

    /** Predicts a dataset's rows, collected in its order. */
    public Prediction predict(Dataset<Row> data) {
        checkColumns(data);
        Dataset<Row> out = pipeline.transform(data);
        if (task == Task.REGRESSION) {
            List<Row> rows = out.select(MLlib.PREDICTION).collectAsList();
            return Prediction.numbers(rows.stream().mapToDouble(r -> r.getDouble(0)).toArray());
        }
        boolean probabilities = List.of(out.columns()).contains(MLlib.PROBABILITY);
        List<Row> rows = (probabilities ? out.select(MLlib.PREDICTION, MLlib.PROBABILITY) : out.select(MLlib.PREDICTION)).collectAsList();
        int[] labels = rows.stream().mapToInt(r -> (int) r.getDouble(0)).toArray();
        double[][] p = probabilities ? rows.stream().map(r -> ((Vector) r.get(1)).toArray()).toArray(double[][]::new) : null;
        return Prediction.classes(labels, p);
    }

    /** Refuses a dataset without the model's feature columns, naming the closest. */
    void checkColumns(Dataset<Row> data) {
        List<String> has = List.of(data.columns());
        for (String f : features) {
            if (!has.contains(f)) {
                throw new BadInput("The dataset lacks the model's feature '" + f + "'. Its columns: " + String.join(", ", has) + ".",
                        org.jtrain.data.Suggest.closest(f, has).orElse(null));
            }
        }
    }

    /** The predictions as a column of class names or numbers, beside the dataset's own columns (computed by Spark). */
    public Dataset<Row> transform(Dataset<Row> data) {
        checkColumns(data);
        Dataset<Row> out = pipeline.transform(data);
        Column predicted = out.col(MLlib.PREDICTION);
        if (task == Task.CLASSIFICATION) {
            predicted = functions.element_at(functions.array(classes.stream().map(functions::lit).toArray(Column[]::new)), predicted.cast("int").plus(1));
        }
        return out.withColumn("predicted_" + target, predicted).drop(MLlib.INTERNAL.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return kind() + " on Spark (" + task + ", " + features.size() + " features" + (classes.isEmpty() ? "" : ", classes " + String.join("/", classes))
                + (Params.toString(params).isEmpty() ? "" : "; " + Params.toString(params)) + ")";
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    /** Writes the pipeline in MLlib's format (a folder) at {@code path}, and PATH.json, jtrain's description of it. */
    public Path write(Path path) throws IOException {
        pipeline.write().overwrite().save(path.toAbsolutePath().toString());
        Map<String, Object> meta = ModelFiles.metadata(this, "spark");
        meta.put("format", FORMAT);
        meta.put("mllib", mllib().getClass().getName());
        @SuppressWarnings("unchecked")
        Map<String, Object> versions = new java.util.LinkedHashMap<>((Map<String, Object>) meta.get("versions"));
        versions.put("spark", Spark.session().version());
        meta.put("versions", versions);
        Path sidecar = ModelFiles.sidecar(path);
        Files.writeString(sidecar, GSON.toJson(meta) + "\n", StandardCharsets.UTF_8);
        return sidecar;
    }

    /** Whether {@code path} holds a model that {@link #write} wrote (an MLlib folder with a jtrain sidecar). */
    public static boolean isOne(Path path) {
        Path sidecar = ModelFiles.sidecar(path);
        if (!Files.isDirectory(path) || !Files.isRegularFile(sidecar)) return false;
        try {
            return FORMAT.equals(JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject().get("format").getAsString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads a model that {@link #write} wrote; the session must be running. */
    public static SparkModel read(Path path) throws IOException {
        if (!isOne(path)) {
            throw new BadInput("'" + path + "' is not a Spark model that %export --engine spark wrote: that is a folder with PATH.json beside it.");
        }
        JsonObject meta = JsonParser.parseString(Files.readString(ModelFiles.sidecar(path))).getAsJsonObject();
        Spark.session();
        Map<String, String> options = GSON.fromJson(meta.get("params"), new TypeToken<Map<String, String>>() { }.getType());
        Hyperparameters params = Models.params(meta.get("kind").getAsString(), options);
        List<String> features = GSON.fromJson(meta.get("features"), new TypeToken<List<String>>() { }.getType());
        List<String> classes = GSON.fromJson(meta.get("classes"), new TypeToken<List<String>>() { }.getType());
        PipelineModel pipeline = PipelineModel.load(path.toAbsolutePath().toString());
        return new SparkModel(params, Task.valueOf(meta.get("task").getAsString()), features, meta.get("target").getAsString(), classes,
                pipeline, ModelFiles.provenance(meta));
    }
}
