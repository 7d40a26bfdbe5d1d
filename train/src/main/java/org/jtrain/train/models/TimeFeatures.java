package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The features a forecast {@code horizon} steps ahead is made from, all known at its origin (the time it is made):
 * lags y(t-k) with k at least the horizon, the mean and spread of windows of past values that end {@code horizon} steps
 * back, the calendar of t itself (known in advance), and columns whose future values are known (a holiday). So no
 * feature of row t reads a value of the target later than t - horizon.
 * <pre>{@code Table features = TimeFeatures.of(Forecaster.params()).table(births, "births");}</pre>
 *
 * @param time     the time column; "" for the table's only date column
 * @param lags     steps back, each at least {@code horizon}
 * @param windows  lengths of the rolling windows (at least 2), each ending {@code horizon} steps back
 * @param calendar add day of week, weekend, month, day of month, day of year (and hour, for data with times of day)
 * @param known    columns known ahead of time, used at t itself: numbers as they are, text as 1 when not empty
 */
public record TimeFeatures(String time, int horizon, List<Integer> lags, List<Integer> windows, boolean calendar, List<String> known) {

    /** The options of {@link Forecaster} that say which features to build, as {@code %data features} takes them. */
    public static final List<String> OPTIONS = List.of("time", "horizon", "lags", "windows", "calendar", "known");

    public TimeFeatures {
        lags = List.copyOf(new LinkedHashSet<>(lags)); // a repeated one would be a second column of the same name
        windows = List.copyOf(new LinkedHashSet<>(windows));
        known = List.copyOf(new LinkedHashSet<>(known));
        if (horizon < 1) throw new BadInput("--horizon must be at least 1 step; got " + horizon + ".");
        for (int k : lags) {
            if (k < horizon) {
                throw new BadInput("--lags " + k + " is shorter than --horizon " + horizon + ": " + horizon + " steps ahead, y(t-" + k
                        + ") is still in the future. Use lags of at least " + horizon + ", e.g. " + suggestLags(lags, horizon) + ".");
            }
        }
        for (int w : windows) if (w < 2) throw new BadInput("--windows must be lengths of at least 2 steps; got " + w + ".");
        if (lags.isEmpty() && windows.isEmpty() && !calendar && known.isEmpty()) {
            throw new BadInput("No features: give --lags, --windows, --calendar true or --known.");
        }
    }

    /** The features that {@code p} asks for. */
    public static TimeFeatures of(Forecaster p) {
        return of(p.time(), p.horizon(), p.lags(), p.windows(), p.calendar(), p.known());
    }

    /** The features from options as typed: lags, windows and known columns comma-separated. */
    static TimeFeatures of(String time, int horizon, String lags, String windows, boolean calendar, String known) {
        return new TimeFeatures(time, horizon, numbers("lags", lags), numbers("windows", windows), calendar, names(known));
    }

    /** How many earlier rows a row's features read: a row with fewer before it has none. */
    public int lookback() {
        int back = lags.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int w : windows) back = Math.max(back, horizon + w - 1);
        return back;
    }

    /** The features' names, in the order of {@link #rows}. */
    public List<String> names(boolean timeOfDay) {
        List<String> out = new ArrayList<>();
        for (int k : lags) out.add("lag_" + k);
        for (int w : windows) {
            out.add("mean_" + w);
            out.add("std_" + w);
        }
        if (calendar) {
            out.addAll(List.of("day_of_week", "weekend", "month", "day_of_month", "day_of_year"));
            if (timeOfDay) out.add("hour");
        }
        out.addAll(known);
        return out;
    }

    /**
     * The features of rows {@code from} to {@code to} (exclusive) of {@code s}; {@code from} must be at least {@link #lookback}.
     * {@code timeOfDay} adds the hour, as the series a model was trained on says.
     */
    public double[][] rows(Series s, int from, int to, boolean timeOfDay) {
        if (from < lookback()) throw new IllegalArgumentException("row " + from + " has fewer than " + lookback() + " rows before it");
        int d = names(timeOfDay).size();
        double[] y = s.values();
        double[][] x = new double[to - from][d];
        for (int t = from; t < to; t++) {
            double[] row = x[t - from];
            int j = 0;
            for (int k : lags) row[j++] = y[t - k];
            for (int w : windows) {
                int end = t - horizon; // the window is y(end - w + 1) .. y(end)
                double mean = 0, var = 0;
                for (int i = end - w + 1; i <= end; i++) mean += y[i] / w;
                for (int i = end - w + 1; i <= end; i++) var += (y[i] - mean) * (y[i] - mean) / (w - 1);
                row[j++] = mean;
                row[j++] = Math.sqrt(var);
            }
            if (calendar) {
                LocalDateTime at = s.times()[t];
                int dow = at.getDayOfWeek().getValue();
                row[j++] = dow;
                row[j++] = dow >= 6 ? 1 : 0;
                row[j++] = at.getMonthValue();
                row[j++] = at.getDayOfMonth();
                row[j++] = at.getDayOfYear();
                if (timeOfDay) row[j++] = at.getHour();
            }
            for (double v : s.known()[t]) row[j++] = v;
        }
        return x;
    }

    /** The series of {@code t} as a table: its time and target, then one column per feature, from the first row with a full history. */
    public Table table(Table t, String target) {
        Series s = Series.of(t, time, target, known);
        if (s.size() <= lookback()) throw tooShort(t.name(), s.size(), 1);
        double[][] x = rows(s, lookback(), s.size(), s.hasTimeOfDay());
        List<String> names = names(s.hasTimeOfDay());
        Table out = Table.create(t.name() + "_features");
        Table sorted = t.rows(Arrays.copyOfRange(s.rows(), lookback(), s.size()));
        out.addColumns(sorted.column(s.time()).copy(), sorted.column(target).copy());
        for (int j = 0; j < names.size(); j++) {
            int col = j;
            out.addColumns(DoubleColumn.create(names.get(j), Arrays.stream(x).mapToDouble(r -> r[col]).toArray()));
        }
        return out;
    }

    /** Too few rows for the lookback plus {@code needed} rows to learn from or score. */
    BadInput tooShort(String table, int rows, int needed) {
        return new BadInput("'" + table + "' has " + rows + " rows, but its features look " + lookback() + " steps back (" + why()
                + "), which leaves " + Math.max(0, rows - lookback()) + " of the " + needed + " rows needed. Use shorter --lags and --windows, "
                + "a shorter --horizon, or a longer series.");
    }

    private String why() {
        List<String> parts = new ArrayList<>();
        if (!lags.isEmpty()) parts.add("--lags up to " + lags.stream().mapToInt(Integer::intValue).max().orElse(0));
        if (!windows.isEmpty()) parts.add("--windows up to " + windows.stream().mapToInt(Integer::intValue).max().orElse(0) + " ending --horizon " + horizon + " back");
        return String.join(", ", parts);
    }

    /** A comma-separated list of whole numbers, e.g. {@code 7,14,28}; "" for none. */
    static List<Integer> numbers(String option, String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            try {
                out.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new BadInput("--" + option + " must be whole numbers of steps separated by commas, e.g. 7,14,28; got '" + text + "'.");
            }
        }
        return out;
    }

    /** A comma-separated list of column names; "" for none. */
    static List<String> names(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static String suggestLags(List<Integer> lags, int horizon) {
        List<String> out = new ArrayList<>();
        for (int k : lags) out.add(String.valueOf(Math.max(k, horizon)));
        return String.join(",", out.stream().distinct().toList());
    }
}
