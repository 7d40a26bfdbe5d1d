package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A table's rows as one time series: in time order, one row per step with no gaps or repeats, the target's values, and
 * the values of columns known ahead of time (a holiday). A lag of k steps is then k rows back. Messages name the
 * table by {@link Table#name()}.
 *
 * @param rows  each row's index in the table it was read from, or -1 for a row that came from another series
 * @param known per row, the values of the {@code knownNames} columns: numbers as they are, text 1 when not empty
 */
public record Series(String table, String time, String target, LocalDateTime[] times, double[] values, List<String> knownNames,
                     double[][] known, int[] rows) {

    /** Reads {@code target} over {@code time} ("" for the table's only date column), sorted by time; refuses gaps and repeats. */
    public static Series of(Table t, String time, String target, List<String> known) {
        String name = t.name();
        String timeName = timeColumn(t, time);
        Column<?> y = Tables.column(t, target);
        if (!(y instanceof NumericColumn<?> numbers)) {
            throw new BadInput("A forecast predicts numbers, but '" + target + "' of '" + name + "' is " + y.type().name().toLowerCase() + ".");
        }
        if (y.countMissing() > 0) {
            throw new BadInput("'" + target + "' of '" + name + "' has " + y.countMissing() + " missing values; a series needs every step. "
                    + "Fill them first, e.g. %data clean " + name + " --impute median --columns " + target + ".");
        }
        Column<?> tc = t.column(timeName);
        LocalDateTime[] at = new LocalDateTime[t.rowCount()];
        for (int r = 0; r < at.length; r++) {
            if (tc.isMissing(r)) throw new BadInput("Row " + r + " of '" + name + "' has no " + timeName + "; every row of a series needs its time.");
            at[r] = tc instanceof DateColumn d ? d.get(r).atStartOfDay() : ((DateTimeColumn) tc).get(r);
        }
        Integer[] order = IntStream.range(0, at.length).boxed().sorted(Comparator.comparing(r -> at[r])).toArray(Integer[]::new);
        List<Column<?>> knownColumns = known.stream().<Column<?>>map(k -> knownColumn(t, k, target, timeName)).toList();
        int n = at.length;
        LocalDateTime[] times = new LocalDateTime[n];
        double[] values = new double[n];
        double[][] knownValues = new double[n][known.size()];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            int r = order[i];
            rows[i] = r;
            times[i] = at[r];
            values[i] = numbers.getDouble(r);
            for (int j = 0; j < knownColumns.size(); j++) knownValues[i][j] = knownValue(knownColumns.get(j), r, name);
        }
        Series s = new Series(name, timeName, target, times, values, List.copyOf(known), knownValues, rows);
        s.checkSteps();
        return s;
    }

    public int size() {
        return values.length;
    }

    /** The usual time between rows: the median gap. */
    public Duration step() {
        if (size() < 2) return Duration.ZERO;
        long[] gaps = IntStream.range(1, size()).mapToLong(i -> Duration.between(times[i - 1], times[i]).getSeconds()).sorted().toArray();
        return Duration.ofSeconds(gaps[gaps.length / 2]);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Series slice(int from, int to) {
        return new Series(table, time, target, Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to), knownNames,
                Arrays.copyOfRange(known, from, to), Arrays.copyOfRange(rows, from, to));
    }

    /** The last {@code n} rows (all of them if there are fewer). */
    public Series last(int n) {
        return slice(Math.max(0, size() - n), size());
    }

    /**
     * This series' rows before {@code later} begins, then {@code later}'s rows: a model's training tail followed by the
     * table it forecasts. The rows of {@code later} keep their indexes; those of this series become -1.
     */
    public Series then(Series later) {
        if (!later.knownNames.equals(knownNames)) throw new IllegalArgumentException("known columns differ: " + knownNames + ", " + later.knownNames);
        int keep = 0;
        while (keep < size() && times[keep].isBefore(later.times[0])) keep++;
        if (keep > 0 && size() > 1 && gap(times[keep - 1], later.times[0], step())) {
            throw new BadInput("'" + later.table + "' starts at " + label(later.times[0]) + ", but the series the model knows ends at "
                    + label(times[keep - 1]) + ": the steps between are missing, so lags cannot be counted. Forecast the table that "
                    + "follows the training data, or add the rows between.");
        }
        int n = keep + later.size();
        LocalDateTime[] t = Arrays.copyOf(Arrays.copyOf(times, keep), n);
        double[] v = Arrays.copyOf(Arrays.copyOf(values, keep), n);
        double[][] k = Arrays.copyOf(Arrays.copyOf(known, keep), n);
        int[] r = new int[n];
        Arrays.fill(r, 0, keep, -1);
        System.arraycopy(later.times, 0, t, keep, later.size());
        System.arraycopy(later.values, 0, v, keep, later.size());
        System.arraycopy(later.known, 0, k, keep, later.size());
        System.arraycopy(later.rows, 0, r, keep, later.size());
        return new Series(later.table, time, target, t, v, knownNames, k, r);
    }

    /** Whether times carry a time of day (hourly data), not only dates. */
    public boolean hasTimeOfDay() {
        return Arrays.stream(times).anyMatch(t -> !t.toLocalTime().equals(LocalTime.MIDNIGHT));
    }

    /** A time as a reader writes it: 2014-03-01, or 2014-03-01T06:00 when it has a time of day. */
    public static String label(LocalDateTime t) {
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }

    /** Refuses repeated times and missing steps: a lag counts rows, so every step must have its row. */
    private void checkSteps() {
        if (size() < 2) return;
        Duration step = step();
        for (int i = 1; i < size(); i++) {
            if (times[i].equals(times[i - 1])) {
                throw new BadInput("'" + table + "' has two rows at " + label(times[i]) + " in '" + time + "'; a series has one row per step. "
                        + "Aggregate them first (one value per " + time + ").");
            }
            if (gap(times[i - 1], times[i], step)) {
                throw new BadInput("'" + table + "' has a gap: " + label(times[i]) + " follows " + label(times[i - 1]) + ", while its rows are "
                        + describe(step) + " apart; a lag counts rows, so every step needs its row. Fill the missing steps, or, if the "
                        + "table was split at random, split it by time: %split TABLE --by-time " + time + ".");
            }
        }
    }

    /** Whether two consecutive times are more than the usual step apart (by half a step: months differ by a few days). */
    private static boolean gap(LocalDateTime a, LocalDateTime b, Duration step) {
        return Duration.between(a, b).getSeconds() > 1.5 * step.getSeconds();
    }

    private static String describe(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) return d.toHours() == 1 ? "1 hour" : d.toHours() + " hours";
        return d.getSeconds() + " seconds";
    }

    private static String timeColumn(Table t, String time) {
        List<String> dates = t.columns().stream().filter(c -> c instanceof DateColumn || c instanceof DateTimeColumn).map(Column::name).toList();
        if (time == null || time.isEmpty()) {
            if (dates.size() == 1) return dates.getFirst();
            if (dates.isEmpty()) {
                throw new BadInput("'" + t.name() + "' has no date column, so it is no time series. Columns: " + String.join(", ", t.columnNames())
                        + ". A forecast needs one (dates like 2014-03-01); --time names it.");
            }
            throw new BadInput("'" + t.name() + "' has " + dates.size() + " date columns (" + String.join(", ", dates) + "); --time says which is the time.");
        }
        if (!t.containsColumn(time)) {
            throw new BadInput("Column '" + time + "' not found in table '" + t.name() + "'. Date columns: "
                    + (dates.isEmpty() ? "none" : String.join(", ", dates)) + ".", Suggest.closest(time, t.columnNames()).orElse(null));
        }
        if (!dates.contains(time)) {
            throw new BadInput("--time " + time + ": column '" + time + "' of '" + t.name() + "' is " + t.column(time).type().name().toLowerCase()
                    + ", not dates. Date columns: " + (dates.isEmpty() ? "none" : String.join(", ", dates)) + ".");
        }
        return time;
    }

    private static Column<?> knownColumn(Table t, String name, String target, String time) {
        Column<?> c = Tables.column(t, name);
        if (name.equals(target) || name.equals(time)) {
            throw new BadInput("--known " + name + ": the " + (name.equals(target) ? "target" : "time") + " cannot be a column known ahead; "
                    + "--known lists other columns whose future values are known, like a holiday.");
        }
        return c;
    }

    private static double knownValue(Column<?> c, int r, String table) {
        if (c instanceof BooleanColumn b) return b.isMissing(r) ? 0 : (b.get(r) ? 1 : 0);
        if (c instanceof NumericColumn<?> n) {
            if (n.isMissing(r)) throw new BadInput("'" + c.name() + "' of '" + table + "' is missing in row " + r + "; a known column needs every value.");
            return n.getDouble(r);
        }
        return c.isMissing(r) || c.getString(r).isBlank() ? 0 : 1; // text such as a holiday's name: a flag
    }
}
