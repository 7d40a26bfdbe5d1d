package org.jtrain.data;

import tech.tablesaw.api.ColumnType;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * How {@link Load} reads a file, as {@code %data load}'s options say it; checked when made. Start from
 * {@link #defaults()}: {@code LoadOptions.defaults().separator(';').encoding("ISO-8859-1")}.
 *
 * @param types      columns whose types are given instead of inferred
 * @param separator  the field separator of a CSV or TSV file, or null for the format's own (comma, tab)
 * @param encoding   the text encoding of a CSV, TSV or JSON file; bytes that are not valid in it are refused
 * @param sheet      the Excel sheet, by name or by number (1 is the first), or null for the first
 * @param maxColumns more columns than this are refused, before any is built (a wide header is a mistake more often than not)
 * @param stop       polled while reading: when it turns true, the read stops with a {@link java.util.concurrent.CancellationException}
 */
public record LoadOptions(Map<String, ColumnType> types, Character separator, Charset encoding, String sheet, int maxColumns,
                          BooleanSupplier stop) {

    /** The common encodings, for messages; any that Java knows is accepted. */
    static final Set<String> ENCODINGS = new LinkedHashSet<>(java.util.List.of("UTF-8", "ISO-8859-1", "windows-1252", "UTF-16",
            "ISO-8859-15", "US-ASCII"));

    public LoadOptions {
        types = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(types, "types"))); // in the order given, so the first bad --types column is named
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(stop, "stop");
        if (separator != null && (separator > 127 || separator == '"' || separator == '\n' || separator == '\r')) {
            throw new BadInput("--sep takes one ASCII character other than a quote or a line break, e.g. ';', '|' or '\\t'; got '"
                    + separator + "'");
        }
        if (separator != null && Character.isLetterOrDigit(separator)) { // \t typed bare, which a shell reads as t
            throw new BadInput("--sep takes a punctuation character or a tab, not '" + separator + "'; for a tab, write --sep tab or --sep '\\t'");
        }
        if (maxColumns < 1) throw new BadInput("--max-columns takes a positive number; got " + maxColumns);
    }

    /** Types inferred, the format's separator, UTF-8, the first sheet, at most 10,000 columns, never stopped. */
    public static LoadOptions defaults() {
        return new LoadOptions(Map.of(), null, StandardCharsets.UTF_8, null, 10_000, () -> false);
    }

    public LoadOptions types(Map<String, ColumnType> types) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, stop);
    }

    public LoadOptions separator(char separator) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, stop);
    }

    /** The separator as typed: one character, or {@code \t} or {@code tab} for a tab. */
    public LoadOptions separator(String typed) {
        String s = typed.equals("\\t") || typed.equalsIgnoreCase("tab") ? "\t" : typed;
        if (s.length() != 1) {
            throw new BadInput("--sep takes one character, e.g. ';', '|' or '\\t' for a tab; got '" + typed + "'");
        }
        return separator(s.charAt(0));
    }

    public LoadOptions encoding(Charset encoding) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, stop);
    }

    /** The encoding by name or alias (UTF-8, ISO-8859-1, latin1, windows-1252, cp1252, UTF-16, ...). */
    public LoadOptions encoding(String name) {
        try {
            return encoding(Charset.forName(name.strip()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadInput("unknown encoding '" + name + "'. Common ones: " + String.join(", ", ENCODINGS),
                    Suggest.closest(name, ENCODINGS).orElse(null));
        }
    }

    public LoadOptions sheet(String sheet) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, stop);
    }

    public LoadOptions maxColumns(int maxColumns) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, stop);
    }

    /** Stops the read when {@code signal} turns true (a notebook passes its interrupt). */
    public LoadOptions stopWhen(BooleanSupplier signal) {
        return new LoadOptions(types, separator, encoding, sheet, maxColumns, signal);
    }

    /** Throws if the read was asked to stop. */
    void checkStop() {
        if (stop.getAsBoolean()) throw new java.util.concurrent.CancellationException("the load was interrupted");
    }
}
