package org.jtrain.magics;

import org.jtrain.train.monitor.Fairness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@JavaEquivalent({"Fairness byGroup = Fairness.of(model, test, \"sex\", null);  // null: the second class counts as selected",
        "byGroup.verdict().forEach(System.out::println);  Figure chart = byGroup.chart(\"model by sex\");"})
@Command(name = "fairness", description = "Compare how a classifier treats the groups of a sensitive column: selection rate, "
        + "accuracy, TPR, FPR and precision per group; demographic-parity and equalized-odds gaps, against the four-fifths rule.")
final class FairnessMagic extends MagicCommand {

    @Parameters(arity = "2..3", paramLabel = ModelOnTable.LABEL, hideParamSyntax = true,
            description = "The model's variable and a table with its features, its target and the sensitive column.")
    List<String> words;

    @Option(names = "--sensitive", required = true, paramLabel = "COL", description = "The column whose groups are compared, e.g. sex; after one-hot encoding, its columns sex=... are read.")
    String sensitive;

    @Option(names = "--positive", paramLabel = "CLASS", description = "The class that counts as selected. Default: the second class of a binary model.")
    String positive;

    @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Fairness (all the numbers) in this variable.")
    String as;

    @Override
    protected Object call() {
        ModelOnTable w = ModelOnTable.parse(words);
        Fairness f = Fairness.of(Variables.MODEL.get(shell, w.model()), Variables.table(shell, w.table()), sensitive, positive);
        if (as != null) shell.define(as, f);
        System.out.println(w.model() + " on " + w.table() + ", " + f);
        f.verdict().forEach(System.out::println);
        Show.figure(f.chart(w.model() + " by " + sensitive));
        return f.toTable();
    }

    @Override
    protected void toJava(JavaProgram p) {
        ModelOnTable w = ModelOnTable.parse(words);
        p.importClass("org.jtrain.train.monitor.Fairness");
        String f = as != null ? as : "fairness";
        if (as != null) p.field(as, "Fairness");
        p.line("{");
        p.line("    " + (as != null ? "" : "Fairness ") + f + " = Fairness.of(" + w.model() + ", " + w.table() + ", " + JavaProgram.literal(sensitive)
                + ", " + (positive == null ? "null" : JavaProgram.literal(positive)) + ");");
        p.line("    System.out.println(\"" + w.model() + " on " + w.table() + ", \" + " + f + ");");
        p.line("    " + f + ".verdict().forEach(System.out::println);");
        p.line("    display(" + f + ".chart(" + JavaProgram.literal(w.model() + " by " + sensitive) + "));");
        if (p.isLast()) p.line("    display(" + f + ".toTable());");
        p.line("}");
    }
}
