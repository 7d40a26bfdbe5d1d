package org.jtrain.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jtrain.data.BadInput;
import org.jtrain.data.Smoke;
import org.jtrain.data.Suggest;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * A Spark session as jtrain starts it, and the ways data moves in and out of it:
 * <pre>{@code SparkSession spark = Spark.start("local[*]", "4g", Map.of());
 * Dataset<Row> flights = Spark.load(Path.of("flights.parquet"));
 * Table sample = Spark.sample(flights, 10_000, 42, "flights");}</pre>
 */
public final class Spark {

    /** The JDK that Spark 4.2 accepts: 25.0.0 to 25.0.2 crash it (apache/spark#55840). */
    static final Runtime.Version OLDEST = Runtime.Version.parse("25.0.3");

    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,6}[mMgG]");

    private Spark() {
    }

    /**
     * Starts a session on {@code master} ({@code local[*]}, {@code spark://host:7077}, {@code yarn}, {@code k8s://...}),
     * or returns the running one when it has the same master. The web UI is off unless {@code spark.ui.enabled} is set,
     * and Spark logs warnings only. {@code memory} (e.g. {@code 4g}; null for Spark's default) is each executor's.
     */
    public static synchronized SparkSession start(String master, String memory, Map<String, String> conf) {
        return start(master, memory, conf, null);
    }

    /**
     * Starts a standalone cluster of {@code workers} worker processes on this machine (1 core and {@code memory} each,
     * 1g by default) and a session on it; {@link #stop()} stops both. Real processes, as a cluster of machines would
     * run them: a way to see Spark distribute work, not to gain speed.
     */
    public static synchronized SparkSession startLocalCluster(int workers, String memory, Map<String, String> conf) throws java.io.IOException {
        if (running().isPresent()) throw new BadInput("A Spark session is running; %spark stop ends it before a cluster starts.");
        if (workers < 1 || workers > 16) throw new BadInput("--workers " + workers + ": give 1 to 16 worker processes.");
        String each = memory == null ? "1g" : memory;
        if (!MEMORY.matcher(each).matches()) throw new BadInput("--memory " + memory + ": give it in megabytes or gigabytes, e.g. 512m or 4g");
        if (Smoke.on()) { // the lessons' quick runs: the same number of cores, without the processes
            Smoke.note("a cluster of " + workers + " worker processes → local[" + workers + "]");
            return start("local[" + workers + "]", null, conf, null);
        }
        SparkCluster made = SparkCluster.start(workers, 1, each);
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("spark.cores.max", String.valueOf(workers),
                "spark.scheduler.minRegisteredResourcesRatio", "1.0")); // the first job waits for every executor
        settings.putAll(conf);
        try {
            return start(made.masterUrl(), executorMemory(each), settings, made);
        } catch (RuntimeException e) {
            made.close();
            throw e;
        }
    }

    /** An executor's heap: what its worker offers, less room for the JVM's own needs. */
    private static String executorMemory(String worker) {
        long mb = Long.parseLong(worker.substring(0, worker.length() - 1)) * (Character.toLowerCase(worker.charAt(worker.length() - 1)) == 'g' ? 1024 : 1);
        return Math.max(256, mb * 3 / 4) + "m";
    }

    /** The cluster that {@link #startLocalCluster} started, stopped with the session. */
    private static SparkCluster cluster;

    private static SparkSession start(String master, String memory, Map<String, String> conf, SparkCluster made) {
        checkJdk(Runtime.version());
        if (memory != null && !MEMORY.matcher(memory).matches()) {
            throw new BadInput("--memory " + memory + ": give it in megabytes or gigabytes, e.g. 512m or 4g");
        }
        Optional<SparkSession> running = running();
        if (running.isPresent()) {
            String has = running.get().sparkContext().master();
            if (has.equals(master)) return running.get();
            throw new BadInput("A Spark session on " + has + " is running; %spark stop ends it before one on " + master + " starts.");
        }
        if (master.equals("yarn") && System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null) {
            // else YARN's client retries 0.0.0.0:8032 for many minutes
            throw new BadInput("--master yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR) set to the folder of the cluster's yarn-site.xml "
                    + "and core-site.xml, in the environment ./jtrain lab starts from.");
        }
        useOpenBlas();
        SparkConf c = new SparkConf().setMaster(master).setAppName("jtrain")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false") // jtrain shows progress itself
                .set("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        if (memory != null) c.set("spark.executor.memory", memory);
        if (master.matches("spark://(127\\.0\\.0\\.1|localhost):\\d+")) c.set("spark.driver.host", "127.0.0.1"); // workers on this machine reach it there
        conf.forEach(c::set);
        SparkSession session;
        try {
            session = SparkSession.builder().config(c).getOrCreate();
        } catch (Exception e) { // Scala's exceptions are unchecked in Java
            if (master.startsWith("local")) throw e;
            // where the cluster is missing or refuses, that is the user's setting: say what Spark said
            throw new BadInput("Spark could not start on " + master + ": " + withCause(e) + ".");
        }
        cluster = made;
        try {
            session.sparkContext().setLogLevel("WARN");
        } catch (ClassCastException e) { // a host (jtrain's kernel) whose log4j-api goes to SLF4J: its own settings keep Spark at WARN
        }
        return session;
    }

    /**
     * Points MLlib's BLAS at the OpenBLAS that jtrain ships (on LD_LIBRARY_PATH in its kernel), instead of a system
     * libblas.so.3 that most machines lack: each miss prints a line of native noise and falls back to slower Java loops.
     */
    private static void useOpenBlas() {
        if (System.getProperty("dev.ludovic.netlib.blas.nativeLibPath") != null) return;
        String dirs = System.getenv().getOrDefault("LD_LIBRARY_PATH", "") + java.io.File.pathSeparator + System.getProperty("java.library.path", "");
        for (String dir : dirs.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path lib = Path.of(dir, "libopenblas.so");
            if (Files.isRegularFile(lib)) {
                System.setProperty("dev.ludovic.netlib.blas.nativeLibPath", lib.toString());
                return;
            }
        }
    }

    /** Refuses a JDK that Spark cannot run on, saying why. */
    static void checkJdk(Runtime.Version v) {
        if (v.feature() == 25 && v.compareToIgnoreOptional(OLDEST) < 0) {
            throw new BadInput("This kernel runs on Java " + v + "; Spark 4.2 refuses 25.0.0 to 25.0.2, whose JIT miscompiles "
                    + "it (apache/spark#55840). Use Java " + OLDEST + " or newer.");
        }
    }

    /** The cluster of worker processes that {@link #startLocalCluster} started, while its session runs. */
    public static Optional<SparkCluster> localCluster() {
        return Optional.ofNullable(cluster);
    }

    /** The running session, if any. */
    public static Optional<SparkSession> running() {
        return SparkSession.getActiveSession().isDefined() ? Optional.of(SparkSession.getActiveSession().get())
                : SparkSession.getDefaultSession().isDefined() ? Optional.of(SparkSession.getDefaultSession().get()) : Optional.empty();
    }

    /** The running session, or a BadInput that says how to start one. */
    public static SparkSession session() {
        return running().orElseThrow(() -> new BadInput("No Spark session is running: %spark start starts one (local[*] by default)."));
    }

    /** Stops the running session; returns whether there was one. */
    public static synchronized boolean stop() {
        Optional<SparkSession> s = running();
        s.ifPresent(SparkSession::stop);
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        return s.isPresent();
    }

    /** Reads a CSV (with a header; types inferred), Parquet or JSON-lines file, or a folder of one of them. */
    public static Dataset<Row> load(Path file) {
        session();
        if (!Files.exists(file)) {
            throw new BadInput("No file or folder at '" + file.toAbsolutePath() + "'.");
        }
        return read(format(file), file.toAbsolutePath().toString());
    }

    /**
     * The same for a path on this machine, or a location Spark reads itself ({@code hdfs://...}, {@code s3a://...} where
     * the cluster has its connector), whose format its extension says (a folder there is read as Parquet).
     */
    public static Dataset<Row> load(String location) {
        if (!location.matches("[A-Za-z][A-Za-z0-9+.-]+://.+") || location.startsWith("file://")) {
            return load(Path.of(location.replaceFirst("^file://", "")));
        }
        session();
        String name = location.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        String format = name.contains(".") ? format(Path.of(name)) : "parquet"; // a folder there: Spark's own default format
        return read(format, location);
    }

    /** Reads with Spark; what fails there (a corrupt file, one it cannot parse, a store that is not there) is the user's to check. */
    private static Dataset<Row> read(String format, String location) {
        SparkSession spark = session();
        try {
            return switch (format) {
                case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(location);
                case "parquet" -> spark.read().parquet(location);
                default -> spark.read().json(location);
            };
        } catch (Exception e) { // Scala's exceptions are unchecked in Java
            throw new BadInput("Spark could not read " + location + ": " + withCause(e) + ".");
        }
    }

    /** Runs a Spark SQL query on the running session; a query Spark cannot analyse is the user's to fix, in one line. */
    public static Dataset<Row> sql(String query) {
        SparkSession spark = session();
        try {
            return spark.sql(query);
        } catch (Exception e) {
            if (e instanceof AnalysisException) throw new BadInput("Spark SQL: " + firstLine(e));
            throw e;
        }
    }

    /** The first line of an exception's message, and of its root cause's where that says more ("An error has occurred"). */
    static String withCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String first = firstLine(e), last = firstLine(root);
        return root == e || first.contains(last) ? first : first + " (" + last + ")";
    }

    /** An exception's message up to its first line break (Spark appends query plans), without exception class names or SQLSTATE. */
    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl))
                .replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "") // "java.net.ConnectException: " says nothing more
                .replaceFirst("\\s*SQLSTATE: \\w+;?.*$", "").replaceAll("[.;]+$", "");
    }

    /** csv, parquet or json: by extension, or for a folder by the files in it. */
    static String format(Path file) {
        List<String> formats = List.of("csv", "parquet", "json");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            try (var files = Files.list(file)) {
                Optional<String> found = files.map(p -> extension(p.getFileName().toString())).filter(formats::contains).findFirst();
                if (found.isPresent()) return found.get();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new BadInput("The folder '" + file + "' holds no .csv, .parquet or .json files.");
        }
        String ext = extension(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
        if (ext.equals("jsonl") || ext.equals("ndjson")) return "json";
        if (!formats.contains(ext)) {
            throw new BadInput("'" + file.getFileName() + "' is not a file Spark reads here: give a .csv, .parquet or .json (lines) file, or a folder of them.",
                    Suggest.closest(ext, formats).map(e -> "." + e).orElse(null));
        }
        return ext;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /**
     * Up to {@code rows} rows of {@code data}, drawn at random under {@code seed} (all of them when it has fewer), as a
     * Tablesaw table named {@code name}. Numbers, text and booleans keep their type; other columns become text.
     */
    public static Table sample(Dataset<Row> data, int rows, long seed, String name) {
        if (rows < 1) throw new BadInput("--rows " + rows + ": give how many rows to bring back, at least 1.");
        long total = data.count();
        if (total <= rows) return toTable(data.collectAsList(), data.schema(), name);
        // a Bernoulli sample with room to spare, then `rows` of it at random: limit() would keep the first partitions' rows
        List<Row> drawn = new ArrayList<>(data.sample(false, Math.min(1.0, 1.1 * rows / total + 10.0 / total), seed).collectAsList());
        Collections.shuffle(drawn, new Random(seed));
        return toTable(drawn.subList(0, Math.min(rows, drawn.size())), data.schema(), name);
    }

    /** Rows collected from Spark as a Tablesaw table. */
    static Table toTable(List<Row> rows, StructType schema, String name) {
        Table t = Table.create(name);
        StructField[] fields = schema.fields();
        for (int c = 0; c < fields.length; c++) {
            t.addColumns(column(fields[c].name(), fields[c].dataType(), rows, c));
        }
        return t;
    }

    private static Column<?> column(String name, DataType type, List<Row> rows, int c) {
        if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType)) {
            IntColumn col = IntColumn.create(name);
            rows.forEach(r -> { if (r.isNullAt(c)) col.appendMissing(); else col.append(((Number) r.get(c)).intValue()); });
            return col;
        }
        if (type.equals(DataTypes.LongType)) {
            LongColumn col = LongColumn.create(name);
            rows.forEach(r -> { if (r.isNullAt(c)) col.appendMissing(); else col.append(r.getLong(c)); });
            return col;
        }
        if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType) || type instanceof org.apache.spark.sql.types.DecimalType) {
            DoubleColumn col = DoubleColumn.create(name);
            rows.forEach(r -> { if (r.isNullAt(c)) col.appendMissing(); else col.append(((Number) r.get(c)).doubleValue()); });
            return col;
        }
        if (type.equals(DataTypes.BooleanType)) {
            BooleanColumn col = BooleanColumn.create(name);
            rows.forEach(r -> { if (r.isNullAt(c)) col.appendMissing(); else col.append(r.getBoolean(c)); });
            return col;
        }
        StringColumn col = StringColumn.create(name);
        rows.forEach(r -> { if (r.isNullAt(c)) col.appendMissing(); else col.append(String.valueOf(r.get(c))); });
        return col;
    }

    /** A Tablesaw table as a Spark dataset: numbers as doubles or longs, booleans, and everything else as text. */
    public static Dataset<Row> fromTable(SparkSession spark, Table table) {
        List<StructField> fields = new ArrayList<>();
        for (Column<?> col : table.columns()) fields.add(DataTypes.createStructField(col.name(), sparkType(col.type()), true));
        StructType schema = DataTypes.createStructType(fields);
        List<Row> rows = new ArrayList<>(table.rowCount());
        int n = table.columnCount();
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[n];
            for (int c = 0; c < n; c++) {
                Column<?> col = table.column(c);
                values[c] = col.isMissing(r) ? null : value(col, r, schema.fields()[c].dataType());
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static DataType sparkType(ColumnType type) {
        return switch (type.name()) {
            case "INTEGER", "SHORT", "LONG" -> DataTypes.LongType;
            case "DOUBLE", "FLOAT" -> DataTypes.DoubleType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            default -> DataTypes.StringType;
        };
    }

    private static Object value(Column<?> col, int r, DataType type) {
        if (type.equals(DataTypes.LongType)) return ((Number) col.get(r)).longValue();
        if (type.equals(DataTypes.DoubleType)) return ((Number) col.get(r)).doubleValue();
        if (type.equals(DataTypes.BooleanType)) return col.get(r);
        return col.getString(r);
    }
}
