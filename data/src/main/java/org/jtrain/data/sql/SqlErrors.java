package org.jtrain.data.sql;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.data.BadInput;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database's error as one line: its message, and the line and column of the query it points at. DuckDB gives its
 * errors as JSON (we open it with {@code errors_as_json}), with the position as an offset into the statement.
 */
final class SqlErrors {

    private static final Pattern SQLITE = Pattern.compile("\\[SQLITE_\\w+]\\s*SQL error or missing database\\s*\\((.*)\\)", Pattern.DOTALL);

    private SqlErrors() {
    }

    /**
     * @param query  the whole query text as the user wrote it, for line and column
     * @param sent   the statement as sent, whose offsets the database reports, or null when none was
     * @param scrub  hides what must never be shown (passwords)
     */
    static BadInput badInput(SQLException e, String query, SqlText.Statement sent, java.util.function.UnaryOperator<String> scrub) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String message = raw;
        String suggestion = null;
        String where = "";
        JsonObject json = json(raw);
        if (json != null) {
            message = string(json, "exception_message", raw);
            String candidates = string(json, "candidates", null);
            if (candidates != null && !candidates.isBlank()) suggestion = candidates.split(",")[0].strip().replace("\"", "");
            String position = string(json, "position", null);
            if (position != null && sent != null && position.matches("\\d+")) where = at(query, sent, Integer.parseInt(position));
        } else {
            int line = raw.indexOf("\n\nLINE "); // DuckDB's plain form: the query line and a caret follow the message
            if (line > 0) message = raw.substring(0, line);
            Matcher sqlite = SQLITE.matcher(message);
            if (sqlite.matches()) message = sqlite.group(1);
        }
        String oneLine = String.join(" ", Arrays.stream(message.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        return new BadInput(scrub.apply("SQL error" + where + ": " + oneLine), suggestion);
    }

    /** " at line L, column C" of the byte offset {@code position} in the statement as sent. */
    private static String at(String query, SqlText.Statement sent, int position) {
        byte[] bytes = sent.jdbc().getBytes(StandardCharsets.UTF_8);
        int chars = new String(bytes, 0, Math.min(position, bytes.length), StandardCharsets.UTF_8).length();
        int offset = Math.min(sent.sourceOffset(chars), query.length());
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " at line " + line + ", column " + (offset - lineStart + 1);
    }

    /** DuckDB's JSON error, maybe after a prefix such as "Parser Error: ", or null. */
    private static JsonObject json(String message) {
        int brace = message.indexOf('{');
        if (brace < 0 || !message.stripTrailing().endsWith("}")) return null;
        try {
            JsonElement e = JsonParser.parseString(message.substring(brace));
            return e.isJsonObject() && e.getAsJsonObject().has("exception_message") ? e.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : fallback;
    }
}
