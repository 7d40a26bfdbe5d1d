package org.jtrain.train;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk, behind {@code %export} and {@code %import}: the model file, and beside it a JSON sidecar
 * ({@code PATH.json}) with the feature schema, a network's input scaling or vocabulary, hyperparameters, metrics, seed,
 * library versions and a hash of the training data. Preprocessing fitted by {@code %data clean} is not part of the model.
 *
 * <p>A Smile model is a Java-serialized {@link Predictor}. Reading one back could run code hidden in a crafted file
 * (Java deserialization "gadgets"), so it is read through an {@link ObjectInputFilter} that allows only the classes a
 * Smile model is made of and refuses the whole file at the first other class. A network's file holds only its
 * weights, in DJL's parameter format, which is data: the network is rebuilt from the sidecar.
 */
public final class ModelFiles {

    static final String FORMAT = "jtrain-model/1";

    /**
     * The classes a Smile model's file may hold. Arrays are checked by their element type. Anything else, e.g. the
     * java.net.URL of the well-known URLDNS payload, fails the file.
     */
    static final String ALLOWED = String.join(";",
            "maxdepth=200", "maxrefs=20000000", "maxbytes=4000000000", "maxarray=500000000",
            "org.jtrain.train.SmileModels", "org.jtrain.train.SmileModels$$Lambda*", "org.jtrain.train.Task", "java.lang.invoke.SerializedLambda",
            "java.lang.Object", "java.lang.String", "java.lang.Enum", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
            "java.util.ArrayList", "java.util.Arrays$ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.Map$Entry", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.BitSet",
            "java.util.CollSer", "java.util.ImmutableCollections$*", "java.util.Collections$Unmodifiable*",
            "java.util.Collections$Empty*", "java.util.Collections$Singleton*",
            "smile.**", "!*");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ModelFiles() {
    }

    /** Where a model was written: the model file and its sidecar. */
    public record Written(Path model, Path sidecar, long bytes) {
    }

    /** The sidecar of a model file: PATH.json. */
    public static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /** Writes {@code model} to {@code path} and its sidecar, each atomically (a temporary file, then a rename). */
    public static Written write(Model model, Path path) throws IOException {
        byte[] bytes = switch (model) {
            case SmileModel m -> serialize(m.predictor());
            case DjlModel m -> weights(m);
            default -> throw new BadInput("'" + model.kind() + "' is not a model jtrain can export.");
        };
        Map<String, Object> meta = metadata(model);
        meta.put("model_file", Map.of("name", path.getFileName().toString(), "sha256", sha256(bytes), "bytes", bytes.length));
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        atomically(path, bytes);
        Path sidecar = sidecar(path);
        atomically(sidecar, (GSON.toJson(meta) + "\n").getBytes(StandardCharsets.UTF_8));
        return new Written(path, sidecar, bytes.length);
    }

