package org.jtrain.train.models;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;
import org.jtrain.train.Model;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * The classes a Smile model's file may hold. Arrays are checked by their element type. Anything else, e.g. the
     * java.net.URL of the well-known URLDNS payload, fails the file.
     */
    static final String ALLOWED = String.join(";",
            "maxdepth=200", "maxrefs=20000000", "maxbytes=4000000000", "maxarray=500000000",
            "org.jtrain.train.models.SmileModels", "org.jtrain.train.models.SmileModels$$Lambda*", "org.jtrain.train.Task",
            "java.lang.invoke.SerializedLambda",
            "java.lang.Object", "java.lang.String", "java.lang.Enum", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
            "java.util.ArrayList", "java.util.Arrays$ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.Map$Entry", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.BitSet",
            "java.util.CollSer", "java.util.ImmutableCollections$*", "java.util.Collections$Unmodifiable*",
            "java.util.Collections$Empty*", "java.util.Collections$Singleton*",
            "smile.**", "!*");

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
            case DjlModel m -> "djl";
            default -> throw new BadInput("'" + model.kind() + "' is not a model jtrain can export.");
        };
    }

    /** The model's weights: a Smile model's serialized predictor, or a network's parameters. */
    public static byte[] weights(Model model) throws IOException {
        return switch (model) {
            case SmileModel m -> serialize(m.predictor());
            case DjlModel m -> parameters(m);
            default -> throw new BadInput("'" + model.kind() + "' is not a model jtrain can export.");
        };
    }

    /** What rebuilding a network needs besides its weights: input shape, input and target scaling, encoder. Null for Smile. */
    public static Map<String, Object> network(Model model) {
        if (!(model instanceof DjlModel m)) return null;
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("input_shape", m.example().getShape());
        net.put("scaling", Map.of("shift", m.scaling().shift(), "scale", m.scaling().scale()));
        if (m.output() != null) net.put("target_scaling", Map.of("shift", m.output().shift(), "scale", m.output().scale()));
        net.put("encoder", m.encoder() instanceof TextFeatures t
                ? Map.of("type", "bag-of-words", "columns", t.columns(), "vocabulary", t.vocabulary())
                : Map.of("type", "columns"));
        return net;
    }

    /** The model that {@code facts} describe, with {@code bytes} as its weights; {@code path} names the file in messages. */
    public static Model read(Facts facts, byte[] bytes, Path path) throws IOException {
        return switch (facts.engine()) {
            case "smile" -> new SmileModel(facts.kind(), facts.task(), params(facts, SmileFit.of(facts.kind(), null)), facts.features(),
                    facts.target(), facts.classes(), deserialize(bytes, path), facts.importance(), facts.provenance());
            case "djl" -> network(facts, bytes);
            default -> throw new BadInput("'" + path + "' names an unknown engine '" + facts.engine() + "'; jtrain reads smile and djl.");
        };
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

    private static byte[] parameters(DjlModel m) throws IOException {
        if (!List.of("mlp", "cnn", "text").contains(m.kind())) {
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
        if (net == null) throw new BadInput("The model sidecar lacks 'network'; it was not written by %export.");
        Shape example = new Shape(GSON.fromJson(net.get("input_shape"), long[].class));
        Networks.Scaling scale = scaling(net.getAsJsonObject("scaling"));
        // absent from files of networks that learned their target unscaled
        Networks.Scaling output = net.has("target_scaling") ? scaling(net.getAsJsonObject("target_scaling")) : null;
        JsonObject enc = net.getAsJsonObject("encoder");
        Encoded.Encoder encoder = enc != null && enc.has("type") && "bag-of-words".equals(enc.get("type").getAsString())
                ? new TextFeatures(strings(enc, "columns"), strings(enc, "vocabulary")) : new Encoded.Columns(facts.features());
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
        throw new BadInput("The sidecar names a model '" + facts.kind() + "' that jtrain does not know. Models: "
                + String.join(", ", Models.all().stream().map(ModelSpec::name).toList()) + ".");
    }

    private static Networks.Scaling scaling(JsonObject o) {
        if (o == null) throw new BadInput("The model sidecar lacks a network's scaling; it was not written by %export.");
        return new Networks.Scaling(GSON.fromJson(o.get("shift"), double[].class), GSON.fromJson(o.get("scale"), double[].class));
    }

    private static List<String> strings(JsonObject o, String key) {
        if (!o.has(key) || !o.get(key).isJsonArray()) throw new BadInput("The model sidecar lacks the list '" + key + "'; it was not written by %export.");
        return List.copyOf(o.getAsJsonArray(key).asList().stream().map(e -> e.getAsString()).toList());
    }
}
