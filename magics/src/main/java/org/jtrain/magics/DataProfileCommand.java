package org.jtrain.magics;

import org.jtrain.data.Profile;
import org.jtrain.data.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

@JavaEquivalent({"Profile profile = Profile.of(table, \"diagnosis\");",
        "System.out.print(profile.summary());  // profile.warnings() are records: kind, column, message",
        "int unlabeled = profile.unlabeled();  // rows with no value in the target"})
@Command(name = "profile", description = "Per column: type, missing values, distinct values, range, outliers and a histogram; "
        + "plus duplicate rows, class balance, rows without a label and warnings (constant, ID-like, mixed types, text that was "
        + "not UTF-8, outliers, imbalanced, leaking columns) and the strongest single column.")
final class DataProfileCommand extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The variable holding the table.")
    String table;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: shows its class balance, counts the rows without a label, checks for "
            + "leakage and names the strongest single column.")
    String target;

    @Override
    protected Object call() {
        Table t = Variables.TABLE.get(shell, table);
        Profile p = Profile.of(Tables.named(t, table), target);
        System.out.print(p.summary());
        return p.columns().setName("profile of " + t.name()); // the caption names the table as it was loaded
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.data.Profile");
        p.line("{");
        p.line("    Profile profile = Profile.of(" + table + ", " + (target == null ? "null" : JavaProgram.literal(target)) + ");");
        p.line("    System.out.print(profile.summary());");
        if (p.isLast()) p.line("    display(profile.columns());");
        p.line("}");
    }
}
