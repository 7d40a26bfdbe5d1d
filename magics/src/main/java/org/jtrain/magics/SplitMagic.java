package org.jtrain.magics;

import org.jtrain.data.Split;
import org.jtrain.data.SplitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.List;

@JavaEquivalent({"Split split = Split.of(table, SplitOptions.stratified(\"diagnosis\").ratios(0.7, 0.15, 0.15).seed(42));",
        "Table train = split.train(), val = split.val().orElseThrow(), test = split.test();"})
@Command(name = "split", description = "Split a table into train, validation and test tables, at random, stratified, by time or per user.")
final class SplitMagic extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The variable holding the table to split.")
    String table;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: its balance is reported per split, and rows with no value in it are left out "
            + "(a model can neither learn from them nor be scored on them); how many is printed.")
    String target;

    @Option(names = "--ratios", split = ",", paramLabel = "R", defaultValue = "0.7,0.15,0.15",
            description = "Shares of train,val,test (or train,test), summing to 1. Default: ${DEFAULT-VALUE}.")
    double[] ratios;

    @Option(names = "--stratify", description = "Keep the target's class balance the same in every split.")
    boolean stratify;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffle. Default: the session's %%seed.")
    Long seed;

    @Option(names = "--by-time", paramLabel = "COL",
            description = "Sort by this column instead of shuffling: train is the past, test the most recent.")
    String byTime;

    @Option(names = "--per", paramLabel = "COL", description = "Split each COL's rows by the ratios, e.g. each student's ratings: "
            + "every student is in train, with some ratings held out (a holdout per user, for recommenders).")
    String per;

    @Option(names = "--prefix", paramLabel = "P",
            description = "Name the tables P_train, P_val, P_test instead of train, val, test.")
    String prefix;

    @Override
    protected Object call() {
        SplitOptions options = SplitOptions.defaults().ratios(ratios).target(target).stratify(stratify).byTime(byTime).per(per)
                .seed(seed != null ? seed : session.seed()).prefix(prefix);
        Split split = Split.of(Variables.table(shell, table), options);
        List<String> replaced = split.tables().stream().map(Table::name).filter(n -> shell.variableNames().contains(n)).toList();
        for (Table s : split.tables()) shell.define(s.name(), s); // only now: a failed split leaves the session alone
        if (!replaced.isEmpty()) {
            System.out.println("Note: replaced the earlier " + String.join(", ", replaced)
                    + "; --prefix P names the splits P_train, P_val, P_test instead.");
        }
        if (split.unlabeled() > 0) {
            System.out.println("Left out " + split.unlabeled() + (split.unlabeled() == 1 ? " row" : " rows") + " of " + table
                    + " with no value in the target '" + target + "': a model can neither learn from them nor be scored on them.");
        }
        split.warnings().forEach(w -> System.out.println("Warning: " + w));
        return split.summary();
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.data.Split");
        p.importClass("org.jtrain.data.SplitOptions");
        StringBuilder o = new StringBuilder("SplitOptions.defaults()");
        if (!java.util.Arrays.equals(ratios, new double[] {0.7, 0.15, 0.15})) {
            o.append(".ratios(").append(String.join(", ", java.util.Arrays.stream(ratios).mapToObj(Double::toString).toList())).append(")");
        }
        if (target != null) o.append(".target(").append(JavaProgram.literal(target)).append(")");
        if (stratify) o.append(".stratify(true)");
        if (byTime != null) o.append(".byTime(").append(JavaProgram.literal(byTime)).append(")");
        if (per != null) o.append(".per(").append(JavaProgram.literal(per)).append(")");
        if (prefix != null) o.append(".prefix(").append(JavaProgram.literal(prefix)).append(")");
        o.append(".seed(").append(seed != null ? seed + "L" : p.seed()).append(")");
        String pre = prefix == null ? "" : prefix + "_";
        p.line("{");
        p.line("    Split split = Split.of(" + table + ", " + o + ");");
        for (String part : ratios.length == 2 ? List.of("train", "test") : List.of("train", "val", "test")) {
            p.field(pre + part, "Table");
            p.line("    " + pre + part + " = split." + part + "()" + (part.equals("val") ? ".orElseThrow()" : "") + ";");
        }
        p.line("    split.warnings().forEach(w -> System.out.println(\"Warning: \" + w));");
        if (p.isLast()) p.line("    display(split.summary());");
        p.line("}");
    }
}
