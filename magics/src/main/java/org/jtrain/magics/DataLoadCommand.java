package org.jtrain.magics;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

@Command(name = "load", description = "Load a bundled dataset by name, or a CSV, TSV or JSON file (maybe gzipped), into a table variable.")
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
        var columnTypes = TableFiles.types(types);
        Dataset dataset = Datasets.find(source).orElse(null);
        Table t;
        String name;
        if (dataset != null) {
            name = dataset.name();
            try (InputStream in = dataset.open()) {
                t = Smoke.rows(TableFiles.read(in, name, TableFiles.Format.CSV, columnTypes));
            }
        } else {
            Path path = Path.of(source);
            if (!Files.isRegularFile(path)) throw notFound(path);
            name = path.getFileName().toString().replaceFirst("(?i)(\\.(csv|tsv|tab|json))?(\\.gz)?$", "");
            TableFiles.Format format = TableFiles.format(path.getFileName().toString());
            try (InputStream raw = Files.newInputStream(path);
                 InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
                t = TableFiles.read(in, name, format, columnTypes);
            }
        }
        String variable = as != null ? as : identifier(name);
        session.define(variable, t); // after a successful read only: a bad file leaves the session alone
        StringBuilder types = new StringBuilder();
        for (Column<?> c : t.columns().subList(0, Math.min(12, t.columnCount()))) {
            types.append(types.isEmpty() ? "" : ", ").append(c.name()).append(": ").append(c.type().name().toLowerCase());
        }
        if (t.columnCount() > 12) types.append(", …");
        System.out.println(variable + " = " + t.rowCount() + " rows × " + t.columnCount() + " columns (" + types + ")");
        return t.first(5);
    }

    private UsageError notFound(Path path) {
        List<String> names = Datasets.list().stream().map(Dataset::name).toList();
        String hint = source.contains("/") || source.contains(".") ? "no file at '" + path.toAbsolutePath() + "'"
                : "no dataset or file named '" + source + "'";
        return new UsageError(hint + ". Datasets: " + String.join(", ", names) + ".", "Usage: %data load NAME|PATH [--as VAR] [--types COL:TYPE,...]",
                Suggest.closest(source, names).orElse(null));
    }

    /** A dataset or file name made into a Java variable name: "seattle-weather" becomes seattle_weather. */
    static String identifier(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isJavaIdentifierStart(id.charAt(0)) ? id : "_" + id;
    }
}
