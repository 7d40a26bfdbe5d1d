package org.jtrain.train;

import org.jtrain.data.BadInput;

import org.jtrain.data.Tables;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A table turned into the arrays models take: features as doubles, the target as class indexes or numbers. Messages
 * name the table by {@link Table#name()}.
 */
public record Encoded(double[][] x, int[] labels, double[] values, List<String> features, String target, List<String> classes, Task task,
                   Encoder encoder) {

    /** Turns a table's input columns into the feature matrix, the same way for training and for prediction. */
    @FunctionalInterface
    public interface Encoder {
        double[][] encode(Table t);
    }

    /** The plain encoder: the named numeric columns, as they are. */
    public record Columns(List<String> names) implements Encoder {
        public double[][] encode(Table t) {
            return matrix(t, names);
        }
    }

    public int size() {
        return x.length;
    }

    /**
     * A 64-bit FNV-1a hash of the encoded rows and targets, as 16 hex digits: it tells whether two models learned from
     * the same data. Fast (one multiply per value) rather than cryptographic.
     */
    public String hash() {
        long h = 0xcbf29ce484222325L;
        for (double[] row : x) for (double v : row) h = (h ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
        if (labels != null) for (int v : labels) h = (h ^ v) * 0x100000001b3L;
        if (values != null) for (double v : values) h = (h ^ Double.doubleToLongBits(v)) * 0x100000001b3L;
        return String.format("%016x", h);
    }

    /** Every column but the target as features, for the task the target suggests ({@link Task#of}). */
    public static Encoded of(Table t, String target) {
        return of(t, target, Task.of(Tables.column(t, target)), null, null);
    }

    /**
     * Encodes a table for training. {@code features} null means every column but the target; {@code classes} null
     * means learn them from the target (sorted), otherwise labels must be among them.
     */
    public static Encoded of(Table t, String target, Task task, List<String> features, List<String> classes) {
        List<String> names = features != null ? features : t.columnNames().stream().filter(c -> !c.equals(target)).toList();
        List<String> fixed = List.copyOf(names);
        return of(t, target, task, fixed, classes, new Columns(fixed));
    }

    /** The target of a table checked and encoded as {@code model} knows it, without encoding the features (the model does that). */
    public static Encoded targets(Table t, Model model) {
        return of(t, model.target(), model.task(), model.features(), model.task() == Task.CLASSIFICATION ? model.classes() : null,
                table -> new double[table.rowCount()][0]);
    }

    /** Encodes a table with a given encoder (e.g. a text vocabulary) whose outputs are named {@code features}. */
    public static Encoded of(Table t, String target, Task task, List<String> names, List<String> classes, Encoder encoder) {
        String tableName = t.name();
        Column<?> y = Tables.column(t, target);
        if (y.countMissing() > 0) throw unlabeled(tableName, target, y.countMissing());
        for (String name : names) { // before the encoder's own check, whose hint cannot name the target to leave alone
            if (t.containsColumn(name) && t.column(name) instanceof NumericColumn<?> c && c.countMissing() > 0) {
                throw missing(tableName, name, c.countMissing(), target);
            }
        }
        double[][] x = encoder.encode(t);
        if (task == Task.REGRESSION) {
            if (!(y instanceof NumericColumn<?> n)) {
                throw new BadInput("Regression needs a numeric target, but '" + target + "' in '" + tableName + "' is "
                        + y.type().name().toLowerCase() + ". Use a classifier (logistic, tree, forest, ...) for classes.");
            }
            double[] v = new double[t.rowCount()];
            for (int r = 0; r < v.length; r++) {
                v[r] = n.getDouble(r);
            }
            return new Encoded(x, null, v, List.copyOf(names), target, List.of(), task, encoder);
        }
        String[] labels = labels(y);
        List<String> known = classes != null ? classes : List.copyOf(new TreeSet<>(Arrays.asList(labels)));
        if (known.size() < 2) {
            throw new BadInput("The target '" + target + "' has " + known.size() + " class (" + String.join(", ", known)
                    + "); a classifier needs at least two. Is it the right column?");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < known.size(); c++) index.put(known.get(c), c);
        int[] idx = new int[labels.length];
        for (int r = 0; r < idx.length; r++) {
            Integer c = index.get(labels[r]);
            if (c == null) {
                throw new BadInput("Row " + r + " of '" + tableName + "' has class '" + labels[r] + "' in '" + target
                        + "', which the model never saw. Its classes: " + String.join(", ", known) + ".");
            }
            idx[r] = c;
        }
        return new Encoded(x, idx, null, List.copyOf(names), target, known, task, encoder);
    }

    /** The feature columns as a row-major matrix; refuses text, dates and missing values, saying how to fix them. */
    public static double[][] matrix(Table t, List<String> names) {
        String tableName = t.name();
        List<Column<?>> cols = new ArrayList<>();
        for (String name : names) {
            if (!t.containsColumn(name)) {
                throw new BadInput("Table '" + tableName + "' has no column '" + name + "', which the model was trained on. "
                        + "Apply the same preprocessing as for training: %data apply PREP " + tableName + ".");
            }
            Column<?> c = t.column(name);
            if (!(c instanceof NumericColumn<?>) && !(c instanceof BooleanColumn)) {
                throw new BadInput("Column '" + name + "' of '" + tableName + "' is " + c.type().name().toLowerCase()
                        + "; models take numbers. Encode it (%data clean " + tableName + " --encode onehot --columns " + name
                        + ") or drop it (--drop " + name + ").");
            }
            if (c.countMissing() > 0) throw missing(tableName, name, c.countMissing(), null);
            cols.add(c);
        }
        // column arrays first, then rows filled one at a time: sequential writes, no per-value interface calls
        double[][] columns = new double[cols.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = cols.get(j) instanceof NumericColumn<?> n ? n.asDoubleArray() : booleans((BooleanColumn) cols.get(j));
            for (double v : columns[j]) if (!Double.isFinite(v)) throw missing(tableName, names.get(j), 1, null);
        }
        double[][] x = new double[t.rowCount()][columns.length];
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            for (int j = 0; j < columns.length; j++) row[j] = columns[j][r];
        }
        return x;
    }

    private static double[] booleans(BooleanColumn b) {
        double[] out = new double[b.size()];
        for (int r = 0; r < out.length; r++) out[r] = b.get(r) ? 1 : 0;
        return out;
    }

    private static String[] labels(Column<?> y) {
        String[] out = new String[y.size()];
        for (int r = 0; r < out.length; r++) out[r] = y.getString(r);
        return out;
    }

    /** A feature with missing values; the hint names the target, so that imputing leaves the label alone. */
    private static BadInput missing(String table, String column, int count, String target) {
        return new BadInput("Column '" + column + "' of '" + table + "' has " + count + " missing or non-finite value"
                + (count == 1 ? "" : "s") + " (NaN); models cannot take them. Impute them on the training split: "
                + "%data clean " + table + " --target " + (target == null ? "LABEL" : target) + " --impute median, or drop the rows: --drop-missing.");
    }

    /** Rows without a label: they are dropped, never imputed, which would invent the answers the model learns from. */
    private static BadInput unlabeled(String table, String target, int count) {
        return new BadInput("The target '" + target + "' of '" + table + "' has no value in " + count + (count == 1 ? " row" : " rows")
                + "; a model cannot learn from a row without a label, and filling labels in would invent answers. Drop those rows: "
                + "%split with --target " + target + " leaves them out, or in Java " + table + " = " + table + ".dropWhere("
                + table + ".column(\"" + target + "\").isMissing()).");
    }
}
