package org.jtrain.data;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Preprocessing learned from one table (the training split) and applied, unchanged, to any other:
 * validation, test, or new data. Learning it from all the data would leak the test set into training.
 *
 * <p>Immutable: {@link #fit} (or {@code %data clean}) fits one; {@code prep.apply(table)} (or {@code %data apply})
 * reuses it.
 */
public final class Preprocessing {

    /** One fitted step; each keeps what it learned (a fill value, a mean, the categories). */
    public sealed interface Step {
        Table apply(Table t);
    }

    /** Drops columns the model should not see. */
    public record Drop(List<String> columns) implements Step {
        public Table apply(Table t) {
            return t.removeColumns(columns.stream().filter(t::containsColumn).toArray(String[]::new));
        }
    }

    /** Fills missing values of a column with a value learned from the training table. */
    public record Impute(String column, String strategy, Object value) implements Step {
        public Table apply(Table t) {
            Column<?> c = t.column(column);
            if (c instanceof NumericColumn<?> n) {
                DoubleColumn filled = n.asDoubleColumn().setName(column);
                filled.setMissingTo(((Number) value).doubleValue());
                t.replaceColumn(column, c instanceof IntColumn && value instanceof Integer ? filled.asIntColumn().setName(column) : filled);
            } else {
                StringColumn s = (StringColumn) c.copy();
                s.setMissingTo(String.valueOf(value));
                t.replaceColumn(column, s);
            }
            return t;
        }
    }

    /** Scales a numeric column with statistics of the training table: (x - center) / scale. */
    public record Scale(String column, String method, double center, double scale) implements Step {
        public Table apply(Table t) {
            DoubleColumn x = ((NumericColumn<?>) t.column(column)).asDoubleColumn();
            t.replaceColumn(column, x.subtract(center).divide(scale == 0 ? 1 : scale).setName(column));
            return t;
        }
    }

    /** One 0/1 column per training category; a category never seen in training gets all zeros. */
    public record OneHot(String column, List<String> categories) implements Step {
        public Table apply(Table t) {
            Column<?> c = t.column(column);
            for (String cat : categories) {
                IntColumn flag = IntColumn.create(column + "=" + cat, t.rowCount());
                for (int r = 0; r < t.rowCount(); r++) flag.set(r, cat.equals(c.getString(r)) ? 1 : 0);
                t.addColumns(flag);
            }
            return t.removeColumns(column);
        }
    }

    /** The index of the category in the training table's sorted categories; unseen ones are missing. */
    public record Ordinal(String column, List<String> categories) implements Step {
        public Table apply(Table t) {
            Column<?> c = t.column(column);
            IntColumn codes = IntColumn.create(column, t.rowCount());
            for (int r = 0; r < t.rowCount(); r++) {
                int i = c.isMissing(r) ? -1 : categories.indexOf(c.getString(r));
                if (i < 0) codes.setMissing(r); else codes.set(r, i);
            }
            t.replaceColumn(column, codes);
            return t;
        }
    }

    private final List<Step> steps;

    Preprocessing(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * Cleans a copy of {@code t} as {@code options} ask and fits the preprocessing on it: the cleaned table, named
     * {@code t.name() + "_clean"}, the preprocessing to apply to other tables, and what was done.
     */
    public static Cleaned fit(Table t, CleanOptions options) {
        return new Cleaning(t, options).run();
    }

    /** A new table: this preprocessing applied to a copy of {@code t}, which must have the {@link #inputColumns}. */
    public Table apply(Table t) {
        List<String> missing = inputColumns().stream().filter(c -> !t.containsColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new BadInput("table '" + t.name() + "' lacks the columns the preprocessing was fitted on: " + String.join(", ", missing));
        }
        Table out = t.copy();
        for (Step s : steps) out = s.apply(out);
        return out.setName(t.name());
    }

    /** The columns {@code t} must have for {@link #apply} to work. */
    public List<String> inputColumns() {
        List<String> cols = new ArrayList<>();
        for (Step s : steps) {
            switch (s) {
                case Impute i -> cols.add(i.column());
                case Scale sc -> cols.add(sc.column());
                case OneHot o -> cols.add(o.column());
                case Ordinal o -> cols.add(o.column());
                case Drop d -> { }
            }
        }
        return cols.stream().distinct().toList();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Preprocessing, fitted on the training table:");
        for (Step step : steps) s.append("\n  ").append(step);
        return s.toString();
    }
}
