package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import javax.lang.model.SourceVersion;
import java.util.List;

@JavaEquivalent("Dataset<Row> late = Spark.session().sql(\"SELECT * FROM flights WHERE delay > 30\");  late.createOrReplaceTempView(\"late\");")
@Command(name = "sql", description = "Query the loaded datasets in Spark SQL, by their names. The result is a dataset: its first "
        + "rows are shown, and --as keeps it (and names it in SQL).")
final class SparkSqlCommand extends MagicCommand {

    /** Rows shown of a dataset: a limit, so that showing never reads more than that. */
    static final int PREVIEW = 10;

    @Option(names = "--as", paramLabel = "NAME", description = "The result's variable, and its name in SQL.")
    String as;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (options come before it).")
    List<String> query;

    @Override
    protected void configure(CommandLine parser) {
        parser.setStopAtPositional(true); // after the first word it is all SQL
    }

    @Override
    protected Object call() {
        if (as != null && !SourceVersion.isIdentifier(as)) throw new BadInput("--as takes a Java variable name, not '" + as + "'");
        Engine engine = Engines.spark();
        Object result = engine.sql(SqlMagic.queryText(rawArgs.strip().replaceFirst("^sql\\b", "")));
        if (as != null) {
            engine.register(result, as);
            shell.define(as, result);
        }
        return preview(engine, result, as == null ? "result" : as);
    }

    /** The first rows of a dataset, as a table: its columns and types show in the table's header. */
    static Table preview(Engine engine, Object data, String name) {
        return engine.head(data, PREVIEW, name + " (first " + PREVIEW + " rows)");
    }
}
