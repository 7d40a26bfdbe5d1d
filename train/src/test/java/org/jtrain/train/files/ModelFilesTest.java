package org.jtrain.train.files;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Seeds;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.models.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export then import gives the same predictions; a crafted file is refused before it can run code. */
class ModelFilesTest {

    @TempDir
    Path dir;

    static Model train(String model, Table[] data, String target, Map<String, String> options) throws Exception {
        return fit(model, data, target, options).model();
    }

    static void assertSamePredictions(Model a, Model b, Table t) {
        Prediction p = a.predict(t), q = b.predict(t);
        if (p.labels() != null) {
            assertArrayEquals(p.labels(), q.labels(), a.kind());
            if (p.probabilities() != null) for (int i = 0; i < p.size(); i++) assertArrayEquals(p.probabilities()[i], q.probabilities()[i], a.kind());
        } else {
            assertArrayEquals(p.values(), q.values(), a.kind());
        }
        assertEquals(a.features(), b.features());
        assertEquals(a.classes(), b.classes());
        assertEquals(Params.toString(a.params()), Params.toString(b.params()));
    }

    @Test
    void everySmileModelRoundTrips() throws Exception {
        Table[] iris = split(load("iris"));
        Table[] diabetes = split(load("diabetes"));
        for (String m : List.of("logistic", "tree", "forest", "boosting", "svm", "knn", "naive-bayes")) {
            Model model = train(m, iris, "species", Map.of());
            Model back = ModelFiles.read(ModelFiles.write(model, dir.resolve(m + ".model")).model());
            assertSamePredictions(model, back, iris[1]);
        }
        for (String m : List.of("linear", "ridge", "lasso", "forest", "boosting")) {
            Model model = train(m, diabetes, "progression", Map.of());
            Model back = ModelFiles.read(ModelFiles.write(model, dir.resolve(m + "-r.model")).model());
            assertSamePredictions(model, back, diabetes[1]);
            if (m.equals("forest")) assertArrayEquals(model.importance().orElseThrow(), back.importance().orElseThrow());
        }
    }

    @Test
    void networksRoundTripWithTheirScalingAndVocabulary() throws Exception {
        Table[] iris = split(load("iris"));
        Model mlp = train("mlp", iris, "species", Map.of("epochs", "5"));
        assertSamePredictions(mlp, ModelFiles.read(ModelFiles.write(mlp, dir.resolve("mlp.model")).model()), iris[1]);
        Table[] diabetes = split(load("diabetes"));
        Model numbers = train("mlp", diabetes, "progression", Map.of("epochs", "3")); // its target is learned scaled
        assertSamePredictions(numbers, ModelFiles.read(ModelFiles.write(numbers, dir.resolve("mlp-numbers.model")).model()), diabetes[1]);
        Table all = load("spam").removeColumns("id");
        Table spam = all.rows(java.util.stream.IntStream.range(0, 600).map(i -> i * 10).toArray());
        Table[] s = split(spam);
        Model text = train("text", s, "label", Map.of("epochs", "1", "vocabulary", "300"));
        assertSamePredictions(text, ModelFiles.read(ModelFiles.write(text, dir.resolve("text.model")).model()), s[1]);
        // a text model is scored on its text columns (they were once refused as "not numbers")
        Evaluation.Classification e = (Evaluation.Classification) Evaluation.of(text, s[1]);
        assertEquals(s[1].rowCount(), java.util.Arrays.stream(e.support()).sum());
    }

