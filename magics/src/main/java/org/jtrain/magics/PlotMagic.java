package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.data.BadInput;
import org.jtrain.train.plot.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@JavaEquivalent({"Figure curves = Plots.learningCurves(history, \"learning curves\");",
        "Figure importance = Plots.importance(model, 20, \"model\");",
        "Figure prices = Plots.distribution(table, \"price\", null, 30);  Figure flowers = Plots.scatter(table, \"x\", \"y\", \"label\");",
        "Files.write(Path.of(\"curves.png\"), curves.toPng());  // or display(curves) in a notebook"})
@Command(name = "plot", description = "Charts: learning curves of a History, feature importance of a tree model, "
        + "a column's distribution, a scatter of two columns coloured by class.",
        subcommands = {PlotMagic.Curves.class, PlotMagic.Importance.class, PlotMagic.Dist.class, PlotMagic.Scatter.class})
final class PlotMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new BadInput("%plot needs a subcommand: history, importance, dist or scatter", null);
    }

    @JavaEquivalent("Figure curves = Plots.learningCurves(history, \"learning curves\");")
    @Command(name = "history", description = "Learning curves: loss and the other metric, train against validation, per epoch. "
            + "Validation loss rising while training loss falls is overfitting; both high is underfitting.")
    static final class Curves extends PlotCommand {
        @Parameters(arity = "0..1", paramLabel = "HISTORY", defaultValue = "history", description = "The History's variable. Default: ${DEFAULT-VALUE}.")
        String name;

        @Override
        protected Figure figure() {
            return Plots.learningCurves(Variables.HISTORY.get(shell, name), "learning curves (" + name + ")");
        }

        @Override
        String javaCall() {
            return "Plots.learningCurves(" + name + ", " + JavaProgram.literal("learning curves (" + name + ")") + ")";
        }
    }

    @JavaEquivalent("Figure importance = Plots.importance(model, 20, \"model\");")
    @Command(name = "importance", description = "How much each feature mattered to a tree model (tree, forest, boosting), largest first.")
    static final class Importance extends PlotCommand {
        @Parameters(arity = "0..1", paramLabel = "MODEL", defaultValue = "model", description = "The model's variable. Default: ${DEFAULT-VALUE}.")
        String name;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Show the N most important. Default: ${DEFAULT-VALUE}.")
        int top;

        @Override
        protected Figure figure() {
            return Plots.importance(Variables.MODEL.get(shell, name), top, name);
        }

        @Override
        String javaCall() {
            return "Plots.importance(" + name + ", " + top + ", " + JavaProgram.literal(name) + ")";
        }
    }

    @JavaEquivalent("Figure prices = Plots.distribution(table, \"price\", \"suburb\", 30);")
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
            return Plots.distribution(Variables.table(shell, table), column, by, bins);
        }

        @Override
        String javaCall() {
            return "Plots.distribution(" + table + ", " + JavaProgram.literal(column) + ", " + (by == null ? "null" : JavaProgram.literal(by)) + ", " + bins + ")";
        }
    }

    @JavaEquivalent("Figure flowers = Plots.scatter(table, \"petal_length\", \"petal_width\", \"species\");")
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
            return Plots.scatter(Variables.table(shell, table), x, y, color);
        }

        @Override
        String javaCall() {
            return "Plots.scatter(" + table + ", " + JavaProgram.literal(x) + ", " + JavaProgram.literal(y) + ", "
                    + (color == null ? "null" : JavaProgram.literal(color)) + ")";
        }
    }

    /** A subcommand that makes a figure; it is shown interactive in JupyterLab, with its PNG kept for GitHub. */
    abstract static class PlotCommand extends MagicCommand {

        @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Figure in this variable.")
        String as;

        abstract Figure figure();

        /** The library call that makes the figure, in Java. */
        abstract String javaCall();

        @Override
        protected void toJava(JavaProgram p) {
            p.importClass("org.jtrain.train.plot.Plots");
            if (as == null) {
                p.line("display(" + javaCall() + ");");
                return;
            }
            p.field(as, "Figure");
            p.line(as + " = " + javaCall() + ";");
            p.line("display(" + as + ");");
        }

        @Override
        protected Object call() {
            Figure f = figure();
            if (as != null) shell.define(as, f);
            Show.figure(f);
            return null;
        }
    }
}
