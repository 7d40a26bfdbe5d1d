package org.jtrain.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine: a master and workers as separate JVMs on 127.0.0.1, started from
 * the jars the caller already has. Tests, the bench and the lessons use it to show what a local[*] session hides:
 * executors in other processes, tasks shipped over the network, a master that schedules them.
 *
 * <p>There is no Spark distribution here, so the cluster gets a throw-away SPARK_HOME whose {@code jars/} holds
 * links to the given jars: a worker builds each executor's class path from that folder.
 */
public final class SparkCluster implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[mMgG]");
    private static final int LOG_TAIL_LINES = 25;
    // The daemons only keep the book: small heaps, one GC thread, as this machine is small and shared.
    // The REST submission server would take the fixed port 6066, so a second cluster could not start; we do not use it.
    private static final List<String> DAEMON_OPTS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED", "-Dspark.master.rest.enabled=false");
    // Executors pick this up from SPARK_HOME/conf, which the worker puts on their class path.
    private static final String EXECUTOR_LOG4J = """
            rootLogger.level = warn
            rootLogger.appenderRef.stderr.ref = stderr
            appender.console.type = Console
            appender.console.name = stderr
            appender.console.target = SYSTEM_ERR
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
            """;

    private final String masterUrl;
    private final String masterWebUrl;
    private final List<String> workerIds;
    private final int cores;
    private final String memory;
    private final Path dir;
    private final List<Process> processes;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SparkCluster(String masterUrl, String masterWebUrl, List<String> workerIds, int cores, String memory,
                         Path dir, List<Process> processes, Thread shutdownHook) {
        this.masterUrl = masterUrl;
        this.masterWebUrl = masterWebUrl;
        this.workerIds = List.copyOf(workerIds);
        this.cores = cores;
        this.memory = memory;
        this.dir = dir;
        this.processes = List.copyOf(processes);
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts a master and {@code workers} workers (each {@code cores} cores, {@code memory} like "1g") from the jars
     * the running JVM has Spark from, so a notebook that ran %spark start needs to name no jars.
     */
    public static SparkCluster start(int workers, int cores, String memory) throws IOException {
        return start(workers, cores, memory, sparkJars());
    }

    /** Same, from an explicit list of jars (Spark's runtime): the master, the workers and their executors run from them. */
    public static SparkCluster start(int workers, int cores, String memory, List<Path> jars) throws IOException {
        validate(workers, cores, memory);
        List<Path> jarFiles = jars.stream().filter(SparkCluster::isJar).distinct().toList();
        if (jarFiles.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalArgumentException("No spark-core jar among the " + jars.size()
                    + " paths given: pass Spark's runtime jars (spark-sql_2.13 and its dependencies).");
        }
        Path dir = Files.createTempDirectory("jtrain-spark-cluster-");
        Path home = sparkHome(dir.resolve("spark-home"), jarFiles);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String classPath = home.resolve("jars") + File.separator + "*";

        int port = freePort();
        int webPort = freePort();
        String masterUrl = "spark://" + HOST + ":" + port;
        String webUrl = "http://" + HOST + ":" + webPort;
        List<Process> processes = new CopyOnWriteArrayList<>(); // the shutdown hook may read it while we add
        List<Path> logFiles = new ArrayList<>();
        // A kernel that dies or is restarted must not leave a cluster behind.
        Thread hook = new Thread(() -> {
            stop(processes, Duration.ofSeconds(3));
            deleteQuietly(dir);
        }, "jtrain-spark-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Path masterLog = logs.resolve("master.log");
            logFiles.add(masterLog);
            processes.add(launch(home, classPath, masterLog, "org.apache.spark.deploy.master.Master",
                    "--host", HOST, "--port", String.valueOf(port), "--webui-port", String.valueOf(webPort)));
            // A worker that finds no master backs off for several seconds, so let the master come up first.
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            awaitWorkers(http, webUrl, 0, deadline, processes, logFiles, "the master to answer at " + webUrl);
            for (int i = 1; i <= workers; i++) {
                Path workerLog = logs.resolve("worker-" + i + ".log");
                logFiles.add(workerLog);
                Path workDir = Files.createDirectories(dir.resolve("work").resolve("worker-" + i));
                processes.add(launch(home, classPath, workerLog, "org.apache.spark.deploy.worker.Worker", masterUrl,
                        "--host", HOST, "--cores", String.valueOf(cores), "--memory", memory,
                        "--webui-port", "0", "--work-dir", workDir.toString()));
            }
            List<String> ids = awaitWorkers(http, webUrl, workers, deadline, processes, logFiles,
                    workers + " ALIVE worker" + (workers == 1 ? "" : "s") + " at " + webUrl + "/json/");
            return new SparkCluster(masterUrl, webUrl, ids, cores, memory, dir, processes, hook);
        } catch (IOException | RuntimeException e) {
            stop(processes, STOP_GRACE);
            removeHook(hook);
            throw e;
        }
    }

    /** The URL a SparkSession connects to, {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The master's web UI, {@code http://127.0.0.1:PORT}; its {@code /json/} lists the workers and applications. */
    public String masterWebUrl() {
        return masterWebUrl;
    }

    /** The workers' ids as the master reported them when the cluster came up. */
    public List<String> workerIds() {
        return workerIds;
    }

    /** Stops the workers (and so their executors) and the master, then deletes the cluster's folder. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop(processes, STOP_GRACE);
        removeHook(shutdownHook);
        deleteQuietly(dir);
    }

    @Override
    public String toString() {
        int workers = workerIds.size();
        return "Spark standalone cluster " + masterUrl + ": " + workers + (workers == 1 ? " worker" : " workers")
                + " x " + cores + (cores == 1 ? " core" : " cores") + ", " + memory;
    }

    private static void validate(int workers, int cores, String memory) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers + ".");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores (per worker) must be at least 1, got " + cores + ".");
        }
        if (memory == null || !MEMORY.matcher(memory).matches()) {
            throw new IllegalArgumentException("memory (per worker) must be a whole number of megabytes or gigabytes"
                    + " such as 512m or 2g, got " + (memory == null ? "null" : "'" + memory + "'") + ".");
        }
    }

    /**
     * Spark's jars as the running JVM has them: the class path, plus whatever a URL class loader above Spark added at
     * run time (in a jtrain kernel, JShell's loader, which is a URLClassLoader that %spark start adds jars to).
     */
    static List<Path> sparkJars() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Class<?> sparkContext;
        try {
            sparkContext = Class.forName("org.apache.spark.SparkContext", false,
                    context != null ? context : SparkCluster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spark is not on the class path: run %spark start (or add spark-sql_2.13)"
                    + " first, or pass Spark's jars to SparkCluster.start(workers, cores, memory, jars).");
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (ClassLoader loader = sparkContext.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    jars.add(toPath(url));
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry).toAbsolutePath());
            }
        }
        Path sparkCore = toPath(sparkContext.getProtectionDomain().getCodeSource().getLocation());
        if (!jars.contains(sparkCore)) {
            throw new IllegalStateException("Spark was loaded from " + sparkCore + " by a class loader that does not"
                    + " list its jars; pass them to SparkCluster.start(workers, cores, memory, jars).");
        }
        return jars.stream().filter(SparkCluster::isJar).toList();
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of(url.getPath()).toAbsolutePath();
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    /** A SPARK_HOME with jars/ linking to the given jars and a conf/ that keeps executors at WARN. */
    private static Path sparkHome(Path home, List<Path> jars) throws IOException {
        Path jarDir = Files.createDirectories(home.resolve("jars"));
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i);
            Path link = jarDir.resolve(jar.getFileName());
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                link = jarDir.resolve(i + "-" + jar.getFileName()); // same name, another group: keep both
            }
            Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), EXECUTOR_LOG4J);
        return home;
    }

    private static Process launch(Path home, String classPath, Path log, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DAEMON_OPTS);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        Stream.of("SPARK_CLASSPATH", "SPARK_DIST_CLASSPATH", "SPARK_PREPEND_CLASSES", "SPARK_TESTING",
                "HADOOP_CONF_DIR", "YARN_CONF_DIR").forEach(env::remove);
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /**
     * Polls the master's /json until it lists {@code count} ALIVE workers; fails early when a process dies, and at the
     * deadline with the logs' tails, since the reason is almost always in there.
     */
    private static List<String> awaitWorkers(HttpClient http, String webUrl, int count, long deadline,
                                             List<Process> processes, List<Path> logs, String waitingFor)
            throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl + "/json/")).timeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        while (true) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IOException("Spark standalone cluster did not start: " + logs.get(i).getFileName()
                            .toString().replace(".log", "") + " exited with code " + processes.get(i).exitValue()
                            + " while waiting for " + waitingFor + ".\n" + tails(logs));
                }
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    List<String> alive = aliveWorkers(response.body());
                    if (alive.size() >= count) {
                        return alive;
                    }
                    last = alive.size() + " ALIVE";
                } else {
                    last = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                last = "no answer (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + waitingFor + ".", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Spark standalone cluster did not start within " + START_TIMEOUT.toSeconds()
                        + " s: waited for " + waitingFor + ", last saw " + last + ".\n" + tails(logs));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + waitingFor + ".", e);
            }
        }
    }

    private static List<String> aliveWorkers(String json) {
        JsonObject master = JsonParser.parseString(json).getAsJsonObject();
        List<String> ids = new ArrayList<>();
        if (master.has("workers")) {
            for (JsonElement worker : master.getAsJsonArray("workers")) {
                JsonObject w = worker.getAsJsonObject();
                if ("ALIVE".equals(w.get("state").getAsString())) {
                    ids.add(w.get("id").getAsString());
                }
            }
        }
        return ids;
    }

    private static String tails(List<Path> logs) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            List<String> lines;
            try {
                lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                lines = List.of("(cannot read: " + e.getMessage() + ")");
            }
            out.append("--- ").append(log).append(" (last ").append(LOG_TAIL_LINES).append(" lines) ---\n");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                    .forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    /** Workers first, so the master does not see them as lost; executors are their children and go with them. */
    private static void stop(List<Process> processes, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process process : processes.reversed()) {
            process.descendants().forEach(all::add);
            all.add(process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running: nothing to remove.
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp folder is harmless; the cluster itself is stopped.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts a cluster from the jars on this JVM's classpath, prints its master URL on the first line of standard output,
     * and stops it when standard input closes: for tests and benchmarks that drive Spark from another process.
     * Arguments: WORKERS [CORES [MEMORY]].
     */
    public static void main(String[] args) throws IOException {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int cores = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String memory = args.length > 2 ? args[2] : "1g";
        try (SparkCluster cluster = start(workers, cores, memory)) {
            System.out.println(cluster.masterUrl() + " " + cluster.masterWebUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the caller closes our standard input (or dies)
            }
        }
    }
}
