package org.jtrain.train;

import org.jtrain.data.Tables;
import tech.tablesaw.columns.Column;

/**
 * What a model predicts: a class from a set, or a number; or, for the models that read whole tables rather than feature
 * columns, items to recommend, the next token of a text, or how anomalous a row is.
 */
public enum Task {
    CLASSIFICATION, REGRESSION, RECOMMENDATION, LANGUAGE, ANOMALY;

    /** The task a target suggests: text, booleans and integers with few values are classes; other numbers, regression. */
    public static Task of(Column<?> target) {
        return Tables.numbersToPredict(target) ? REGRESSION : CLASSIFICATION;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
