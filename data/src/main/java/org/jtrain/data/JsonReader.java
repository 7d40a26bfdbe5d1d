package org.jtrain.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads JSON, an array of flat records, into a table: numbers become DOUBLE, true/false BOOLEAN, anything else STRING. */
final class JsonReader {

    private JsonReader() {
    }

    static Table read(InputStream in, String name, Map<String, ColumnType> types) {
        JsonArray records;
        try {
            JsonElement root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (!root.isJsonArray()) throw new BadInput("'" + name + "' is JSON but not an array of records like [{\"a\": 1}, ...]");
            records = root.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new BadInput("'" + name + "' is not valid JSON: " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonElement r : records) {
            if (!r.isJsonObject()) throw new BadInput("'" + name + "': every element must be a record {\"column\": value, ...}; found " + r);
            names.addAll(r.getAsJsonObject().keySet());
        }
        Table t = Table.create(name);
        for (String col : names) {
            List<JsonElement> values = new ArrayList<>();
            for (JsonElement r : records) values.add(r.getAsJsonObject().get(col));
            t.addColumns(column(col, values));
        }
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            Load.typedColumn(e.getKey(), name, t.columnNames());
            t.replaceColumn(e.getKey(), retyped(t.column(e.getKey()), e.getValue(), name));
        }
        return t;
    }

    /** A JSON column read again as the type --types asks for, from each value's text. */
    private static Column<?> retyped(Column<?> c, ColumnType type, String name) {
        var parser = type.customParser(CsvReadOptions.builder(new StringReader("")).build());
        Column<?> out = type.create(c.name());
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
                throw new BadInput("--types " + c.name() + ":" + type.name().toLowerCase() + ": record " + (r + 1) + " of '" + name
                        + "' has '" + text + "', which is not " + type.name().toLowerCase() + ".");
            }
        }
        return out;
    }

    private static Column<?> column(String col, List<JsonElement> values) {
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
