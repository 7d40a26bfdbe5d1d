package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Tables;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.evaluate.Ranking;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fits {@code mf} with DJL: shuffled mini-batches of (user, item) pairs through a {@link FactorBlock}. Explicit feedback
 * learns each rating (centred on the mean) by squared error; implicit feedback learns that observed pairs are chosen
 * and sampled unobserved ones are not, by logistic loss. Metrics per epoch: loss (and rmse for ratings), and on the
 * validation table val_loss, and val_rmse or val_ndcg@10.
 */
final class Factorization {

    /** The k of the ranking metric shown while training. */
    private static final int K = 10;

    private final MatrixFactorization p;
    private final Catalog catalog;
    private final boolean explicit;
    /** The training pairs used: all of them, or for ratings those with a rating. */
    private final int[] pairs;
    private final Random random;

    private Factorization(MatrixFactorization p, Catalog catalog, long seed) {
        this.p = p;
        this.catalog = catalog;
        this.explicit = p.feedback() == Feedback.EXPLICIT;
        Catalog.Pairs train = catalog.train;
        this.pairs = Arrays.stream(train.known()).filter(i -> !explicit || !Double.isNaN(train.ratings()[i])).toArray();
        this.random = Seeds.random(seed, "batches");
    }

    static Recommender fit(MatrixFactorization p, Table train, String target, Table val, Run run) throws Exception {
        Catalog.Columns columns = Catalog.Columns.of(p.user(), p.item(), train, target, "mf");
        Column<?> ratings = Tables.column(train, target);
        if (p.feedback() == Feedback.EXPLICIT && !(ratings instanceof NumericColumn<?>)) {
            throw new BadInput("mf --feedback explicit learns ratings, but the target '" + target + "' of '" + train.name() + "' holds "
                    + ratings.type().name().toLowerCase(java.util.Locale.ROOT) + " values (e.g. '" + (ratings.isEmpty() ? "" : ratings.getString(0))
                    + "'). Give a numeric rating column as --target, or use --feedback implicit, which learns only who chose what.");
        }
        Catalog catalog = Catalog.of(train, columns, Popularity.params().shrinkage());
        Catalog.Pairs valPairs = val == null ? null : catalog.pairs(val);
        Factorization f = new Factorization(p, catalog, run.seed());
        if (f.pairs.length == 0) throw new BadInput("'" + train.name() + "' has no row with a user, an item and a rating ('" + target + "') to learn from.");
        return f.run(valPairs, run);
    }

