package org.jtrain.data;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reading tables: a bundled dataset by name, or a CSV, TSV, JSON or Excel .xlsx file (maybe gzipped) or a Parquet file,
 * with errors a user can act on; {@link LoadOptions} holds the types, separator, encoding, sheet, column limit and
 * interrupt.
 * Methods that read a file declare {@link IOException}: a file that cannot be read is the caller's to report.
 */
public final class Load {

    public enum Format { CSV, TSV, JSON, XLSX }

    /** The types {@code --types} accepts, by their lower-case names. */
    private static final Map<String, ColumnType> TYPES = types(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE,
            ColumnType.FLOAT, ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.LOCAL_DATE, ColumnType.LOCAL_DATE_TIME);

    private Load() {
    }

    /** What {@code %data load NAME|PATH} reads: the bundled dataset of that name, else the file at that path. */
    public static Table source(String nameOrPath) throws IOException {
        return source(nameOrPath, Map.of());
    }

    /** {@link #source(String)} with some columns' types given instead of inferred. */
    public static Table source(String nameOrPath, Map<String, ColumnType> types) throws IOException {
        return source(nameOrPath, LoadOptions.defaults().types(types));
    }

    /** {@link #source(String)} read as {@code options} say. */
    public static Table source(String nameOrPath, LoadOptions options) throws IOException {
        Optional<Dataset> dataset = Datasets.find(nameOrPath);
        if (dataset.isPresent()) return dataset(dataset.get(), options);
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            String hint = nameOrPath.contains("/") || nameOrPath.contains(".") ? "no file at '" + path.toAbsolutePath() + "'"
                    : "no dataset or file named '" + nameOrPath + "'";
            throw unknown(hint, nameOrPath);
        }
        return file(path, options);
    }

    /** A bundled dataset (see {@link #catalog()}), in a table named after it; in smoke mode, a sample of its rows. */
    public static Table dataset(String name) {
        Dataset dataset = Datasets.find(name).orElseThrow(() -> unknown("no dataset named '" + name + "'", name));
        return dataset(dataset, LoadOptions.defaults());
    }

    private static Table dataset(Dataset dataset, LoadOptions options) {
        if (options.separator() != null || options.sheet() != null || !options.encoding().equals(StandardCharsets.UTF_8)) {
            throw new BadInput("--sep, --encoding and --sheet are for files; '" + dataset.name() + "' is a bundled dataset");
        }
        try (InputStream in = dataset.open()) {
            Table t = Smoke.rows(read(in, dataset.name(), Format.CSV, options), dataset.task());
            Loaded.current().dataset(dataset.name(), t.rowCount());
            return t;
        } catch (IOException e) { // the bundled files ship inside jtrain: one that cannot be read is a broken build
            throw new UncheckedIOException(e);
        }
    }

    private static BadInput unknown(String hint, String name) {
        List<String> names = Datasets.list().stream().map(Dataset::name).toList();
        return new BadInput(hint + ". Datasets: " + String.join(", ", names) + ".", Suggest.closest(name, names).orElse(null));
    }

    /** A CSV, TSV, JSON or .xlsx file, by its extension, maybe gzipped; the table is named after the file (see {@link #tableName}). */
    public static Table file(Path path) throws IOException {
        return file(path, Map.of());
    }

    /** {@link #file(Path)} with some columns' types given instead of inferred. */
    public static Table file(Path path, Map<String, ColumnType> types) throws IOException {
        return file(path, LoadOptions.defaults().types(types));
    }

    /** {@link #file(Path)} read as {@code options} say; noted in {@link Loaded#current()}. */
    public static Table file(Path path, LoadOptions options) throws IOException {
        Table t = readFile(path, options);
        Loaded.current().file(path, t.rowCount());
        return t;
    }

    private static Table readFile(Path path, LoadOptions options) throws IOException {
        if (!Files.isRegularFile(path)) throw new BadInput("no file at '" + path.toAbsolutePath() + "'");
        String fileName = path.getFileName().toString();
        if (Parquet.isParquet(fileName)) return Parquet.read(path, options.types());
        Memory.requireFits(path); // a file that would fill the heap is refused before it is read
        Format format = format(fileName);
        boolean gzip = fileName.toLowerCase().endsWith(".gz");
        if (format == Format.XLSX && !gzip) {
            applies(format, options, baseName(fileName));
            return ExcelReader.read(path, baseName(fileName), options); // reads the zip in place
        }
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return read(in, baseName(fileName), format, options);
        }
    }

    /** A table read from a stream of text in {@code format}, named {@code name} (which errors use too). */
    public static Table read(InputStream in, String name, Format format, Map<String, ColumnType> types) throws IOException {
        return read(in, name, format, LoadOptions.defaults().types(types));
    }

    /** A table read from a stream in {@code format}, named {@code name} (which errors use too), as {@code options} say. */
    public static Table read(InputStream in, String name, Format format, LoadOptions options) throws IOException {
        applies(format, options, name);
        return switch (format) {
            case JSON -> JsonReader.read(Encodings.decode(bytes(in, options), options.encoding(), name, options), name, options);
            case CSV, TSV -> CsvReader.read(Encodings.toUtf8(bytes(in, options), options.encoding(), name, options), name,
                    options.separator() != null ? options.separator() : format == Format.CSV ? ',' : '\t', options);
            case XLSX -> ExcelReader.read(in, name, options);
        };
    }

    /** Refuses options that do not apply to the format, rather than ignoring them. */
    private static void applies(Format format, LoadOptions options, String name) {
        String what = "'" + name + "' is " + (format == Format.XLSX ? "an Excel file" : format.name());
        if (options.separator() != null && format != Format.CSV && format != Format.TSV) throw new BadInput("--sep is for CSV and TSV files; " + what);
        if (options.sheet() != null && format != Format.XLSX) throw new BadInput("--sheet is for Excel files; " + what);
        if (format == Format.XLSX && !options.encoding().equals(StandardCharsets.UTF_8)) {
            throw new BadInput("--encoding is for text files; " + what + ", which says its own encoding");
        }
    }

    /** All of a stream's bytes, polling for a stop between reads. */
    private static byte[] bytes(InputStream in, LoadOptions options) throws IOException {
        byte[] buf = new byte[Math.max(8192, in.available())]; // a file's stream knows its size
        int n = 0;
        while (true) {
            if (n == buf.length) {
                int b = in.read();
                if (b < 0) return buf;
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, buf.length * 2L));
                buf[n++] = (byte) b;
            }
            int r = in.read(buf, n, Math.min(buf.length - n, 16 << 20));
            if (r < 0) return Arrays.copyOf(buf, n);
            n += r;
            options.checkStop();
        }
    }

    /** The format of a file by its name: .csv, .tsv (or .tab), .json or .xlsx, each maybe .gz. */
    public static Format format(String fileName) {
        String n = fileName.toLowerCase().replaceFirst("\\.gz$", "");
        if (n.endsWith(".csv")) return Format.CSV;
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return Format.TSV;
        if (n.endsWith(".json")) return Format.JSON;
        if (n.endsWith(".xlsx")) return Format.XLSX;
        if (n.endsWith(".xls")) throw new BadInput("'" + fileName + "' is an old .xls workbook: open it in Excel or LibreOffice and save it as .xlsx (or CSV)");
        throw new BadInput("cannot tell the format of '" + fileName + "': files must end in .csv, .tsv, .json or .xlsx (optionally .gz), or .parquet");
    }

    /** Parses {@code col:type} pairs as given to {@code --types}, e.g. {@code zip:string}. */
    public static Map<String, ColumnType> types(List<String> specs) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0) throw new BadInput("--types takes COLUMN:TYPE pairs, e.g. --types age:integer,price:double; got '" + spec + "'");
            String type = spec.substring(colon + 1).toLowerCase();
            ColumnType t = TYPES.get(type);
            if (t == null) {
                throw new BadInput("unknown type '" + type + "' for column '" + spec.substring(0, colon) + "'. Types: "
                        + String.join(", ", TYPES.keySet()), Suggest.closest(type, TYPES.keySet()).orElse(null));
            }
            out.put(spec.substring(0, colon), t);
        }
        return out;
    }

    private static Map<String, ColumnType> types(ColumnType... types) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (ColumnType t : types) out.put(t.name().toLowerCase(), t);
        return Collections.unmodifiableMap(out);
    }

    /** Fails unless {@code columns} of table {@code name} include {@code col}, which {@code --types} names. */
    static void typedColumn(String col, String name, List<String> columns) {
        if (!columns.contains(col)) {
            throw new BadInput("--types names column '" + col + "', which '" + name + "' does not have. Columns: "
                    + String.join(", ", columns), Suggest.closest(col, columns).orElse(null));
        }
    }

    /** The name of the table {@link #source} reads: the dataset's, or the file's without .csv/.tsv/.tab/.json/.xlsx and .gz. */
    public static String tableName(String source) {
        if (Datasets.find(source).isPresent()) return source;
        Path file = Path.of(source).getFileName();
        return baseName(file == null ? source : file.toString());
    }

    private static String baseName(String fileName) {
        return fileName.replaceFirst("(?i)\\.parquet$|(\\.(csv|tsv|tab|json|xlsx))?(\\.gz)?$", "");
    }

    /** {@link #tableName} made into a Java variable name: "seattle-weather" becomes seattle_weather. */
    public static String variableName(String source) {
        String id = tableName(source).replaceAll("[^A-Za-z0-9_]", "_");
        return !id.isEmpty() && Character.isJavaIdentifierStart(id.charAt(0)) ? id : "_" + id;
    }

    /** The bundled datasets, one row each: name, rows, columns, task, target, license, description. */
    public static Table catalog() {
        Table t = Table.create("datasets", StringColumn.create("name"), IntColumn.create("rows"), IntColumn.create("columns"),
                StringColumn.create("task"), StringColumn.create("target"), StringColumn.create("license"),
                StringColumn.create("description"));
        for (Dataset d : Datasets.list()) {
            t.stringColumn("name").append(d.name());
            t.intColumn("rows").append(d.rows());
            t.intColumn("columns").append(d.columns());
            t.stringColumn("task").append(d.task());
            t.stringColumn("target").append(d.target());
            t.stringColumn("license").append(d.license());
            t.stringColumn("description").append(d.description());
        }
        return t;
    }
}
