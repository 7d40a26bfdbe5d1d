package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.Drift;
import org.jtrain.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Command(name = "drift", description = "Compare newer data with the reference a model learned on: PSI and a Kolmogorov–Smirnov "
        + "or chi-square test per column, overlaid distributions, a verdict per column, and prediction drift with --model.")
final class DriftMagic extends MagicCommand {

    /** The chart shows the most shifted columns first, at most this many. */
    static final int MAX_PANELS = 6;

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
        Table ref = Tables.table(session, reference), cur = Tables.table(session, current);
        if (columns != null) {
            for (String c : columns) {
                Tables.column(ref, reference, c);
                Tables.column(cur, current, c);
            }
        }
        Model m = model == null ? null : EvaluateMagic.model(session, model, "Usage: %drift REF CURRENT [--model MODEL]");
        Drift d = Drift.of(ref, reference, cur, current, columns, m);
        if (as != null) session.define(as, d);
        System.out.println(current + " against " + reference + ": " + d);
        System.out.println(decision(d));
        Renderers.show(chart(d, current + " against " + reference));
        return d.toTable();
    }

    /** What the numbers mean for the model: the retrain decision, in words. */
    static String decision(Drift d) {
        List<Drift.Feature> drifted = d.drifted();
        boolean predictions = drifted.stream().anyMatch(f -> f.name().startsWith("prediction ("));
        if (drifted.isEmpty()) {
            return "Retrain decision: no column has shifted beyond PSI " + Drift.MODERATE + "; keep the model and check again on the next batch.";
        }
        return "Retrain decision: " + drifted.size() + " column" + (drifted.size() == 1 ? " has" : "s have") + " shifted"
                + (predictions ? ", and so have the model's predictions" : "")
                + ". Score the model on recent labelled rows; if it has lost accuracy, retrain on data that includes the recent period.";
    }

    private static Figure chart(Drift d, String title) {
        List<Drift.Feature> shown = new ArrayList<>(d.features());
        shown.sort(Comparator.comparingDouble(Drift.Feature::psi).reversed());
        shown = shown.subList(0, Math.min(MAX_PANELS, shown.size()));
        int cols = Math.min(3, shown.size());
        Figure f = Figure.grid(title, (shown.size() + cols - 1) / cols, cols);
        for (int i = 0; i < shown.size(); i++) {
            Drift.Feature x = shown.get(i);
            f.label(i, String.format("%s: PSI %.3f, %s", x.name(), x.psi(), x.verdict()), x.numeric() ? "bin" : "category", "share of rows")
                    .add(i, new Trace.Bar("reference", x.bins(), x.reference()))
                    .add(i, new Trace.Bar("current", x.bins(), x.current()));
        }
        return f;
    }
}
