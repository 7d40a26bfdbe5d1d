package org.jtrain.data;

import java.util.List;
import java.util.Locale;

/**
 * What {@link Preprocessing#fit} does to a table, as {@code %data clean}'s options say it. Start from
 * {@link #defaults()} and change one thing at a time: {@code CleanOptions.defaults().target("price").impute(Fill.MEAN)}.
 *
 * @param target         the label column, never imputed, scaled or encoded; or null
 * @param drop           columns to drop
 * @param dropDuplicates drop rows that repeat an earlier row (ignoring the dropped columns)
 * @param dropMissing    drop rows with a missing value
 * @param impute         how to fill missing values, or null to leave them
 * @param fill           the value for {@link Fill#CONSTANT}
 * @param normalize      how to scale numeric columns, or null to leave them
 * @param encode         how to turn text columns into numbers, or null to leave them
 * @param columns        the columns impute, normalize and encode work on; null means every column each fits
 */
public record CleanOptions(String target, List<String> drop, boolean dropDuplicates, boolean dropMissing, Fill impute,
                           String fill, Scaling normalize, Encoding encode, List<String> columns) {

    /** Numbers take MEAN or MEDIAN; any column takes MODE or CONSTANT. */
    public enum Fill {
        MEAN, MEDIAN, MODE, CONSTANT;

        /** Lower case, as the option is typed and as reports print it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** ZSCORE: (x - mean) / std; MINMAX: (x - min) / (max - min); both with the fitted table's statistics. */
    public enum Scaling {
        ZSCORE, MINMAX;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** ONEHOT: one 0/1 column per category; ORDINAL: the category's index among the sorted categories. */
    public enum Encoding {
        ONEHOT, ORDINAL;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CleanOptions {
        drop = drop == null ? List.of() : List.copyOf(drop);
        columns = columns == null ? null : List.copyOf(columns);
        fill = fill == null ? "missing" : fill;
    }

    /** Nothing dropped, imputed, scaled or encoded; the constant fill is "missing". */
    public static CleanOptions defaults() {
        return new CleanOptions(null, List.of(), false, false, null, "missing", null, null, null);
    }

    public CleanOptions target(String target) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions drop(List<String> drop) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions dropDuplicates(boolean dropDuplicates) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions dropMissing(boolean dropMissing) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions impute(Fill impute) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions fill(String fill) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions normalize(Scaling normalize) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    public CleanOptions encode(Encoding encode) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }

    /** Limits impute, normalize and encode to these columns; null means every column each fits. */
    public CleanOptions columns(List<String> columns) {
        return new CleanOptions(target, drop, dropDuplicates, dropMissing, impute, fill, normalize, encode, columns);
    }
}
