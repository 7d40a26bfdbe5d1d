package org.jtrain.data;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Small helpers on tables, written once: finding a column, keying a row, counting values. */
public final class Tables {

    /** An integer target with at most this many distinct values holds classes, not numbers to predict. */
    /** The most distinct integers a target may hold and still be classes. */
    public static final int MAX_CLASSES = 20;

    private Tables() {
    }

    /** The column {@code name} of {@code t}; if there is none, an error that lists the columns and suggests the closest. */
    public static Column<?> column(Table t, String name) {
        if (t.containsColumn(name)) return t.column(name);
        List<String> names = t.columnNames();
        throw new BadInput("Column '" + name + "' not found in table '" + t.name() + "'. Columns: "
                + String.join(", ", names) + ".", Suggest.closest(name, names).orElse(null));
    }

    /**
     * A new table called {@code name} that holds the very column objects of {@code t}: nothing is copied, so a change
     * to a column shows in both. For naming a table as the user knows it (their variable) in the library's messages.
     */
    public static Table named(Table t, String name) {
        return Table.create(name, t.columns());
    }

    /** A row as one string, equal for rows with equal values: the key that finds duplicate rows. */
    public static String rowKey(Table t, int row) {
        StringBuilder key = new StringBuilder();
        for (Column<?> c : t.columns()) key.append(c.getString(row)).append('\u0001');
        return key.toString();
    }

    /** How many rows repeat an earlier row of {@code t}. */
    public static int duplicateRows(Table t) {
        Set<String> seen = new HashSet<>();
        int dups = 0;
        for (int r = 0; r < t.rowCount(); r++) if (!seen.add(rowKey(t, r))) dups++;
        return dups;
    }

    /** Value counts, commonest first (ties by value), missing values left out. */
    public static Map<String, Integer> counts(Column<?> c) {
        Map<String, Integer> counts = new HashMap<>();
        for (int r = 0; r < c.size(); r++) if (!c.isMissing(r)) counts.merge(c.getString(r), 1, Integer::sum);
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Whether a target column asks for regression: numbers, unless they are integers with at most 20 distinct values
     * (then they are class labels, such as 0/1). The same rule as training's choice of task.
     */
    public static boolean numbersToPredict(Column<?> target) {
        if (!(target instanceof NumericColumn<?> n)) return false;
        boolean integral = switch (n.type().name()) {
            case "INTEGER", "LONG", "SHORT" -> true;
            default -> false;
        };
        return !(integral && n.countUnique() <= MAX_CLASSES);
    }
}
