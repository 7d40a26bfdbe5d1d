package org.jtrain.train.models;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's own part of its file: its weights as bytes, and how to rebuild it from them and the facts its sidecar
 * keeps. The file format itself (sidecar, hash, atomic writes) is {@code org.jtrain.train.files.ModelFiles}'s.
 *
 * <p>A Smile model is a Java-serialized {@link Predictor}. Reading one back could run code hidden in a crafted file
 * (Java deserialization "gadgets"), so it is read through an {@link ObjectInputFilter} that allows only the classes a
 * Smile model is made of and refuses the whole file at the first other class. A network's file holds only its
 * weights, in DJL's parameter format, which is data: the network is rebuilt from the sidecar.
 */
public final class ModelBytes {

    /**
     * The classes a Smile model is made of, besides Smile's own ({@code smile.*}), jtrain's lambdas and arrays of any of
     * them. Anything else, e.g. the java.net.URL of the well-known URLDNS payload or a HashSet, fails the file.
     */
    private static final Set<String> ALLOWED = Set.of(
            "org.jtrain.train.models.SmileModels", "org.jtrain.train.models.KnnIndex", "org.jtrain.train.models.SoftmaxRegression",
            "org.jtrain.train.Task", "java.lang.invoke.SerializedLambda",
            "java.lang.Object", "java.lang.String", "java.lang.Enum", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
            "java.util.ArrayList", "java.util.Arrays$ArrayList", "java.util.HashMap", "java.util.Map$Entry", "java.util.CollSer",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12");

    /**
     * Maps and sets hash their elements as they are read: a few dozen nested ones make reading take forever (the
     * "SerialDoS" shape). A Smile model holds one or two; a file with more is refused.
     */
    static final int MAX_HASHING = 16;
    static final int MAX_DEPTH = 1000;
    static final long MAX_REFERENCES = 20_000_000;
    static final long MAX_ARRAY = 500_000_000;

    private static final Gson GSON = new Gson();

    private ModelBytes() {
    }

    /**
     * What a sidecar says about a model, besides its weights.
     *
     * @param network a network's input shape, scalings and encoder (see {@link #network}); null for a Smile model
     */
    public record Facts(String engine, String kind, Task task, Map<String, String> params, List<String> features, String target,
                        List<String> classes, double[] importance, JsonObject network, Provenance provenance) {
    }

    /** "smile" or "djl"; a model of another kind cannot be written. */
    public static String engine(Model model) {
        return switch (model) {
            case SmileModel m -> "smile";
            case DjlModel m when m.encoder() instanceof WordTokens -> throw new BadInput("A transformer cannot be exported yet: its file "
                    + "would need its own blocks and word list. Export the bag-of-words text model instead.");
            case DjlModel m -> "djl";
            case FederatedModel m -> "djl";
            default -> throw new BadInput("'" + model.kind() + "' is not a model jtrain can export.");
        };
    }

    /** The model's weights: a Smile model's serialized predictor, or a network's parameters. */
    public static byte[] weights(Model model) throws IOException {
        return switch (model) {
            case SmileModel m -> serialize(m.predictor());
            case DjlModel m -> parameters(m);
            case FederatedModel m -> parameters(m.network());
            default -> throw new BadInput("'" + model.kind() + "' is not a model jtrain can export.");
        };
    }

    /** What rebuilding a network needs besides its weights: input shape, input and target scaling, encoder. Null for Smile. */
    public static Map<String, Object> network(Model model) {
        if (model instanceof FederatedModel f) model = f.network(); // its file keeps the network, not the communication
        if (!(model instanceof DjlModel m)) return null;
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("input_shape", m.example().getShape());
        net.put("scaling", scaling(m.scaling()));
        if (m.output() != null) net.put("target_scaling", scaling(m.output()));
        Map<String, Object> encoder = new LinkedHashMap<>();
        encoder.put("type", m.encoder() instanceof TextFeatures ? "bag-of-words" : "columns");
        if (m.encoder() instanceof TextFeatures t) {
            encoder.put("columns", t.columns());
            encoder.put("vocabulary", t.vocabulary());
        }
        net.put("encoder", encoder);
        return net;
    }

    private static Map<String, Object> scaling(Networks.Scaling s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shift", s.shift());
        out.put("scale", s.scale());
        return out;
    }

    /** The model that {@code facts} describe, with {@code bytes} as its weights; {@code path} names the file in messages. */
    public static Model read(Facts facts, byte[] bytes, Path path) throws IOException {
        boolean classes = facts.task() == Task.CLASSIFICATION ? facts.classes().size() >= 2 : facts.classes().isEmpty();
        if (!classes || facts.features().isEmpty() || Set.copyOf(facts.features()).size() < facts.features().size()
                || Set.copyOf(facts.classes()).size() < facts.classes().size()) {
            throw new BadInput("'" + path + "' describes " + facts.features().size() + " features and the classes " + facts.classes()
                    + " for " + facts.task().name().toLowerCase() + ", which no trained model has; it was not written by %export.");
        }
        return switch (facts.engine()) {
            case "smile" -> probed(new SmileModel(facts.kind(), facts.task(), params(facts, SmileFit.of(facts.kind(), null)), facts.features(),
                    facts.target(), facts.classes(), deserialize(bytes, path), facts.importance(), facts.provenance()), path);
            case "djl" -> network(facts, bytes);
            default -> throw new BadInput("'" + path + "' names an unknown engine '" + facts.engine() + "'; jtrain reads smile and djl.");
        };
    }

    /**
     * The model, once it answered one row of zeros as its description says it would: a label among its classes, one
     * probability for each, or one number. A description made to disagree with the weights fails here, not in a later cell.
     */
    private static Model probed(Model m, Path path) {
        Table zeros = Table.create("probe");
        for (String f : m.features()) zeros.addColumns(DoubleColumn.create(f, new double[]{0}));
        try {
            Prediction p = m.predict(zeros);
            boolean fits = m.task() == Task.CLASSIFICATION
                    ? p.labels() != null && p.labels()[0] >= 0 && p.labels()[0] < m.classes().size()
                        && (p.probabilities() == null || p.probabilities()[0].length == m.classes().size())
                    : p.values() != null && p.values().length == 1;
            if (fits) return m;
        } catch (RuntimeException e) {
            // said below
        }
        throw new BadInput("'" + path + "' holds a " + m.kind() + " whose predictions do not fit its description (" + m.features().size()
                + " features, " + (m.classes().isEmpty() ? "a number" : m.classes().size() + " classes") + "); it was not written by %export.");
    }

    private static byte[] serialize(Predictor p) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(p);
        } catch (NotSerializableException e) {
            throw new BadInput("This model holds a " + e.getMessage() + ", which cannot be written to a file. Models trained by name "
                    + "(%train forest, ...) can; a custom Smile fit can when its model is a Smile class.");
        }
        return buf.toByteArray();
    }

    /**
     * Reads a Smile predictor through {@link #filter}: a crafted file is refused before any of its code runs, and one
     * shaped to take forever is refused before it does.
     */
    static Predictor deserialize(byte[] bytes, Path path) throws IOException {
        // on a thread of its own, so that an interrupt answers at once; what is left of a large model's reading is dropped
        var read = new java.util.concurrent.CompletableFuture<Predictor>();
        Thread.ofPlatform().daemon().name("jtrain-model-read").start(() -> {
            try {
                read.complete(readPredictor(bytes, path));
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        });
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("reading '" + path + "' was interrupted; nothing was loaded");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Predictor readPredictor(byte[] bytes, Path path) throws IOException {
        String[] refused = new String[1];
        try (ObjectInputStream in = new CountingInput(new ByteArrayInputStream(bytes), refused)) {
            in.setObjectInputFilter(filter(bytes.length, refused));
            Object o = in.readObject();
            if (o instanceof Predictor p) return p;
            throw new BadInput("'" + path + "' holds a " + (o == null ? "null" : o.getClass().getName()) + ", not a jtrain model.");
        } catch (InvalidClassException | java.io.InvalidObjectException e) {
            throw new BadInput("Refused to load '" + path + "': it holds " + (refused[0] != null ? refused[0] : "a class")
                    + ", which a jtrain model never contains. Loading it could run code hidden in the file, or never end, so nothing was loaded.");
        } catch (ClassNotFoundException | java.io.StreamCorruptedException | java.io.OptionalDataException | ClassCastException
                 | java.io.EOFException e) {
            throw new BadInput("'" + path + "' is not a jtrain model file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
    }

    /**
     * Admits the classes of {@link #ALLOWED} and Smile's, in a graph no deeper, wider or larger than a model's; notes in
     * {@code refused[0]} what it refused first. It sees each class once, so counting maps is {@link CountingInput}'s.
     */
    static ObjectInputFilter filter(long bytes, String[] refused) {
        return info -> {
            String why = null;
            Class<?> c = info.serialClass();
            if (info.depth() > MAX_DEPTH) why = "objects nested more than " + MAX_DEPTH + " deep";
            else if (info.references() > MAX_REFERENCES) why = "more than " + MAX_REFERENCES + " objects";
            else if (info.arrayLength() > MAX_ARRAY) why = "an array of " + info.arrayLength() + " items";
            else if (info.streamBytes() > bytes) why = "more bytes than the file has";
            else if (c != null) {
                Class<?> element = c;
                while (element.isArray()) element = element.getComponentType();
                if (!element.isPrimitive() && !allowed(element.getName())) why = "a " + c.getName();
            }
            if (why == null) return c == null ? ObjectInputFilter.Status.UNDECIDED : ObjectInputFilter.Status.ALLOWED;
            if (refused[0] == null) refused[0] = why;
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    /**
     * Counts the maps and sets as each is read whole. Nested ones hash each other at every level above, so refusing the
     * {@link #MAX_HASHING}th, which is read before those above it, stops a file shaped to take forever early.
     */
    private static final class CountingInput extends ObjectInputStream {
        private final String[] refused;
        private int hashing;

        CountingInput(java.io.InputStream in, String[] refused) throws IOException {
            super(in);
            this.refused = refused;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object o) throws IOException {
            if ((o instanceof Map<?, ?> || o instanceof Set<?>) && ++hashing > MAX_HASHING) {
                if (refused[0] == null) refused[0] = "more than " + MAX_HASHING + " maps and sets";
                throw new java.io.InvalidObjectException(refused[0]);
            }
            return o;
        }
    }

    private static boolean allowed(String className) {
        return className.startsWith("smile.") || ALLOWED.contains(className)
                || className.startsWith("org.jtrain.train.models.SmileModels$$Lambda"); // the predictors jtrain's fits return
    }

    private static byte[] parameters(DjlModel m) throws IOException {
        if (!List.of("mlp", "cnn", "text", "fedavg").contains(m.kind())) {
            throw new BadInput("'" + m.kind() + "' is a network written in a cell; its architecture is code, which a model file does not "
                    + "carry. Save its weights with block.saveParameters(...) and rebuild it in code, or train mlp, cnn or text.");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        m.network().getBlock().saveParameters(new DataOutputStream(buf));
        return buf.toByteArray();
    }

    private static Model network(Facts facts, byte[] weights) throws IOException {
        Hyperparameters params = params(facts, null);
        JsonObject net = facts.network();
        if (net == null) throw new BadInput("The model file lacks 'network'; it was not written by %export.");
        Shape example;
        Networks.Scaling scale, output;
        Encoded.Encoder encoder;
        try {
            example = new Shape(GSON.fromJson(net.get("input_shape"), long[].class));
            scale = scaling(net.getAsJsonObject("scaling"));
            // absent from files of networks that learned their target unscaled
            output = net.has("target_scaling") ? scaling(net.getAsJsonObject("target_scaling")) : null;
            JsonObject enc = net.getAsJsonObject("encoder");
            encoder = enc != null && enc.has("type") && "bag-of-words".equals(enc.get("type").getAsString())
                    ? new TextFeatures(strings(enc, "columns"), strings(enc, "vocabulary")) : new Encoded.Columns(facts.features());
        } catch (JsonParseException | ClassCastException | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            throw new BadInput("The model file's description of its network is malformed (" + e.getMessage() + "); it was not written by %export.");
        }
        long inputs = encoder instanceof TextFeatures t ? t.vocabulary().size() : facts.features().size();
        boolean fits = example.dimension() > 0 && example.size() == inputs && Arrays.stream(example.getShape()).allMatch(d -> d > 0)
                && scale.shift().length == inputs && scale.scale().length == inputs
                && (output == null || output.shift().length == 1 && output.scale().length == 1);
        if (!fits) {
            throw new BadInput("The model file's network takes input of shape " + example + " with " + scale.shift().length
                    + " scaled columns, but it reads " + inputs + (encoder instanceof TextFeatures ? " words" : " features")
                    + "; it was not written by %export.");
        }
        Block block = Networks.block(params, facts.task() == Task.CLASSIFICATION ? facts.classes().size() : 1);
        ai.djl.Model model = ai.djl.Model.newInstance(facts.kind(), "PyTorch");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(example));
        try {
            block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(weights)));
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new BadInput("The weights in the model file do not fit a " + facts.kind() + " with " + Params.toString(params) + ": " + e.getMessage());
        }
        return new DjlModel(facts.kind(), facts.task(), params, facts.features(), facts.target(), facts.classes(), model, example, scale,
                output, encoder, facts.provenance());
    }

    /** The hyperparameters of a model named in a sidecar, or {@code custom} for one written in a cell (null: refused). */
    private static Hyperparameters params(Facts facts, Hyperparameters custom) {
        var spec = Models.find(facts.kind());
        if (spec.isPresent()) return Models.params(facts.kind(), facts.params() == null ? Map.of() : facts.params());
        if (custom != null) return custom;
        throw new BadInput("The model file names a model '" + facts.kind() + "' that jtrain does not know. Models: "
                + String.join(", ", Models.all().stream().map(ModelSpec::name).toList()) + ".");
    }

    private static Networks.Scaling scaling(JsonObject o) {
        if (o == null) throw new BadInput("The model file lacks a network's scaling; it was not written by %export.");
        double[] shift = GSON.fromJson(o.get("shift"), double[].class), scale = GSON.fromJson(o.get("scale"), double[].class);
        if (shift == null || scale == null) throw new BadInput("The model file lacks a network's scaling; it was not written by %export.");
        return new Networks.Scaling(shift, scale);
    }

    private static List<String> strings(JsonObject o, String key) {
        if (!o.has(key) || !o.get(key).isJsonArray()) throw new BadInput("The model file lacks the list '" + key + "'; it was not written by %export.");
        return List.copyOf(o.getAsJsonArray(key).asList().stream().map(e -> e.getAsString()).toList());
    }
}
