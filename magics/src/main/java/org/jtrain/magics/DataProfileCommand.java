package org.jtrain.magics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.Map;

@Command(name = "profile", description = "Per column: type, missing values, distinct values, range and a histogram; "
        + "plus duplicate rows, class balance and warnings (constant, ID-like, imbalanced, leaking columns).")
final class DataProfileCommand extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The variable holding the table.")
    String table;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: shows its class balance and checks for leakage.")
    String target;

    @Override
    protected Object call() {
        Table t = Tables.table(session, table);
        if (target != null) Tables.column(t, table, target);
        Profiler.Result p = Profiler.profile(t, target);
        StringBuilder out = new StringBuilder();
        out.append(table).append(": ").append(p.rows()).append(" rows × ").append(t.columnCount()).append(" columns, ")
                .append(p.duplicateRows()).append(p.duplicateRows() == 1 ? " duplicate row" : " duplicate rows").append('\n');
        if (target != null && t.column(target) instanceof NumericColumn<?> y && p.classes().size() > 20) {
            out.append(String.format("Target '%s': numeric, %s to %s, mean %s%n", target, y.min(), y.max(), Math.round(y.mean() * 1000) / 1000.0));
        } else if (target != null) {
            out.append("Target '").append(target).append("': ");
            int shown = 0;
            for (Map.Entry<String, Integer> e : p.classes().entrySet()) {
                if (shown++ == 10) { out.append("…"); break; }
                out.append(e.getKey()).append(" ").append(e.getValue())
                        .append(String.format(" (%.1f%%)  ", 100.0 * e.getValue() / Math.max(1, p.rows())));
            }
            out.append('\n');
        }
        if (p.duplicateRows() > 0) {
            out.append("Warning: ").append(p.duplicateRows()).append(" rows repeat an earlier row; they can end up in both train and test.\n");
        }
        for (String w : p.warnings()) out.append("Warning: ").append(w).append('\n');
        System.out.print(out);
        return p.columns();
    }
}
