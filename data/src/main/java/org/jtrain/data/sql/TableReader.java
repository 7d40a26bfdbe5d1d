package org.jtrain.data.sql;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A JDBC result as a Tablesaw table, each SQL type mapped to the Tablesaw type that holds it: SMALLINT and TINYINT
 * to short, INTEGER to integer, BIGINT to long (each widened when a value does not fit, as SQLite's may not),
 * HUGEINT to long when every value fits and else double, DECIMAL and DOUBLE to double, single-precision FLOAT to float, DATE,
 * TIME, TIMESTAMP and TIMESTAMP WITH TIME ZONE to local_date, local_time, local_date_time and instant, and anything
 * else (VARCHAR, lists, structs, UUIDs ...) to text. NULL is Tablesaw's missing value.
 */
final class TableReader {

    private TableReader() {
    }

    static Table read(ResultSet rs, String name, BooleanSupplier stop) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Sink> sinks = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) sinks.add(sink(md, i));
        long rows = 0;
        while (rs.next()) {
            if ((++rows & 8191) == 0 && stop.getAsBoolean()) throw new CancellationException("stopped while reading the result");
            for (int i = 0; i < sinks.size(); i++) sinks.get(i).read(rs, i + 1);
        }
        Table t = Table.create(name);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sinks.size(); i++) {
            String label = md.getColumnLabel(i + 1);
            String unique = label == null || label.isBlank() ? "column" + (i + 1) : label;
            for (int n = 2; !names.add(unique.toLowerCase(Locale.ROOT)); n++) unique = label + "_" + n; // SELECT a.id, b.id
            t.addColumns(sinks.get(i).column(unique));
        }
        return t;
    }

    private static Sink sink(ResultSetMetaData md, int i) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        return switch (md.getColumnType(i)) {
            case Types.TINYINT, Types.SMALLINT -> new Whole(Whole.SHORT);
            case Types.INTEGER -> new Whole(Whole.INT);
            case Types.BIGINT -> new Whole(Whole.LONG);
            // JDBC's REAL is single precision and FLOAT double, but drivers differ (SQLite's REAL is a double): ask the class
            case Types.REAL, Types.FLOAT -> "java.lang.Float".equals(md.getColumnClassName(i)) ? new Floats() : new Doubles();
            case Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> new Doubles();
            case Types.BOOLEAN, Types.BIT -> new Booleans();
            case Types.DATE -> new Temporals<>(LocalDate.class, TableReader::date, DateColumn::create);
            case Types.TIME -> new Temporals<>(LocalTime.class, TableReader::time, TimeColumn::create);
            case Types.TIMESTAMP -> new Temporals<>(LocalDateTime.class, TableReader::dateTime, DateTimeColumn::create);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new Temporals<>(OffsetDateTime.class, TableReader::instant, InstantColumn::create);
            default -> switch (typeName) {
                case "HUGEINT", "UHUGEINT", "UBIGINT" -> new BigWhole();
                default -> new Texts();
            };
        };
    }

    /** Reads one column of the result, row by row, and makes its Tablesaw column at the end. */
    private interface Sink {
        void read(ResultSet rs, int i) throws SQLException;

        Column<?> column(String name);
    }

    /** Whole numbers, read as longs; the column is as narrow as its SQL type allows and its values need. */
    private static final class Whole implements Sink {
        static final int SHORT = 0, INT = 1, LONG = 2;
        private final int width;
        private final LongColumn values = LongColumn.create("");
        private long min = Long.MAX_VALUE, max = Long.MIN_VALUE;

        Whole(int width) {
            this.width = width;
        }

        public void read(ResultSet rs, int i) throws SQLException {
            long v = rs.getLong(i);
            if (rs.wasNull()) {
                values.appendMissing();
            } else {
                values.append(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }

        public Column<?> column(String name) {
            boolean fitsShort = min >= Short.MIN_VALUE + 1 && max <= Short.MAX_VALUE; // MIN_VALUE is Tablesaw's missing
            boolean fitsInt = min >= Integer.MIN_VALUE + 1 && max <= Integer.MAX_VALUE;
            if (width == SHORT && fitsShort) return values.asShortColumn().setName(name);
            if (width <= INT && fitsInt) return values.asIntColumn().setName(name);
            return values.setName(name);
        }
    }

    /** HUGEINT and unsigned BIGINT: longs when every value fits, else doubles. */
    private static final class BigWhole implements Sink {
        private final List<BigInteger> values = new ArrayList<>();

        public void read(ResultSet rs, int i) throws SQLException {
            Object o = rs.getObject(i);
            values.add(o == null ? null : o instanceof BigInteger b ? b : new BigDecimal(o.toString()).toBigInteger());
        }

        public Column<?> column(String name) {
            BigInteger lo = BigInteger.valueOf(Long.MIN_VALUE + 1), hi = BigInteger.valueOf(Long.MAX_VALUE);
            if (values.stream().allMatch(v -> v == null || (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0))) {
                LongColumn c = LongColumn.create(name);
                for (BigInteger v : values) if (v == null) c.appendMissing(); else c.append(v.longValue());
                return c;
            }
            DoubleColumn c = DoubleColumn.create(name);
            for (BigInteger v : values) if (v == null) c.appendMissing(); else c.append(v.doubleValue());
            return c;
        }
    }

    private static final class Doubles implements Sink {
        private final DoubleColumn values = DoubleColumn.create("");

        public void read(ResultSet rs, int i) throws SQLException {
            double v = rs.getDouble(i);
            if (rs.wasNull()) values.appendMissing(); else values.append(v);
        }

        public Column<?> column(String name) {
            return values.setName(name);
        }
    }

    private static final class Floats implements Sink {
        private final FloatColumn values = FloatColumn.create("");

        public void read(ResultSet rs, int i) throws SQLException {
            float v = rs.getFloat(i);
            if (rs.wasNull()) values.appendMissing(); else values.append(v);
        }

        public Column<?> column(String name) {
            return values.setName(name);
        }
    }

    private static final class Booleans implements Sink {
        private final BooleanColumn values = BooleanColumn.create("");

        public void read(ResultSet rs, int i) throws SQLException {
            boolean v = rs.getBoolean(i);
            if (rs.wasNull()) values.appendMissing(); else values.append(v);
        }

        public Column<?> column(String name) {
            return values.setName(name);
        }
    }

    private static final class Texts implements Sink {
        private final StringColumn values = StringColumn.create("");

        public void read(ResultSet rs, int i) throws SQLException {
            String v = rs.getString(i);
            if (v == null) values.appendMissing(); else values.append(v);
        }

        public Column<?> column(String name) {
            return values.setName(name);
        }
    }

    /**
     * Dates and times. Drivers hand them over in various forms (SQLite's as text): each value is converted at the end,
     * and a column with a value that does not convert stays text, as the database gave it.
     */
    private static final class Temporals<T extends Temporal, C extends Column<T>> implements Sink {
        private final Class<?> asked;
        private final Function<Object, T> convert;
        private final Function<String, C> create;
        private final List<Object> values = new ArrayList<>();

        Temporals(Class<?> asked, Function<Object, T> convert, Function<String, C> create) {
            this.asked = asked;
            this.convert = convert;
            this.create = create;
        }

        public void read(ResultSet rs, int i) throws SQLException {
            Object o;
            try {
                o = rs.getObject(i, asked);
            } catch (SQLException | RuntimeException unsupported) { // drivers that cannot give java.time types
                o = rs.getObject(i);
            }
            values.add(o);
        }

        public Column<?> column(String name) {
            C c = create.apply(name);
            try {
                for (Object o : values) if (o == null) c.appendMissing(); else c.append(convert.apply(o));
                return c;
            } catch (RuntimeException notThisType) {
                StringColumn s = StringColumn.create(name);
                for (Object o : values) if (o == null) s.appendMissing(); else s.append(o.toString());
                return s;
            }
        }
    }

    private static LocalDate date(Object o) {
        return switch (o) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            case LocalDateTime d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime().toLocalDate();
            default -> LocalDate.parse(o.toString().strip());
        };
    }

    private static LocalTime time(Object o) {
        return switch (o) {
            case LocalTime t -> t;
            case java.sql.Time t -> t.toLocalTime();
            default -> LocalTime.parse(o.toString().strip());
        };
    }

    private static LocalDateTime dateTime(Object o) {
        return switch (o) {
            case LocalDateTime d -> d;
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case LocalDate d -> d.atStartOfDay();
            default -> LocalDateTime.parse(o.toString().strip().replace(' ', 'T'));
        };
    }

    private static Instant instant(Object o) {
        return switch (o) {
            case OffsetDateTime d -> d.toInstant();
            case Instant i -> i;
            case java.sql.Timestamp t -> t.toInstant();
            default -> OffsetDateTime.parse(o.toString().strip().replace(' ', 'T')).toInstant();
        };
    }
}
