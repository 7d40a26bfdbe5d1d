package org.jtrain.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
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

/** Spark as the {@link Engine} that {@code %spark} and {@code --engine spark} reach; each call is one of this module's. */
public final class SparkEngine implements Engine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public List<String> models() {
        return MLlib.MODELS;
    }

    @Override
    public Object start(String master, int workers, String memory, Map<String, String> conf) throws IOException {
        return workers > 0 ? Spark.startLocalCluster(workers, memory, conf) : Spark.start(master, memory, conf);
    }

    @Override
    public boolean stop() {
        return Spark.stop();
    }

    @Override
    public Optional<Object> session() {
        return Spark.running().map(s -> s);
    }

    @Override
    public boolean isData(Object value) {
        return value instanceof Dataset<?>;
    }

    @Override
    public Object load(String location) {
        return Spark.load(location);
    }

    @Override
    public Object sql(String query) {
        return Spark.sql(query);
    }

    @Override
    public void register(Object data, String name) {
        dataset(data).createOrReplaceTempView(name);
    }

    @Override
    public Table head(Object data, int rows, String name) {
        Dataset<Row> d = dataset(data);
        return Spark.toTable(d.limit(rows).collectAsList(), d.schema(), name);
    }

    @Override
    public Table sample(Object data, int rows, long seed, String name) {
        return Spark.sample(dataset(data), rows, seed, name);
    }

    @Override
    public Fit fit(Hyperparameters params, Object data, String name, String target, FitOptions options) throws Exception {
        return data instanceof Table t ? SparkTrainer.fit(params, t, target, options) : SparkTrainer.fit(params, dataset(data), name, target, options);
    }

    @Override
    public Tuning.Result tune(Hyperparameters base, List<Tuning.Values> space, Object data, String name, String target, TuneOptions options)
            throws Exception {
        return data instanceof Table t ? SparkTuning.search(base, space, t, target, options)
                : SparkTuning.search(base, space, dataset(data), name, target, options);
    }

    @Override
    public boolean owns(Model model) {
        return model instanceof SparkModel;
    }

    @Override
    public Evaluation evaluate(Model model, Object data) {
        SparkModel m = (SparkModel) model;
        return SparkTrainer.evaluate(m, data instanceof Table t ? Spark.fromTable(Spark.session(), t) : dataset(data));
    }

    @Override
    public Path writeModel(Model model, Path path) throws IOException {
        return ((SparkModel) model).write(path);
    }

    @Override
    public Model readModel(Path path) throws IOException {
        return SparkModel.read(path);
    }

    @SuppressWarnings("unchecked")
    private static Dataset<Row> dataset(Object data) {
        if (data instanceof Dataset<?> d) {
            if (d.sparkSession().sparkContext().isStopped()) {
                throw new BadInput("That dataset belongs to a Spark session that was stopped: load it again in this one (%spark load FILE --as NAME).");
            }
            return (Dataset<Row>) d;
        }
        throw new BadInput("Expected a Spark dataset (Dataset<Row>), got " + (data == null ? "null" : data.getClass().getSimpleName()) + ".");
    }
}
