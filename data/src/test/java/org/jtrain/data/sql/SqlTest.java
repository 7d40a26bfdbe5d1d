package org.jtrain.data.sql;

import org.jtrain.data.BadInput;
import org.jtrain.data.Parquet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlTest {

    @TempDir
    static Path dir;
    static Sql sql;

    @BeforeAll
    static void open() {
        sql = Sql.duckdb();
    }

    @AfterAll
    static void close() {
        sql.close();
    }

    static Table people() {
        return Table.create("people",
                StringColumn.create("name", "ann", "bob", "cy", "dee"),
                IntColumn.create("age", 34, 17, 52, 25),
                StringColumn.create("city", "Oslo", "Lima", "Oslo", "Pune"));
    }

    @Test
    void aRegisteredTableIsQueriedWithBoundParameters() {
        sql.register("people", people());
        Table adults = sql.query("SELECT name, age FROM people WHERE age >= :min AND city = :city ORDER BY age",
                Map.of("min", 18, "city", "Oslo"));
        assertEquals(List.of("ann", "cy"), adults.stringColumn("name").asList());
        assertEquals(ColumnType.INTEGER, adults.column("age").type());
        // a value is bound, never spliced into the SQL: a quote in it is just a character
        assertEquals(0, sql.query("SELECT * FROM people WHERE name = :n", Map.of("n", "x' OR '1'='1")).rowCount());
        assertEquals(1, sql.query("SELECT * FROM people WHERE age < ?", 18).rowCount());
    }

    @Test
    void filesAreQueriedDirectlyGlobsIncluded() throws Exception {
        Path sales = Files.createDirectories(dir.resolve("sales"));
        for (int month = 1; month <= 3; month++) {
            Parquet.write(Table.create("s", StringColumn.create("region", "north", "south"),
                    DoubleColumn.create("amount", month * 10.0, month * 1.0)), sales.resolve("2026-0" + month + ".parquet"));
        }
        Table totals = sql.query("SELECT region, sum(amount) AS total, count(*) AS n FROM '" + sales + "/*.parquet' GROUP BY region ORDER BY region");
        assertEquals(List.of("north", "south"), totals.stringColumn("region").asList());
        assertEquals(60.0, totals.doubleColumn("total").get(0), 1e-9);
        assertEquals(6.0, totals.doubleColumn("total").get(1), 1e-9);
        assertEquals(ColumnType.LONG, totals.column("n").type()); // count(*) is a BIGINT

        Files.writeString(dir.resolve("pets.csv"), "name,age,born\nrex,3,2023-04-01\ntom,5,2021-02-03\n");
        Files.writeString(dir.resolve("pets.json"), "[{\"name\": \"rex\", \"good\": true}, {\"name\": \"tom\", \"good\": false}]");
        Table csv = sql.query("SELECT * FROM '" + dir.resolve("pets.csv") + "' ORDER BY name");
        assertEquals(ColumnType.LOCAL_DATE, csv.column("born").type());
        assertEquals(LocalDate.of(2023, 4, 1), csv.dateColumn("born").get(0));
        Table joined = sql.query("SELECT c.name, c.age, j.good FROM read_csv(:csv) c JOIN read_json(:json) j USING (name) ORDER BY c.name",
                Map.of("csv", dir.resolve("pets.csv").toString(), "json", dir.resolve("pets.json").toString()));
        assertEquals(List.of(true, false), joined.booleanColumn("good").asList());
    }

    @Test
    void aFileJoinsASessionTable() throws Exception {
        Path cities = dir.resolve("cities.csv");
        Files.writeString(cities, "city,country\nOslo,Norway\nLima,Peru\nPune,India\n");
        sql.register("folks", people());
        Table t = sql.query("SELECT p.name, c.country FROM folks p JOIN '" + cities + "' c ON p.city = c.city ORDER BY p.name");
        assertEquals(List.of("Norway", "Peru", "Norway", "India"), t.stringColumn("country").asList());
    }

    @Test
    void everyColumnTypeAndMissingValuesSurviveASessionTable() {
        Table all = TypesFixture.everyType();
        sql.register("every", all);
        Table back = sql.query("SELECT * FROM every");
        TypesFixture.assertSame(all, back);
    }

    @Test
    void statementsRunInOrderAndTheLastOneGivesTheResult() {
        Sql.Result made = sql.execute("CREATE OR REPLACE TABLE nums AS SELECT range AS n FROM range(5)", Map.of());
        assertTrue(made.table().isEmpty());
        Sql.Result r = sql.execute("INSERT INTO nums VALUES (10); INSERT INTO nums VALUES (11), (12);\nSELECT sum(n) AS s FROM nums WHERE n > :low",
                Map.of("low", 2));
        assertEquals(3 + 4 + 10 + 11 + 12, ((Number) r.table().orElseThrow().column("s").get(0)).longValue());
        assertEquals(2, sql.execute("DELETE FROM nums WHERE n < 2", Map.of()).changedRows());
        BadInput none = assertThrows(BadInput.class, () -> sql.query("CREATE OR REPLACE TABLE x AS SELECT 1 AS one", Map.of()));
        assertTrue(none.getMessage().contains("gave no rows"), none.getMessage());
    }

    @Test
    void aSqlErrorIsOneLineWithItsLineAndColumn() {
        sql.register("people", people());
        BadInput e = assertThrows(BadInput.class, () -> sql.query("SELECT nme FROM people", Map.of()));
        assertEquals("SQL error at line 1, column 8: Referenced column \"nme\" not found in FROM clause! Candidate bindings: \"name\", \"age\"",
                e.getMessage());
        assertEquals("name", e.suggestion().orElseThrow());
        // on the second line, after a parameter that was sent as "?": the column is the one in the text as written
        BadInput second = assertThrows(BadInput.class, () -> sql.query("SELECT name\nFROM people WHERE age > :min AND cty = 'Oslo'", Map.of("min", 3)));
        assertTrue(second.getMessage().startsWith("SQL error at line 2, column 34: Referenced column \"cty\" not found"), second.getMessage());
        BadInput syntax = assertThrows(BadInput.class, () -> sql.query("SELECT 1;\nSELEC 2", Map.of()));
        assertEquals("SQL error at line 2, column 1: syntax error at or near \"SELEC\"", syntax.getMessage());
        BadInput file = assertThrows(BadInput.class, () -> sql.query("SELECT * FROM 'no/such/*.parquet'"));
        assertFalse(file.getMessage().contains("\n"), file.getMessage());
        assertTrue(file.getMessage().startsWith("SQL error: No files found"), file.getMessage());
    }

    @Test
    void aParameterWithoutAValueIsNamedWithASuggestion() {
        BadInput e = assertThrows(BadInput.class, () -> sql.query("SELECT :minn AS x", Map.of("min", 1)));
        assertEquals("no value for :minn in the query. Values given: min.", e.getMessage());
        assertEquals("min", e.suggestion().orElseThrow());
        BadInput type = assertThrows(BadInput.class, () -> sql.query("SELECT :x AS x", Map.of("x", List.of(1))));
        assertTrue(type.getMessage().startsWith("parameter :x is a "), type.getMessage());
    }

    @Test
    void aRunningQueryIsCancelledFromAnotherThread() throws Exception {
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sql.query("SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000) b");
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(500);
        long start = System.nanoTime();
        sql.cancel();
        Object outcome = run.get(20, TimeUnit.SECONDS);
        assertInstanceOf(CancellationException.class, outcome);
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(1, ((Number) sql.query("SELECT 1 AS one").column("one").get(0)).intValue()); // the session goes on
    }

    @Test
    void sqliteThroughItsJdbcDriver() throws Exception {
        Path file = dir.resolve("shop.db");
        try (Sql lite = Sql.connect("jdbc:sqlite:" + file, new Properties())) {
            assertFalse(lite.isDuckDB());
            lite.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, amount REAL, placed DATE, big BIGINT);"
                    + "INSERT INTO orders VALUES (1, 'ann', 9.5, '2026-01-02', 5000000000), (2, 'bob', 20.0, '2026-02-03', NULL),"
                    + " (3, 'ann', 1.25, NULL, 7)", Map.of());
            Table t = lite.query("SELECT * FROM orders WHERE amount < :max ORDER BY id", Map.of("max", 15.0));
            assertEquals(List.of(1, 3), t.intColumn("id").asList());
            assertEquals(ColumnType.STRING, t.column("customer").type());
            assertEquals(ColumnType.DOUBLE, t.column("amount").type());
            assertEquals(LocalDate.of(2026, 1, 2), t.dateColumn("placed").get(0));
            assertTrue(t.dateColumn("placed").isMissing(1));
            assertEquals(5_000_000_000L, t.longColumn("big").get(0));
            Table sums = lite.query("SELECT customer, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer ORDER BY customer");
            assertEquals(2, sums.intColumn("n").get(0));
            BadInput e = assertThrows(BadInput.class, () -> lite.query("SELECT nope FROM orders"));
            assertEquals("SQL error: no such column: nope", e.getMessage());
            BadInput reg = assertThrows(BadInput.class, () -> lite.register("people", people()));
            assertTrue(reg.getMessage().startsWith("cannot register a Tablesaw table in jdbc:sqlite:"), reg.getMessage());
        }
    }

    @Test
    void credentialsAreNeverShown() {
        Properties login = Credentials.fromEnvironment(Map.of("DB_USER", "ann", "DB_PASS", "hunter2"), "DB_USER", "DB_PASS");
        assertEquals("hunter2", login.getProperty("password"));
        BadInput unset = assertThrows(BadInput.class, () -> Credentials.fromEnvironment(Map.of("DB_USER", "ann"), "DB_USER", "DB_PASSWORD"));
        assertTrue(unset.getMessage().startsWith("environment variable DB_PASSWORD is not set"), unset.getMessage());
        assertFalse(unset.getMessage().contains("ann"));
        // a failed connection names the URL without the password, however it was given
        BadInput e = assertThrows(BadInput.class, () -> Sql.connect("jdbc:sqlite:" + dir.resolve("no/such/dir/x.db") + "?password=s3cret", login));
        assertTrue(e.getMessage().startsWith("could not connect to jdbc:sqlite:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("hunter2"), e.getMessage());
        BadInput noDriver = assertThrows(BadInput.class, () -> Sql.connect("jdbc:postgresql://ann:hunter2@localhost/shop", login));
        assertTrue(noDriver.getMessage().startsWith("no JDBC driver on the classpath takes 'jdbc:postgresql://localhost/shop': add"),
                noDriver.getMessage());
        BadInput notUrl = assertThrows(BadInput.class, () -> Sql.connect("sqlite:shop.db", new Properties()));
        assertTrue(notUrl.getMessage().contains("is not a JDBC URL"), notUrl.getMessage());
    }
}