    @Test
    void theSidecarDescribesTheModelAndItsTraining() throws Exception {
        Table[] iris = split(load("iris"));
        Model model = train("knn", iris, "species", Map.of("k", "7"));
        ModelFiles.Written w = ModelFiles.write(model, dir.resolve("sub/knn.model"));
        assertEquals(dir.resolve("sub/knn.model.json"), w.sidecar());
        JsonObject meta = JsonParser.parseString(Files.readString(w.sidecar())).getAsJsonObject();
        assertEquals("jtrain-model/2", meta.get("format").getAsString());
        assertEquals("7", meta.getAsJsonObject("params").get("k").getAsString());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                meta.getAsJsonArray("features").asList().stream().map(e -> e.getAsString()).toList());
        assertEquals("6.3.0", meta.getAsJsonObject("versions").get("smile").getAsString());
        assertEquals("0.44.4", meta.getAsJsonObject("versions").get("tablesaw").getAsString());
        JsonObject training = meta.getAsJsonObject("training");
        assertEquals(Seeds.DEFAULT, training.get("seed").getAsLong());
        assertEquals(105, training.get("rows").getAsInt());
        // the same data hashes the same; other data does not
        String hash = training.get("data_hash").getAsString();
        Model again = train("knn", iris, "species", Map.of("k", "3"));
        assertEquals(hash, "fnv1a64:" + again.provenance().orElseThrow().dataHash());
        Model other = train("knn", new Table[]{iris[1], iris[0]}, "species", Map.of("k", "3"));
        assertFalse(hash.equals("fnv1a64:" + other.provenance().orElseThrow().dataHash()));
        assertTrue(meta.getAsJsonObject("metrics").has("accuracy"));
        try (var files = Files.list(dir.resolve("sub"))) { // atomic writes leave no temporary files behind
            assertEquals(List.of("knn.model", "knn.model.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Set if Java deserialization ever calls into it. */
    static volatile boolean fired;

    static final class Gadget implements Serializable {
        @java.io.Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            fired = true;
        }
    }

    /**
     * A model file whose weights are {@code payload}, its description made to match them, as an attacker would: the
     * description of a real model with the SHA-256 of the new weights. No sidecar comes with it.
     */
    private Path forge(Object payload) throws Exception {
        Table[] iris = split(load("iris"));
        ModelFiles.Written w = ModelFiles.write(train("logistic", iris, "species", Map.of()), dir.resolve("forged.model"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(payload);
        }
        byte[] weights = buf.toByteArray();
        JsonObject meta = JsonParser.parseString(entry(w.model(), ModelFiles.DESCRIPTION)).getAsJsonObject();
        meta.remove("model_file");
        meta.getAsJsonObject("weights").addProperty("sha256", ModelFiles.sha256(weights));
        rezip(w.model(), meta.toString(), weights);
        Files.delete(w.sidecar());
        return w.model();
    }

    private static String entry(Path container, String name) throws IOException {
        try (var zip = new java.util.zip.ZipFile(container.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A model file as jtrain writes one, checksum included: an attacker can compute it too. */
    private static void rezip(Path container, String description, byte[] weights) throws Exception {
        var zip = ModelFiles.class.getDeclaredMethod("zip", String.class, byte[].class);
        zip.setAccessible(true);
        Files.write(container, (byte[]) zip.invoke(null, description, weights));
    }

    @Test
    void aGadgetPayloadIsRefusedBeforeItRuns() throws Exception {
        // URLDNS: a HashMap keyed by a URL resolves the URL's host while it is read back, with JDK classes only
        Map<Object, String> urldns = new HashMap<>();
        urldns.put(URI.create("http://attacker.invalid/").toURL(), "x");
        BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(forge(urldns)));
        assertTrue(e.getMessage().contains("it holds a java.net.URL, which a jtrain model never contains"), e.getMessage());
        fired = false;
        e = assertThrows(BadInput.class, () -> ModelFiles.read(forge(new Gadget())));
        assertTrue(e.getMessage().contains("holds a org.jtrain.train.files.ModelFilesTest$Gadget"), e.getMessage());
        assertFalse(fired, "the gadget's readObject ran");
    }

    /** Nested HashSets, each level twice: reading them back hashes 2^100 times (the "SerialDoS" of Wouter Coekaerts). */
    static Set<Object> bomb() {
        Set<Object> root = new HashSet<>();
        Set<Object> a = root, b = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> c = new HashSet<>(), d = new HashSet<>();
            c.add("x"); // so that c and d differ
            a.add(c);
            a.add(d);
            b.add(c);
            b.add(d);
            a = c;
            b = d;
        }
        return root;
    }

    /** Nested HashMaps as keys: the same shape through the one collection Smile models hold. */
    static Map<Object, Object> mapBomb() {
        Map<Object, Object> root = new HashMap<>();
        Map<Object, Object> a = root, b = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Map<Object, Object> c = new HashMap<>(), d = new HashMap<>();
            c.put("x", "y");
            a.put(c, "");
            a.put(d, "");
            b.put(c, "");
            b.put(d, "");
            a = c;
            b = d;
        }
        return root;
    }

    @Test
    void aFileShapedToNeverFinishReadingIsRefusedAtOnce() throws Exception {
        for (Object payload : List.of(bomb(), mapBomb())) {
            Path file = forge(payload);
            BadInput e = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThrows(BadInput.class, () -> ModelFiles.read(file)));
            assertTrue(e.getMessage().startsWith("Refused to load") && e.getMessage().contains("or never end"), e.getMessage());
        }
    }

    @Test
    void aDamagedForeignOrOldFileIsRefused() throws Exception {
        Table[] iris = split(load("iris"));
        ModelFiles.Written w = ModelFiles.write(train("tree", iris, "species", Map.of()), dir.resolve("tree.model"));
        byte[] bytes = Files.readAllBytes(w.model());
        for (int at : new int[]{bytes.length / 2, bytes.length - 10, 40}) { // in the weights, in the zip's directory, in the description
            byte[] damaged = bytes.clone();
            damaged[at] ^= 1;
            Files.write(w.model(), damaged);
            BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(w.model()));
            assertTrue(e.getMessage().contains("is damaged: its bytes do not match the checksum"), at + ": " + e.getMessage());
        }
        BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(dir.resolve("none.model")));
        assertTrue(e.getMessage().startsWith("No model file at"), e.getMessage());
        Files.writeString(dir.resolve("notes.model"), "remember to water the irises");
        e = assertThrows(BadInput.class, () -> ModelFiles.read(dir.resolve("notes.model")));
        assertTrue(e.getMessage().contains("is not a jtrain model file"), e.getMessage());
        Files.write(dir.resolve("old.model"), new byte[]{(byte) 0xac, (byte) 0xed, 0, 5}); // a model of the first format, and its sidecar
        Files.writeString(dir.resolve("old.model.json"), "{\"format\": \"jtrain-model/1\"}");
        e = assertThrows(BadInput.class, () -> ModelFiles.read(dir.resolve("old.model")));
        assertTrue(e.getMessage().contains("written by an earlier jtrain (jtrain-model/1)") && e.getMessage().endsWith("Export the model again."), e.getMessage());
    }

