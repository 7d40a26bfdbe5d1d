package org.jtrain.train.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;
import org.jtrain.train.Versions;
import org.jtrain.train.models.ModelBytes;
import org.jtrain.train.models.Params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk, behind {@code %export} and {@code %import}: the model file, and beside it a JSON sidecar
 * ({@code PATH.json}) with the feature schema, a network's input scaling or vocabulary, hyperparameters, metrics, seed,
 * library versions and a hash of the training data. Preprocessing fitted by {@code %data clean} is not part of the model.
 * How a model becomes bytes, and what may be read back, is {@link ModelBytes}'s.
 */
public final class ModelFiles {

    static final String FORMAT = "jtrain-model/1";

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
        String engine = ModelBytes.engine(model);
        byte[] bytes = ModelBytes.weights(model);
        Map<String, Object> meta = metadata(model, engine);
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
        Map<String, String> options = GSON.fromJson(meta.get("params"), new TypeToken<Map<String, String>>() { }.getType());
        double[] importance = meta.has("importance") && !meta.get("importance").isJsonNull() ? GSON.fromJson(meta.get("importance"), double[].class) : null;
        return ModelBytes.read(new ModelBytes.Facts(string(meta, "engine"), string(meta, "kind"), task(string(meta, "task")), options,
                strings(meta, "features"), string(meta, "target"), strings(meta, "classes"), importance, meta.getAsJsonObject("network"),
                provenance(meta)), bytes, path);
    }

    /** Everything about the model but its weights, for the sidecar. */
    static Map<String, Object> metadata(Model model, String engine) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("kind", model.kind());
        meta.put("engine", engine);
        meta.put("task", model.task().name());
        meta.put("target", model.target());
        meta.put("features", model.features());
        meta.put("classes", model.classes());
        meta.put("params", Params.options(model.params()));
        model.importance().ifPresent(v -> meta.put("importance", v));
        Map<String, Object> network = ModelBytes.network(model);
        if (network != null) meta.put("network", network);
        model.provenance().ifPresent(p -> {
            Map<String, Object> trained = new LinkedHashMap<>();
            trained.put("table", p.table());
            trained.put("rows", p.rows());
            trained.put("data_hash", "fnv1a64:" + p.dataHash());
            trained.put("seed", p.seed());
            trained.put("ended", p.ended());
            trained.put("at", p.trained().toString());
            meta.put("training", trained);
            meta.put("metrics", p.metrics());
        });
        meta.put("versions", Versions.all());
        return meta;
    }

    /** How the model was trained, as its sidecar says; null when it says nothing usable (it was written by hand). */
    private static Provenance provenance(JsonObject meta) {
        JsonObject t = meta.has("training") && meta.get("training").isJsonObject() ? meta.getAsJsonObject("training") : null;
        if (t == null) return null;
        try {
            Map<String, Double> metrics = meta.has("metrics")
                    ? GSON.fromJson(meta.get("metrics"), new TypeToken<Map<String, Double>>() { }.getType()) : Map.of();
            return new Provenance(t.get("table").getAsString(), t.get("rows").getAsInt(), t.get("data_hash").getAsString().replaceFirst("^fnv1a64:", ""),
                    t.get("seed").getAsLong(), t.get("ended").getAsString(), metrics, Instant.parse(t.get("at").getAsString()));
        } catch (RuntimeException e) { // a missing field, a wrong type, an unreadable time: the model is still usable without it
            return null;
        }
    }

    private static Task task(String name) {
        for (Task t : Task.values()) if (t.name().equals(name)) return t;
        throw new BadInput("The model sidecar names the task '" + name + "'; jtrain knows CLASSIFICATION and REGRESSION.");
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
