package org.jtrain.magics;

import org.jtrain.data.BadInput;
import picocli.CommandLine.Command;

@JavaEquivalent({"SparkSession spark = Spark.start(\"local[*]\", null, Map.of());        // %spark start (org.jtrain.spark)",
        "Dataset<Row> flights = Spark.load(Path.of(\"flights.parquet\"));       // %spark load",
        "Table sample = Spark.sample(flights, 10_000, 42, \"sample\");          // %spark sample",
        "Fit fit = SparkTrainer.fit(Forest.params(), flights, \"delayed\", FitOptions.defaults());  // %train ... --engine spark"})
@Command(name = "spark", description = "Apache Spark, for data or searches that outgrow one machine: start a session (local[*] or a "
        + "cluster), load files into Spark datasets, query them in SQL and bring samples back as tables. Then %%train, %%tune, "
        + "%%evaluate and %%export take --engine spark. Smile stays the default: on one machine it is faster.",
        subcommands = {SparkStartCommand.class, SparkStopCommand.class, SparkLoadCommand.class, SparkSqlCommand.class,
                SparkSampleCommand.class})
final class SparkMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new BadInput("%spark needs a subcommand: start, stop, load, sql or sample", null);
    }
}
