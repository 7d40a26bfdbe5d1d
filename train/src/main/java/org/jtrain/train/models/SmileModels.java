package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Metrics;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;

import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;
import smile.model.svm.KernelMachine;
import smile.model.svm.LASVM;
import smile.model.svm.LinearKernelMachine;
import smile.model.cart.SplitRule;
import smile.regression.DataFrameRegression;
import smile.regression.LASSO;
import smile.regression.OLS;
import smile.regression.RegressionTree;
import smile.regression.RidgeRegression;
import smile.stat.distribution.Distribution;
import smile.stat.distribution.GaussianDistribution;
import smile.util.IntSet;
import smile.util.IterativeAlgorithmController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/** The classical models, on Smile: each a hyperparameter record and a fitter. */
final class SmileModels {

    private SmileModels() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(
                spec("logistic", "Logistic regression: multinomial (softmax) on standardized features, by L-BFGS", Task.CLASSIFICATION, Logistic.class, SmileModels::logistic),
                spec("tree", "A decision tree (CART), for classes or numbers", null, Tree.class, SmileModels::tree),
                spec("forest", "A random forest, for classes or numbers", null, Forest.class, SmileModels::forest),
                spec("boosting", "Gradient-boosted trees, for classes or numbers", null, Boosting.class, SmileModels::boosting),
                spec("svm", "A support vector machine (one-vs-rest for more than two classes)", Task.CLASSIFICATION, Svm.class, SmileModels::svm),
                spec("knn", "k nearest neighbours, by brute force", Task.CLASSIFICATION, Knn.class, SmileModels::knn),
                spec("naive-bayes", "Gaussian naive Bayes", Task.CLASSIFICATION, NaiveBayes.class, SmileModels::naiveBayes),
                spec("linear", "Linear regression by least squares", Task.REGRESSION, Linear.class, SmileModels::linear),
                spec("ridge", "Linear regression with an L2 penalty", Task.REGRESSION, Ridge.class, SmileModels::ridge),
                spec("lasso", "Linear regression with an L1 penalty (drops weak features)", Task.REGRESSION, Lasso.class, SmileModels::lasso));
    }

    private static <P extends Hyperparameters> ModelSpec<P> spec(String name, String summary, Task task, Class<P> params, ModelSpec.Fitter<P> fit) {
        return new ModelSpec<>(name, summary, task, ModelSpec.Input.NUMBERS, ModelSpec.Engine.SMILE, params, fit);
    }

    /** A Smile fit written by the user: (x, y) -> a Classifier<double[]> or a Regression<double[]>, run in one step. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ModelSpec<SmileFit> custom(SmileFit own) {
        String name = own.name();
        BiFunction<?, ?, ?> fit = own.fit();
        if (fit == null) throw new BadInput("'" + name + "' was read from a file: its fit is code, which the file does not carry, so it cannot be trained again.");
        return new ModelSpec<>(name, "Your Smile fit", null, ModelSpec.Input.NUMBERS, ModelSpec.Engine.USER, SmileFit.class, (p, train, val, run) ->
                once(run, name, p, train, val, () -> {
                    Object m;
                    try {
                        m = ((BiFunction) fit).apply(train.x(), train.task() == Task.CLASSIFICATION ? train.labels() : train.values());
                    } catch (ClassCastException e) {
                        throw new BadInput("The fit must take (double[][] x, " + (train.task() == Task.CLASSIFICATION ? "int[] y) for a class target"
                                : "double[] y) for a numeric target") + ": " + e.getMessage());
                    }
                    if (m instanceof Classifier<?> c && train.task() == Task.CLASSIFICATION) {
                        Classifier<double[]> cl = (Classifier<double[]>) c;
                        if (cl.isSoft()) return soft(train.classes().size(), cl::predict, false);
                        return x -> Prediction.classes(Arrays.stream(x).mapToInt(cl::predict).toArray(), null);
                    }
                    if (m instanceof smile.regression.Regression<?> r && train.task() == Task.REGRESSION) {
                        smile.regression.Regression<double[]> rg = (smile.regression.Regression<double[]>) r;
                        return x -> Prediction.numbers(Arrays.stream(x).mapToDouble(rg::predict).toArray());
                    }
                    throw new BadInput("The fit returned " + (m == null ? "null" : "a " + m.getClass().getSimpleName()) + "; for a "
                            + train.task() + " target it must return a Smile " + (train.task() == Task.CLASSIFICATION ? "Classifier<double[]>" : "Regression<double[]>") + ".");
                }, null));
    }

    // ---- fitters ----

    private static Model logistic(Logistic p, Encoded train, Encoded val, Run run) {
        return once(run, "logistic", p, train, val,
                () -> SoftmaxRegression.fit(train.x(), train.labels(), train.classes().size(), p.lambda(), p.maxIter(), run).model(), null);
    }

    private static Model knn(Knn p, Encoded train, Encoded val, Run run) {
        if (p.k() > train.size()) throw new BadInput("--k must be at most the " + train.size() + " training rows; got " + p.k() + ".");
        return once(run, "knn", p, train, val, () -> new KnnIndex(train.x(), train.labels(), train.classes().size(), p.k()), null);
    }

    private static Model svm(Svm p, Encoded train, Encoded val, Run run) {
        return once(run, "svm", p, train, val, () -> {
            MercerKernel<double[]> kernel = p.kernel() == Svm.Kernel.LINEAR ? new LinearKernel() : new GaussianKernel(p.sigma());
            int k = train.classes().size();
            if (k == 2) {
                int[] y = Arrays.stream(train.labels()).map(l -> l == 1 ? 1 : -1).toArray();
                Score m = supportVectorMachine(train, y, kernel, p, run);
                return x -> Prediction.classes(Arrays.stream(x).mapToInt(r -> m.applyAsDouble(r) > 0 ? 1 : 0).toArray(), null);
            }
            List<Score> perClass = new ArrayList<>(); // one versus the rest: the highest score wins
            for (int c = 0; c < k; c++) {
                int positive = c;
                int[] y = Arrays.stream(train.labels()).map(l -> l == positive ? 1 : -1).toArray();
                perClass.add(supportVectorMachine(train, y, kernel, p, run));
            }
            return x -> Prediction.classes(Arrays.stream(x).mapToInt(r -> {
                int best = 0;
                double top = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double score = perClass.get(c).applyAsDouble(r);
                    if (score > top) {
                        top = score;
                        best = c;
                    }
                }
                return best;
            }).toArray(), null);
        }, null);
    }

    /** A binary SVM's decision function (positive for y = +1), fitted as {@code SVM.fit} does, but stoppable. */
    private static Score supportVectorMachine(Encoded train, int[] y, MercerKernel<double[]> kernel, Svm p, Run run) {
        KernelMachine<double[]> fitted = new LASVM<>(Stops.kernel(kernel, run), p.c(), 1e-3).fit(train.x(), y, p.epochs());
        if (fitted.vectors().length == 0) throw noSupportVectors(train);
        var machine = new KernelMachine<>(kernel, fitted.vectors(), fitted.weights(), fitted.intercept()); // without the Run
        if (kernel instanceof LinearKernel) return LinearKernelMachine.of(machine)::f;
        return machine::score;
    }

    /** A decision function that is saved with its model. */
    private interface Score extends ToDoubleFunction<double[]>, java.io.Serializable {
    }

    /** LASVM ends with no support vectors (so no model) when large features swamp its steps, e.g. pixels of 0 to 255. */
    private static BadInput noSupportVectors(Encoded train) {
        String widest = null;
        double lo = 0, hi = 0;
        for (int j = 0; j < train.features().size(); j++) {
            int column = j;
            var range = Arrays.stream(train.x()).mapToDouble(row -> row[column]).summaryStatistics();
            if (widest == null || range.getMax() - range.getMin() > hi - lo) {
                widest = train.features().get(j);
                lo = range.getMin();
                hi = range.getMax();
            }
        }
        return new BadInput("The svm found no support vectors, so it has no model: its optimizer makes no progress on features this large ('" + widest
                + "' runs from " + Params.plain(lo) + " to " + Params.plain(hi) + "). Standardize them first: %data clean TABLE "
                + "--normalize zscore --target " + train.target() + ", then train on TABLE_clean.");
    }

    private static Model naiveBayes(NaiveBayes p, Encoded train, Encoded val, Run run) {
        return once(run, "naive-bayes", p, train, val, () -> {
            int k = train.classes().size(), d = train.x()[0].length;
            double[] prior = new double[k];
            double[][] mean = new double[k][d], var = new double[k][d];
            for (int i = 0; i < train.size(); i++) {
                int c = train.labels()[i];
                prior[c]++;
                for (int j = 0; j < d; j++) mean[c][j] += train.x()[i][j];
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) mean[c][j] /= Math.max(1, prior[c]);
            double largest = 0;
            for (int i = 0; i < train.size(); i++) {
                int c = train.labels()[i];
                for (int j = 0; j < d; j++) var[c][j] += Math.pow(train.x()[i][j] - mean[c][j], 2);
            }
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) largest = Math.max(largest, var[c][j] /= Math.max(1, prior[c]));
            double eps = Math.max(p.smoothing() * largest, 1e-12);
            Distribution[][] cond = new Distribution[k][d];
            for (int c = 0; c < k; c++) for (int j = 0; j < d; j++) cond[c][j] = new GaussianDistribution(mean[c][j], Math.sqrt(var[c][j] + eps));
            for (int c = 0; c < k; c++) prior[c] /= train.size();
            smile.classification.NaiveBayes m = new smile.classification.NaiveBayes(prior, cond);
            return soft(k, m::predict);
        }, null);
    }

    private static Model tree(Tree p, Encoded train, Encoded val, Run run) {
        Formula f = Formula.lhs(train.target());
        var importance = new java.util.concurrent.atomic.AtomicReference<double[]>();
        return once(run, "tree", p, train, val, () -> {
            if (train.task() == Task.CLASSIFICATION) {
                smile.classification.DecisionTree m = smile.classification.DecisionTree.fit(f, frame(train),
                        new smile.classification.DecisionTree.Options(SplitRule.GINI, p.maxDepth(), p.maxNodes(), p.nodeSize()));
                importance.set(m.importance());
                return soft(train, m);
            }
            RegressionTree m = RegressionTree.fit(f, frame(train), new RegressionTree.Options(p.maxDepth(), p.maxNodes(), p.nodeSize()));
            importance.set(m.importance());
            return numbers(train, m);
        }, importance::get);
    }

    private static Model forest(Forest p, Encoded train, Encoded val, Run run) {
        Formula f = Formula.lhs(train.target());
        DataFrame df = frame(train);
        long[] seeds = Seeds.random(run.seed(), "forest").longs(p.trees()).toArray();
        int mtry = p.mtry();
        if (mtry > train.features().size()) {
            throw new BadInput("--mtry must be at most the " + train.features().size() + " features; got " + mtry + ".");
        }
        run.start("forest", 1, p.trees());
        var progress = new int[1];
        try {
            if (train.task() == Task.CLASSIFICATION) {
                var controller = new Stops.ForestController<smile.classification.RandomForest.TrainingStatus>(run);
                controller.subscribe(subscriber(s -> run.batch(1, ++progress[0], p.trees())));
                smile.classification.RandomForest m = smile.classification.RandomForest.fit(f, df,
                        new smile.classification.RandomForest.Options(p.trees(), mtry, SplitRule.GINI, p.maxDepth(), 0, p.nodeSize(),
                                p.subsample(), null, seeds, controller));
                return finish(run, "forest", p, train, val, soft(train, m), m.importance(), Map.of("oob_accuracy", OutOfBag.accuracy(m, f, df, seeds, p.subsample())));
            }
            var controller = new Stops.ForestController<smile.regression.RandomForest.TrainingStatus>(run);
            controller.subscribe(subscriber(s -> run.batch(1, ++progress[0], p.trees())));
            smile.regression.RandomForest m = smile.regression.RandomForest.fit(f, df,
                    new smile.regression.RandomForest.Options(p.trees(), mtry, p.maxDepth(), 0, p.nodeSize(), p.subsample(), seeds, controller));
            return finish(run, "forest", p, train, val, numbers(train, m), m.importance(), Map.of("oob_loss", OutOfBag.mse(m, f, df, seeds, p.subsample())));
        } catch (RuntimeException e) {
            if (Stops.stopped(e)) return null; // a forest is one fit: part of one is not kept
            throw e;
        }
    }

    /** Boosting is fitted round by round, so its History has one entry per tree, like epochs. */
    private static Model boosting(Boosting p, Encoded train, Encoded val, Run run) {
        Formula f = Formula.lhs(train.target());
        DataFrame df = frame(train);
        MathEx.setSeed(run.seed());
        run.start("boosting", 1, p.trees());
        var progress = new int[1];
        if (train.task() == Task.CLASSIFICATION) {
            var controller = new IterativeAlgorithmController<smile.classification.GradientTreeBoost.TrainingStatus>(Stops.SAME_THREAD, 1);
            controller.subscribe(subscriber(s -> {
                run.batch(1, ++progress[0], p.trees());
                if (run.shouldStop()) controller.stop();
            }));
            smile.classification.GradientTreeBoost m = smile.classification.GradientTreeBoost.fit(f, df,
                    new smile.classification.GradientTreeBoost.Options(p.trees(), p.maxDepth(), p.maxNodes(), 5, p.learningRate(),
                            p.subsample(), null, controller));
            return finish(run, "boosting", p, train, val, soft(train, m), m.importance(), null);
        }
        var controller = new IterativeAlgorithmController<smile.regression.GradientTreeBoost.TrainingStatus>(Stops.SAME_THREAD, 1);
        controller.subscribe(subscriber(s -> {
            run.batch(1, ++progress[0], p.trees());
            if (run.shouldStop()) controller.stop();
        }));
        smile.regression.GradientTreeBoost m = smile.regression.GradientTreeBoost.fit(f, df,
                new smile.regression.GradientTreeBoost.Options(smile.model.cart.Loss.ls(), p.trees(), p.maxDepth(), p.maxNodes(), 5,
                        p.learningRate(), p.subsample(), null, controller));
        return finish(run, "boosting", p, train, val, numbers(train, m), m.importance(), null);
    }

    private static Model linear(Linear p, Encoded train, Encoded val, Run run) {
        return linearModel("linear", p, train, val, run, () -> OLS.fit(Formula.lhs(train.target()), frame(train)));
    }

    private static Model ridge(Ridge p, Encoded train, Encoded val, Run run) {
        return linearModel("ridge", p, train, val, run, () -> RidgeRegression.fit(Formula.lhs(train.target()), frame(train), p.lambda()));
    }

    private static Model lasso(Lasso p, Encoded train, Encoded val, Run run) {
        return linearModel("lasso", p, train, val, run, () -> LASSO.fit(Formula.lhs(train.target()), frame(train),
                new LASSO.Options(p.lambda(), 1e-4, p.maxIter())));
    }

    private static Model linearModel(String name, Hyperparameters p, Encoded train, Encoded val, Run run, Supplier<smile.regression.LinearModel> fit) {
        return once(run, name, p, train, val, () -> {
            smile.regression.LinearModel m = fit.get();
            return x -> Prediction.numbers(Arrays.stream(x).mapToDouble(m::predict).toArray());
        }, null);
    }

    // ---- plumbing ----

    /** A model fitted in one step: one epoch of one batch, scored on train and val. */
    private static Model once(Run run, String name, Hyperparameters p, Encoded train, Encoded val, Callable<Predictor> fit, Supplier<double[]> importance) {
        run.start(name, 1, 1);
        Predictor predictor;
        try {
            predictor = Stops.detached(run, fit);
        } catch (RuntimeException e) {
            if (Stops.stopped(e)) return null;
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        run.batch(1, 1, 1);
        return finish(run, name, p, train, val, predictor, importance == null ? null : importance.get(), null);
    }

    /**
     * Records the one epoch of a Smile fit, scored on the training rows unless {@code outOfBag} is given. A forest
     * passes its out-of-bag scores: each tree is scored on the rows it did not see, which says more than the training
     * rows (a forest gets those nearly all right) and costs no second pass over the data. An interrupt while scoring
     * keeps the model, which is whole, with no epoch in its History.
     */
    private static Model finish(Run run, String name, Hyperparameters p, Encoded train, Encoded val,
                                Predictor predictor, double[] importance, Map<String, Double> outOfBag) {
        Model model = new SmileModel(name, train.task(), p, train.features(), train.target(), train.classes(), predictor, importance, null);
        try {
            Map<String, Double> metrics = new LinkedHashMap<>(outOfBag != null ? outOfBag
                    : Metrics.of(predict(run, predictor, train.x()), train, ""));
            if (val != null) metrics.putAll(Metrics.of(predict(run, predictor, val.x()), val, "val_"));
            run.epoch(1, metrics);
        } catch (Stops.Stopped e) {
            // scored in part: no metrics rather than some
        }
        return model;
    }

    /** Predicts {@code x} a slice at a time, growing slices up to about 0.1 s each, so that an interrupt is answered between them. */
    private static Prediction predict(Run run, Predictor predictor, double[][] x) {
        List<Prediction> parts = new ArrayList<>();
        int size = 64;
        for (int from = 0; from < x.length || parts.isEmpty(); ) {
            Stops.check(run);
            int to = (int) Math.min(x.length, (long) from + size);
            long start = System.nanoTime();
            parts.add(predictor.apply(from == 0 && to == x.length ? x : Arrays.copyOfRange(x, from, to)));
            if (System.nanoTime() - start < 50_000_000L) size *= 2;
            from = to;
        }
        return Prediction.concat(parts);
    }

    private interface SoftPredict extends java.io.Serializable {
        int predict(double[] x, double[] posteriori);
    }

    private static Predictor soft(int k, SoftPredict m) {
        return soft(k, m, true);
    }

    /** Rows are predicted in parallel by Smile's models; a user's own classifier may not be safe for that. */
    private static Predictor soft(int k, SoftPredict m, boolean parallel) {
        return x -> {
            int[] labels = new int[x.length];
            double[][] prob = new double[x.length][k];
            IntStream rows = IntStream.range(0, x.length);
            (parallel ? rows.parallel() : rows).forEach(i -> labels[i] = m.predict(x[i], prob[i]));
            return Prediction.classes(labels, prob);
        };
    }

    /** Captures only what predicting needs (not the training data), so that the predictor stays small when exported. */
    private static Predictor soft(Encoded train, DataFrameClassifier m) {
        int k = train.classes().size();
        List<String> features = train.features();
        String target = train.target();
        return x -> {
            DataFrame df = frame(x, features, target, new int[x.length]);
            double[][] prob = new double[x.length][k];
            int[] labels = new int[x.length];
            IntStream.range(0, x.length).parallel().forEach(i -> labels[i] = m.predict(df.get(i), prob[i]));
            return Prediction.classes(labels, prob);
        };
    }

    private static Predictor numbers(Encoded train, DataFrameRegression m) {
        List<String> features = train.features();
        String target = train.target();
        return x -> {
            DataFrame df = frame(x, features, target, new double[x.length]);
            double[] values = new double[x.length];
            IntStream.range(0, x.length).parallel().forEach(i -> values[i] = m.predict(df.get(i)));
            return Prediction.numbers(values);
        };
    }

    static DataFrame frame(Encoded d) {
        return d.task() == Task.CLASSIFICATION ? frame(d.x(), d.features(), d.target(), d.labels())
                : frame(d.x(), d.features(), d.target(), d.values());
    }

    private static DataFrame frame(double[][] x, List<String> features, String target, int[] y) {
        return DataFrame.of(x, features.toArray(String[]::new)).add(new IntVector(target, y));
    }

    private static DataFrame frame(double[][] x, List<String> features, String target, double[] y) {
        return DataFrame.of(x, features.toArray(String[]::new)).add(new DoubleVector(target, y));
    }

    private static <T> Flow.Subscriber<T> subscriber(Consumer<T> onNext) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public synchronized void onNext(T item) { // forests build trees on several threads at once
                onNext.accept(item);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

}
