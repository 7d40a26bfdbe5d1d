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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model on disk, behind {@code %export} and {@code %import}. The model file is one zip holding the model's
 * weights ({@code weights.bin}) and its description ({@code model.json}: the feature schema, a network's input scaling
 * or vocabulary, hyperparameters, metrics, seed, library versions and a hash of the training data), so it is written
 * with one rename and whatever becomes of the rest, a model file is whole or absent. Beside it, {@code PATH.json} is a
 * copy of the description for people and tools, which names the model file's SHA-256: a copy that disagrees with the
 * model file it names was edited, and is refused; one that names another file is left over from an earlier export.
 * Preprocessing fitted by {@code %data clean} is not part of the model. How a model becomes bytes, and what may be
 * read back, is {@link ModelBytes}'s.
 */
public final class ModelFiles {

    static final String FORMAT = "jtrain-model/2";
    static final String DESCRIPTION = "model.json";
    static final String WEIGHTS = "weights.bin";
    /** What a description may weigh; a model's is a few kilobytes, a text network's vocabulary some hundreds. */
    static final int MAX_DESCRIPTION = 16 << 20;
    /** The parts of the description that decide what the model computes: a sidecar must agree with them. */
    static final List<String> FACTS = List.of("format", "kind", "engine", "task", "target", "features", "classes", "params", "network",
            "weights");

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

    /** Writes {@code model} to {@code path} (one rename), then its sidecar; temporary files of earlier, broken writes go. */
    public static Written write(Model model, Path path) throws IOException {
        String engine = ModelBytes.engine(model);
        byte[] weights = ModelBytes.weights(model);
        Map<String, Object> meta = metadata(model, engine);
        meta.put("weights", ordered("sha256", sha256(weights), "bytes", weights.length));
        String description = GSON.toJson(meta) + "\n";
        byte[] container = zip(description, weights);
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        removeLeftovers(path);
        atomically(path, container);
        meta.put("model_file", ordered("name", path.getFileName().toString(), "sha256", sha256(container), "bytes", container.length));
        atomically(sidecar(path), (GSON.toJson(meta) + "\n").getBytes(StandardCharsets.UTF_8));
        return new Written(path, sidecar(path), container.length);
    }

