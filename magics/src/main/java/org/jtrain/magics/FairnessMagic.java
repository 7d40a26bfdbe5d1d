package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.Fairness;
import org.jtrain.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.function.ToDoubleFunction;

@Command(name = "fairness", description = "Compare how a classifier treats the groups of a sensitive column: selection rate, "
        + "accuracy, TPR, FPR and precision per group; demographic-parity and equalized-odds gaps, against the four-fifths rule.")
final class FairnessMagic extends MagicCommand {

    private static final String USAGE = "Usage: %fairness MODEL [on] TABLE --sensitive COL [--positive CLASS]";

    @Parameters(arity = "2..3", paramLabel = "MODEL [on] TABLE", hideParamSyntax = true,
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
        String tableVar = Tables.afterModel(words, USAGE);
        Model model = EvaluateMagic.model(session, words.getFirst(), USAGE);
        Table table = Tables.table(session, tableVar);
        if (!table.containsColumn(sensitive) && table.columnNames().stream().noneMatch(c -> c.startsWith(sensitive + "="))) {
            // one-hot columns sex=Female, sex=Male stand for the column sex
            List<String> names = table.columnNames().stream().map(c -> c.contains("=") ? c.substring(0, c.indexOf('=')) : c).distinct().toList();
            throw new UsageError("Column '" + sensitive + "' not found in table '" + tableVar + "'. Columns: " + String.join(", ", names) + ".",
                    USAGE, Suggest.closest(sensitive, names).orElse(null));
        }
        Tables.column(table, tableVar, model.target());
        Fairness f = Fairness.of(model, table, tableVar, sensitive, positive);
        if (as != null) session.define(as, f);
        System.out.println(words.getFirst() + " on " + tableVar + ", " + f);
        List<String> warnings = f.warnings();
        if (warnings.isEmpty()) System.out.println("No gap beyond the four-fifths rule, and error rates within 0.1 of each other.");
        warnings.forEach(w -> System.out.println("Warning: " + w));
        Renderers.show(chart(f, words.getFirst() + " by " + sensitive));
        return f.toTable();
    }

    private static Figure chart(Fairness f, String title) {
        List<String> names = f.groups().stream().map(Fairness.Group::name).toList();
        double top = f.groups().stream().mapToDouble(Fairness.Group::selectionRate).max().orElse(0);
        List<Fairness.Group> g = f.groups();
        Figure fig = Figure.grid(title, 1, 2).label(0, "rates per group", f.sensitive(), "rate")
                .add(0, bars("selection rate", names, g, Fairness.Group::selectionRate))
                .add(0, bars("TPR", names, g, Fairness.Group::tpr))
                .add(0, bars("FPR", names, g, Fairness.Group::fpr))
                .add(0, bars("precision", names, g, Fairness.Group::precision));
        double[] ratio = f.groups().stream().mapToDouble(x -> top > 0 ? x.selectionRate() / top : 1).toArray();
        return fig.label(1, "selection rate ÷ highest (four-fifths rule: ≥ 0.8)", f.sensitive(), "ratio")
                .add(1, new Trace.Bar("ratio", names, ratio))
                .add(1, new Trace.Bar("four-fifths", names, names.stream().mapToDouble(n -> Fairness.FOUR_FIFTHS).toArray()));
    }

    /** A rate per group as bars; an undefined rate (no rows to divide by) shows as 0. */
    private static Trace.Bar bars(String name, List<String> names, List<Fairness.Group> groups, ToDoubleFunction<Fairness.Group> rate) {
        return new Trace.Bar(name, names, groups.stream().mapToDouble(rate).map(v -> Double.isNaN(v) ? 0 : v).toArray());
    }
}
