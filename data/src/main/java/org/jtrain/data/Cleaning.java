package org.jtrain.data;

import org.jtrain.data.CleanOptions.Encoding;
import org.jtrain.data.CleanOptions.Fill;
import org.jtrain.data.CleanOptions.Scaling;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/** One run of {@link Preprocessing#fit}: cleans a copy of a table and fits the steps, noting each change for the report. */
final class Cleaning {

    /** One-hot encoding of more categories than this makes a table too wide to be useful. */
    static final int MAX_ONEHOT = 50;

    private final Table source;
    private final CleanOptions o;
    private final List<String> report = new ArrayList<>();

    Cleaning(Table source, CleanOptions options) {
        this.source = source;
        this.o = options;
    }

    Cleaned run() {
        if (o.target() != null) Tables.column(source, o.target());
        for (String c : o.drop()) Tables.column(source, c);
        if (o.columns() != null) for (String c : o.columns()) Tables.column(source, c);

        Table t = source.copy();
        if (o.dropDuplicates()) t = dropDuplicates(t);
        if (o.dropMissing()) {
            int before = t.rowCount();
            t = t.dropRowsWithMissingValues();
            report.add("dropped " + (before - t.rowCount()) + " rows with missing values");
        }
        List<Preprocessing.Step> steps = new ArrayList<>();
        if (!o.drop().isEmpty()) steps.add(new Preprocessing.Drop(o.drop()));
        Table fitOn = o.drop().isEmpty() ? t : steps.getFirst().apply(t.copy());
        if (o.impute() != null) steps.addAll(imputeSteps(fitOn));
        Table afterImpute = new Preprocessing(steps).apply(t);
        if (o.normalize() != null) steps.addAll(scaleSteps(afterImpute));
        if (o.encode() != null) steps.addAll(encodeSteps(afterImpute));

        Preprocessing p = new Preprocessing(steps);
        Table cleaned = p.apply(t).setName(source.name() + "_clean");
        Set<String> before = new HashSet<>(source.columnNames());
        List<String> added = cleaned.columnNames().stream().filter(c -> !before.contains(c)).toList();
        List<String> removed = source.columnNames().stream().filter(c -> !cleaned.containsColumn(c)).toList();
        if (!added.isEmpty()) report.add("added " + added.size() + " columns (" + preview(added) + ")");
        if (!removed.isEmpty()) report.add("removed " + removed.size() + " columns (" + preview(removed) + ")");
        return new Cleaned(cleaned, p, report);
    }

    /** Rows that repeat an earlier one in the columns that are kept: an id to drop must not hide a copy. */
    private Table dropDuplicates(Table t) {
        Table key = Table.create(t.name(), t.columns().stream().filter(c -> !o.drop().contains(c.name())));
        Set<String> seen = new HashSet<>();
        int[] keep = IntStream.range(0, key.rowCount()).filter(r -> seen.add(Tables.rowKey(key, r))).toArray();
        report.add("dropped " + (t.rowCount() - keep.length) + " duplicate rows"
                + (o.drop().isEmpty() ? "" : " (ignoring " + String.join(", ", o.drop()) + ")"));
        return t.rows(keep);
    }

    /** The columns an option works on: those of --columns (each must fit), else every column that fits but the target. */
    private List<String> chosen(Table t, Predicate<Column<?>> fits, String option, String needs) {
        List<String> out = new ArrayList<>();
        if (o.columns() != null) {
            for (String c : o.columns()) {
                if (!t.containsColumn(c)) continue; // dropped
                if (!fits.test(t.column(c))) {
                    List<String> ok = t.columns().stream().filter(fits).map(Column::name).toList();
                    throw new BadInput("column '" + c + "' is " + t.column(c).type().name().toLowerCase() + "; " + option
                            + " needs " + needs + " columns. Those are: " + (ok.isEmpty() ? "none" : String.join(", ", ok)),
                            Suggest.closest(c, ok).orElse(null));
                }
                out.add(c);
            }
            return out;
        }
        for (Column<?> c : t.columns()) if (!c.name().equals(o.target()) && fits.test(c)) out.add(c.name());
        return out;
    }

    private List<Preprocessing.Step> imputeSteps(Table t) {
        Fill impute = o.impute();
        boolean numeric = impute == Fill.MEAN || impute == Fill.MEDIAN;
        List<String> cols = chosen(t, c -> (numeric ? c instanceof NumericColumn<?> : true) && (o.columns() != null || c.countMissing() > 0),
                "--impute " + impute, numeric ? "numeric" : "any");
        List<Preprocessing.Step> steps = new ArrayList<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (String name : cols) {
            Column<?> c = t.column(name);
            Object value = switch (impute) {
                case MEAN -> ((NumericColumn<?>) c).mean();
                case MEDIAN -> ((NumericColumn<?>) c).median();
                case MODE -> Tables.counts(c).keySet().stream().findFirst().map(v -> c instanceof NumericColumn<?> ? (Object) Double.parseDouble(v) : v).orElse("");
                case CONSTANT -> c instanceof NumericColumn<?> ? (Object) number(o.fill(), name) : o.fill();
            };
            steps.add(new Preprocessing.Impute(name, impute.toString(), value));
            filled.put(name, c.countMissing());
        }
        int total = filled.values().stream().mapToInt(Integer::intValue).sum();
        report.add("imputed " + total + " values (" + impute + ")" + (filled.isEmpty() ? "" : " in " + preview(List.copyOf(filled.keySet()))));
        return steps;
    }

    private List<Preprocessing.Step> scaleSteps(Table t) {
        List<String> cols = chosen(t, c -> c instanceof NumericColumn<?>, "--normalize", "numeric");
        List<Preprocessing.Step> steps = new ArrayList<>();
        for (String name : cols) {
            NumericColumn<?> c = (NumericColumn<?>) t.column(name);
            steps.add(o.normalize() == Scaling.ZSCORE
                    ? new Preprocessing.Scale(name, "zscore", c.mean(), c.standardDeviation())
                    : new Preprocessing.Scale(name, "minmax", c.min(), c.max() - c.min()));
        }
        report.add("normalized " + cols.size() + " columns (" + o.normalize() + ")");
        return steps;
    }

    private List<Preprocessing.Step> encodeSteps(Table t) {
        Encoding encode = o.encode();
        List<String> cols = chosen(t, c -> c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN, "--encode", "text or boolean");
        List<Preprocessing.Step> steps = new ArrayList<>();
        for (String name : cols) {
            List<String> categories = List.copyOf(new TreeSet<>(((Column<?>) t.column(name)).asSet().stream()
                    .filter(v -> v != null && !String.valueOf(v).isEmpty()).map(String::valueOf).toList()));
            if (encode == Encoding.ONEHOT && categories.size() > MAX_ONEHOT) {
                throw new BadInput("column '" + name + "' has " + categories.size() + " categories; one-hot encoding allows at most "
                        + MAX_ONEHOT + ". Drop it (--drop " + name + "), use --encode ordinal, or list the columns to encode with --columns");
            }
            steps.add(encode == Encoding.ONEHOT ? new Preprocessing.OneHot(name, categories) : new Preprocessing.Ordinal(name, categories));
        }
        report.add("encoded " + cols.size() + " columns (" + encode + ")");
        return steps;
    }

    private static double number(String value, String column) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadInput("--fill " + value + " is not a number, but column '" + column + "' is numeric; give a number, e.g. --fill 0");
        }
    }

    private static String preview(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + ", …";
    }
}
