package org.jtrain.data;

import tech.tablesaw.api.Table;

import java.util.List;

/**
 * What {@link Preprocessing#fit} returns.
 *
 * @param table         the cleaned copy of the table it was fitted on
 * @param preprocessing the fitted steps, to apply unchanged to validation, test and new data
 * @param report        what was done, one phrase a step, e.g. "imputed 1 values (mean) in area"
 */
public record Cleaned(Table table, Preprocessing preprocessing, List<String> report) {

    public Cleaned {
        report = List.copyOf(report);
    }
}
