package org.jtrain.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.Task;
import org.jtrain.train.models.Boosting;
import org.jtrain.train.models.Forest;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.Lasso;
import org.jtrain.train.models.Logistic;
import org.jtrain.train.models.Mlp;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Optimizer;
import org.jtrain.train.models.Params;
import org.jtrain.train.models.Ridge;
import org.jtrain.train.models.Tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * jtrain's models as MLlib estimators, under the same names and hyperparameters. Where MLlib has no counterpart of a
 * hyperparameter, its default is accepted (and said so in the help) and any other value refused, rather than ignored.
 */
final class MLlib {

    static final List<String> MODELS = List.of("logistic", "tree", "forest", "boosting", "linear", "ridge", "lasso", "naive-bayes", "mlp");

    /** MLlib grows trees at most this deep. */
    static final int MAX_DEPTH = 30;

    // MLlib's columns, named so that a user's own (a target called "label", a feature "prediction") never clash
    static final String LABEL = "_jtrain_label";
    static final String FEATURES = "_jtrain_features";
    static final String SCALED = "_jtrain_scaled";
    static final String PREDICTION = "_jtrain_prediction";
    static final String PROBABILITY = "_jtrain_probability";
    static final String RAW = "_jtrain_raw_prediction";
    static final List<String> INTERNAL = List.of(LABEL, FEATURES, SCALED, PREDICTION, PROBABILITY, RAW);

    private MLlib() {
    }

    /** Refuses a model MLlib lacks, listing those it has. */
    static void checkModel(String model) {
        if (!MODELS.contains(model)) {
            String hint = Models.find(model).isPresent() ? "'" + model + "' is not among the models jtrain fits with MLlib" : "'" + model + "' is not a jtrain model";
            throw new BadInput(hint + "; --engine spark trains " + String.join(", ", MODELS) + ". Without --engine spark, "
                    + "Smile trains it on this machine.", Suggest.closest(model, MODELS).orElse(null));
        }
    }

    /**
     * The estimator for {@code p}, reading column {@value #LABEL} (class indexes or numbers) and the vector column
     * {@value #FEATURES}; {@code features} and {@code classes} size an MLP's layers.
     */
    static Estimator<?> estimator(Hyperparameters p, Task task, int features, int classes, long seed) {
        checkModel(p.model());
        checkUnsupported(p, task, classes);
        boolean cls = task == Task.CLASSIFICATION;
        Estimator<?> e = switch (p) {
            case Logistic l -> new LogisticRegression().setRegParam(l.lambda()).setElasticNetParam(0).setMaxIter(l.maxIter())
                    .setStandardization(true).setTol(1e-6);
            case Tree t -> cls ? new DecisionTreeClassifier().setMaxDepth(t.maxDepth()).setMinInstancesPerNode(t.nodeSize()).setSeed(seed)
                    : new DecisionTreeRegressor().setMaxDepth(t.maxDepth()).setMinInstancesPerNode(t.nodeSize()).setSeed(seed);
            case Forest f -> {
                String mtry = f.mtry() == 0 ? "auto" : String.valueOf(f.mtry());
                yield cls ? new RandomForestClassifier().setNumTrees(f.trees()).setFeatureSubsetStrategy(mtry).setMaxDepth(f.maxDepth())
                        .setMinInstancesPerNode(f.nodeSize()).setSubsamplingRate(f.subsample()).setSeed(seed)
                        : new RandomForestRegressor().setNumTrees(f.trees()).setFeatureSubsetStrategy(mtry).setMaxDepth(f.maxDepth())
                        .setMinInstancesPerNode(f.nodeSize()).setSubsamplingRate(f.subsample()).setSeed(seed);
            }
            case Boosting b -> cls ? new GBTClassifier().setMaxIter(b.trees()).setStepSize(b.learningRate()).setMaxDepth(b.maxDepth())
                    .setSubsamplingRate(b.subsample()).setSeed(seed)
                    : new GBTRegressor().setMaxIter(b.trees()).setStepSize(b.learningRate()).setMaxDepth(b.maxDepth())
                    .setSubsamplingRate(b.subsample()).setSeed(seed);
            case Ridge r -> new LinearRegression().setRegParam(r.lambda()).setElasticNetParam(0);
            case Lasso l -> new LinearRegression().setRegParam(l.lambda()).setElasticNetParam(1).setMaxIter(l.maxIter());
            case Mlp m -> new MultilayerPerceptronClassifier().setLayers(layers(m, features, classes)).setMaxIter(m.epochs())
                    .setBlockSize(m.batchSize()).setStepSize(m.learningRate()).setSolver(m.optimizer() == Optimizer.SGD ? "gd" : "l-bfgs")
                    .setSeed(seed);
            default -> switch (p.model()) {
                case "linear" -> new LinearRegression().setRegParam(0);
                case "naive-bayes" -> new NaiveBayes().setModelType("gaussian");
                default -> throw new IllegalStateException("no MLlib estimator for " + p.model());
            };
        };
        e.set(e.getParam("labelCol"), LABEL);
        e.set(e.getParam("featuresCol"), FEATURES);
        e.set(e.getParam("predictionCol"), PREDICTION);
        if (e.hasParam("probabilityCol")) e.set(e.getParam("probabilityCol"), PROBABILITY);
        if (e.hasParam("rawPredictionCol")) e.set(e.getParam("rawPredictionCol"), RAW);
        return e;
    }

