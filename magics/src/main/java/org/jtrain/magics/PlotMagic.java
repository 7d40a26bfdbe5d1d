package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

@Command(name = "plot", description = "Charts: learning curves of a History, feature importance of a tree model, "
        + "a column's distribution, a scatter of two columns coloured by class.",
        subcommands = {PlotMagic.Curves.class, PlotMagic.Importance.class, PlotMagic.Dist.class, PlotMagic.Scatter.class})
final class PlotMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new UsageError("%plot needs a subcommand: history, importance, dist or scatter",
                "Usage: %plot history [HISTORY] | importance [MODEL] | dist TABLE COL [--by COL] | scatter TABLE X Y [--color COL]", null);
    }

    @Command(name = "history", description = "Learning curves: loss and the other metric, train against validation, per epoch. "
            + "Validation loss rising while training loss falls is overfitting; both high is underfitting.")
    static final class Curves extends PlotCommand {
        @Parameters(arity = "0..1", paramLabel = "HISTORY", defaultValue = "history", description = "The History's variable. Default: ${DEFAULT-VALUE}.")
        String name;

        @Override
        protected Figure figure() {
            Object value = session.variable(name).orElse(null);
            if (!(value instanceof History h)) {
                List<String> histories = session.variableNames().stream().filter(v -> session.variable(v).orElse(null) instanceof History).toList();
                throw new UsageError((value == null ? "No History '" + name + "'" : "'" + name + "' is not a History")
                        + ". " + (histories.isEmpty() ? "Train a model first: %train MODEL TABLE --target COL." : "Histories: " + String.join(", ", histories) + "."),
                        "Usage: %plot history [HISTORY]", org.jtrain.kernel.Suggest.closest(name, histories).orElse(null));
            }
            return TrainingCharts.learningCurves(h, "learning curves (" + name + ")");
        }
    }

    @Command(name = "importance", description = "How much each feature mattered to a tree model (tree, forest, boosting), largest first.")
    static final class Importance extends PlotCommand {
        @Parameters(arity = "0..1", paramLabel = "MODEL", defaultValue = "model", description = "The model's variable. Default: ${DEFAULT-VALUE}.")
        String name;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Show the N most important. Default: ${DEFAULT-VALUE}.")
        int top;

        @Override
        protected Figure figure() {
            Model m = EvaluateMagic.model(session, name, "Usage: %plot importance [MODEL]");
            double[] imp = m.importance().orElseThrow(() -> new UsageError("'" + name + "' is a " + m.kind()
                    + " model, which does not measure feature importance; tree, forest and boosting do."));
            List<Integer> order = IntStream.range(0, imp.length).boxed().sorted(Comparator.comparingDouble(i -> -imp[i])).limit(Math.max(1, top)).toList();
            return Figure.create("feature importance (" + name + ")")
                    .label(0, "", "feature", "importance")
                    .add(new Trace.Bar("importance", order.stream().map(i -> m.features().get(i)).toList(),
                            order.stream().mapToDouble(i -> imp[i]).toArray()));
        }
    }

    @Command(name = "dist", description = "A column's distribution: a histogram for numbers, bar counts for text; --by splits it by class.")
    static final class Dist extends PlotCommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table's variable.")
        String table;

        @Parameters(index = "1", paramLabel = "COL", description = "The column.")
        String column;

        @Option(names = "--by", paramLabel = "COL", description = "One series per value of this column.")
        String by;

        @Option(names = "--bins", paramLabel = "N", defaultValue = "30", description = "Histogram bins. Default: ${DEFAULT-VALUE}.")
        int bins;

        @Override
        protected Figure figure() {
            if (bins < 1 || bins > 1000) throw new UsageError("--bins must be in [1, 1000]; got " + bins);
            Table t = Tables.table(session, table);
            Column<?> c = Tables.column(t, table, column);
            Column<?> group = by == null ? null : Tables.column(t, table, by);
            Figure f = Figure.create(column + (by == null ? "" : " by " + by) + " (" + table + ")").label(0, "", column, "rows");
            for (Map.Entry<String, List<Integer>> g : groups(t, group).entrySet()) {
                if (c instanceof NumericColumn<?> n) {
                    f.add(Trace.Histogram.of(g.getKey(), g.getValue().stream().mapToDouble(n::getDouble).toArray(), bins));
                } else {
                    Map<String, Integer> counts = new TreeMap<>();
                    for (int r : g.getValue()) counts.merge(c.getString(r), 1, Integer::sum);
                    f.add(new Trace.Bar(g.getKey(), new ArrayList<>(counts.keySet()), counts.values().stream().mapToDouble(i -> i).toArray()));
                }
            }
            return f;
        }
    }

    @Command(name = "scatter", description = "Two numeric columns against each other, one colour per class of --color.")
    static final class Scatter extends PlotCommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table's variable.")
        String table;

        @Parameters(index = "1", paramLabel = "X", description = "The column across.")
        String x;

        @Parameters(index = "2", paramLabel = "Y", description = "The column up.")
        String y;

        @Option(names = "--color", paramLabel = "COL", description = "One colour per value of this column (usually the target).")
        String color;

        @Override
        protected Figure figure() {
            Table t = Tables.table(session, table);
            NumericColumn<?> xs = numeric(t, x), ys = numeric(t, y);
            Column<?> group = color == null ? null : Tables.column(t, table, color);
            Figure f = Figure.create(y + " against " + x + " (" + table + ")").label(0, "", x, y);
            for (Map.Entry<String, List<Integer>> g : groups(t, group).entrySet()) {
                List<Integer> rows = g.getValue();
                int step = Math.max(1, (rows.size() + EvaluationCharts.MAX_POINTS - 1) / EvaluationCharts.MAX_POINTS);
                double[] px = IntStream.iterate(0, i -> i < rows.size(), i -> i + step).mapToDouble(i -> xs.getDouble(rows.get(i))).toArray();
                double[] py = IntStream.iterate(0, i -> i < rows.size(), i -> i + step).mapToDouble(i -> ys.getDouble(rows.get(i))).toArray();
                f.add(new Trace.XY(g.getKey(), px, py, Trace.Mode.MARKERS));
            }
            return f;
        }

        private NumericColumn<?> numeric(Table t, String name) {
            Column<?> c = Tables.column(t, table, name);
            if (c instanceof NumericColumn<?> n) return n;
            throw new UsageError("Column '" + name + "' of '" + table + "' is " + c.type().name().toLowerCase()
                    + "; a scatter needs numbers on both axes. Use --color " + name + " to colour by it instead.");
        }
    }

    /** A subcommand that makes a figure; it is shown interactive in JupyterLab, with its PNG kept for GitHub. */
    abstract static class PlotCommand extends MagicCommand {

        @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Figure in this variable.")
        String as;

        abstract Figure figure();

        @Override
        protected Object call() {
            Figure f = figure();
            if (as != null) session.define(as, f);
            Renderers.show(f);
            return null;
        }
    }

    /** Row indexes by the value of {@code group} (sorted), or all rows under "all". */
    private static Map<String, List<Integer>> groups(Table t, Column<?> group) {
        Map<String, List<Integer>> out = group == null ? new LinkedHashMap<>() : new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) out.computeIfAbsent(group == null ? "all" : group.getString(r), k -> new ArrayList<>()).add(r);
        if (out.size() > 20) throw new UsageError("'" + group.name() + "' has " + out.size() + " distinct values; colour or split by a column with at most 20");
        return out;
    }
}
