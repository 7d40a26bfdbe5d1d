package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import javax.lang.model.SourceVersion;

@JavaEquivalent("Table sample = Spark.sample(Spark.load(Path.of(\"flights.parquet\")), 10_000, 42, \"sample\");")
@Command(name = "sample", description = "Bring a random sample of a Spark dataset back as a table, for every other magic "
        + "(%%data profile, %%plot, %%train with Smile).")
final class SparkSampleCommand extends MagicCommand {

    @Parameters(paramLabel = "NAME", description = "The dataset's variable.")
    String name;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "How many rows (all of them if it has fewer).")
    int rows;

    @Option(names = "--as", required = true, paramLabel = "TABLE", description = "The table's variable.")
    String as;

    @Override
    protected Object call() {
        if (!SourceVersion.isIdentifier(as)) throw new BadInput("--as takes a Java variable name, not '" + as + "'");
        Engine engine = Engines.spark();
        Object data = shell.variable(name).orElse(null);
        if (!engine.isData(data)) {
            java.util.List<String> datasets = shell.variableNames().stream().filter(v -> engine.isData(shell.variable(v).orElse(null))).toList();
            throw new BadInput((data == null ? "No variable '" + name + "'" : "'" + name + "' is a " + data.getClass().getSimpleName())
                    + ", not a Spark dataset. " + (datasets.isEmpty() ? "%spark load FILE --as NAME makes one." : "Datasets: " + String.join(", ", datasets) + "."),
                    org.jtrain.data.Suggest.closest(name, datasets).orElse(null));
        }
        Table t = engine.sample(data, rows, session.seed(), as);
        shell.define(as, t);
        System.out.println(as + " = " + t.rowCount() + " rows of " + name + ", drawn with seed " + session.seed() + ".");
        return t.first(5);
    }
}
