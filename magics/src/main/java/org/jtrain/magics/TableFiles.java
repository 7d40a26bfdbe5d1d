package org.jtrain.magics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads CSV, TSV and JSON (an array of records) into Tablesaw tables, with errors a user can act on. */
final class TableFiles {

    enum Format { CSV, TSV, JSON }

    static final Map<String, ColumnType> TYPES = new LinkedHashMap<>();

    static {
        for (ColumnType t : List.of(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.FLOAT,
                ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.LOCAL_DATE, ColumnType.LOCAL_DATE_TIME)) {
            TYPES.put(t.name().toLowerCase(), t);
        }
    }

    private TableFiles() {
    }

    /** The format of a file by its name: .csv, .tsv or .json, each maybe .gz. */
    static Format format(String fileName) {
        String n = fileName.toLowerCase().replaceFirst("\\.gz$", "");
        if (n.endsWith(".csv")) return Format.CSV;
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return Format.TSV;
        if (n.endsWith(".json")) return Format.JSON;
        throw new UsageError("cannot tell the format of '" + fileName + "': files must end in .csv, .tsv or .json (optionally .gz)");
    }

    /** Parses "col:type,col:type" as given to --types. */
    static Map<String, ColumnType> types(List<String> specs) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0) throw new UsageError("--types takes COLUMN:TYPE pairs, e.g. --types age:integer,price:double; got '" + spec + "'");
            String type = spec.substring(colon + 1).toLowerCase();
            ColumnType t = TYPES.get(type);
            if (t == null) {
                throw new UsageError("unknown type '" + type + "' for column '" + spec.substring(0, colon) + "'. Types: "
                        + String.join(", ", TYPES.keySet()), null, Suggest.closest(type, TYPES.keySet()).orElse(null));
            }
            out.put(spec.substring(0, colon), t);
        }
        return out;
    }

    static Table read(InputStream in, String name, Format format, Map<String, ColumnType> types) throws IOException {
        return format == Format.JSON ? json(in, name, types) : delimited(in, name, format == Format.TSV ? '\t' : ',', types);
    }

    private static Table delimited(InputStream in, String name, char separator, Map<String, ColumnType> types) throws IOException {
        return CsvReader.read(in.readAllBytes(), name, separator, types);
    }

    private static void column(Table t, String name, String col) {
        if (!t.containsColumn(col)) {
            throw new UsageError("--types names column '" + col + "', which '" + name + "' does not have. Columns: "
                    + String.join(", ", t.columnNames()), null, Suggest.closest(col, t.columnNames()).orElse(null));
        }
    }

    /** An array of flat records: numbers become DOUBLE, true/false BOOLEAN, anything else STRING. */
    private static Table json(InputStream in, String name, Map<String, ColumnType> types) {
        JsonArray records;
        try {
            JsonElement root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (!root.isJsonArray()) throw new UsageError("'" + name + "' is JSON but not an array of records like [{\"a\": 1}, ...]");
            records = root.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new UsageError("'" + name + "' is not valid JSON: " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonElement r : records) {
            if (!r.isJsonObject()) throw new UsageError("'" + name + "': every element must be a record {\"column\": value, ...}; found " + r);
            names.addAll(r.getAsJsonObject().keySet());
        }
        Table t = Table.create(name);
        for (String col : names) {
            List<JsonElement> values = new ArrayList<>();
            for (JsonElement r : records) values.add(r.getAsJsonObject().get(col));
            t.addColumns(jsonColumn(col, values));
        }
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            column(t, name, e.getKey());
            t.replaceColumn(e.getKey(), retyped(t.column(e.getKey()), e.getValue(), name));
        }
        return t;
    }

    /** A JSON column read again as the type --types asks for, from each value's text. */
    private static tech.tablesaw.columns.Column<?> retyped(tech.tablesaw.columns.Column<?> c, ColumnType type, String name) {
        var parser = type.customParser(tech.tablesaw.io.csv.CsvReadOptions.builder(new java.io.StringReader("")).build());
        tech.tablesaw.columns.Column<?> out = type.create(c.name());
        for (int r = 0; r < c.size(); r++) {
            if (c.isMissing(r)) {
                out.appendMissing();
                continue;
            }
            // JSON numbers were read as doubles: 3.0 is the integer 3
            String text = c instanceof DoubleColumn d && d.getDouble(r) == Math.rint(d.getDouble(r)) && Math.abs(d.getDouble(r)) < 1e15
                    ? Long.toString((long) d.getDouble(r)) : c.getString(r);
            try {
                out.appendCell(text, parser);
            } catch (RuntimeException e) {
                throw new UsageError("--types " + c.name() + ":" + type.name().toLowerCase() + ": record " + (r + 1) + " of '" + name
                        + "' has '" + text + "', which is not " + type.name().toLowerCase() + ".");
            }
        }
        return out;
    }

    private static tech.tablesaw.columns.Column<?> jsonColumn(String col, List<JsonElement> values) {
        boolean numbers = true, booleans = true;
        for (JsonElement v : values) {
            if (v == null || v.isJsonNull()) continue;
            boolean prim = v.isJsonPrimitive();
            numbers &= prim && v.getAsJsonPrimitive().isNumber();
            booleans &= prim && v.getAsJsonPrimitive().isBoolean();
        }
        if (numbers) {
            DoubleColumn c = DoubleColumn.create(col);
            for (JsonElement v : values) if (v == null || v.isJsonNull()) c.appendMissing(); else c.append(v.getAsDouble());
            return c;
        }
        if (booleans) {
            BooleanColumn c = BooleanColumn.create(col);
            for (JsonElement v : values) if (v == null || v.isJsonNull()) c.appendMissing(); else c.append(v.getAsBoolean());
            return c;
        }
        StringColumn c = StringColumn.create(col);
        for (JsonElement v : values) {
            if (v == null || v.isJsonNull()) c.appendMissing();
            else c.append(v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
        return c;
    }
}
