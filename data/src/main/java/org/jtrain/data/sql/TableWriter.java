package org.jtrain.data.sql;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A Tablesaw table copied into a DuckDB temporary table through DuckDB's appender, column types kept. A missing value
 * (Tablesaw's NaN, empty string, ...) becomes NULL.
 */
final class TableWriter {

    /** DuckDB's type for each Tablesaw column type; any other is written as text. */
    static final Map<ColumnType, String> SQL_TYPES = Map.ofEntries(
            Map.entry(ColumnType.SHORT, "SMALLINT"), Map.entry(ColumnType.INTEGER, "INTEGER"),
            Map.entry(ColumnType.LONG, "BIGINT"), Map.entry(ColumnType.FLOAT, "FLOAT"),
            Map.entry(ColumnType.DOUBLE, "DOUBLE"), Map.entry(ColumnType.BOOLEAN, "BOOLEAN"),
            Map.entry(ColumnType.STRING, "VARCHAR"), Map.entry(ColumnType.LOCAL_DATE, "DATE"),
            Map.entry(ColumnType.LOCAL_TIME, "TIME"), Map.entry(ColumnType.LOCAL_DATE_TIME, "TIMESTAMP"),
            Map.entry(ColumnType.INSTANT, "TIMESTAMPTZ"));

    private TableWriter() {
    }

    /** Creates (or replaces) temporary table {@code name} holding {@code table}'s rows; stops when {@code stop} says so. */
    static void write(DuckDBConnection connection, String name, Table table, BooleanSupplier stop) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            columns.add(SqlText.quoteIdentifier(c.name()) + " " + SQL_TYPES.getOrDefault(c.type(), "VARCHAR"));
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE " + SqlText.quoteIdentifier(name) + " (" + String.join(", ", columns) + ")");
        }
        List<Column<?>> cols = table.columns();
        try (DuckDBAppender appender = connection.createAppender("temp", "main", name)) {
            for (int row = 0; row < table.rowCount(); row++) {
                if ((row & 8191) == 0 && stop.getAsBoolean()) throw new CancellationException("stopped while copying table " + name);
                appender.beginRow();
                for (Column<?> c : cols) {
                    if (c.isMissing(row)) appender.appendNull();
                    else append(appender, c, row);
                }
                appender.endRow();
            }
        }
    }

    private static void append(DuckDBAppender a, Column<?> c, int row) throws SQLException {
        switch (c) {
            case IntColumn n -> a.append(n.getInt(row));
            case LongColumn n -> a.append(n.getLong(row));
            case ShortColumn n -> a.append(n.getShort(row));
            case DoubleColumn n -> a.append(n.getDouble(row));
            case FloatColumn n -> a.append(n.getFloat(row));
            case BooleanColumn b -> a.append(b.get(row).booleanValue());
            case DateColumn d -> a.append(d.get(row));
            case TimeColumn t -> a.append(t.get(row));
            case DateTimeColumn d -> a.append(d.get(row));
            case InstantColumn i -> a.append(i.get(row).atOffset(ZoneOffset.UTC));
            default -> a.append(c.getString(row));
        }
    }
}
