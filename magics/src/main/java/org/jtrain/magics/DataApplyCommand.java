package org.jtrain.magics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

@JavaEquivalent("Table testClean = prep.apply(test);")
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
        Table out = Variables.PREPROCESSING.get(shell, prep).apply(Variables.table(shell, table));
        String variable = as != null ? as : table + "_clean";
        shell.define(variable, out);
        System.out.println(variable + " = " + out.rowCount() + " rows × " + out.columnCount() + " columns, preprocessed with " + prep + ".");
        return out.first(5);
    }

    @Override
    protected void toJava(JavaProgram p) {
        String variable = as != null ? as : table + "_clean";
        p.field(variable, "Table");
        p.line(variable + " = " + prep + ".apply(" + table + ");");
        p.line("System.out.println(\"" + variable + " = \" + " + variable + ".rowCount() + \" rows × \" + " + variable
                + ".columnCount() + \" columns, preprocessed with " + prep + ".\");");
        p.value(variable + ".first(5)");
    }
}
