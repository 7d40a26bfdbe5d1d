package org.jtrain.data.sql;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A table with a column of every Tablesaw type jtrain keeps, each with a missing value. */
public final class TypesFixture {

    private TypesFixture() {
    }

    public static Table everyType() {
        Table t = Table.create("every",
                IntColumn.create("i", 1, -2_000_000_000, 3),
                LongColumn.create("l", 5_000_000_000L, -1L, 0L),
                ShortColumn.create("sh", (short) 7, (short) -8, (short) 9),
                DoubleColumn.create("d", 0.1, -1e300, 2.5),
                FloatColumn.create("f", 0.5f, -3.25f, 1e20f),
                BooleanColumn.create("b", true, false, true),
                StringColumn.create("s", "", "ü ß \"quoted\" 'x'", "c"), // "" is missing (setMissing does not work on strings)
                DateColumn.create("date", LocalDate.of(2026, 1, 2), LocalDate.of(1900, 12, 31), LocalDate.of(2099, 6, 30)),
                TimeColumn.create("time", LocalTime.of(1, 2, 3), LocalTime.of(23, 59, 59, 123_000_000), LocalTime.NOON),
                DateTimeColumn.create("ts", LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000), LocalDateTime.of(1970, 1, 1, 0, 0),
                        LocalDateTime.of(2030, 12, 31, 23, 59, 59)),
                InstantColumn.create("at", Instant.parse("2026-01-02T03:04:05.678Z"), Instant.EPOCH, Instant.parse("2001-09-09T01:46:40Z")));
        // a missing value in each column, each in another row
        int row = 0;
        for (Column<?> c : t.columns()) if (!(c instanceof StringColumn)) c.setMissing(row++ % 3);
        return t;
    }

    /** Same column names, types, and values (missing ones included). */
    public static void assertSame(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        for (Column<?> c : expected.columns()) {
            Column<?> a = actual.column(c.name());
            assertEquals(c.type(), a.type(), c.name());
            assertEquals(c.size(), a.size(), c.name());
            for (int r = 0; r < c.size(); r++) {
                assertEquals(c.isMissing(r), a.isMissing(r), c.name() + " row " + r);
                if (!c.isMissing(r)) assertEquals(c.get(r), a.get(r), c.name() + " row " + r);
            }
        }
    }
}
