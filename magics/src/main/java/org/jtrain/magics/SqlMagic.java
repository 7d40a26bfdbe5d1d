package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.sql.Sql;
import org.jtrain.data.sql.SqlText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import javax.lang.model.SourceVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@JavaEquivalent({"Sql sql = Sql.duckdb();           // the session's database, kept between queries",
        "sql.register(\"sales\", table);    // each table variable the query names",
        "Table big = sql.query(\"SELECT * FROM sales WHERE amount > :min\", Map.of(\"min\", 100));",
        "Table files = sql.query(\"SELECT region, sum(amount) AS total FROM 'sales/*.parquet' GROUP BY region\");"})
@Command(name = "sql", subcommands = SqlConnectCommand.class, description = {
        "Query in SQL on DuckDB, inside the kernel: files ('sales/*.parquet', CSV, JSON, globs), the session's tables by "
                + "their variable names, or another database after %%sql connect. The result is a table.",
        "",
        "Each table variable that the query names is copied into DuckDB for that query (not on another database). "
                + ":name binds the value of session variable name as a parameter: a value, never spliced into the SQL. "
                + "Options come before the query. %%%%sql takes the query from the cell's body: statements separated by ';' "
                + "run in order, and the last one's rows are the result. Without --as the result is only shown, or "
                + "given as a value: Table t = %%sql SELECT ...",
        ""})
final class SqlMagic extends MagicCommand {

    private static final Pattern NO_TABLE = Pattern.compile("Table with name (\\S+) does not exist");

    @Option(names = "--as", paramLabel = "VAR", description = "The variable to leave the result in.")
    String as;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query, in the line form.")
    List<String> query;

    @Override
    protected void configure(CommandLine parser) {
        parser.setStopAtPositional(true); // after the first word it is all SQL: "-1" is not an option
        parser.setExpandAtFiles(false);
        parser.getSubcommands().values().forEach(sub -> sub.setStopAtPositional(false)); // options may follow connect's URL
    }

    @Override
    protected boolean cellForm() {
        return true;
    }

    @Override
    protected boolean pollsInterrupt() {
        return true;
    }

