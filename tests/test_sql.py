"""%sql and %%sql over the Jupyter protocol: DuckDB inside the kernel on session tables and files, parameters from
session variables, one-line errors that leave the session alone, SQLite through %maven, and an interrupt."""
import sqlite3
import time


def ok(cell):
    assert cell.ok, cell.error
    return cell


def test_sql_on_a_session_table_and_a_cell_left_in_a_variable(kernel):
    ok(kernel.run("%data load iris"))
    cell = ok(kernel.run("%sql SELECT species, count(*) AS n FROM iris GROUP BY species ORDER BY species"))
    shown = cell.result["text/plain"]
    assert "setosa" in shown and "virginica" in shown and "3 rows × 2 columns" in shown, shown
    cell = ok(kernel.run("%%sql --as widest\nSELECT species, max(petal_width) AS widest\nFROM iris\nGROUP BY species\nORDER BY widest DESC"))
    assert cell.stdout == "widest = 3 rows × 2 columns\n"
    assert ok(kernel.run('widest.stringColumn("species").get(0)')).result["text/plain"] == "virginica"


def test_a_session_variable_is_bound_as_a_parameter(kernel):
    ok(kernel.run("%data load iris"))
    ok(kernel.run("double minLength = 7.0;"))
    expected = ok(kernel.run("iris.where(iris.doubleColumn(\"sepal_length\").isGreaterThan(minLength)).rowCount()")).result["text/plain"]
    ok(kernel.run("Table longOnes = %sql SELECT * FROM iris WHERE sepal_length > :minLength"))
    assert ok(kernel.run("longOnes.rowCount()")).result["text/plain"] == expected
    # a text value is a value: its quote cannot end the SQL string
    ok(kernel.run('String kind = "setosa\' OR \'1\'=\'1";'))
    ok(kernel.run("Table none = %sql SELECT * FROM iris WHERE species = :kind"))
    assert ok(kernel.run("none.rowCount()")).result["text/plain"] == "0"


def test_a_sql_error_is_one_usage_error_line_and_earlier_variables_stay(kernel):
    ok(kernel.run("%data load iris"))
    ok(kernel.run("%%sql --as kept\nSELECT 42 AS answer"))
    cell = kernel.run("%%sql --as kept\nSELECT species,\n       petal_lenght\nFROM iris")
    assert not cell.ok and cell.error["ename"] == "UsageError", cell.error
    tb = cell.error["traceback"]
    assert tb[0].startswith('UsageError: SQL error at line 2, column 8: Referenced column "petal_lenght" not found in FROM '
                            'clause! Candidate bindings: "petal_length", '), tb
    assert tb[-1] == "Did you mean 'petal_length'?"
    assert not any("Exception" in line or "\tat " in line for line in tb), tb
    assert ok(kernel.run('kept.intColumn("answer").get(0)')).result["text/plain"] == "42"


def test_sqlite_through_maven_and_connect(kernel, tmp_path):
    db = tmp_path / "shop.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT, amount REAL, placed DATE)")
        con.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)",
                        [(1, "ann", 9.5, "2026-01-02"), (2, "bob", 20.0, "2026-02-03"), (3, "ann", 1.25, None)])
    con.close()
    out = ok(kernel.run("%maven org.xerial:sqlite-jdbc:3.54.1.0")).stdout
    assert "sqlite-jdbc-3.54.1.0.jar" in out, out
    out = ok(kernel.run(f"%sql connect jdbc:sqlite:{db}")).stdout
    assert out.startswith("Connected to SQLite ") and str(db) in out, out
    ok(kernel.run('String who = "ann";'))
    ok(kernel.run("%%sql --as mine\nSELECT id, amount, placed FROM orders WHERE customer = :who ORDER BY id"))
    assert ok(kernel.run('mine.intColumn("id").asList()')).result["text/plain"] == "[1, 3]"
    assert ok(kernel.run('mine.column("placed").type().name()')).result["text/plain"] == "LOCAL_DATE"
    bad = kernel.run("%sql SELECT nope FROM orders")
    assert bad.error["ename"] == "UsageError" and bad.error["traceback"][0] == "UsageError: SQL error: no such column: nope"
    assert ok(kernel.run("%sql connect duckdb")).stdout == "%sql queries the built-in DuckDB again.\n"
    assert "1 rows × 1 columns" in ok(kernel.run("%sql SELECT 1 AS one")).result["text/plain"]


def test_a_password_from_the_environment_is_never_shown(kernel, tmp_path):
    props = tmp_path / "db.properties"
    props.write_text("user=ann\npassword=hunter2-secret\n")
    cell = kernel.run(f"%sql connect jdbc:sqlite:{tmp_path}/no/such/dir/x.db?password=pw-in-url --properties {props}")
    assert cell.error["ename"] == "UsageError", cell.error
    text = "\n".join(cell.error["traceback"]) + cell.stdout
    assert "could not connect to jdbc:sqlite:" in text
    assert "hunter2-secret" not in text and "pw-in-url" not in text, text


def test_an_interrupt_cancels_a_running_query(kernel):
    ok(kernel.run("%sql connect duckdb\n%sql SELECT 1"))  # DuckDB loaded
    start = time.monotonic()
    cell, sent = kernel.interrupted("%sql SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000) b", 1.0)
    assert sent, (cell.reply, cell.stdout)
    assert cell.error["ename"] == "Interrupted", cell.error
    assert time.monotonic() - start < 10, "the query stopped soon after the interrupt"
    assert "1 rows × 1 columns" in ok(kernel.run("%sql SELECT 1 AS one")).result["text/plain"]