    /** Reads a model written by {@link #write}, refusing anything but a jtrain model. */
    public static Model read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new BadInput("No model file at '" + path.toAbsolutePath() + "'.");
        Path sidecar = sidecar(path);
        if (!Files.isRegularFile(sidecar)) {
            throw new BadInput("'" + path + "' has no sidecar '" + sidecar.getFileName() + "' beside it; %export writes both, and both are needed.");
        }
        JsonObject meta;
        try {
            meta = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadInput("'" + sidecar + "' is not a jtrain model sidecar (not a JSON object).");
        }
        if (!FORMAT.equals(string(meta, "format"))) {
            throw new BadInput("'" + sidecar + "' is not a " + FORMAT + " sidecar; its format is " + meta.get("format") + ".");
        }
        byte[] bytes = Files.readAllBytes(path);
        String expected = string(meta.getAsJsonObject("model_file"), "sha256");
        if (!sha256(bytes).equals(expected)) {
            throw new BadInput("'" + path + "' does not match its sidecar (SHA-256 " + sha256(bytes).substring(0, 12) + "…, the sidecar says "
                    + expected.substring(0, Math.min(12, expected.length())) + "…): it was changed after export, or belongs to another sidecar.");
        }
        String kind = string(meta, "kind");
        Task task = Task.valueOf(string(meta, "task"));
        List<String> features = strings(meta, "features"), classes = strings(meta, "classes");
        String target = string(meta, "target");
        Map<String, String> options = GSON.fromJson(meta.get("params"), new TypeToken<Map<String, String>>() { }.getType());
        return switch (string(meta, "engine")) {
            case "smile" -> {
                Record params = paramsOf(kind, options, SmileModels.CustomParams.class);
                double[] importance = meta.has("importance") && !meta.get("importance").isJsonNull()
                        ? GSON.fromJson(meta.get("importance"), double[].class) : null;
                yield new SmileModel(kind, task, params, features, target, classes, deserialize(bytes, path), importance);
            }
            case "djl" -> network(kind, task, options, features, target, classes, meta.getAsJsonObject("network"), bytes);
            default -> throw new BadInput("'" + sidecar + "' names an unknown engine " + meta.get("engine") + "; jtrain reads smile and djl.");
        };
    }

    /** Everything about the model but its weights, for the sidecar. */
    static Map<String, Object> metadata(Model model) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("kind", model.kind());
        meta.put("engine", model instanceof DjlModel ? "djl" : "smile");
        meta.put("task", model.task().name());
        meta.put("target", model.target());
        meta.put("features", model.features());
        meta.put("classes", model.classes());
        meta.put("params", Params.options(model.params()));
        model.importance().ifPresent(v -> meta.put("importance", v));
        if (model instanceof DjlModel m) {
            Map<String, Object> net = new LinkedHashMap<>();
            net.put("input_shape", m.example().getShape());
            net.put("scaling", Map.of("shift", m.scaling().shift(), "scale", m.scaling().scale()));
            if (m.output() != null) net.put("target_scaling", Map.of("shift", m.output().shift(), "scale", m.output().scale()));
            net.put("encoder", m.encoder() instanceof TextFeatures t
                    ? Map.of("type", "bag-of-words", "columns", t.columns(), "vocabulary", t.vocabulary())
                    : Map.of("type", "columns"));
            meta.put("network", net);
        }
        Training.provenance(model).ifPresent(p -> {
            Map<String, Object> trained = new LinkedHashMap<>();
            trained.put("table", p.table());
            trained.put("rows", p.rows());
            trained.put("data_hash", "fnv1a64:" + p.dataHash());
            trained.put("seed", p.seed());
            trained.put("ended", p.history().ended());
            trained.put("at", p.trained().toString());
            meta.put("training", trained);
            meta.put("metrics", p.history().epochs() == 0 ? Map.of() : p.history().last());
        });
        meta.put("versions", versions());
        return meta;
    }

    /** The versions of Java and of the libraries a model depends on, from their jars (read once: they cannot change). */
    public static Map<String, String> versions() {
        return Versions.ALL;
    }

    private static final class Versions {
        static final Map<String, String> ALL = read();
    }

    private static Map<String, String> read() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", System.getProperty("java.version"));
        v.put("smile", version(smile.classification.RandomForest.class, "com.github.haifengl", "smile-core"));
        v.put("djl", version(ai.djl.Model.class, "ai.djl", "api"));
        v.put("djl-pytorch", version(ai.djl.pytorch.engine.PtEngine.class, "ai.djl.pytorch", "pytorch-engine"));
        v.put("tablesaw", version(tech.tablesaw.api.Table.class, "tech.tablesaw", "tablesaw-core"));
        return java.util.Collections.unmodifiableMap(v);
    }

    /**
     * A library's version: from its Maven metadata (kept inside a shaded jar too), else from its jar's name
     * (artifact-VERSION.jar), else from the manifest of a jar named after it.
     */
    private static String version(Class<?> c, String group, String artifact) {
        try (var in = c.getClassLoader().getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                if (p.getProperty("version") != null) return p.getProperty("version");
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the jar's name
        }
        var source = c.getProtectionDomain().getCodeSource();
        String jar = source == null ? "" : source.getLocation().getPath();
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(artifact) + "-([0-9][^/]*)\\.jar$").matcher(jar);
        if (m.find()) return m.group(1);
        Package p = c.getPackage();
        String v = p.getImplementationVersion() != null ? p.getImplementationVersion() : p.getSpecificationVersion();
        return v != null && jar.contains(artifact) ? v : "unknown";
    }

    private static byte[] serialize(Predictor p) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(p);
        } catch (java.io.NotSerializableException e) {
            throw new BadInput("This model holds a " + e.getMessage() + ", which cannot be written to a file. Models trained by name "
                    + "(%train forest, ...) can; a custom Smile fit can when its model is a Smile class.");
        }
        return buf.toByteArray();
    }

    /** Reads a Smile predictor, allowing only {@link #ALLOWED} classes: a crafted file is refused before any of its code runs. */
    static Predictor deserialize(byte[] bytes, Path path) throws IOException {
        ObjectInputFilter allowed = ObjectInputFilter.Config.createFilter(ALLOWED);
        String[] refused = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status s = allowed.checkInput(info);
                if (s == ObjectInputFilter.Status.REJECTED && refused[0] == null) {
                    refused[0] = info.serialClass() != null ? info.serialClass().getName() : "a structure beyond the file's limits";
                }
                return s;
            });
            Object o = in.readObject();
            if (o instanceof Predictor p) return p;
            throw new BadInput("'" + path + "' holds a " + (o == null ? "null" : o.getClass().getName()) + ", not a jtrain model.");
        } catch (InvalidClassException e) {
            throw new BadInput("Refused to load '" + path + "': it holds " + (refused[0] != null ? "a " + refused[0] : "a class")
                    + ", which a jtrain model never contains. Loading it could run code hidden in the file, so nothing was loaded.");
        } catch (ClassNotFoundException | java.io.StreamCorruptedException | java.io.OptionalDataException | ClassCastException e) {
            throw new BadInput("'" + path + "' is not a jtrain model file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
    }

    private static byte[] weights(DjlModel m) throws IOException {
        if (!List.of("mlp", "cnn", "text").contains(m.kind())) {
            throw new BadInput("'" + m.kind() + "' is a network written in a cell; its architecture is code, which a model file does not "
                    + "carry. Save its weights with block.saveParameters(...) and rebuild it in code, or train mlp, cnn or text.");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        m.network().getBlock().saveParameters(new DataOutputStream(buf));
        return buf.toByteArray();
    }

    private static Model network(String kind, Task task, Map<String, String> options, List<String> features, String target,
                                 List<String> classes, JsonObject net, byte[] weights) throws IOException {
        Record params = paramsOf(kind, options, null);
        long[] dims = GSON.fromJson(net.get("input_shape"), long[].class);
        Shape example = new Shape(dims);
        JsonObject scaling = net.getAsJsonObject("scaling");
        Networks.Scaling scale = new Networks.Scaling(GSON.fromJson(scaling.get("shift"), double[].class), GSON.fromJson(scaling.get("scale"), double[].class));
        // absent from files of networks that learned their target unscaled
        JsonObject targetScaling = net.getAsJsonObject("target_scaling");
        Networks.Scaling output = targetScaling == null ? null : new Networks.Scaling(
                GSON.fromJson(targetScaling.get("shift"), double[].class), GSON.fromJson(targetScaling.get("scale"), double[].class));
        JsonObject enc = net.getAsJsonObject("encoder");
        Data.Encoder encoder = "bag-of-words".equals(string(enc, "type"))
                ? new TextFeatures(strings(enc, "columns"), strings(enc, "vocabulary")) : new Data.Columns(features);
        Block block = Networks.block(params, task == Task.CLASSIFICATION ? classes.size() : 1);
        ai.djl.Model model = ai.djl.Model.newInstance(kind, "PyTorch");
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(example));
        try {
            block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(weights)));
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new BadInput("The weights in the model file do not fit a " + kind + " with " + Params.toString(params) + ": " + e.getMessage());
        }
        return new DjlModel(kind, task, params, features, target, classes, model, example, scale, output, encoder);
    }

    private static Record paramsOf(String kind, Map<String, String> options, Class<? extends Record> custom) {
        var spec = Models.find(kind);
        if (spec.isPresent()) return Params.create(spec.get().params(), options == null ? Map.of() : options);
        if (custom != null) return Params.create(custom, Map.of());
        throw new BadInput("The sidecar names a model '" + kind + "' that jtrain does not know. Models: "
                + String.join(", ", Models.all().stream().map(ModelSpec::name).toList()) + ".");
    }

    private static void atomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || !e.isJsonPrimitive()) throw new BadInput("The model sidecar lacks '" + key + "'; it was not written by %export.");
        return e.getAsString();
    }

    private static List<String> strings(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) throw new BadInput("The model sidecar lacks the list '" + key + "'; it was not written by %export.");
        return List.copyOf(GSON.<List<String>>fromJson(e, new TypeToken<List<String>>() { }.getType()));
    }
}
