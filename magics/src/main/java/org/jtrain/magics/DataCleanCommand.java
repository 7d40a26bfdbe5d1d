package org.jtrain.magics;

import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

@Command(name = "clean", description = "Make a cleaned copy of a table and fit the preprocessing on it, to reuse on "
        + "validation, test and new data: drop duplicates or columns, drop or impute missing values, normalize, encode.")
final class DataCleanCommand extends MagicCommand {

    enum Fill { mean, median, mode, constant }

    enum Scaling { zscore, minmax }

    enum Encoding { onehot, ordinal }

    /** One-hot encoding of more categories than this makes a table too wide to be useful. */
    static final int MAX_ONEHOT = 50;

    @Parameters(paramLabel = "TABLE", description = "The table to clean: fit on the training split.")
    String table;

    @Option(names = "--as", paramLabel = "VAR", description = "The cleaned table's variable. Default: TABLE_clean.")
    String as;

    @Option(names = "--prep", paramLabel = "VAR", description = "The fitted preprocessing's variable. Default: TABLE_prep.")
    String prep;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: never imputed, scaled or encoded.")
    String target;

    @Option(names = "--drop", split = ",", paramLabel = "COL", description = "Columns to drop.")
    List<String> drop = new ArrayList<>();

    @Option(names = "--drop-duplicates", description = "Drop rows that repeat an earlier row (this table only).")
    boolean dropDuplicates;

    @Option(names = "--drop-missing", description = "Drop rows with a missing value (this table only).")
    boolean dropMissing;

    @Option(names = "--impute", paramLabel = "HOW", description = "Fill missing values: mean, median, mode or constant. "
            + "Numbers take mean or median; text takes mode or constant.")
    Fill impute;

    @Option(names = "--fill", paramLabel = "VALUE", defaultValue = "missing", description = "The value for --impute constant. Default: ${DEFAULT-VALUE}.")
    String fill;

    @Option(names = "--normalize", paramLabel = "HOW", description = "Scale numeric columns: zscore or minmax.")
    Scaling normalize;

    @Option(names = "--encode", paramLabel = "HOW", description = "Turn text columns into numbers: onehot or ordinal.")
    Encoding encode;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Limit --impute, --normalize and --encode to these columns. Default: every column they fit.")
    List<String> columns;

    @Override
    protected Object call() {
        Table source = Tables.table(session, table);
        if (target != null) Tables.column(source, table, target);
        for (String c : drop) Tables.column(source, table, c);
        if (columns != null) for (String c : columns) Tables.column(source, table, c);

        List<String> report = new ArrayList<>();
        Table t = source.copy();
        if (dropDuplicates) { // rows that repeat an earlier one in the columns that are kept (an id to drop must not hide a copy)
            Table key = drop.isEmpty() ? t : t.copy().removeColumns(drop.toArray(String[]::new));
            java.util.Set<String> seen = new java.util.HashSet<>();
            int[] keep = java.util.stream.IntStream.range(0, key.rowCount()).filter(r -> {
                StringBuilder k = new StringBuilder();
                for (var c : key.columns()) k.append(c.getString(r)).append('\u0001');
                return seen.add(k.toString());
            }).toArray();
            report.add("dropped " + (t.rowCount() - keep.length) + " duplicate rows" + (drop.isEmpty() ? "" : " (ignoring " + String.join(", ", drop) + ")"));
            t = t.rows(keep);
        }
        if (dropMissing) {
            int before = t.rowCount();
            t = t.dropRowsWithMissingValues();
            report.add("dropped " + (before - t.rowCount()) + " rows with missing values");
        }
        List<Preprocessing.Step> steps = new ArrayList<>();
        if (!drop.isEmpty()) steps.add(new Preprocessing.Drop(List.copyOf(drop)));
        Table fitOn = drop.isEmpty() ? t : steps.getFirst().apply(t.copy());
        if (impute != null) steps.addAll(imputeSteps(fitOn, report));
        Table afterImpute = apply(steps, t);
        if (normalize != null) steps.addAll(scaleSteps(afterImpute, report));
        if (encode != null) steps.addAll(encodeSteps(afterImpute, report));

        Preprocessing p = new Preprocessing(steps);
        Table cleaned = p.apply(t).setName(as != null ? as : table + "_clean");
        Set<String> before = new HashSet<>(source.columnNames());
        List<String> added = cleaned.columnNames().stream().filter(c -> !before.contains(c)).toList();
        List<String> removed = source.columnNames().stream().filter(c -> !cleaned.containsColumn(c)).toList();
        if (!added.isEmpty()) report.add("added " + added.size() + " columns (" + preview(added) + ")");
        if (!removed.isEmpty()) report.add("removed " + removed.size() + " columns (" + preview(removed) + ")");

        String tableVar = as != null ? as : table + "_clean";
        String prepVar = prep != null ? prep : table + "_prep";
        session.define(tableVar, cleaned); // only now: a mistake above leaves the session as it was
        session.define(prepVar, p);
        System.out.println(tableVar + " = " + cleaned.rowCount() + " rows × " + cleaned.columnCount() + " columns (from "
                + source.rowCount() + " × " + source.columnCount() + "): " + (report.isEmpty() ? "no changes" : String.join("; ", report)) + ".");
        System.out.println(prepVar + " holds the fitted preprocessing: apply it to other splits with %data apply "
                + prepVar + " TABLE, or " + prepVar + ".apply(table) in Java.");
        return cleaned.first(5);
    }

