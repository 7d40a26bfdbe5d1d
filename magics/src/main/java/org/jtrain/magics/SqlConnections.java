package org.jtrain.magics;

import org.jtrain.data.sql.Sql;
import org.jtrain.kernel.Shell;


/**
 * Where a notebook's {@code %sql} runs: the built-in DuckDB, opened when first used and kept for the session (tables
 * created in it stay), or the database that {@code %sql connect} chose. One per kernel session.
 */
final class SqlConnections {

    private static final PerKernel<SqlConnections> SESSIONS = new PerKernel<>(SqlConnections::new);

    private Sql duckdb;
    private Sql other;

    private SqlConnections() {
    }

    static SqlConnections of(Shell shell) {
        return SESSIONS.of(shell);
    }

    /** The connection that {@code %sql} queries now. */
    synchronized Sql current() {
        if (other != null) return other;
        if (duckdb == null) duckdb = Sql.duckdb();
        return duckdb;
    }

    /** Queries {@code connection} from now on, closing the one it replaces; null goes back to the built-in DuckDB. */
    synchronized Sql use(Sql connection) {
        if (other != null) other.close();
        other = connection;
        return current();
    }
}
