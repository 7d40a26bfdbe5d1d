package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.List;

@Command(name = "apply", description = "Apply preprocessing fitted by %%data clean (on the training split) to another table.")
final class DataApplyCommand extends MagicCommand {

    @Parameters(index = "0", paramLabel = "PREP", description = "The variable holding the fitted preprocessing.")
    String prep;

    @Parameters(index = "1", paramLabel = "TABLE", description = "The table to transform: validation, test or new data.")
    String table;

    @Option(names = "--as", paramLabel = "VAR", description = "The result's variable. Default: TABLE_clean.")
    String as;

    @Override
    protected Object call() {
        Object p = session.variable(prep).orElse(null);
        if (!(p instanceof Preprocessing preprocessing)) {
            throw new UsageError("'" + prep + "' is " + (p == null ? "not a variable" : "a " + p.getClass().getSimpleName())
                    + ", not preprocessing fitted by %data clean", "Usage: %data apply PREP TABLE [--as VAR]", null);
        }
        Table t = Tables.table(session, table);
        List<String> missing = preprocessing.inputColumns().stream().filter(c -> !t.containsColumn(c)).toList();
        if (!missing.isEmpty()) {
            throw new UsageError("table '" + table + "' lacks the columns the preprocessing was fitted on: " + String.join(", ", missing));
        }
        Table out = preprocessing.apply(t);
        String variable = as != null ? as : table + "_clean";
        session.define(variable, out);
        System.out.println(variable + " = " + out.rowCount() + " rows × " + out.columnCount() + " columns, preprocessed with " + prep + ".");
        return out.first(5);
    }
}
