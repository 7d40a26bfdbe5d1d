package org.jtrain.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.data.BadInput;
import org.jtrain.data.Load;
import org.jtrain.train.models.Forest;
import org.jtrain.train.models.Params;
import org.jtrain.train.runs.RunStore;
import org.jtrain.train.serve.ModelServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two sessions in one JVM, as two notebooks on one kernel process would be: they share no seed, no server and no run store. */
class SessionTest {

    @TempDir
    Path dir;

    Session a, b;

    @BeforeEach
    void twoSessions() {
        a = new Session(new RunStore(dir.resolve("a")));
        b = new Session(new RunStore(dir.resolve("b")));
    }

    @AfterEach
    void stopServing() {
        a.stopServing();
        b.stopServing();
    }

    /** A small forest on iris, trained with the session's options (so under its seed). */
    static Fit fit(Session s) throws Exception {
        return Trainer.fit(Forest.params().trees(5), Load.dataset("iris"), "species", s.fitOptions(() -> false));
    }

    @Test
    void aSeedSetInOneSessionIsNotTheOthers() throws Exception {
        assertEquals(Seeds.DEFAULT, a.seed());
        assertEquals(Seeds.DEFAULT, b.seed());
        a.seed(7);
        assertEquals(7, a.seed());
        assertEquals(Seeds.DEFAULT, b.seed(), "setting one session's seed changed the other's");
        // and each session's fits take its own
        assertEquals(7, fit(a).model().provenance().orElseThrow().seed());
        assertEquals(Seeds.DEFAULT, fit(b).model().provenance().orElseThrow().seed());
    }

    @Test
    void eachSessionServesItsOwnModel() throws Exception {
        Model first = fit(a).model(), second = fit(b).model();
        ModelServer sa = a.serve("iris-a", first, "127.0.0.1", 0, null);
        ModelServer sb = b.serve("iris-b", second, "127.0.0.1", 0, null);
        assertNotEquals(sa.port(), sb.port());
        assertEquals(sa, a.server().orElseThrow());
        assertEquals(sb, b.server().orElseThrow());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertEquals("iris-a", health(client, sa.port()).get("model").getAsString());
        assertEquals("iris-b", health(client, sb.port()).get("model").getAsString());

        // one session serves one model at a time; the other session's server does not count
        BadInput e = assertThrows(BadInput.class, () -> b.serve("iris-b2", second, "127.0.0.1", 0, null));
        assertTrue(e.getMessage().startsWith("already serving iris-b on http://127.0.0.1:" + sb.port()), e.getMessage());
        assertEquals(sb, b.server().orElseThrow(), "a refused serve replaced the server");

        assertEquals(sa, a.stopServing().orElseThrow());
        assertTrue(a.server().isEmpty());
        assertThrows(IOException.class, () -> health(HttpClient.newHttpClient(), sa.port()), "the stopped server still answers");
        assertEquals("iris-b", health(client, sb.port()).get("model").getAsString(), "stopping one session's server stopped the other's");
        assertEquals(sb, b.server().orElseThrow());
    }

    @Test
    void aRunRecordedInOneSessionIsOnlyInItsStore() throws Exception {
        a.seed(7);
        Instant start = Instant.now();
        Fit fit = fit(a);
        RunStore.Run run = a.record("forest-a", fit.model(), Params.options(fit.model().params()), fit.history(), start, Map.of());

        assertEquals(List.of(run), a.runs());
        assertEquals(List.of(run.id()), a.store().list().stream().map(RunStore.Run::id).toList());
        assertEquals("7", a.store().list().getFirst().tags().get("jtrain.seed"));
        assertEquals("5", a.store().list().getFirst().params().get("trees"));
        assertTrue(a.store().root().startsWith(dir.resolve("a")));

        assertEquals(List.of(), b.runs());
        assertEquals(List.of(), b.store().list());
    }

    private static JsonObject health(HttpClient client, int port) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }
}
