package org.jtrain.train.serve;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A model served over HTTP with the JDK's server: {@code GET /health} describes it, {@code POST /predict} takes one
 * JSON object of features (or an array of them) and answers with predictions. Input is checked against the model's
 * features; a mistake gets a 400 with a message, never a 500.
 *
 * <p>A server that listens beyond this machine needs a token: every request must carry {@code Authorization: Bearer
 * TOKEN}, else it gets a 401. Bodies over {@value #MAX_BODY} bytes get a 413. Connections that send nothing cannot
 * starve it: a request that finds the server's few threads busy gets a virtual thread of its own, and the JDK server
 * closes a connection whose request takes over {@value #REQUEST_SECONDS} s. As many predictions run at once as there
 * are cores.
 */
public final class ModelServer {

    static final int MAX_BODY = 1 << 20;
    /** How much of an oversized body is read and dropped so that the client gets its 413 rather than a reset. */
    private static final long DRAIN_LIMIT = 64L << 20;
    static final int REQUEST_SECONDS = 10;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{16,256}");
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

    static {
        // The JDK server reads these once, when it is first used; a value the user set wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxRspTime", "60");
        setIfAbsent("sun.net.httpserver.maxConnections", "1024");
    }

    private final Model model;
    private final String name;
    private final String token;
    private final HttpServer server;
    private final ExecutorService requests = requestThreads();
    private final Semaphore predicting = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Starts serving {@code model}, known to clients as {@code name}, on {@code host:port} (port 0 picks a free one).
     * On any address but loopback, clients need a token: one is made, see {@link #token()}.
     */
    public static ModelServer start(String name, Model model, String host, int port) throws IOException {
        return start(name, model, host, port, null);
    }

    /** As {@link #start(String, Model, String, int)}, with the token clients must send; null for none on loopback. */
    public static ModelServer start(String name, Model model, String host, int port, String token) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (token != null && !TOKEN.matcher(token).matches()) {
            boolean length = token.length() >= 16 && token.length() <= 256;
            throw new BadInput("a token must be 16 to 256 characters, each a letter, a digit, '-', '_' or '.'; the one given has "
                    + token.length() + (length ? ", some of them others" : ""));
        }
        if (token == null && !address.isLoopbackAddress()) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
        }
        return new ModelServer(name, model, new InetSocketAddress(address, port), token);
    }

    private ModelServer(String name, Model model, InetSocketAddress address, String token) throws IOException {
        this.name = name;
        this.model = model;
        this.token = token;
        this.server = HttpServer.create(address, 128);
        server.setExecutor(requests);
        server.createContext("/health", guarded(this::health));
        server.createContext("/predict", guarded(this::predict));
        server.createContext("/", guarded(ex -> send(ex, 404, error("no such endpoint " + ex.getRequestURI().getPath()
                + "; the endpoints are GET /health and POST /predict"))));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address listened on, as bound: {@code 0.0.0.0} or {@code ::} for every address of this machine. */
    public String host() {
        return server.getAddress().getHostString();
    }

    /** A base URL that clients can use: for a server on every address, one of this machine's own addresses. */
    public String url() {
        InetAddress bound = server.getAddress().getAddress();
        String host = bound.isAnyLocalAddress() ? outwardAddress() : bound.getHostAddress();
        if (host.contains(":")) host = "[" + host.replace("%", "%25") + "]";
        return "http://" + host + ":" + port();
    }

    /** Whether the server listens on every address of this machine rather than one. */
    public boolean everyAddress() {
        return server.getAddress().getAddress().isAnyLocalAddress();
    }

    /** The token clients must send as {@code Authorization: Bearer TOKEN}, if one is needed. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public String modelName() {
        return name;
    }

    public void stop() {
        server.stop(0);
        requests.shutdownNow();
    }

    /**
     * Requests run on four platform threads, the fastest way; one that finds them all busy (perhaps each waiting on a
     * client that sends nothing) runs on a virtual thread instead, which costs nothing while it waits.
     */
    private static ExecutorService requestThreads() {
        return new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("jtrain-serve-", 0).daemon().factory(),
                (request, pool) -> Thread.ofVirtual().name("jtrain-serve-v").start(request));
    }

    /** An address of this machine that others may reach: IPv4 first, then IPv6; loopback when there is none. */
    private static String outwardAddress() {
        try {
            List<InetAddress> all = NetworkInterface.networkInterfaces()
                    .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (SocketException e) { return false; } })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .toList();
            return all.stream().filter(a -> a instanceof Inet4Address).findFirst()
                    .or(() -> all.stream().findFirst())
                    .map(InetAddress::getHostAddress).orElse("127.0.0.1");
        } catch (SocketException e) {
            return "127.0.0.1";
        }
    }

    /** The handler, behind the token check when there is a token. */
    private HttpHandler guarded(HttpHandler handler) {
        if (token == null) return handler;
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        return ex -> {
            String given = ex.getRequestHeaders().getFirst("Authorization");
            if (given != null && MessageDigest.isEqual(given.strip().getBytes(StandardCharsets.UTF_8), expected)) {
                handler.handle(ex);
                return;
            }
            drain(ex);
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"jtrain\"");
            send(ex, 401, error(given == null ? "this server needs a token: send the header 'Authorization: Bearer TOKEN' with the token %serve printed"
                    : "wrong token: send the header 'Authorization: Bearer TOKEN' with the token %serve printed"));
        };
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
            byte[] body = body(ex);
            if (body == null) {
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
            try {
                predicting.acquire();
            } catch (InterruptedException e) {
                send(ex, 503, error("the server is stopping"));
                return;
            }
            try {
                p = predict(rows);
            } finally {
                predicting.release();
            }
            send(ex, 200, GSON.toJson(Map.of("predictions", answers(p))));
        } catch (RuntimeException e) { // a bug in jtrain: say so, and keep serving
            send(ex, 500, error("jtrain could not predict: " + e));
        }
    }

    private Prediction predict(Table rows) {
        if (model.concurrentPredictions()) return model.predict(rows);
        synchronized (model) {
            return model.predict(rows);
        }
    }

    /** The request's body, or null when it is over {@link #MAX_BODY} bytes (then read and dropped, up to a limit). */
    private static byte[] body(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > MAX_BODY) {
            drain(ex);
            return null;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length <= MAX_BODY) return body;
        drain(ex);
        return null;
    }

    /**
     * Reads and drops what is left of the body, so that the client, still sending, reads the answer instead of a
     * reset; past {@link #DRAIN_LIMIT} the connection is closed after the answer.
     */
    private static void drain(HttpExchange ex) throws IOException {
        long left = DRAIN_LIMIT;
        InputStream in = ex.getRequestBody();
        byte[] buffer = new byte[64 << 10];
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) left -= n;
        if (left <= 0) ex.getResponseHeaders().set("Connection", "close");
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

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    /** A client's mistake, answered with a 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
