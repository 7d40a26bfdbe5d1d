package org.jtrain.data;

import com.google.gson.JsonPrimitive;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writing tables to files that {@link Load} reads back with the same column types: CSV, TSV, JSON (an array of records)
 * or Excel .xlsx, by the file's extension, each maybe gzipped (.csv.gz). Text is UTF-8; dates and times are ISO 8601.
 * The file is written whole or not at all: a failed write leaves the file that was there.
 */
public final class Save {

    private Save() {
    }

    /** Writes {@code table} to {@code path} in the format its name says (.csv, .tsv, .json, .xlsx, maybe .gz), making folders as needed. */
    public static void file(Table table, Path path) throws IOException {
        if (Files.isDirectory(path)) throw new BadInput("'" + path + "' is a folder: give a file name, e.g. " + path.resolve(table.name() + ".csv"));
        String fileName = path.getFileName().toString();
        if (Parquet.isParquet(fileName)) { // written through DuckDB, whole or not at all
            Parquet.write(table, path);
            return;
        }
        Load.Format format = Load.format(fileName);
        Path target = path.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + fileName, ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 OutputStream out = fileName.toLowerCase().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                write(table, out, format);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code table} to a stream in {@code format}; the stream is left open. */
    public static void write(Table table, OutputStream out, Load.Format format) throws IOException {
        switch (format) {
            case CSV -> text(table, out, ',');
            case TSV -> text(table, out, '\t');
            case JSON -> json(table, out);
            case XLSX -> ExcelWriter.write(table, out);
            default -> throw new IllegalStateException("no writer for " + format);
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void text(Table table, OutputStream out, char separator) throws IOException {
        Writer w = writer(out);
        int columns = table.columnCount();
        for (int c = 0; c < columns; c++) {
            if (c > 0) w.write(separator);
            w.write(field(table.column(c).name(), separator));
        }
        w.write('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) w.write(separator);
                Column<?> col = table.column(c);
                if (!col.isMissing(r)) w.write(field(String.valueOf(col.get(r)), separator));
            }
            w.write('\n');
        }
        w.flush();
    }

    /** A field quoted when it must be (RFC 4180). */
    private static String field(String text, char separator) {
        boolean quote = text.indexOf(separator) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static void json(Table table, OutputStream out) throws IOException {
        Writer w = writer(out);
        int columns = table.columnCount();
        String[] keys = new String[columns];
        for (int c = 0; c < columns; c++) keys[c] = new JsonPrimitive(table.column(c).name()).toString() + ": ";
        w.write('[');
        for (int r = 0; r < table.rowCount(); r++) {
            w.write(r == 0 ? "\n{" : ",\n{");
            for (int c = 0; c < columns; c++) {
                if (c > 0) w.write(", ");
                w.write(keys[c]);
                Column<?> col = table.column(c);
                Object v = col.isMissing(r) ? null : col.get(r);
                w.write(switch (v) {
                    case null -> "null";
                    case Double d when d.isInfinite() -> "null"; // JSON has no infinity
                    case Float f when f.isInfinite() -> "null";
                    case Number n -> n.toString();
                    case Boolean b -> b.toString();
                    default -> new JsonPrimitive(String.valueOf(v)).toString();
                });
            }
            w.write('}');
        }
        w.write("\n]\n");
        w.flush();
    }
}
