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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jtrain.train.Fixtures.fit;
import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals("jtrain-model/1", meta.get("format").getAsString());
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

    /** Puts {@code payload} where a model's bytes go, with a sidecar that matches it, as an attacker would. */
    private Path forge(Object payload) throws Exception {
        Table[] iris = split(load("iris"));
        ModelFiles.Written w = ModelFiles.write(train("logistic", iris, "species", Map.of()), dir.resolve("forged.model"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
            out.writeObject(payload);
        }
        byte[] bytes = buf.toByteArray();
        Files.write(w.model(), bytes);
        String sidecar = Files.readString(w.sidecar()).replaceAll("\"sha256\": \"[0-9a-f]+\"", "\"sha256\": \"" + ModelFiles.sha256(bytes) + "\"");
        Files.writeString(w.sidecar(), sidecar);
        return w.model();
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

    @Test
    void aChangedOrMissingFileIsRefused() throws Exception {
        Table[] iris = split(load("iris"));
        ModelFiles.Written w = ModelFiles.write(train("tree", iris, "species", Map.of()), dir.resolve("tree.model"));
        byte[] bytes = Files.readAllBytes(w.model());
        bytes[bytes.length / 2] ^= 1;
        Files.write(w.model(), bytes);
        BadInput e = assertThrows(BadInput.class, () -> ModelFiles.read(w.model()));
        assertTrue(e.getMessage().contains("does not match its sidecar"), e.getMessage());
        e = assertThrows(BadInput.class, () -> ModelFiles.read(dir.resolve("none.model")));
        assertTrue(e.getMessage().startsWith("No model file at"), e.getMessage());
        Files.delete(w.sidecar());
        e = assertThrows(BadInput.class, () -> ModelFiles.read(w.model()));
        assertTrue(e.getMessage().contains("has no sidecar 'tree.model.json' beside it"), e.getMessage());
    }
}
