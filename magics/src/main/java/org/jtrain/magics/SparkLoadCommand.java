package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.lang.model.SourceVersion;

@JavaEquivalent("Dataset<Row> flights = Spark.load(Path.of(\"flights.parquet\"));  flights.createOrReplaceTempView(\"flights\");")
@Command(name = "load", description = "Read a CSV (header, types inferred), Parquet or JSON-lines file, or a folder of them, into a "
        + "Spark dataset, which %%spark sql can then name. Shows its columns and first rows; Spark reads the rest when asked.")
final class SparkLoadCommand extends MagicCommand {

    @Parameters(paramLabel = "FILE", description = "The file or folder, or a URI that Spark reads (hdfs://..., s3a://...).")
    String file;

    @Option(names = "--as", required = true, paramLabel = "NAME", description = "The dataset's variable, and its name in SQL.")
    String as;

    @Override
    protected Object call() {
        if (!SourceVersion.isIdentifier(as)) throw new BadInput("--as takes a Java variable name, not '" + as + "'");
        Engine engine = Engines.spark();
        Object data = engine.load(file);
        engine.register(data, as);
        shell.define(as, data);
        return SparkSqlCommand.preview(engine, data, as);
    }
}