    /** The sidecar is a copy for people: one edited after export is refused, so it can never change what the model computes. */
    @Test
    void anEditedSidecarIsRefusedAndAMissingOneIsNotNeeded() throws Exception {
        Table[] iris = split(load("iris"));
        Model model = train("logistic", iris, "species", Map.of());
        ModelFiles.Written w = ModelFiles.write(model, dir.resolve("lr.model"));
        String sidecar = Files.readString(w.sidecar());
        Map<String, String> edits = Map.of(
                "features", sidecar.replace("\"sepal_length\",\n    \"sepal_width\"", "\"sepal_width\",\n    \"sepal_length\""),
                "kind", sidecar.replace("\"kind\": \"logistic\"", "\"kind\": \"forest\""),
                "task", sidecar.replace("\"task\": \"CLASSIFICATION\"", "\"task\": \"bogus\""),
                "classes", sidecar.replace("\"setosa\"", "\"rose\""));
        for (var edit : edits.entrySet()) {
            assertFalse(edit.getValue().equals(sidecar), edit.getKey());
            Files.writeString(w.sidecar(), edit.getValue());
            BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(w.model()));
            assertTrue(e.getMessage().contains("says " + edit.getKey()) && e.getMessage().contains("the sidecar was edited after export"), e.getMessage());
        }
        for (String malformed : List.of("not json", "[1, 2]", "{\"format\": \"jtrain-model/2\"}")) {
            Files.writeString(w.sidecar(), malformed);
            BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(w.model()));
            assertTrue(e.getMessage().startsWith("'" + w.sidecar()), e.getMessage());
        }
        Files.delete(w.sidecar());
        assertSamePredictions(model, ModelFiles.read(w.model()), iris[1]); // the model file alone is enough
    }

    /**
     * A description or sidecar shaped by hand, each field in turn made the wrong kind of JSON (a checksum anyone can
     * compute seals it): every one is refused with a BadInput, none with another exception.
     */
    @Test
    void everyFieldOfTheWrongKindIsRefusedWithAClearMessage() throws Exception {
        Table[] iris = split(load("iris"));
        for (String kind : List.of("logistic", "mlp")) {
            Map<String, String> quick = kind.equals("mlp") ? Map.of("epochs", "2") : Map.of();
            ModelFiles.Written w = ModelFiles.write(train(kind, iris, "species", quick), dir.resolve(kind + ".model"));
            String description = entry(w.model(), ModelFiles.DESCRIPTION);
            byte[] weights;
            try (var zip = new java.util.zip.ZipFile(w.model().toFile())) {
                weights = zip.getInputStream(zip.getEntry(ModelFiles.WEIGHTS)).readAllBytes();
            }
            String sidecar = Files.readString(w.sidecar());
            JsonObject original = JsonParser.parseString(description).getAsJsonObject();
            List<com.google.gson.JsonElement> wrong = List.of(com.google.gson.JsonNull.INSTANCE, new com.google.gson.JsonPrimitive(7),
                    new com.google.gson.JsonPrimitive("x"), new com.google.gson.JsonArray(), new JsonObject());
            List<String> paths = new java.util.ArrayList<>(original.keySet());
            for (String k : List.of("network", "training", "weights")) {
                if (original.has(k) && original.get(k).isJsonObject()) original.getAsJsonObject(k).keySet().forEach(f -> paths.add(k + "." + f));
            }
            for (String at : paths) {
                for (var value : wrong) {
                    JsonObject meta = original.deepCopy();
                    String[] parts = at.split("\\.");
                    (parts.length == 1 ? meta : meta.getAsJsonObject(parts[0])).add(parts[parts.length - 1], value);
                    rezip(w.model(), meta.toString(), weights);
                    Files.deleteIfExists(w.sidecar());
                    try {
                        ModelFiles.read(w.model()); // some fields are only informative: a model may still load
                    } catch (BadInput expected) {
                        // the one allowed failure
                    } catch (Exception e) {
                        throw new AssertionError(kind + " with " + at + " = " + value + ": " + e, e);
                    }
                }
            }
            rezip(w.model(), description, weights); // the sidecar now names another file: restore it, then edit it
            ModelFiles.write(train(kind, iris, "species", quick), w.model());
            sidecar = Files.readString(w.sidecar());
            JsonObject copy = JsonParser.parseString(sidecar).getAsJsonObject();
            for (String at : List.of("model_file", "model_file.sha256", "features", "kind", "network")) {
                for (var value : wrong) {
                    JsonObject edited = copy.deepCopy();
                    String[] parts = at.split("\\.");
                    (parts.length == 1 ? edited : edited.getAsJsonObject(parts[0])).add(parts[parts.length - 1], value);
                    Files.writeString(w.sidecar(), edited.toString());
                    try {
                        ModelFiles.read(w.model());
                        ModelFiles.staleSidecar(w.model());
                    } catch (BadInput expected) {
                        // the one allowed failure
                    } catch (Exception e) {
                        throw new AssertionError(kind + " sidecar with " + at + " = " + value + ": " + e, e);
                    }
                }
            }
        }
    }

    /**
     * An export killed between its two writes leaves the new model file beside the old sidecar: the model loads, and the
     * sidecar is known to be stale. One killed while writing leaves a temporary file, which the next export removes.
     */
    @Test
    void anExportKilledMidwayLeavesAUsableModel() throws Exception {
        Table[] iris = split(load("iris"));
        Model old = train("tree", iris, "species", Map.of("max-depth", "2")), fresh = train("knn", iris, "species", Map.of());
        ModelFiles.Written w = ModelFiles.write(old, dir.resolve("m.model"));
        byte[] oldSidecar = Files.readAllBytes(w.sidecar());
        ModelFiles.write(fresh, w.model());
        Files.write(w.sidecar(), oldSidecar); // the state after the model file's rename, before the sidecar's
        assertTrue(ModelFiles.staleSidecar(w.model()));
        Model back = ModelFiles.read(w.model());
        assertEquals("knn", back.kind());
        assertSamePredictions(fresh, back, iris[1]);
        Path leftover = Files.writeString(dir.resolve(".m.model12345.tmp"), "half a model");
        ModelFiles.write(fresh, w.model());
        assertFalse(Files.exists(leftover));
        assertFalse(ModelFiles.staleSidecar(w.model()));
    }
}
