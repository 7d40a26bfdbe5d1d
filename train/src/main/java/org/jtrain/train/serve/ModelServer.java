package org.jtrain.train.serve;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jtrain.data.Suggest;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model served over HTTP with the JDK's server: {@code GET /health} describes it, {@code POST /predict} takes one
 * JSON object of features (or an array of them) and answers with predictions. Input is checked against the model's
 * features; a mistake gets a 400 with a message, never a 500.
 */
public final class ModelServer {

    static final int MAX_BODY = 1 << 20;
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

    private final Model model;
    private final String name;
    private final HttpServer server;
    private final ExecutorService pool;

    /** Starts serving {@code model}, known to clients as {@code name}, on {@code host:port} (port 0 picks a free one). */
    public static ModelServer start(String name, Model model, String host, int port) throws IOException {
        return new ModelServer(name, model, host, port);
    }

    private ModelServer(String name, Model model, String host, int port) throws IOException {
        this.name = name;
        this.model = model;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "jtrain-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/health", this::health);
        server.createContext("/predict", this::predict);
        server.createContext("/", ex -> send(ex, 404, error("no such endpoint " + ex.getRequestURI().getPath()
                + "; the endpoints are GET /health and POST /predict")));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    public String modelName() {
        return name;
    }

    public void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void health(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            send(ex, 405, error("use GET /health"));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("model", name);
        out.put("kind", model.kind());
        out.put("task", model.task().name().toLowerCase());
        Map<String, String> schema = new LinkedHashMap<>();
        for (String f : model.features()) schema.put(f, model.textInput() ? "string" : "number");
        out.put("features", schema);
        if (!model.classes().isEmpty()) out.put("classes", model.classes());
        send(ex, 200, GSON.toJson(out));
    }

    private void predict(HttpExchange ex) throws IOException {
        try {
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, error("use POST /predict with a JSON object of features, or an array of them"));
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(ex, 413, error("the request body is over " + MAX_BODY + " bytes; send fewer rows per request"));
                return;
            }
            Table rows;
            try {
                rows = rows(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)));
            } catch (JsonParseException e) {
                send(ex, 400, error("the body is not valid JSON: " + e.getMessage()));
                return;
            } catch (BadRequest e) {
                send(ex, 400, error(e.getMessage()));
                return;
            }
            Prediction p;
            if (model.concurrentPredictions()) {
                p = model.predict(rows);
            } else {
                synchronized (model) {
                    p = model.predict(rows);
                }
            }
            send(ex, 200, GSON.toJson(Map.of("predictions", answers(p))));
        } catch (RuntimeException e) { // a bug in jtrain: say so, and keep serving
            send(ex, 500, error("jtrain could not predict: " + e));
        }
    }

    /** The rows of a request as a table with the model's feature columns, or a BadRequest saying what is wrong. */
    Table rows(JsonElement json) {
        List<JsonObject> records = new ArrayList<>();
        if (json.isJsonObject()) {
            records.add(json.getAsJsonObject());
        } else if (json.isJsonArray() && !json.getAsJsonArray().isEmpty()) {
            for (JsonElement e : json.getAsJsonArray()) {
                if (!e.isJsonObject()) throw new BadRequest("every element of the array must be an object of features; element "
                        + (records.size() + 1) + " is " + e);
                records.add(e.getAsJsonObject());
            }
        } else {
            throw new BadRequest("send a JSON object of features, e.g. " + example() + ", or a non-empty array of them");
        }
        Table t = Table.create("request");
        for (String f : model.features()) t.addColumns(model.textInput() ? StringColumn.create(f) : DoubleColumn.create(f));
        for (int r = 0; r < records.size(); r++) {
            JsonObject o = records.get(r);
            String where = records.size() == 1 ? "" : " in row " + (r + 1);
            for (String key : o.keySet()) {
                if (!model.features().contains(key)) {
                    throw new BadRequest("unknown field '" + key + "'" + where + "; the model's features are " + String.join(", ", model.features())
                            + Suggest.closest(key, model.features()).map(s -> ". Did you mean '" + s + "'?").orElse(""));
                }
            }
            for (String f : model.features()) {
                JsonElement v = o.get(f);
                if (v == null || v.isJsonNull()) throw new BadRequest("missing field '" + f + "'" + where + "; every feature is needed: " + example());
                if (model.textInput()) {
                    if (!(v instanceof JsonPrimitive p && p.isString())) throw new BadRequest("field '" + f + "'" + where + " must be a string, got " + v);
                    t.stringColumn(f).append(v.getAsString());
                } else {
                    if (!(v instanceof JsonPrimitive p && (p.isNumber() || p.isBoolean()))) {
                        throw new BadRequest("field '" + f + "'" + where + " must be a number, got " + v);
                    }
                    double d = p.isBoolean() ? (p.getAsBoolean() ? 1 : 0) : p.getAsDouble();
                    if (!Double.isFinite(d)) throw new BadRequest("field '" + f + "'" + where + " must be a finite number, got " + v);
                    t.doubleColumn(f).append(d);
                }
            }
        }
        return t;
    }

    private List<Object> answers(Prediction p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.labels() == null) {
                out.add(Map.of("value", p.values()[i]));
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("label", model.classes().get(p.labels()[i]));
            if (p.probabilities() != null) {
                Map<String, Double> probs = new LinkedHashMap<>();
                for (int c = 0; c < model.classes().size(); c++) probs.put(model.classes().get(c), p.probabilities()[i][c]);
                a.put("probabilities", probs);
            }
            out.add(a);
        }
        return out;
    }

    /** A request body a client could send, e.g. {@code {"sepal_length": 0, "sepal_width": 0, ...}}, for a curl example. */
    public String exampleRequest() {
        StringBuilder s = new StringBuilder("{");
        for (String f : model.features().subList(0, Math.min(2, model.features().size()))) {
            s.append(s.length() > 1 ? ", " : "").append('"').append(f).append("\": ").append(model.textInput() ? "\"...\"" : "0");
        }
        return s.append(model.features().size() > 2 ? ", ...}" : "}").toString();
    }

    private String example() {
        Map<String, Object> e = new LinkedHashMap<>();
        for (String f : model.features().subList(0, Math.min(3, model.features().size()))) e.put(f, model.textInput() ? "text" : 1.0);
        return GSON.toJson(e).replace("}", model.features().size() > 3 ? ", ...}" : "}");
    }

    private static String error(String message) {
        return GSON.toJson(Map.of("error", message));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A client's mistake, answered with a 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