    private Recommender run(Catalog.Pairs val, Run run) throws Exception {
        // a batch of 1,024 lookups is too small to share out among threads: handing it over costs more than it saves,
        // ten times more on a busy machine. PyTorch's setting is for the whole process, so it is put back afterwards.
        Engine.getEngine("PyTorch").setRandomSeed((int) run.seed()); // loads the native library too
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return train(val, run);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private Recommender train(Catalog.Pairs val, Run run) throws Exception {
        FactorBlock block = new FactorBlock(catalog.users.size(), catalog.items.size(), p.factors());
        Loss loss = explicit ? new Tensors.SquaredError() : new SigmoidBinaryCrossEntropyLoss("loss");
        double mean = explicit ? catalog.mean : 0;
        double[][] valExamples = val == null || explicit ? null : examples(val, Seeds.random(run.seed(), "validation negatives"));
        int n = pairs.length * (explicit ? 1 : 1 + p.negatives()), batches = (n + p.batchSize() - 1) / p.batchSize();
        Recommender fitted = null;
        try (ai.djl.Model model = ai.djl.Model.newInstance("mf", "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(DjlLoop.optimizer(p.optimizer(), p.learningRate()));
            run.start("mf", p.epochs(), batches);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1), new Shape(1));
                for (int epoch = 1; epoch <= p.epochs() && !run.shouldStop(); epoch++) {
                    double[][] ex = epoch(mean);
                    double lossSum = 0;
                    int seen = 0;
                    for (int b = 0; b < batches; b++) {
                        int from = b * p.batchSize(), to = Math.min(n, from + p.batchSize());
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray u = m.create(longs(ex[0], from, to)), i = m.create(longs(ex[1], from, to));
                            NDArray y = m.create(floats(ex[2], from, to));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList out = trainer.forward(new NDList(u, i));
                                NDArray l = loss.evaluate(new NDList(y), new NDList(out.get(0)));
                                gc.backward(l.add(out.get(1).mean().mul(Tensors.scalar(m, p.weightDecay()))));
                                lossSum += l.getFloat() * (to - from);
                            }
                            trainer.step();
                        }
                        seen = to;
                        run.batch(epoch, b + 1, batches);
                        if (run.shouldStop()) break;
                    }
                    fitted = recommender(block, mean);
                    if (seen < n) break; // an interrupted epoch is not recorded: its metrics would be of part of the data
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    metrics.put("loss", lossSum / n);
                    if (explicit) metrics.put("rmse", Math.sqrt(lossSum / n));
                    if (val != null) metrics.putAll(validation(fitted, val, valExamples));
                    run.epoch(epoch, metrics);
                }
            }
        }
        return run.history().epochs() == 0 ? null : fitted;
    }

    /** What training learned, copied out of the network into plain arrays (scoring every item for a user is then quick). */
    private Recommender recommender(FactorBlock block, double mean) {
        Recommender.Factors factors = new Recommender.Factors(p.factors(), block.values("users"), block.values("items"),
                block.values("userBias"), block.values("itemBias"), mean, explicit);
        return new Recommender("mf", p, catalog, factors);
    }

    /**
     * One epoch's examples, shuffled: user positions, item positions and targets. Explicit: each rating less the mean.
     * Implicit: each observed pair as 1, with {@code negatives} items the user did not choose, drawn afresh, as 0.
     */
    private double[][] epoch(double mean) {
        int perPair = explicit ? 1 : 1 + p.negatives(), n = pairs.length * perPair;
        double[] u = new double[n], i = new double[n], y = new double[n];
        Catalog.Pairs train = catalog.train;
        for (int k = 0; k < pairs.length; k++) {
            int pair = pairs[k], user = train.users()[pair];
            for (int j = 0; j < perPair; j++) {
                int at = k * perPair + j;
                u[at] = user;
                i[at] = j == 0 ? train.items()[pair] : unchosen(user, random);
                y[at] = explicit ? train.ratings()[pair] - mean : j == 0 ? 1 : 0;
            }
        }
        for (int a = n - 1; a > 0; a--) {
            int b = random.nextInt(a + 1);
            swap(u, a, b);
            swap(i, a, b);
            swap(y, a, b);
        }
        return new double[][]{u, i, y};
    }

    /** An item drawn at random that {@code user} did not choose in training (after a few tries, any item). */
    private int unchosen(int user, Random random) {
        int item = random.nextInt(catalog.items.size());
        for (int tries = 0; tries < 10 && catalog.saw(user, item); tries++) item = random.nextInt(catalog.items.size());
        return item;
    }

    /** Implicit feedback's validation examples, drawn once: the known pairs of {@code val} as 1, with sampled unchosen items as 0. */
    private double[][] examples(Catalog.Pairs val, Random random) {
        int[] known = val.known();
        int perPair = 1 + p.negatives(), n = known.length * perPair;
        double[][] ex = new double[3][n];
        for (int k = 0; k < known.length; k++) {
            int user = val.users()[known[k]];
            for (int j = 0; j < perPair; j++) {
                ex[0][k * perPair + j] = user;
                ex[1][k * perPair + j] = j == 0 ? val.items()[known[k]] : unchosen(user, random);
                ex[2][k * perPair + j] = j == 0 ? 1 : 0;
            }
        }
        return ex;
    }

    /** val_loss (as the training loss, without weight decay), and val_rmse for ratings or val_ndcg@10 for choices. */
    private Map<String, Double> validation(Recommender model, Catalog.Pairs val, double[][] examples) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (explicit) {
            double se = 0;
            int n = 0;
            for (int k = 0; k < val.size(); k++) {
                if (Double.isNaN(val.ratings()[k]) || val.names()[k] == null) continue;
                double e = model.predict(val.users()[k], val.items()[k]) - val.ratings()[k];
                se += e * e;
                n++;
            }
            if (n > 0) {
                m.put("val_loss", se / n);
                m.put("val_rmse", Math.sqrt(se / n));
            }
            return m;
        }
        if (examples[0].length > 0) {
            double sum = 0;
            for (int k = 0; k < examples[0].length; k++) {
                double x = model.predict((int) examples[0][k], (int) examples[1][k]);
                sum += Math.max(x, 0) - x * examples[2][k] + Math.log1p(Math.exp(-Math.abs(x))); // logistic loss of a logit
            }
            m.put("val_loss", sum / examples[0].length);
        }
        Ranking r = model.rank(val, K);
        if (r.users() > 0) m.put("val_ndcg@" + K, r.scores().ndcg(K));
        return m;
    }

    private static long[] longs(double[] v, int from, int to) {
        return IntStream.range(from, to).mapToLong(k -> (long) v[k]).toArray();
    }

    private static float[] floats(double[] v, int from, int to) {
        float[] out = new float[to - from];
        for (int k = from; k < to; k++) out[k - from] = (float) v[k];
        return out;
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }
}
