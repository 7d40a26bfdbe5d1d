package org.jtrain.magics;

import org.jtrain.kernel.Session;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.List;

/** Finding the user's tables and their columns, with errors that list what exists and suggest the closest. */
final class Tables {

    private Tables() {
    }

    /** The table held by session variable {@code name}. */
    static Table table(Session session, String name) {
        Object value = session.variable(name).orElse(null);
        if (value instanceof Table t) return t;
        List<String> tables = session.variableNames().stream()
                .filter(v -> !v.equals(name) && session.variable(v).orElse(null) instanceof Table)
                .toList();
        String known = tables.isEmpty() ? "There are no tables yet: load one with %data load NAME."
                : "Tables: " + String.join(", ", tables) + ".";
        String what = value == null
                ? (session.variableNames().contains(name) ? "'" + name + "' is null, not a table. " : "No variable '" + name + "'. ")
                : "'" + name + "' is a " + value.getClass().getSimpleName() + ", not a table. ";
        throw new UsageError(what + known, null, Suggest.closest(name, tables).orElse(null));
    }

    /** The table named by the words {@code MODEL [on] TABLE} of a magic that scores a model on a table. */
    static String afterModel(List<String> words, String usage) {
        if (words.size() == 3 && !words.get(1).equals("on")) {
            throw new UsageError("expected MODEL on TABLE; got '" + String.join(" ", words) + "'", usage, null);
        }
        return words.getLast();
    }

    /** The column {@code name} of {@code t}, which the user knows as {@code tableVar}. */
    static Column<?> column(Table t, String tableVar, String name) {
        if (t.containsColumn(name)) return t.column(name);
        List<String> names = t.columnNames();
        throw new UsageError("Column '" + name + "' not found in table '" + tableVar + "'. Columns: "
                + String.join(", ", names) + ".", null, Suggest.closest(name, names).orElse(null));
    }
}
