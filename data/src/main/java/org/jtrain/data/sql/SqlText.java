package org.jtrain.data.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL text as far as jtrain needs to read it, without parsing SQL: its statements (split at semicolons), its
 * {@code :name} parameters and the words that may name tables. String literals, quoted identifiers, dollar-quoted
 * strings and comments are skipped, so a {@code ;} or {@code :x} inside them counts for nothing, and {@code ::} is a cast.
 */
public final class SqlText {

    /**
     * One statement, ready for JDBC: {@code :name} parameters replaced by {@code ?}, in the order of {@link #names()}.
     *
     * @param jdbc   the statement with {@code ?} placeholders
     * @param names  the parameter names, one per placeholder, in order
     * @param source the statement as written
     * @param start  where the statement begins in the whole text
     * @param holes  for each placeholder, its offset in {@code jdbc}; with {@link #names} this maps positions back
     */
    public record Statement(String jdbc, List<String> names, String source, int start, List<Integer> holes) {

        /** The offset in the whole text of {@code offset} in {@link #jdbc()}, undoing the replaced parameters. */
        int sourceOffset(int offset) {
            int shift = 0;
            for (int i = 0; i < holes.size() && holes.get(i) < offset; i++) shift += names.get(i).length(); // ":name" became "?"
            return start + offset + shift;
        }
    }

    private SqlText() {
    }

    /** The statements of {@code sql}, blank ones left out, each with its {@code :name} parameters made {@code ?}. */
    public static List<Statement> statements(String sql) {
        List<Statement> out = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<Integer> holes = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i <= sql.length()) {
            if (i == sql.length() || sql.charAt(i) == ';') {
                String source = sql.substring(start, i);
                if (!isBlank(source)) {
                    int lead = source.length() - source.stripLeading().length();
                    String text = jdbc.substring(lead).stripTrailing();
                    List<Integer> shifted = holes.stream().map(h -> h - lead).toList();
                    out.add(new Statement(text, List.copyOf(names), source.strip(), start + lead, shifted));
                }
                jdbc.setLength(0);
                names.clear();
                holes.clear();
                start = ++i;
                continue;
            }
            int end = skip(sql, i);
            if (end > i) {
                jdbc.append(sql, i, end);
                i = end;
                continue;
            }
            char c = sql.charAt(i);
            if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int j = i + 1;
                while (j < sql.length() && Character.isJavaIdentifierPart(sql.charAt(j))) j++;
                holes.add(jdbc.length());
                names.add(sql.substring(i + 1, j));
                jdbc.append('?');
                i = j;
                continue;
            }
            if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') { // a cast: x::INTEGER
                jdbc.append("::");
                i += 2;
                continue;
            }
            jdbc.append(c);
            i++;
        }
        return out;
    }

    /** The names of the {@code :name} parameters of {@code sql}, each once, in order. */
    public static Set<String> parameterNames(String sql) {
        Set<String> names = new LinkedHashSet<>();
        for (Statement s : statements(sql)) names.addAll(s.names());
        return names;
    }

    /**
     * The words of {@code sql} that could name a table: bare identifiers and the contents of double-quoted ones, each
     * once, in order. Keywords and column names are among them; string literals and comments are not.
     */
    public static Set<String> words(String sql) {
        Set<String> words = new LinkedHashSet<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                int end = skip(sql, i);
                words.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""));
                i = end;
            } else if (skip(sql, i) > i) {
                i = skip(sql, i);
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int j = i + 1;
                while (j < sql.length() && Character.isJavaIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') j++;
                if (i == 0 || sql.charAt(i - 1) != ':' || (i > 1 && sql.charAt(i - 2) == ':')) words.add(sql.substring(i, j));
                i = j;
            } else {
                i++;
            }
        }
        return words;
    }

    /** The contents of {@code sql}'s single-quoted string literals, in order. */
    public static List<String> literals(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int end = skip(sql, i);
            if (end == i) {
                i++;
                continue;
            }
            if (sql.charAt(i) == '\'' && end - 1 > i) out.add(sql.substring(i + 1, end - 1).replace("''", "'"));
            i = end;
        }
        return out;
    }

    /** {@code text} as a double-quoted SQL identifier. */
    public static String quoteIdentifier(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * The end of the literal, quoted identifier or comment that starts at {@code i}, or {@code i} when none does.
     * An unclosed one runs to the end of the text (the database then says what is wrong).
     */
    private static int skip(String sql, int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) j += 2; // '' inside '...'
                    else return j + 1;
                } else {
                    j++;
                }
            }
            return sql.length();
        }
        if (c == '-' && next == '-') {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl;
        }
        if (c == '/' && next == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        if (c == '$') { // $$...$$ or $tag$...$tag$ (PostgreSQL and DuckDB); $1 and $name are parameters, not strings
            int j = i + 1;
            while (j < sql.length() && Character.isJavaIdentifierPart(sql.charAt(j)) && sql.charAt(j) != '$') j++;
            if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
                String tag = sql.substring(i, j + 1);
                int end = sql.indexOf(tag, j + 1);
                return end < 0 ? sql.length() : end + tag.length();
            }
        }
        return i;
    }

    private static boolean isBlank(String statement) {
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ((c == '-' || c == '/') && skip(statement, i) > i) {
                i = skip(statement, i);
            } else {
                return false;
            }
        }
        return true;
    }
}
