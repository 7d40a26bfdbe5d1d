/**
 * SQL from plain Java, as {@code %sql} runs it: an in-process DuckDB that queries files (CSV, Parquet, JSON, globs)
 * and registered Tablesaw tables, or another database through its JDBC driver; parameters are bound, never spliced
 * into the SQL; results are Tablesaw tables; a database's error is one {@link org.jtrain.data.BadInput} line.
 *
 * <pre>{@code
 * try (Sql sql = Sql.duckdb()) {
 *     sql.register("housing", housing);
 *     Table big = sql.query("SELECT suburb, avg(price) AS price FROM housing WHERE rooms >= :rooms GROUP BY suburb",
 *             Map.of("rooms", 3));
 * }
 * try (Sql db = Sql.connect("jdbc:postgresql://db.example.org/shop", Credentials.fromEnvironment("PGUSER", "PGPASSWORD"))) {
 *     Table orders = db.query("SELECT * FROM orders WHERE placed >= ?", LocalDate.of(2026, 1, 1));
 * }
 * }</pre>
 */
package org.jtrain.data.sql;