    /** How many iterations the fit may record in its History (1 for a one-step fit). */
    static int iterations(Hyperparameters p) {
        return switch (p) {
            case Logistic l -> l.maxIter();
            case Lasso l -> l.maxIter();
            case Mlp m -> m.epochs();
            case Boosting b -> b.trees();
            default -> 1;
        };
    }

    /** Whether the features pass through a StandardScaler first (the MLP's gradient steps need it). */
    static boolean scaled(Hyperparameters p) {
        return p instanceof Mlp;
    }

    /** What MLlib cannot do that jtrain's model does, and hyperparameters it lacks set to other than their defaults. */
    private static void checkUnsupported(Hyperparameters p, Task task, int classes) {
        String m = p.model();
        if (task == Task.REGRESSION && List.of("logistic", "naive-bayes", "mlp").contains(m)) {
            throw new BadInput("MLlib's " + m + " predicts classes, and the target holds numbers; for numbers --engine spark trains "
                    + "linear, ridge, lasso, tree, forest and boosting.");
        }
        if (task == Task.CLASSIFICATION && List.of("linear", "ridge", "lasso").contains(m)) {
            throw new BadInput("'" + m + "' predicts numbers, and the target holds classes; for classes --engine spark trains "
                    + "logistic, naive-bayes, mlp, tree, forest and boosting.");
        }
        if (m.equals("boosting") && task == Task.CLASSIFICATION && classes > 2) {
            throw new BadInput("MLlib's boosting (GBTClassifier) separates two classes, and the target has " + classes
                    + "; for more, --engine spark trains forest, logistic, mlp, naive-bayes or tree.");
        }
        Map<String, String> given = Params.options(p);
        Map<String, String> defaults = Params.options(Models.params(m, Map.of()));
        for (String option : List.of("max-nodes", "smoothing", "patience")) {
            if (given.containsKey(option) && !given.get(option).equals(defaults.get(option))) {
                throw new BadInput("--" + option + " has no counterpart in MLlib's " + m + "; leave it at " + defaults.get(option)
                        + " with --engine spark, or train without --engine spark.");
            }
        }
        if (given.containsKey("max-depth") && Integer.parseInt(given.get("max-depth")) > MAX_DEPTH) {
            throw new BadInput("--max-depth " + given.get("max-depth") + ": MLlib grows trees at most " + MAX_DEPTH + " deep.");
        }
    }

    private static int[] layers(Mlp m, int features, int classes) {
        List<Integer> sizes = new ArrayList<>(List.of(features));
        IntStream.of(m.layers()).forEach(sizes::add);
        sizes.add(classes);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
