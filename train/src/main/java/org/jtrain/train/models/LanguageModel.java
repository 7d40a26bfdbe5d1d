package org.jtrain.train.models;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Language;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A trained {@code gpt}: a character-level decoder that gives, after any text, the probability of each next character.
 * It {@link #generate writes} text one sampled character at a time, scores text it was not trained on (perplexity, in
 * {@link #evaluate}), and shows what its attention looks at ({@link #attention}).
 */
public final class LanguageModel implements Model, Evaluation.ScoresItself {

    private static final int BATCH = 128;

    private final Gpt params;
    private final String column;
    private final Characters vocabulary;
    private final ai.djl.Model network;
    private final long seed;

    LanguageModel(Gpt params, String column, Characters vocabulary, ai.djl.Model network, long seed) {
        this.params = params;
        this.column = column;
        this.vocabulary = vocabulary;
        this.network = network;
        this.seed = seed;
    }

    /** {@link #generate(String, int, double, int, long)} under the seed the model was trained with. */
    public String generate(String prompt, int tokens, double temperature, int topK) {
        return generate(prompt, tokens, temperature, topK, seed);
    }

    /**
     * The prompt followed by {@code tokens} characters, each drawn from the model's next-character probabilities given
     * the text so far (its last {@code context} characters). Temperature divides the logits: below 1 sharpens the choice
     * toward the likeliest characters, above 1 flattens it, 0 always takes the likeliest. {@code topK} keeps only the k
     * likeliest before drawing; 0 keeps all. The same seed gives the same text. An empty prompt starts a paragraph.
     */
    public String generate(String prompt, int tokens, double temperature, int topK, long seed) {
        if (tokens < 0 || tokens > 100_000) throw new BadInput("tokens must be in [0, 100000]; got " + tokens + ".");
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new BadInput("temperature must be a number ≥ 0 (0 takes the likeliest character, 1 samples as trained); got " + temperature + ".");
        }
        if (topK < 0) throw new BadInput("topK must be ≥ 0 (0 keeps every character); got " + topK + ".");
        int[] given = vocabulary.encodeKnown(prompt.isEmpty() ? "\n" : prompt, "prompt");
        int[] ids = Arrays.copyOf(given, given.length + tokens);
        Random random = Seeds.random(seed, "generate");
        StringBuilder out = new StringBuilder(prompt);
        try (NDManager m = network.getNDManager().newSubManager()) {
            for (int n = given.length; n < ids.length; n++) {
                int from = Math.max(0, n - params.context());
                float[] window = new float[n - from];
                for (int i = from; i < n; i++) window[i - from] = ids[i];
                try (NDManager step = m.newSubManager()) {
                    NDArray logits = forward(step, window, 1, window.length, false).get(0);
                    float[] all = logits.toFloatArray();
                    ids[n] = sample(Arrays.copyOfRange(all, all.length - vocabulary.size(), all.length), temperature, topK, random);
                }
                out.append(vocabulary.decode(ids[n]));
            }
        }
        return out.toString();
    }

    /** Draws a token from logits, after temperature and top-k; the unknown-character id 0 is never drawn. */
    static int sample(float[] logits, double temperature, int topK, Random random) {
        logits[0] = Float.NEGATIVE_INFINITY;
        Integer[] order = new Integer[logits.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        if (temperature == 0 || topK == 1) return order[0];
        int keep = topK == 0 ? logits.length - 1 : Math.min(topK, logits.length - 1);
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) sum += p[i] = Math.exp((logits[order[i]] - logits[order[0]]) / temperature);
        double u = random.nextDouble() * sum;
        for (int i = 0; i < keep; i++) {
            u -= p[i];
            if (u <= 0) return order[i];
        }
        return order[keep - 1];
    }

    /**
     * A heatmap of where one head of one layer (both from 1) looks while reading {@code text}: row i is the character
     * being read, column j a character it may attend to, the cell its weight (each row sums to 1; the causal mask leaves
     * the upper triangle at 0).
     */
    public Figure attention(String text, int layer, int head) {
        if (text.isEmpty() || text.length() > params.context()) {
            throw new BadInput("The text must have 1 to " + params.context() + " characters (the model's context); got " + text.length() + ".");
        }
        if (layer < 1 || layer > params.layers()) throw new BadInput("layer must be in [1, " + params.layers() + "]; got " + layer + ".");
        if (head < 1 || head > params.heads()) throw new BadInput("head must be in [1, " + params.heads() + "]; got " + head + ".");
        int t = text.length();
        double[][] z = new double[t][t];
        try (NDManager m = network.getNDManager().newSubManager()) {
            int[] ids = vocabulary.encodeKnown(text, "text");
            float[] x = new float[t];
            for (int i = 0; i < t; i++) x[i] = ids[i];
            float[] w = forward(m, x, 1, t, true).get(layer).toFloatArray(); // (1, heads, t, t)
            for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) z[i][j] = w[((head - 1) * t + i) * t + j];
        }
        List<String> labels = List.of(Characters.labels(text));
        return Figure.create("attention of layer " + layer + ", head " + head)
                .label(0, "", "attends to", "reading")
                .add(new Trace.Heatmap("weight", z, labels, labels, false));
    }

    private NDList forward(NDManager m, float[] ids, int rows, int length, boolean attention) {
        NDArray x = m.create(ids, new Shape(rows, length));
        PairList<String, Object> asked = attention ? new PairList<>(List.of(TransformerNet.ATTENTION), List.of(true)) : null;
        return network.getBlock().forward(new ParameterStore(m, false), new NDList(x), false, asked);
    }

    /** Perplexity and cross-entropy of the model on the text column of {@code table}, every character predicted once. */
    @Override
    public Language evaluate(Table table, Evaluation.Options options) {
        return score(text(table, column, "gpt"), table.rowCount(), Integer.MAX_VALUE);
    }

    /**
     * Scores a text in windows of {@code context} characters side by side, at most {@code maxWindows} of them spread over
     * the text; each character is predicted from the ones before it in its window.
     */
    Language score(String text, int rows, int maxWindows) {
        int t = params.context(), v = vocabulary.size();
        int[] ids = vocabulary.encode(text);
        int windows = (ids.length - 1) / t;
        if (windows == 0) throw new BadInput("The text is too short to score: " + ids.length + " characters, and the model reads windows of "
                + (t + 1) + ".");
        int used = Math.min(windows, maxWindows);
        double sum = 0;
        double[] byPosition = new double[t];
        for (int from = 0; from < used; from += BATCH) {
            int n = Math.min(BATCH, used - from);
            float[] x = new float[n * t];
            int[] y = new int[n * t];
            for (int w = 0; w < n; w++) {
                int start = (int) ((long) (from + w) * windows / used) * t;
                for (int i = 0; i < t; i++) {
                    x[w * t + i] = ids[start + i];
                    y[w * t + i] = ids[start + i + 1];
                }
            }
            try (NDManager m = network.getNDManager().newSubManager()) {
                float[] logp = forward(m, x, n, t, false).get(0).logSoftmax(2).toFloatArray();
                for (int k = 0; k < n * t; k++) {
                    double loss = -logp[k * v + y[k]];
                    sum += loss;
                    byPosition[k % t] += loss / used;
                }
            }
        }
        return Language.of(rows, (long) used * t, v, sum, byPosition);
    }

    /** The text column of a table as one text, paragraphs (rows) joined by line breaks; missing rows are skipped. */
    static String text(Table table, String column, String model) {
        Column<?> c = Tables.column(table, column);
        if (!c.type().name().equals("STRING") && !c.type().name().equals("TEXT")) {
            List<String> texts = table.columns().stream().filter(x -> x.type().name().equals("STRING") || x.type().name().equals("TEXT"))
                    .map(Column::name).toList();
            throw new BadInput(model + " learns a text column, but '" + column + "' of '" + table.name() + "' holds "
                    + c.type().name().toLowerCase(Locale.ROOT) + ". Text columns: " + (texts.isEmpty() ? "none" : String.join(", ", texts)) + ".",
                    Suggest.closest(column, texts).orElse(null));
        }
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < c.size(); r++) {
            if (c.isMissing(r)) continue;
            if (!s.isEmpty()) s.append('\n');
            s.append(c.getString(r));
        }
        return s.toString();
    }

    /** A language model generates text ({@link #generate}) and is scored with {@link #evaluate}; it predicts no column. */
    @Override
    public Prediction predict(Table table) {
        throw new BadInput("gpt is a language model: it writes text with generate(prompt, tokens, temperature, topK) and is scored with "
                + "%evaluate MODEL on TABLE (perplexity); it predicts no column.");
    }

    @Override
    public String kind() {
        return "gpt";
    }

    @Override
    public Task task() {
        return Task.LANGUAGE;
    }

    @Override
    public Gpt params() {
        return params;
    }

    @Override
    public List<String> features() {
        return List.of(column);
    }

    @Override
    public String target() {
        return column;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public boolean textInput() {
        return true;
    }

    @Override
    public boolean concurrentPredictions() {
        return false;
    }

    /** The characters it knows, in token order from id 1 (id 0 is any other character). */
    public String alphabet() {
        return vocabulary.alphabet();
    }

    @Override
    public String toString() {
        long weights = 0;
        for (ai.djl.nn.Parameter p : network.getBlock().getParameters().values()) weights += p.getArray().size();
        return String.format(Locale.ROOT, "gpt (language, %,d parameters, %d characters of '%s'; %s)", weights, vocabulary.size(), column,
                Params.toString(params));
    }
}
