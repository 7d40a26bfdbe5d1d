package org.jtrain.magics;

import org.jtrain.data.Save;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@JavaEquivalent("Save.file(train, Path.of(\"data/train.xlsx\"));")
@Command(name = "save", description = "Write a table to a CSV, TSV, JSON or Excel .xlsx file (maybe gzipped, e.g. .csv.gz) or a Parquet "
        + "file, by the file's extension; %%data load reads it back with the same column types.")
final class DataSaveCommand extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The table's variable.")
    String table;

    @Option(names = "--to", required = true, paramLabel = "FILE",
            description = "The file to write: .csv, .tsv, .json or .xlsx, each maybe .gz, or .parquet. Missing folders are made; an existing file is replaced.")
    Path to;

    @Override
    protected Object call() throws IOException {
        Table t = Variables.table(shell, table); // named after the variable: an Excel sheet takes its name
        Save.file(t, to);
        System.out.println("Saved " + table + " (" + t.rowCount() + " rows × " + t.columnCount() + " columns) to "
                + to.normalize() + " (" + ExportMagic.size(Files.size(to)) + ").");
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.data.Save");
        p.line("Save.file(" + table + ", Path.of(" + JavaProgram.literal(to.toString()) + "));");
        p.line("System.out.println(\"Saved " + table + " to " + to + "\");");
    }
}