    @Override
    protected Object call() {
        if (body != null && query != null && !query.isEmpty()) {
            throw new BadInput("%%sql takes its query from the cell's body; its first line holds only options such as --as NAME");
        }
        String text = body != null ? body : queryText(rawArgs);
        if (text.isBlank()) {
            throw new BadInput("%sql needs a query: %sql SELECT ... on a line, or %%sql heading a cell with the query below it");
        }
        if (as != null && !SourceVersion.isIdentifier(as)) {
            throw new BadInput("--as takes a Java variable name, not '" + as + "'");
        }
        Sql sql = SqlConnections.of(shell).current();
        Map<String, Object> params = parameters(text);
        List<String> registered = new ArrayList<>();
        Thread watcher = Thread.ofVirtual().start(() -> { // the query runs on this thread: another one stops it
            while (true) {
                if (shell.interruptRequested()) sql.cancel();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException done) {
                    return;
                }
            }
        });
        Sql.Result result;
        try {
            if (sql.isDuckDB()) {
                for (String name : tableNames(text)) {
                    sql.register(name, Variables.TABLE.get(shell, name));
                    registered.add(name);
                }
            }
            result = sql.execute(text, params);
        } catch (BadInput e) {
            throw withSessionTables(e);
        } finally {
            watcher.interrupt();
            for (String name : registered) {
                try {
                    sql.unregister(name);
                } catch (RuntimeException leftOver) { // a temporary table left behind costs memory, not correctness
                }
            }
        }
        if (shell.interruptRequested()) throw new CancellationException("interrupted");
        if (result.table().isEmpty()) {
            long n = result.changedRows();
            System.out.println("Done" + (n > 0 ? ": " + n + (n == 1 ? " row" : " rows") + " changed" : "")
                    + (as != null ? "; the statement gave no rows to keep in " + as : "") + ".");
            return null;
        }
        Table t = result.table().get();
        if (as != null) {
            t.setName(as);
            shell.define(as, t);
            System.out.println(as + " = " + t.rowCount() + " rows × " + t.columnCount() + " columns");
        }
        return t;
    }

    @Override
    protected void toJava(JavaProgram p) {
        String text = body != null ? body.strip() : queryText(rawArgs);
        if (text.isBlank()) throw new BadInput("%sql needs a query");
        p.importClass("org.jtrain.data.sql.Sql");
        if (!p.hasField("duckdb")) {
            p.field("duckdb", "Sql");
            p.line("duckdb = Sql.duckdb();  // %sql's database, kept between queries");
        }
        List<String> tables = SqlText.words(text).stream().filter(w -> p.isField(w, "Table")).toList();
        String params = SqlText.parameterNames(text).stream().map(n -> JavaProgram.literal(n) + ", " + n)
                .collect(java.util.stream.Collectors.joining(", ", "Map.of(", ")"));
        p.line("{");
        for (String t : tables) p.line("    duckdb.register(" + JavaProgram.literal(t) + ", " + t + ");  // the table variables the query names");
        p.line("    Sql.Result result = duckdb.execute(" + JavaProgram.text(text) + ", " + params + ");");
        for (String t : tables) p.line("    duckdb.unregister(" + JavaProgram.literal(t) + ");");
        if (as != null) {
            p.field(as, "Table");
            p.line("    " + as + " = result.table().orElseThrow().setName(" + JavaProgram.literal(as) + ");");
            p.line("    System.out.println(\"" + as + " = \" + " + as + ".rowCount() + \" rows × \" + " + as + ".columnCount() + \" columns\");");
            if (p.isLast()) p.line("    display(" + as + ");");
        } else {
            p.line("    result.table().ifPresentOrElse(t -> " + (p.isLast() ? "display(t)" : "{ }")
                    + ", () -> System.out.println(\"Done: \" + result.changedRows() + \" rows changed.\"));");
        }
        p.line("}");
    }

    /** The SQL of the line form: the raw text after the options, so that its quotes stay as written. */
    static String queryText(String raw) {
        String rest = raw.strip();
        while (rest.startsWith("-")) {
            int space = indexOfSpace(rest);
            String option = rest.substring(0, space);
            rest = rest.substring(space).stripLeading();
            if (option.equals("--as")) rest = rest.substring(indexOfSpace(rest)).stripLeading(); // and its value
        }
        return rest;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return s.length();
    }

    /** The session variables that the query's {@code :name} parameters name. */
    private Map<String, Object> parameters(String text) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String name : SqlText.parameterNames(text)) {
            if (!shell.variableNames().contains(name)) {
                List<String> variables = shell.variableNames();
                throw new BadInput("no session variable '" + name + "' for :" + name + " in the query. Variables: "
                        + (variables.isEmpty() ? "none" : String.join(", ", variables)) + ".", Suggest.closest(name, variables).orElse(null));
            }
            params.put(name, shell.variable(name).orElse(null));
        }
        return params;
    }

    /** The query's words that name table variables. */
    private List<String> tableNames(String text) {
        Set<String> variables = new HashSet<>(shell.variableNames());
        return SqlText.words(text).stream()
                .filter(w -> variables.contains(w) && shell.variable(w).orElse(null) instanceof Table)
                .toList();
    }

    /** A table the database does not know, with the session's tables that the user may have meant. */
    private BadInput withSessionTables(BadInput e) {
        Matcher m = NO_TABLE.matcher(e.getMessage());
        if (!m.find()) return e;
        List<String> tables = shell.variableNames().stream().filter(v -> shell.variable(v).orElse(null) instanceof Table).toList();
        if (tables.isEmpty()) return e;
        String name = m.group(1).replaceAll("[!\"]", "");
        String close = Suggest.closest(name, tables).orElse(null);
        // DuckDB suggests its own catalog's tables (pg_settings for a typo of iris): the session's come first
        String message = close == null ? e.getMessage() : e.getMessage().replaceFirst("\\s*Did you mean \"[^\"]*\"\\?", "");
        return new BadInput(message + (message.matches(".*[.!?]$") ? "" : ".") + " Table variables: " + String.join(", ", tables) + ".",
                close != null ? close : e.suggestion().orElse(null));
    }
}
