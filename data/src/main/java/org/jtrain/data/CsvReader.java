package org.jtrain.data;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads delimited text into a table, faster than Tablesaw's reader: one pass finds the fields, then each
 * column is typed from all of its values and parsed straight from the bytes, the columns in parallel.
 * RFC 4180 quoting; missing values are empty fields and NA, NaN, N/A, null; blank lines are skipped. The bytes are UTF-8
 * (see {@link Encodings}). A header wider than {@link LoadOptions#maxColumns()} is refused before any column is built,
 * and {@link LoadOptions#stop()} is polled every 65,536 fields found and every 65,536 rows of a column parsed.
 */
final class CsvReader {

    private final byte[] data;
    private final char delimiter;
    private final String name;
    private final LoadOptions options;
    private final int[] rowNumbers; // for a sheet: its row number of each record, header first; null for a text file
    private int fields;            // fields per row, from the header
    private int[] starts = new int[1 << 16], ends = new int[1 << 16];
    private final Set<Integer> quotedFields = new HashSet<>(); // fields with "" escapes to undo
    private int count;             // fields found, header included

    private CsvReader(byte[] data, char delimiter, String name, LoadOptions options, int[] rowNumbers) {
        this.data = data;
        this.delimiter = delimiter;
        this.name = name;
        this.options = options;
        this.rowNumbers = rowNumbers;
    }

    static Table read(byte[] data, String name, char delimiter, Map<String, ColumnType> types) {
        return read(data, name, delimiter, LoadOptions.defaults().types(types));
    }

    static Table read(byte[] data, String name, char delimiter, LoadOptions options) {
        return new CsvReader(data, delimiter, name, options, null).read(options.types());
    }

    /** Text made from a spreadsheet, one record per non-blank row: errors name {@code rowNumbers[record]}, header first. */
    static Table readSheet(byte[] data, String name, LoadOptions options, int[] rowNumbers) {
        return new CsvReader(data, ',', name, options, rowNumbers).read(options.types());
    }

    private Table read(Map<String, ColumnType> types) {
        tokenize();
        if (count == 0) return Table.create(name);
        String[] header = new String[fields];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < fields; c++) {
            String h = text(c).strip();
            if (h.isEmpty()) h = "column_" + (c + 1);
            String unique = h;
            for (int k = 2; !seen.add(unique); k++) unique = h + "_" + k;
            header[c] = unique;
        }
        for (String col : types.keySet()) Load.typedColumn(col, name, List.of(header));
        int rows = count / fields - 1;
        Object[] columns = IntStream.range(0, fields).parallel()
                .mapToObj(c -> {
                    try {
                        options.checkStop();
                        return column(header[c], c, rows, types.get(header[c]));
                    } catch (RuntimeException e) {
                        return e; // thrown below, the leftmost first, whichever thread failed first
                    }
                })
                .toArray();
        Table table = Table.create(name);
        // the names are unique and the columns equally long: Table.create would check each against all others, slow when wide
        for (Object column : columns) {
            if (column instanceof RuntimeException e) throw e;
            table.internalAddWithoutValidation((Column<?>) column);
        }
        return table;
    }

    // ---- pass 1: field boundaries

    private void tokenize() {
        int i = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF ? 3 : 0;
        int n = data.length;
        long line = 1;
        int rowFields = 0;
        long rowLine = 1;
        while (i < n) {
            int start = i, end;
            boolean quoted = data[i] == '"';
            if (quoted) {
                long opened = line;
                i++;
                start = i;
                boolean escapes = false;
                while (true) {
                    if (i >= n) throw new BadInput(where(opened) + ": a quoted field is never closed");
                    byte b = data[i];
                    if (b == '"') {
                        if (i + 1 < n && data[i + 1] == '"') { escapes = true; i += 2; continue; }
                        break;
                    }
                    if (b == '\n') line++;
                    i++;
                }
                end = i++;
                if (escapes) quotedFields.add(count);
                while (i < n && data[i] != delimiter && data[i] != '\n' && data[i] != '\r') i++; // stray text after the quote
            } else {
                while (i < n && data[i] != delimiter && data[i] != '\n') i++;
                end = i > start && data[i - 1] == '\r' && (i == n || data[i] == '\n') ? i - 1 : i;
            }
            add(start, end);
            rowFields++;
            if (fields == 0 && count == 1 && starts.length < data.length / 16) {
                // most rows look alike: size the arrays from the first bytes to avoid regrowing them many times
                int guess = (int) Math.min(Integer.MAX_VALUE - 8, data.length / 6L);
                starts = Arrays.copyOf(starts, Math.max(starts.length, guess));
                ends = Arrays.copyOf(ends, starts.length);
            }
            if (i < n && data[i] == '\r') i++;
            if (i < n && data[i] == delimiter) {
                i++;
                if (i == n || data[i] == '\n' || data[i] == '\r') { add(i, i); rowFields++; } // a trailing empty field
                else continue;
            }
            if (i < n && data[i] == '\r') i++;
            // end of a record
            if (fields == 0 && rowFields == 1 && starts[count - 1] == ends[count - 1]) count--; // a blank line before the header
            else if (fields == 0) {
                fields = rowFields;
                if (fields > options.maxColumns()) {
                    throw new BadInput(String.format(Locale.ROOT, "the header of '%s' has %,d columns, more than the limit of %,d: "
                            + "check the separator (--sep), or raise the limit with --max-columns %d", name, fields, options.maxColumns(), fields));
                }
            } else if (rowFields != fields && !(rowFields == 1 && starts[count - 1] == ends[count - 1])) {
                throw new BadInput(where(rowLine) + " has " + rowFields + " fields but the header has "
                        + fields + ": " + preview(rowLine) + separatorHint());
            }
            if (rowFields == 1 && fields > 1 && starts[count - 1] == ends[count - 1]) count--; // a blank line
            rowFields = 0;
            if (i < n) i++; // the newline
            line++;
            rowLine = line;
        }
    }

    /** Polls for a stop every 65,536 rows of a column. */
    private void poll(int row) {
        if ((row & 0xFFFF) == 0) options.checkStop();
    }

    private void add(int start, int end) {
        if ((count & 0xFFFF) == 0) options.checkStop();
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count++] = end;
    }

    /** When the header is one field, the separator it seems to use instead. */
    private String separatorHint() {
        if (fields != 1) return "";
        String header = preview(1);
        for (char c : new char[]{';', '\t', '|', ','}) {
            if (c != delimiter && header.indexOf(c) >= 0) {
                String sep = c == '\t' ? "\\t" : String.valueOf(c);
                return ". The header is one field: if the separator is '" + sep + "', load it with --sep '" + sep + "'";
            }
        }
        return "";
    }

    private String preview(long line) {
        String text = new String(data, StandardCharsets.UTF_8).lines().skip(line - 1).findFirst().orElse("");
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private String text(int field) {
        String s = new String(data, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
        return quotedFields.contains(field) ? s.replace("\"\"", "\"") : s;
    }

    private boolean missing(int field) { // compares bytes: it runs for every field of every pass
        int s = starts[field], len = ends[field] - s;
        return len == 0 || len <= 4 && (is(field, "NA") || is(field, "NaN") || is(field, "N/A") || is(field, "null"));
    }

    /** Whether the field's bytes are {@code word} (ASCII), ignoring case. */
    private boolean is(int field, String word) {
        int s = starts[field];
        if (ends[field] - s != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase((char) data[s + i]) != Character.toLowerCase(word.charAt(i))) return false;
        }
        return true;
    }

    /** The field as a boolean when it is exactly true or false (any case), else null; no String is made. */
    private Boolean bool(int field) {
        return is(field, "true") ? Boolean.TRUE : is(field, "false") ? Boolean.FALSE : null;
    }

    /** The field as a date when it is exactly yyyy-mm-dd, else null; no String is made, no exception thrown. */
    private LocalDate date(int field) {
        int s = starts[field];
        if (ends[field] - s != 10 || data[s + 4] != '-' || data[s + 7] != '-') return null;
        int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) return null;
        return LocalDate.of(y, m, d);
    }

    private int digits(int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int c = data[i] - '0';
            if (c < 0 || c > 9) return -1;
            v = v * 10 + c;
        }
        return v;
    }

    // ---- pass 2: one column

    private Column<?> column(String header, int c, int rows, ColumnType type) {
        if (type == null) {
            Column<?> numeric = numericColumn(header, c, rows);
            if (numeric != null) return numeric;
            type = infer(c, rows);
        }
        int field = fields + c;
        if (type == ColumnType.INTEGER || type == ColumnType.LONG) {
            long[] v = new long[rows];
            boolean[] miss = new boolean[rows];
            for (int r = 0; r < rows; r++, field += fields) {
                poll(r);
                if (missing(field)) { miss[r] = true; continue; }
                Long x = parseLong(field);
                if (x == null || type == ColumnType.INTEGER && (x > Integer.MAX_VALUE || x < Integer.MIN_VALUE)) throw bad(header, field, r, type);
                v[r] = x;
            }
            return longs(header, v, miss, type == ColumnType.INTEGER);
        }
        if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
            double[] v = new double[rows];
            for (int r = 0; r < rows; r++, field += fields) {
                poll(r);
                if (missing(field)) { v[r] = Double.NaN; continue; }
                double x = parseDouble(field);
                if (Double.isNaN(x)) throw bad(header, field, r, type);
                v[r] = x;
            }
            return type == ColumnType.FLOAT ? DoubleColumn.create(header, v).asFloatColumn().setName(header) : DoubleColumn.create(header, v);
        }
        if (type == ColumnType.BOOLEAN) {
            BooleanColumn col = BooleanColumn.create(header, rows);
            for (int r = 0; r < rows; r++, field += fields) {
                poll(r);
                if (missing(field)) { col.setMissing(r); continue; }
                Boolean b = bool(field);
                if (b == null) {
                    String s = text(field).strip();
                    if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) throw bad(header, field, r, type);
                    b = s.equalsIgnoreCase("true");
                }
                col.set(r, b);
            }
            return col;
        }
        if (type == ColumnType.LOCAL_DATE || type == ColumnType.LOCAL_DATE_TIME) {
            boolean date = type == ColumnType.LOCAL_DATE;
            Column<?> col = date ? DateColumn.create(header) : DateTimeColumn.create(header);
            for (int r = 0; r < rows; r++, field += fields) {
                poll(r);
                if (missing(field)) { col.appendMissing(); continue; }
                LocalDate fast = date ? date(field) : null;
                if (fast != null) {
                    ((DateColumn) col).append(fast);
                    continue;
                }
                try {
                    String s = text(field).strip();
                    if (date) ((DateColumn) col).append(LocalDate.parse(s));
                    else ((DateTimeColumn) col).append(dateTime(s));
                } catch (DateTimeParseException e) {
                    throw bad(header, field, r, type);
                }
            }
            return col;
        }
        String[] v = new String[rows];
        for (int r = 0; r < rows; r++, field += fields) {
            poll(r);
            v[r] = missing(field) ? null : text(field);
        }
        StringColumn col = StringColumn.create(header, rows);
        for (int r = 0; r < rows; r++) {
            poll(r);
            if (v[r] == null) col.setMissing(r); else col.set(r, v[r]);
        }
        return col;
    }

    /**
     * The column as integers, longs or doubles, parsed in the same pass that checks every value is one;
     * null if some value is not a number (then {@link #infer} looks further).
     */
    private Column<?> numericColumn(String header, int c, int rows) {
        long[] longs = new long[rows];
        boolean[] miss = new boolean[rows];
        boolean ints = true, any = false;
        int field = fields + c, r = 0;
        for (; r < rows; r++, field += fields) {
            poll(r);
            if (missing(field)) { miss[r] = true; continue; }
            Long x = parseLong(field);
            if (x == null) break;
            any = true;
            ints &= x <= Integer.MAX_VALUE && x >= Integer.MIN_VALUE;
            longs[r] = x;
        }
        if (!any && r == rows) return null; // all missing: a string column
        if (r == rows) return longs(header, longs, miss, ints);
        double[] v = new double[rows];
        for (int k = 0; k < r; k++) v[k] = miss[k] ? Double.NaN : longs[k];
        for (; r < rows; r++, field += fields) {
            poll(r);
            if (missing(field)) { v[r] = Double.NaN; continue; }
            double x = parseDouble(field);
            if (Double.isNaN(x)) return null;
            v[r] = x;
        }
        return DoubleColumn.create(header, v);
    }

    private static Column<?> longs(String header, long[] v, boolean[] miss, boolean ints) {
        if (!ints) {
            LongColumn col = LongColumn.create(header, v);
            for (int r = 0; r < v.length; r++) if (miss[r]) col.setMissing(r);
            return col;
        }
        int[] iv = new int[v.length];
        for (int r = 0; r < v.length; r++) iv[r] = (int) v[r];
        IntColumn col = IntColumn.create(header, iv);
        for (int r = 0; r < v.length; r++) if (miss[r]) col.setMissing(r);
        return col;
    }

    /** The narrowest type that every non-missing value of the column fits. */
    private ColumnType infer(int c, int rows) {
        boolean ints = true, longs = true, doubles = true, bools = true, dates = true, times = true, any = false;
        for (int r = 0, field = fields + c; r < rows && (longs || doubles || bools || dates || times); r++, field += fields) {
            poll(r);
            if (missing(field)) continue;
            any = true;
            if (longs) {
                Long x = parseLong(field);
                if (x == null) ints = longs = false;
                else if (x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) ints = false;
            }
            if (!longs && doubles) doubles = !Double.isNaN(parseDouble(field));
            if (bools && bool(field) == null || dates && date(field) == null || times) { // the byte checks failed: look at the text
                String s = text(field).strip();
                bools &= s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
                dates &= isDate(s);
                times &= isDateTime(s);
            } else {
                times = false; // a true/false or a yyyy-mm-dd is no date-time
            }
        }
        if (!any) return ColumnType.STRING;
        if (ints) return ColumnType.INTEGER;
        if (longs) return ColumnType.LONG;
        if (doubles) return ColumnType.DOUBLE;
        if (bools) return ColumnType.BOOLEAN;
        if (dates) return ColumnType.LOCAL_DATE;
        if (times) return ColumnType.LOCAL_DATE_TIME;
        return ColumnType.STRING;
    }

    /** Whether text is an ISO date, 2024-01-31. */
    static boolean isDate(String s) {
        return s.length() == 10 && parses(() -> LocalDate.parse(s));
    }

    /** Whether text is an ISO date-time, with a T or a space: 2024-01-31T10:15, 2024-01-31 10:15:30. */
    static boolean isDateTime(String s) {
        return s.length() > 10 && parses(() -> dateTime(s));
    }

    static LocalDateTime dateTime(String s) {
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private BadInput bad(String header, int field, int row, ColumnType type) {
        return new BadInput(where(lineOf(row)) + ", column '" + header + "': '" + text(field)
                + "' is not " + type.name().toLowerCase() + ". Load the column as string (--types " + header + ":string) or fix the value");
    }

    private String where(long line) {
        return (rowNumbers == null ? "line " : "row ") + line + " of '" + name + "'";
    }

    /** The file line of a data row, counting newlines inside quoted fields too; a sheet's row number. */
    private long lineOf(int row) {
        if (rowNumbers != null) return rowNumbers[row + 1];
        int pos = starts[(row + 1) * fields];
        long line = 1;
        for (int i = 0; i < pos; i++) if (data[i] == '\n') line++;
        return line;
    }

    private Long parseLong(int field) {
        int i = starts[field], end = ends[field];
        while (i < end && data[i] == ' ') i++;
        while (end > i && data[end - 1] == ' ') end--;
        boolean neg = i < end && data[i] == '-';
        if (i < end && (data[i] == '-' || data[i] == '+')) i++;
        if (i == end || end - i > 18) return end - i > 18 ? parseBigLong(field) : null;
        long v = 0;
        for (; i < end; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) return null;
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    private Long parseBigLong(int field) {
        try {
            return Long.parseLong(text(field).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
            1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** A decimal number, or NaN if the text is not one. Exact: the fast path is used only where it rounds correctly. */
    private double parseDouble(int field) {
        int i = starts[field], end = ends[field];
        while (i < end && data[i] == ' ') i++;
        while (end > i && data[end - 1] == ' ') end--;
        int s = i;
        boolean neg = i < end && data[i] == '-';
        if (i < end && (data[i] == '-' || data[i] == '+')) i++;
        long mantissa = 0;
        int digits = 0, frac = 0;
        boolean dot = false, simple = i < end;
        for (; i < end && simple; i++) {
            byte b = data[i];
            if (b >= '0' && b <= '9') {
                mantissa = mantissa * 10 + (b - '0');
                if (mantissa > 0 || dot) digits++;
                if (dot) frac++;
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                simple = false;
            }
        }
        // Both mantissa (< 2^53) and 10^frac (<= 10^22) are exact doubles, so one division rounds correctly.
        if (simple && digits <= 15 && frac <= 22 && (end - s) > (neg || data[s] == '+' ? 1 : 0) + (dot ? 1 : 0)) {
            double v = mantissa / POW10[frac];
            return neg ? -v : v;
        }
        String text = new String(data, s, end - s, StandardCharsets.US_ASCII);
        if (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1)) && text.charAt(text.length() - 1) != '.') return Double.NaN;
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
