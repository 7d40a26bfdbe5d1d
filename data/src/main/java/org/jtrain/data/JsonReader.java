package org.jtrain.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON, an array of flat records, into a table, typed as a CSV file is: whole numbers become INTEGER (or LONG),
 * other numbers DOUBLE, true/false BOOLEAN, text that is all dates LOCAL_DATE (or date-times LOCAL_DATE_TIME), the rest
 * STRING; null and a missing key are missing values.
 */
final class JsonReader {

    private JsonReader() {
    }

    static Table read(String json, String name, LoadOptions options) {
        JsonArray records;
        try {
            JsonElement root = JsonParser.parseReader(new StringReader(json));
            if (!root.isJsonArray()) throw new BadInput("'" + name + "' is JSON but not an array of records like [{\"a\": 1}, ...]");
            records = root.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new BadInput("'" + name + "' is not valid JSON: " + e.getMessage());
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonElement r : records) {
            if (!r.isJsonObject()) throw new BadInput("'" + name + "': every element must be a record {\"column\": value, ...}; found " + r);
            names.addAll(r.getAsJsonObject().keySet());
            if (names.size() > options.maxColumns()) {
                throw new BadInput(String.format(Locale.ROOT, "the records of '%s' have more than %,d keys, the limit on columns: "
                        + "raise it with --max-columns N", name, options.maxColumns()));
            }
        }
        for (String col : options.types().keySet()) Load.typedColumn(col, name, List.copyOf(names));
        Table t = Table.create(name);
        for (String col : names) {
            options.checkStop();
            List<JsonElement> values = new ArrayList<>(records.size());
            for (JsonElement r : records) {
                JsonElement v = r.getAsJsonObject().get(col);
                values.add(v == null || v.isJsonNull() ? null : v);
            }
            ColumnType type = options.types().get(col);
            t.addColumns(type == null ? column(col, values) : typed(col, values, type, name));
        }
        return t;
    }

    /** A column read as the type --types asks for, from each value's text. */
    private static Column<?> typed(String col, List<JsonElement> values, ColumnType type, String name) {
        var parser = type.customParser(CsvReadOptions.builder(new StringReader("")).build());
        Column<?> out = type.create(col);
        for (int r = 0; r < values.size(); r++) {
            JsonElement v = values.get(r);
            if (v == null) {
                out.appendMissing();
                continue;
            }
            String text = v.isJsonPrimitive() ? v.getAsString() : v.toString();
            try {
                out.appendCell(text, parser);
            } catch (RuntimeException e) {
                throw new BadInput("--types " + col + ":" + type.name().toLowerCase() + ": record " + (r + 1) + " of '" + name
                        + "' has '" + text + "', which is not " + type.name().toLowerCase() + ".");
            }
        }
        return out;
    }

    private static Column<?> column(String col, List<JsonElement> values) {
        boolean numbers = true, longs = true, ints = true, booleans = true, strings = true, dates = true, times = true;
        for (JsonElement v : values) {
            if (v == null) continue;
            JsonPrimitive p = v.isJsonPrimitive() ? v.getAsJsonPrimitive() : null;
            numbers &= p != null && p.isNumber();
            booleans &= p != null && p.isBoolean();
            strings &= p != null && p.isString();
            if (numbers && longs) {
                Long x = wholeNumber(p);
                longs = x != null;
                ints &= longs && x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE;
            }
            if (strings) {
                String s = p.getAsString().strip();
                dates &= CsvReader.isDate(s);
                times &= CsvReader.isDateTime(s);
            }
        }
        int n = values.size();
        boolean any = values.stream().anyMatch(v -> v != null);
        if (!any) numbers = booleans = strings = false; // all missing: a string column, as in a CSV file
        if (numbers && ints) {
            IntColumn c = IntColumn.create(col, n);
            for (int r = 0; r < n; r++) if (values.get(r) == null) c.setMissing(r); else c.set(r, values.get(r).getAsInt());
            return c;
        }
        if (numbers && longs) {
            LongColumn c = LongColumn.create(col, n);
            for (int r = 0; r < n; r++) if (values.get(r) == null) c.setMissing(r); else c.set(r, values.get(r).getAsLong());
            return c;
        }
        if (numbers) {
            DoubleColumn c = DoubleColumn.create(col);
            for (JsonElement v : values) if (v == null) c.appendMissing(); else c.append(v.getAsDouble());
            return c;
        }
        if (booleans) {
            BooleanColumn c = BooleanColumn.create(col);
            for (JsonElement v : values) if (v == null) c.appendMissing(); else c.append(v.getAsBoolean());
            return c;
        }
        if (strings && dates) {
            DateColumn c = DateColumn.create(col);
            for (JsonElement v : values) if (v == null) c.appendMissing(); else c.append(LocalDate.parse(v.getAsString().strip()));
            return c;
        }
        if (strings && times) {
            DateTimeColumn c = DateTimeColumn.create(col);
            for (JsonElement v : values) if (v == null) c.appendMissing(); else c.append(CsvReader.dateTime(v.getAsString().strip()));
            return c;
        }
        StringColumn c = StringColumn.create(col);
        for (JsonElement v : values) {
            if (v == null) c.appendMissing();
            else c.append(v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
        return c;
    }

    /** The number if it is written as a whole number (3, not 3.0 or 3e0) that fits a long; else null. */
    private static Long wholeNumber(JsonPrimitive p) {
        String text = p.getAsNumber().toString();
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) return null;
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
