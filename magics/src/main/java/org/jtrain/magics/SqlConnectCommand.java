package org.jtrain.magics;

import org.jtrain.data.sql.Credentials;
import org.jtrain.data.sql.Sql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

@JavaEquivalent({"Properties login = Credentials.fromEnvironment(\"DB_USER\", \"DB_PASSWORD\"); // or Credentials.fromFile(Path.of(\"db.properties\"))",
        "Sql db = Sql.connect(\"jdbc:postgresql://localhost:5432/shop\", login);"})
@Command(name = "connect", description = {
        "Make %%sql query another database (JDBC), or DuckDB again.",
        "",
        "Add the database's JDBC driver with %%maven first (PostgreSQL: %%maven org.postgresql:postgresql:VERSION). "
                + "%%sql connect duckdb goes back to the built-in DuckDB, whose tables stay. A login comes from environment "
                + "variables or a properties file, never from the notebook, and no message shows a password.",
        ""})
final class SqlConnectCommand extends MagicCommand {

    @Parameters(paramLabel = "JDBC_URL|duckdb", description = "jdbc:sqlite:/path/shop.db, jdbc:postgresql://host:5432/db ..., or duckdb.")
    String url;

    @Option(names = "--user-env", paramLabel = "VAR", description = "The environment variable that holds the user name.")
    String userEnv;

    @Option(names = "--password-env", paramLabel = "VAR", description = "The environment variable that holds the password.")
    String passwordEnv;

    @Option(names = "--properties", paramLabel = "FILE",
            description = "A .properties file with user, password and any other driver property (read first; the environment's win).")
    Path properties;

    @Override
    protected Object call() throws IOException {
        SqlConnections connections = SqlConnections.of(shell);
        if (url.equalsIgnoreCase("duckdb")) {
            connections.use(null);
            System.out.println("%sql queries the built-in DuckDB again.");
            return null;
        }
        Properties login = properties != null ? Credentials.fromFile(properties) : new Properties();
        login.putAll(Credentials.fromEnvironment(userEnv, passwordEnv));
        Sql db = Sql.connect(url, login);
        connections.use(db);
        System.out.println("Connected to " + db.database() + " at " + db.url() + ": %sql queries it now (%sql connect duckdb goes back).");
        return null;
    }
}
