package org.jtrain.magics;

import org.jtrain.train.Model;
import org.jtrain.train.monitor.Drift;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@JavaEquivalent({"Drift shift = Drift.of(train, recent, null, model);  // null: every column both tables have",
        "System.out.println(shift.decision());  Figure chart = shift.chart(\"recent against train\");"})
@Command(name = "drift", description = "Compare newer data with the reference a model learned on: PSI and a Kolmogorov–Smirnov "
        + "or chi-square test per column, overlaid distributions, a verdict per column, and prediction drift with --model.")
final class DriftMagic extends MagicCommand {

    @Parameters(index = "0", paramLabel = "REF", description = "The reference table, e.g. the training data.")
    String reference;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The newer table to compare with it.")
    String current;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Only these columns. Default: every number and category both have.")
    List<String> columns;

    @Option(names = "--model", paramLabel = "MODEL", description = "Also compare the model's predictions on both tables.")
    String model;

    @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Drift (all the numbers) in this variable.")
    String as;

    @Override
    protected Object call() {
        Model m = model == null ? null : Variables.MODEL.get(shell, model);
        Drift d = Drift.of(Variables.table(shell, reference), Variables.table(shell, current), columns, m);
        if (as != null) shell.define(as, d);
        System.out.println(current + " against " + reference + ": " + d);
        System.out.println(d.decision());
        Show.figure(d.chart(current + " against " + reference));
        return d.toTable();
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.train.monitor.Drift");
        String d = as != null ? as : "drift";
        if (as != null) p.field(as, "Drift");
        String cols = columns == null ? "null" : "List.of(" + String.join(", ", columns.stream().map(JavaProgram::literal).toList()) + ")";
        p.line("{");
        p.line("    " + (as != null ? "" : "Drift ") + d + " = Drift.of(" + reference + ", " + current + ", " + cols + ", " + (model == null ? "null" : model) + ");");
        p.line("    System.out.println(\"" + current + " against " + reference + ": \" + " + d + ");");
        p.line("    System.out.println(" + d + ".decision());");
        p.line("    display(" + d + ".chart(" + JavaProgram.literal(current + " against " + reference) + "));");
        if (p.isLast()) p.line("    display(" + d + ".toTable());");
        p.line("}");
    }
}