    private static Table apply(List<Preprocessing.Step> steps, Table t) {
        return new Preprocessing(steps).apply(t);
    }

    private List<String> chosen(Table t, java.util.function.Predicate<Column<?>> fits, String option, String needs) {
        List<String> out = new ArrayList<>();
        if (columns != null) {
            for (String c : columns) {
                if (!t.containsColumn(c)) continue; // dropped
                if (!fits.test(t.column(c))) {
                    List<String> ok = t.columns().stream().filter(fits).map(Column::name).toList();
                    throw new UsageError("column '" + c + "' is " + t.column(c).type().name().toLowerCase() + "; " + option
                            + " needs " + needs + " columns. Those are: " + (ok.isEmpty() ? "none" : String.join(", ", ok)),
                            null, Suggest.closest(c, ok).orElse(null));
                }
                out.add(c);
            }
            return out;
        }
        for (Column<?> c : t.columns()) if (!c.name().equals(target) && fits.test(c)) out.add(c.name());
        return out;
    }

    private List<Preprocessing.Step> imputeSteps(Table t, List<String> report) {
        boolean numeric = impute == Fill.mean || impute == Fill.median;
        List<String> cols = chosen(t, c -> (numeric ? c instanceof NumericColumn<?> : true) && (columns != null || c.countMissing() > 0),
                "--impute " + impute, numeric ? "numeric" : "any");
        List<Preprocessing.Step> steps = new ArrayList<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (String name : cols) {
            Column<?> c = t.column(name);
            Object value = switch (impute) {
                case mean -> ((NumericColumn<?>) c).mean();
                case median -> ((NumericColumn<?>) c).median();
                case mode -> Profiler.counts(c).keySet().stream().findFirst().map(v -> c instanceof NumericColumn<?> ? (Object) Double.parseDouble(v) : v).orElse("");
                case constant -> c instanceof NumericColumn<?> ? (Object) number(fill, name) : fill;
            };
            steps.add(new Preprocessing.Impute(name, impute.name(), value));
            filled.put(name, c.countMissing());
        }
        int total = filled.values().stream().mapToInt(Integer::intValue).sum();
        report.add("imputed " + total + " values (" + impute + ")" + (filled.isEmpty() ? "" : " in " + preview(List.copyOf(filled.keySet()))));
        return steps;
    }

    private List<Preprocessing.Step> scaleSteps(Table t, List<String> report) {
        List<String> cols = chosen(t, c -> c instanceof NumericColumn<?>, "--normalize", "numeric");
        List<Preprocessing.Step> steps = new ArrayList<>();
        for (String name : cols) {
            NumericColumn<?> c = (NumericColumn<?>) t.column(name);
            steps.add(normalize == Scaling.zscore
                    ? new Preprocessing.Scale(name, "zscore", c.mean(), c.standardDeviation())
                    : new Preprocessing.Scale(name, "minmax", c.min(), c.max() - c.min()));
        }
        report.add("normalized " + cols.size() + " columns (" + normalize + ")");
        return steps;
    }

    private List<Preprocessing.Step> encodeSteps(Table t, List<String> report) {
        List<String> cols = chosen(t, c -> c.type() == ColumnType.STRING || c.type() == ColumnType.BOOLEAN, "--encode", "text or boolean");
        List<Preprocessing.Step> steps = new ArrayList<>();
        for (String name : cols) {
            List<String> categories = List.copyOf(new TreeSet<>(((Column<?>) t.column(name)).asSet().stream()
                    .filter(v -> v != null && !String.valueOf(v).isEmpty()).map(String::valueOf).toList()));
            if (encode == Encoding.onehot && categories.size() > MAX_ONEHOT) {
                throw new UsageError("column '" + name + "' has " + categories.size() + " categories; one-hot encoding allows at most "
                        + MAX_ONEHOT + ". Drop it (--drop " + name + "), use --encode ordinal, or list the columns to encode with --columns");
            }
            steps.add(encode == Encoding.onehot ? new Preprocessing.OneHot(name, categories) : new Preprocessing.Ordinal(name, categories));
        }
        report.add("encoded " + cols.size() + " columns (" + encode + ")");
        return steps;
    }

    private static double number(String value, String column) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageError("--fill " + value + " is not a number, but column '" + column + "' is numeric; give a number, e.g. --fill 0");
        }
    }

    private static String preview(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + ", …";
    }
}
