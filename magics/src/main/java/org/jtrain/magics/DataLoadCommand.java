package org.jtrain.magics;

import org.jtrain.data.Load;
import org.jtrain.data.LoadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"Table iris = Load.source(\"iris\");",
        "Table sales = Load.file(Path.of(\"sales.csv.gz\"), LoadOptions.defaults().types(Map.of(\"zip\", ColumnType.STRING)));",
        "Table shops = Load.file(Path.of(\"shops.csv\"), LoadOptions.defaults().separator(';').encoding(\"ISO-8859-1\"));",
        "Table q1 = Load.file(Path.of(\"report.xlsx\"), LoadOptions.defaults().sheet(\"Q1\"));"})
@Command(name = "load", description = "Load a bundled dataset by name, or a CSV, TSV, JSON or Excel .xlsx file (maybe gzipped), into a table "
        + "variable. Interrupting it stops the load and leaves the variable as it was.")
final class DataLoadCommand extends MagicCommand {

    @Parameters(paramLabel = "NAME|PATH", description = "A dataset from %%data list, or a file path.")
    String source;

    @Option(names = "--as", paramLabel = "VAR", description = "The variable to define. Default: the dataset's or file's name.")
    String as;

    @Option(names = "--types", split = ",", paramLabel = "COL:TYPE",
            description = "Column types instead of inferred ones, e.g. zip:string,age:integer. Types: integer, long, "
                    + "double, float, boolean, string, local_date, local_date_time.")
    List<String> types = new ArrayList<>();

    @Option(names = "--sheet", paramLabel = "NAME|N", description = "The sheet of an Excel file, by name or number (1 is the first). Default: the first.")
    String sheet;

    @Option(names = "--sep", paramLabel = "CHAR", description = "The field separator of a CSV or TSV file, e.g. ';', '|' or '\\t'. "
            + "Default: ',' for .csv, a tab for .tsv.")
    String separator;

    @Option(names = "--encoding", paramLabel = "NAME", description = "The text encoding of a CSV, TSV or JSON file, e.g. ISO-8859-1, "
            + "windows-1252, UTF-16. Default: UTF-8. Bytes not valid in it are refused, with their line.")
    String encoding;

    @Option(names = "--max-columns", paramLabel = "N", description = "Refuse a file with more columns than this. Default: 10000.")
    int maxColumns = LoadOptions.defaults().maxColumns();

    @Override
    protected boolean pollsInterrupt() {
        return true;
    }

    @Override
    protected Object call() throws IOException {
        LoadOptions options = LoadOptions.defaults().types(Load.types(types)).sheet(sheet).maxColumns(maxColumns)
                .stopWhen(shell::interruptRequested);
        if (separator != null) options = options.separator(separator);
        if (encoding != null) options = options.encoding(encoding);
        Table t = Load.source(source, options);
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

    @Override
    protected void toJava(JavaProgram p) {
        String variable = as != null ? as : Load.variableName(source);
        p.field(variable, "Table");
        p.importClass("org.jtrain.data.Load");
        StringBuilder options = new StringBuilder();
        if (!types.isEmpty()) {
            options.append(".types(Load.types(List.of(").append(String.join(", ", types.stream().map(JavaProgram::literal).toList())).append(")))");
        }
        if (sheet != null) options.append(".sheet(").append(JavaProgram.literal(sheet)).append(")");
        if (separator != null) options.append(".separator(").append(JavaProgram.literal(separator)).append(")");
        if (encoding != null) options.append(".encoding(").append(JavaProgram.literal(encoding)).append(")");
        if (maxColumns != LoadOptions.defaults().maxColumns()) options.append(".maxColumns(").append(maxColumns).append(")");
        if (!options.isEmpty()) p.importClass("org.jtrain.data.LoadOptions");
        p.line(variable + " = Load.source(" + JavaProgram.literal(source) + (options.isEmpty() ? "" : ", LoadOptions.defaults()" + options) + ");");
        p.line("System.out.println(\"" + variable + " = \" + " + variable + ".rowCount() + \" rows × \" + " + variable + ".columnCount() + \" columns\");");
        p.value(variable + ".first(5)");
    }
}
