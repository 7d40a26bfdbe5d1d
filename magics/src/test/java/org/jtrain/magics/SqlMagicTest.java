package org.jtrain.magics;

import org.jtrain.data.Parquet;
import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlMagicTest {

    static JTrainKernel kernel;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("Table people = Table.create(\"people\", StringColumn.create(\"name\", \"ann\", \"bob\", \"cy\"), "
                + "IntColumn.create(\"age\", 34, 17, 52), StringColumn.create(\"city\", \"Oslo\", \"Lima\", \"Oslo\"));");
    }

    @Test
    void aSessionTableIsQueriedByItsVariableNameWithAParameter() {
        kernel.evalRaw("int minAge = 18;");
        Table t = (Table) kernel.evalRaw("%sql SELECT name, age FROM people WHERE age >= :minAge ORDER BY age DESC");
        assertEquals(List.of("cy", "ann"), t.stringColumn("name").asList());
        assertEquals(ColumnType.INTEGER, t.column("age").type());
        // the line form gives a value; quotes in the SQL stay as written
        kernel.evalRaw("Table oslo = %sql SELECT * FROM people WHERE city = 'Oslo' AND name <> 'it''s'");
        assertEquals(2, kernel.evalRaw("oslo.rowCount()"));
        // the session table was only lent to DuckDB for the query
        assertEquals(0, ((Table) kernel.evalRaw("%sql SELECT table_name FROM duckdb_tables() WHERE temporary")).rowCount());
    }

    @Test
    void aCellQueryIsLeftInItsVariable() {
        String out = TestKernels.stdout(() -> kernel.evalRaw("%%sql --as byCity\n-- people per city\nSELECT city, count(*) AS n\nFROM people\nGROUP BY city ORDER BY city"));
        assertEquals("byCity = 2 rows × 2 columns\n", out);
        assertEquals(List.of("Lima", "Oslo"), kernel.evalRaw("byCity.stringColumn(\"city\").asList()"));
        assertEquals(2L, kernel.evalRaw("byCity.longColumn(\"n\").get(1)"));
        assertEquals("byCity", kernel.evalRaw("byCity.name()"));
    }

    @Test
    void filesAndTablesJoinAndTablesCreatedInDuckDBStay() throws Exception {
        Path sales = Files.createDirectories(dir.resolve("sales"));
        for (int i = 1; i <= 2; i++) {
            Parquet.write(Table.create("s", StringColumn.create("name", "ann", "cy"), DoubleColumn.create("amount", i, 10 * i)),
                    sales.resolve("part" + i + ".parquet"));
        }
        Table t = (Table) kernel.evalRaw("%sql SELECT p.city, sum(s.amount) AS total FROM '" + sales + "/*.parquet' s "
                + "JOIN people p USING (name) GROUP BY p.city");
        assertEquals(1, t.rowCount());
        assertEquals(33.0, t.doubleColumn("total").get(0), 1e-9);
        assertNull(kernel.evalRaw("%sql CREATE OR REPLACE TABLE kept AS SELECT 1 AS one"));
        assertEquals(1, ((Table) kernel.evalRaw("%sql SELECT * FROM kept")).rowCount());
        kernel.evalRaw("%data load " + sales.resolve("part2.parquet") + " --as part");
        assertEquals(20.0, kernel.evalRaw("part.doubleColumn(\"amount\").get(1)"));
    }

    @Test
    void aSqlErrorIsOneUsageErrorLineAndTheVariablesStay() {
        kernel.evalRaw("%%sql --as kept2\nSELECT 1 AS one");
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%%sql --as kept2\nSELECT nme\nFROM people"));
        assertEquals("UsageError: SQL error at line 1, column 8: Referenced column \"nme\" not found in FROM clause! "
                + "Candidate bindings: \"name\", \"age\"", e.lines().getFirst());
        assertEquals("Did you mean 'name'?", e.lines().getLast());
        assertEquals(1, kernel.evalRaw("kept2.intColumn(\"one\").get(0)"));
        UsageError param = assertThrows(UsageError.class, () -> kernel.evalRaw("%sql SELECT * FROM people WHERE age > :minAg"));
        assertTrue(param.getMessage().startsWith("no session variable 'minAg' for :minAg in the query. Variables: "), param.getMessage());
        UsageError table = assertThrows(UsageError.class, () -> kernel.evalRaw("%sql SELECT * FROM peple"));
        assertTrue(table.getMessage().startsWith("SQL error at line 1, column 15: Table with name peple does not exist! Table variables: "),
                table.getMessage());
        assertEquals("Did you mean 'people'?", table.lines().getLast());
        UsageError empty = assertThrows(UsageError.class, () -> kernel.evalRaw("%sql --as x"));
        assertTrue(empty.getMessage().startsWith("%sql needs a query"), empty.getMessage());
    }

    @Test
    void sqliteThroughConnectAndBack() throws Exception {
        Path db = dir.resolve("shop.db");
        String out = TestKernels.stdout(() -> kernel.evalRaw("%sql connect jdbc:sqlite:" + db));
        assertTrue(out.startsWith("Connected to SQLite "), out);
        try {
            kernel.evalRaw("%sql CREATE TABLE orders (id INTEGER, who TEXT)");
            kernel.evalRaw("%sql INSERT INTO orders VALUES (1, 'ann'), (2, 'bob')");
            kernel.evalRaw("String who = \"bob\";");
            Table t = (Table) kernel.evalRaw("%sql SELECT id FROM orders WHERE who = :who");
            assertEquals(List.of(2), t.intColumn("id").asList());
        } finally {
            kernel.evalRaw("%sql connect duckdb");
        }
        assertEquals(3, ((Table) kernel.evalRaw("%sql SELECT * FROM people")).rowCount());
        UsageError noDriver = assertThrows(UsageError.class, () -> kernel.evalRaw("%sql connect jdbc:nosuchdb://x --password-env NO_SUCH_VARIABLE_X"));
        assertTrue(noDriver.getMessage().startsWith("environment variable NO_SUCH_VARIABLE_X is not set"), noDriver.getMessage());
    }

    @Test
    void theQueryAfterOptionsIsTheRawText() {
        assertEquals("SELECT 'a  b' AS \"x y\"", SqlMagic.queryText("  --as t   SELECT 'a  b' AS \"x y\""));
        assertEquals("SELECT -1", SqlMagic.queryText("--as=t SELECT -1"));
        assertEquals("", SqlMagic.queryText("--as t"));
    }
}