    /** Reads a model written by {@link #write}, refusing anything but a whole jtrain model and a sidecar edited since. */
    public static Model read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new BadInput("No model file at '" + path.toAbsolutePath() + "'.");
        byte[] container = Files.readAllBytes(path);
        if (!isZip(container)) throw notAModel(path);
        if (!sealed(container)) throw new BadInput("'" + path + "' is damaged: its bytes do not match the checksum it ends with. Export the model again.");
        Map<String, byte[]> entries = unzip(container, path);
        if (!entries.containsKey(DESCRIPTION) || !entries.containsKey(WEIGHTS)) {
            throw new BadInput("'" + path + "' is a zip but not a jtrain model file: it lacks " + DESCRIPTION + " or " + WEIGHTS + ".");
        }
        JsonObject meta = parsed(new String(entries.get(DESCRIPTION), StandardCharsets.UTF_8), "'" + path + "' (its " + DESCRIPTION + ")");
        if (!FORMAT.equals(string(meta, "format"))) {
            throw new BadInput("'" + path + "' is not a " + FORMAT + " model file; its format is " + meta.get("format") + ".");
        }
        byte[] weights = entries.get(WEIGHTS);
        if (!sha256(weights).equals(string(objectAt(meta, "weights"), "sha256"))) {
            throw new BadInput("'" + path + "' is damaged: its weights do not match the SHA-256 it records. Export the model again.");
        }
        checkSidecar(path, sha256(container), meta);
        ModelBytes.Facts facts;
        try {
            Map<String, String> options = meta.get("params") instanceof JsonObject p
                    ? GSON.fromJson(p, new TypeToken<Map<String, String>>() { }.getType()) : Map.of();
            double[] importance = meta.get("importance") instanceof com.google.gson.JsonArray a ? GSON.fromJson(a, double[].class) : null;
            facts = new ModelBytes.Facts(string(meta, "engine"), string(meta, "kind"), task(string(meta, "task")), options,
                    strings(meta, "features"), string(meta, "target"), strings(meta, "classes"), importance, objectAt(meta, "network"),
                    provenance(meta));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) { // a value of the wrong kind
            throw new BadInput("'" + path + "' has a description jtrain cannot read (" + e.getMessage() + "); it was not written by %export.");
        }
        return ModelBytes.read(facts, weights, path);
    }

    /** The object at {@code key}, or null when there is none or something else is there. */
    private static JsonObject objectAt(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject v ? v : null;
    }

    /** Whether {@code path}'s sidecar is left over from an earlier export (its model file was replaced after it was written). */
    public static boolean staleSidecar(Path path) throws IOException {
        Path sidecar = sidecar(path);
        if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(path)) return false;
        String named = namedFile(parsed(Files.readString(sidecar), "'" + sidecar + "'"));
        return named != null && !sha256(Files.readAllBytes(path)).equals(named);
    }

    /** The SHA-256 of the model file a sidecar names, or null if it names none. */
    private static String namedFile(JsonObject sidecar) {
        JsonObject file = objectAt(sidecar, "model_file");
        return file != null && file.get("sha256") instanceof com.google.gson.JsonPrimitive sha ? sha.getAsString() : null;
    }

    /** A sidecar that names this model file must say what the file says; one that names another file is stale, not read. */
    private static void checkSidecar(Path path, String containerSha, JsonObject meta) throws IOException {
        Path sidecar = sidecar(path);
        if (!Files.isRegularFile(sidecar)) return;
        JsonObject copy = parsed(Files.readString(sidecar), "'" + sidecar + "'");
        String named = namedFile(copy);
        if (named == null) {
            throw new BadInput("'" + sidecar + "' lacks 'model_file', so it cannot say which model file it describes: it was edited "
                    + "after export. Delete it (the model file holds everything %import needs) or export the model again.");
        }
        if (!containerSha.equals(named)) return;
        for (String fact : FACTS) {
            JsonElement said = copy.get(fact), is = meta.get(fact);
            if (said == null ? is != null : !said.equals(is)) {
                throw new BadInput("'" + sidecar + "' says " + fact + " " + shorten(said) + ", but the model file says " + shorten(is)
                        + ": the sidecar was edited after export. The model file is what the model is: restore the sidecar, delete it "
                        + "or export the model again.");
            }
        }
    }

    /** Everything about the model but its weights, for its description; another engine's model files use it too. */
    public static Map<String, Object> metadata(Model model, String engine) {
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
            meta.put("training", ordered("table", p.table(), "rows", p.rows(), "data_hash", p.dataHash().matches("[0-9a-f]+") ? "fnv1a64:" + p.dataHash() : p.dataHash(), "seed", p.seed(),
                    "ended", p.ended(), "at", p.trained().toString()));
            meta.put("metrics", p.metrics());
        });
        meta.put("versions", Versions.all());
        return meta;
    }

    /** How the model was trained, as its description says; null when it says nothing usable. */
    public static Provenance provenance(JsonObject meta) {
        JsonObject t = objectAt(meta, "training");
        if (t == null) return null;
        try {
            Map<String, Double> metrics = meta.has("metrics")
                    ? GSON.fromJson(meta.get("metrics"), new TypeToken<LinkedHashMap<String, Double>>() { }.getType()) : Map.of();
            return new Provenance(t.get("table").getAsString(), t.get("rows").getAsInt(), t.get("data_hash").getAsString().replaceFirst("^fnv1a64:", ""),
                    t.get("seed").getAsLong(), t.get("ended").getAsString(), metrics, Instant.parse(t.get("at").getAsString()));
        } catch (RuntimeException e) { // a missing field, a wrong type, an unreadable time: the model is still usable without it
            return null;
        }
    }

    /**
     * The model file: a zip of the description and the weights, whose comment, the file's last 64 bytes, is the SHA-256
     * of all the bytes before it. A byte changed anywhere in the file is then noticed, not only in an entry's data.
     */
    private static byte[] zip(String description, byte[] weights) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(weights.length + description.length() + 1024);
        try (ZipOutputStream out = new ZipOutputStream(buf)) {
            out.setComment("0".repeat(SEAL));
            out.putNextEntry(new ZipEntry(DESCRIPTION));
            out.write(description.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(WEIGHTS));
            out.write(weights);
            out.closeEntry();
        }
        byte[] zip = buf.toByteArray();
        byte[] seal = sha256(java.util.Arrays.copyOf(zip, zip.length - SEAL)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(seal, 0, zip, zip.length - SEAL, SEAL);
        return zip;
    }

    private static final int SEAL = 64;

    /** Whether the file's last 64 bytes are the SHA-256 of the bytes before them, as {@link #zip} wrote them. */
    private static boolean sealed(byte[] file) {
        if (file.length <= SEAL) return false;
        String seal = new String(file, file.length - SEAL, SEAL, StandardCharsets.US_ASCII);
        return seal.equals(sha256(java.util.Arrays.copyOf(file, file.length - SEAL)));
    }

    /** The entries of a model file, each checked against its CRC, none larger than the file allows. */
    private static Map<String, byte[]> unzip(byte[] container, Path path) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(container))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                long limit = e.getName().equals(DESCRIPTION) ? MAX_DESCRIPTION : container.length * 20L + (1 << 20); // no zip bomb
                byte[] bytes = readAtMost(in, limit);
                if (bytes == null) throw new BadInput("'" + path + "' is not a jtrain model file: its entry " + e.getName() + " unpacks to more than " + limit + " bytes.");
                if (!out.containsKey(e.getName())) out.put(e.getName(), bytes);
            }
        } catch (ZipException e) {
            throw new BadInput("'" + path + "' is damaged: " + e.getMessage() + ". Export the model again.");
        } catch (IOException e) {
            throw new BadInput("'" + path + "' is damaged: " + e.getMessage() + ". Export the model again.");
        }
        return out;
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) > 0; ) {
            buf.write(chunk, 0, n);
            if (buf.size() > limit) return null;
        }
        return buf.toByteArray();
    }

    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static BadInput notAModel(Path path) throws IOException {
        Path sidecar = sidecar(path);
        if (Files.isRegularFile(sidecar) && Files.readString(sidecar).contains("\"jtrain-model/1\"")) {
            return new BadInput("'" + path + "' was written by an earlier jtrain (jtrain-model/1), in two files that could disagree; "
                    + "this version reads only whole model files. Export the model again.");
        }
        return new BadInput("'" + path + "' is not a jtrain model file: %export writes a zip holding the model and its description.");
    }

    /** Temporary files that an export of {@code path} killed midway left behind. */
    private static void removeLeftovers(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String prefix = "." + path.getFileName();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        }
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

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    private static JsonObject parsed(String json, String what) {
        try {
            JsonElement e = JsonParser.parseString(json);
            if (e.isJsonObject()) return e.getAsJsonObject();
        } catch (JsonParseException e) {
            // reported below
        }
        throw new BadInput(what + " is not a jtrain model description (not a JSON object).");
    }

    private static String shorten(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static Task task(String name) {
        for (Task t : Task.values()) if (t.name().equals(name)) return t;
        throw new BadInput("The model file names the task '" + name + "'; jtrain knows CLASSIFICATION and REGRESSION.");
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || !e.isJsonPrimitive()) throw new BadInput("The model's description lacks '" + key + "'; it was not written by %export.");
        return e.getAsString();
    }

    private static List<String> strings(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) throw new BadInput("The model's description lacks the list '" + key + "'; it was not written by %export.");
        try {
            return List.copyOf(GSON.<List<String>>fromJson(e, new TypeToken<List<String>>() { }.getType()));
        } catch (RuntimeException x) {
            throw new BadInput("The model's description has a list '" + key + "' that is not a list of names; it was not written by %export.");
        }
    }
}
