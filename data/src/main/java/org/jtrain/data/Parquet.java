package org.jtrain.data;

import org.jtrain.data.sql.Sql;
import org.jtrain.data.sql.SqlText;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parquet files, read and written through DuckDB (built in: nothing to download). Column types survive a round trip:
 * integer, long, short, float, double, boolean, string, local_date, local_time, local_date_time and instant.
 */
public final class Parquet {

    private Parquet() {
    }

    /** Whether a file name is a Parquet file's. */
    public static boolean isParquet(String fileName) {
        return fileName.toLowerCase().endsWith(".parquet");
    }

    /** A Parquet file (or a glob of them, such as {@code sales/*.parquet}), in a table named after the file; noted in {@link Loaded#current()}. */
    public static Table read(Path path) throws IOException {
        return read(path, Map.of());
    }

    /** {@link #read(Path)} with some columns cast to other types, as {@code %data load --types} asks. */
    public static Table read(Path path, Map<String, ColumnType> types) throws IOException {
        String file = path.toString();
        boolean glob = file.contains("*") || file.contains("?") || file.contains("[");
        if (!glob && !Files.isRegularFile(path)) throw new BadInput("no file at '" + path.toAbsolutePath() + "'");
        try (Sql sql = Sql.duckdb()) {
            String select = "*";
            if (!types.isEmpty()) {
                List<String> columns = sql.query("SELECT * FROM read_parquet(?) LIMIT 0", file).columnNames();
                List<String> casts = new ArrayList<>();
                for (var e : types.entrySet()) {
                    Load.typedColumn(e.getKey(), path.getFileName().toString(), columns);
                    String col = SqlText.quoteIdentifier(e.getKey());
                    casts.add("CAST(" + col + " AS " + Sql.typeOf(e.getValue()) + ") AS " + col);
                }
                select = "* REPLACE (" + String.join(", ", casts) + ")";
            }
            Table t = sql.query("SELECT " + select + " FROM read_parquet(?)", file);
            t.setName(path.getFileName().toString().replaceFirst("(?i)\\.parquet$", ""));
            if (glob) Loaded.current().files(file);
            else Loaded.current().file(path, t.rowCount());
            return t;
        } catch (BadInput e) {
            if (!e.getMessage().startsWith("SQL error")) throw e;
            // the position DuckDB points at is in our query, not the user's: keep its message only
            throw new BadInput("cannot read '" + file + "' as Parquet: " + e.getMessage().replaceFirst("^SQL error[^:]*: ", ""));
        }
    }

    /**
     * Writes {@code table} to a Parquet file (compressed with Snappy), replacing any file there: it is written beside it
     * first and then renamed, so a failure leaves the old file whole.
     */
    public static void write(Table table, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
        try (Sql sql = Sql.duckdb()) {
            sql.register("t", table);
            sql.execute("COPY t TO :path (FORMAT parquet)", Map.of("path", tmp.toString()));
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
