package org.jtrain.magics;

import org.jtrain.data.Load;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"Table iris = Load.source(\"iris\");",
        "Table sales = Load.file(Path.of(\"sales.csv.gz\"), Map.of(\"zip\", ColumnType.STRING));"})
@Command(name = "load", description = "Load a bundled dataset by name, or a CSV, TSV or JSON file (maybe gzipped) or a Parquet file, into a table variable.")
final class DataLoadCommand extends MagicCommand {

    @Parameters(paramLabel = "NAME|PATH", description = "A dataset from %%data list, or a file path.")
    String source;

    @Option(names = "--as", paramLabel = "VAR", description = "The variable to define. Default: the dataset's or file's name.")
    String as;

    @Option(names = "--types", split = ",", paramLabel = "COL:TYPE",
            description = "Column types instead of inferred ones, e.g. zip:string,age:integer. Types: integer, long, "
                    + "double, float, boolean, string, local_date, local_date_time.")
    List<String> types = new ArrayList<>();

    @Override
    protected Object call() throws IOException {
        Table t = Load.source(source, Load.types(types));
        String variable = as != null ? as : Load.variableName(source);
        shell.define(variable, t); // after a successful read only: a bad file leaves the session alone
        StringBuilder shown = new StringBuilder();
        for (Column<?> c : t.columns().subList(0, Math.min(12, t.columnCount()))) {
            shown.append(shown.isEmpty() ? "" : ", ").append(c.name()).append(": ").append(c.type().name().toLowerCase());
        }
        if (t.columnCount() > 12) shown.append(", …");
        System.out.println(variable + " = " + t.rowCount() + " rows × " + t.columnCount() + " columns (" + shown + ")");
        return t.first(5);
    }
}
