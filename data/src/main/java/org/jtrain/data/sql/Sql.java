package org.jtrain.data.sql;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.jtrain.data.BadInput;
import org.jtrain.data.Loaded;
import org.jtrain.data.Suggest;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * SQL on one connection: an in-process DuckDB ({@link #duckdb()}), which reads CSV, Parquet and JSON files and globs
 * of them directly ({@code SELECT * FROM 'sales/*.parquet'}) and queries Tablesaw tables {@linkplain #register
 * registered} under a name; or another database through its JDBC driver ({@link #connect}). Values are bound as
 * parameters, never written into the SQL; results come back as Tablesaw tables (see {@link TableReader} for the types);
 * a database's error is a {@link BadInput} of one line with the line and column it points at.
 *
 * <p>One thread uses a session at a time; {@link #cancel()} may be called from any other.
 *
 * <pre>{@code
 * try (Sql sql = Sql.duckdb()) {
 *     sql.register("people", people);
 *     Table adults = sql.query("SELECT name, age FROM people WHERE age >= :min", Map.of("min", 18));
 *     Table sales = sql.query("SELECT region, sum(amount) AS total FROM 'sales/*.parquet' GROUP BY region");
 * }
 * }</pre>
 */
public final class Sql implements AutoCloseable {

    /** What a statement gave: rows, or the number of rows it changed (CREATE, INSERT, UPDATE ...). */
    public record Result(Optional<Table> table, long changedRows) {
    }

    private final Connection connection;
    private final String url;
    private final List<String> secrets;
    private volatile PreparedStatement running;
    private volatile boolean cancelled;

    private Sql(Connection connection, String url, List<String> secrets) {
        this.connection = connection;
        this.url = url;
        this.secrets = secrets;
    }

    /** DuckDB's SQL type for a Tablesaw column type (VARCHAR for one it has no own type for), e.g. for a CAST. */
    public static String typeOf(ColumnType type) {
        return TableWriter.SQL_TYPES.getOrDefault(type, "VARCHAR");
    }

    /**
     * A new in-memory DuckDB database in this process. Extensions that DuckDB would download when first used (httpfs,
     * excel ...) are not: Parquet, JSON and CSV are built in.
     */
    public static Sql duckdb() {
        try {
            return new Sql(new DuckDBDriver().connect("jdbc:duckdb:", duckdbProperties(new Properties())), "jdbc:duckdb:", List.of());
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A connection to the database at {@code jdbcUrl} ({@code jdbc:sqlite:/path/file.db},
     * {@code jdbc:postgresql://host/db} ...), through the first driver on the classpath that accepts it (one added by
     * {@code %maven} included). {@code properties} holds the login ({@code user}, {@code password}: see
     * {@link Credentials}) and driver settings; no message shows a password, even one written into the URL.
     */
    public static Sql connect(String jdbcUrl, Properties properties) {
        List<String> secrets = secrets(jdbcUrl, properties);
        boolean duck = jdbcUrl.startsWith("jdbc:duckdb:");
        Properties props = duck ? duckdbProperties(properties) : properties;
        Driver driver = driver(jdbcUrl);
        try {
            Connection c = driver.connect(jdbcUrl, props);
            if (c == null) throw new BadInput("the driver " + driver.getClass().getName() + " does not take '" + withoutCredentials(jdbcUrl) + "'");
            return new Sql(c, jdbcUrl, secrets);
        } catch (SQLException e) {
            String message = String.join(" ", (e.getMessage() == null ? e.toString() : e.getMessage()).strip().split("\\s*\\R\\s*"));
            throw new BadInput(scrub("could not connect to " + withoutCredentials(jdbcUrl) + ": " + message, secrets));
        }
    }

    private static Properties duckdbProperties(Properties given) {
        Properties p = new Properties();
        p.putAll(given);
        p.setProperty("autoinstall_known_extensions", "false"); // never download at run time
        p.setProperty("errors_as_json", "true"); // errors then carry the position they point at
        return p;
    }

    /** Whether this is DuckDB, which can {@linkplain #register register} tables. */
    public boolean isDuckDB() {
        try {
            return connection.isWrapperFor(DuckDBConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The database's product name and version, such as "SQLite 3.54.1". */
    public String database() {
        try {
            var md = connection.getMetaData();
            return md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "the database";
        }
    }

    /** The JDBC URL, without any user or password written into it. */
    public String url() {
        return withoutCredentials(url);
    }

    /**
     * Makes {@code table} queryable as {@code name} (DuckDB only), replacing any table registered under that name. Its
     * rows are copied into a temporary table, which comes before the database's own tables of that name; later changes
     * to {@code table} are not seen until it is registered again.
     */
    public void register(String name, Table table) {
        DuckDBConnection duck = duck("register a Tablesaw table");
        cancelled = false;
        try {
            TableWriter.write(duck, name, table, () -> cancelled);
        } catch (SQLException e) {
            throw failure(e, "", null);
        }
    }

    /** Drops the table registered as {@code name}, if any. */
    public void unregister(String name) {
        try (var s = duck("unregister a table").createStatement()) {
            s.execute("DROP TABLE IF EXISTS temp.main." + SqlText.quoteIdentifier(name));
        } catch (SQLException e) {
            throw failure(e, "", null);
        }
    }

    /** Runs a query whose {@code ?} placeholders take {@code params} in order, and returns its rows. */
    public Table query(String sql, Object... params) {
        SqlText.Statement whole = new SqlText.Statement(sql, List.of(), sql, 0, List.of());
        cancelled = false;
        Table t = run(sql, whole, Arrays.asList(params)).table()
                .orElseThrow(() -> new BadInput("the statement gave no rows: use execute for statements such as CREATE or INSERT"));
        if (isDuckDB()) noteFiles(sql);
        return t;
    }

    /** Runs a query whose {@code :name} parameters take their values from {@code params}, and returns its rows. */
    public Table query(String sql, Map<String, ?> params) {
        return execute(sql, params).table()
                .orElseThrow(() -> new BadInput("the last statement gave no rows: end with a SELECT to see a table"));
    }

    /**
     * Runs the statements of {@code sql} (separated by semicolons) in order, each {@code :name} parameter bound to its
     * value in {@code params}; returns what the last one gave.
     */
    public Result execute(String sql, Map<String, ?> params) {
        List<SqlText.Statement> statements = SqlText.statements(sql);
        if (statements.isEmpty()) throw new BadInput("no SQL statement to run: the query is empty");
        cancelled = false;
        Result last = null;
        for (SqlText.Statement s : statements) {
            List<Object> values = new ArrayList<>();
            for (String name : s.names()) {
                if (!params.containsKey(name)) {
                    throw new BadInput("no value for :" + name + " in the query. Values given: "
                            + (params.isEmpty() ? "none" : String.join(", ", params.keySet().stream().sorted().toList())) + ".",
                            Suggest.closest(name, params.keySet()).orElse(null));
                }
                values.add(params.get(name));
            }
            last = run(sql, s, values);
        }
        if (isDuckDB()) noteFiles(sql);
        return last;
    }

    private static final Pattern DATA_FILE = Pattern.compile("(?i).+\\.(csv|tsv|tab|txt|json|jsonl|ndjson|parquet|xlsx)(\\.gz|\\.zst)?");

    /** Notes in {@link Loaded#current()} the files the query's literals name ('sales/*.parquet'), which DuckDB read. */
    private static void noteFiles(String sql) {
        for (String literal : SqlText.literals(sql)) {
            if (DATA_FILE.matcher(literal).matches()) Loaded.current().files(literal);
        }
    }

    /** Stops the statement running now, from another thread; the call that runs it throws a CancellationException. */
    public void cancel() {
        cancelled = true;
        PreparedStatement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) { // it had finished
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) { // closing what cannot be used any more
        }
    }

    private Result run(String whole, SqlText.Statement s, List<Object> values) {
        try (PreparedStatement ps = connection.prepareStatement(s.jdbc())) {
            for (int i = 0; i < values.size(); i++) bind(ps, i + 1, values.get(i), s.names().isEmpty() ? "#" + (i + 1) : ":" + s.names().get(i));
            running = ps;
            if (cancelled) throw new CancellationException("the query was cancelled");
            if (!ps.execute()) return new Result(Optional.empty(), Math.max(0, ps.getUpdateCount()));
            try (ResultSet rs = ps.getResultSet()) {
                return new Result(Optional.of(TableReader.read(rs, "result", () -> cancelled)), -1);
            }
        } catch (SQLException e) {
            throw failure(e, whole, s);
        } finally {
            running = null;
        }
    }

    /** Binds one value as a JDBC parameter, in the type that JDBC drivers take. */
    private static void bind(PreparedStatement ps, int index, Object value, String name) throws SQLException {
        switch (value) {
            case null -> ps.setObject(index, null);
            case String s -> ps.setString(index, s);
            case Character c -> ps.setString(index, c.toString());
            case Integer n -> ps.setInt(index, n);
            case Long n -> ps.setLong(index, n);
            case Short n -> ps.setShort(index, n);
            case Byte n -> ps.setByte(index, n);
            case Double n -> ps.setDouble(index, n);
            case Float n -> ps.setFloat(index, n);
            case java.math.BigDecimal n -> ps.setBigDecimal(index, n);
            case Boolean b -> ps.setBoolean(index, b);
            case LocalDate d -> ps.setObject(index, d);
            case LocalDateTime d -> ps.setObject(index, d);
            case LocalTime t -> ps.setObject(index, t);
            case Instant i -> ps.setObject(index, i.atOffset(ZoneOffset.UTC));
            default -> throw new BadInput("parameter " + name + " is a " + value.getClass().getSimpleName()
                    + ": parameters are numbers, text, booleans, dates and times");
        }
    }

    /** A cancelled statement as a CancellationException; any other error as one line. */
    private RuntimeException failure(SQLException e, String whole, SqlText.Statement sent) {
        if (cancelled) return new CancellationException("the query was cancelled");
        return SqlErrors.badInput(e, whole, sent, text -> scrub(text, secrets));
    }

    private DuckDBConnection duck(String what) {
        try {
            if (isDuckDB()) return connection.unwrap(DuckDBConnection.class);
        } catch (SQLException e) { // not DuckDB after all
        }
        throw new BadInput("cannot " + what + " in " + url() + ": only DuckDB can (Sql.duckdb(), or in a notebook %sql connect duckdb)");
    }

    /** The first driver that accepts {@code url}: those of the context class loader (where %maven adds jars) first. */
    private static Driver driver(String url) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<Driver> drivers = ServiceLoader.load(Driver.class, loader != null ? loader : Sql.class.getClassLoader());
        for (var it = drivers.iterator(); ; ) {
            try {
                if (!it.hasNext()) break;
                Driver d = it.next();
                if (d.acceptsURL(url)) return d;
            } catch (ServiceConfigurationError | SQLException broken) { // a jar naming a driver it lacks: try the next
            }
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            String shown = withoutCredentials(url);
            if (!shown.startsWith("jdbc:")) {
                throw new BadInput("'" + shown + "' is not a JDBC URL: write jdbc:sqlite:/path/to/file.db, "
                        + "jdbc:postgresql://host:5432/db, or duckdb for the built-in database");
            }
            throw new BadInput("no JDBC driver on the classpath takes '" + shown + "': add its driver to the classpath, in a notebook with %maven "
                    + "(SQLite: org.xerial:sqlite-jdbc, PostgreSQL: org.postgresql:postgresql, MySQL: com.mysql:mysql-connector-j)");
        }
    }

    /** The values that must never be shown: passwords from the properties and from the URL. */
    private static List<String> secrets(String url, Properties properties) {
        List<String> out = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String k = key.toLowerCase(java.util.Locale.ROOT);
            if (k.contains("password") || k.contains("secret") || k.contains("token")) out.add(properties.getProperty(key));
        }
        var m = java.util.regex.Pattern.compile("(?i)(password|pwd|secret|token)=([^&;]+)").matcher(url);
        while (m.find()) out.add(m.group(2));
        var userInfo = java.util.regex.Pattern.compile("//[^/@:]*:([^/@]+)@").matcher(url);
        if (userInfo.find()) out.add(userInfo.group(1));
        out.removeIf(s -> s == null || s.isEmpty());
        return List.copyOf(out);
    }

    private static String scrub(String text, List<String> secrets) {
        String out = text;
        for (String s : secrets) out = out.replace(s, "***");
        return out;
    }

    /** {@code url} as it may be shown: no user:password@, no password=... */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//")
                .replaceAll("(?i)(password|pwd|secret|token)=[^&;]*", "$1=***");
    }
}
