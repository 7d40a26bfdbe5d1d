package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.kernel.Display;
import org.jtrain.train.History;
import org.jtrain.train.TrainingListener;

import java.util.Map;

/**
 * The progress bar and the live learning-curve chart of one {@code %train}, each updated in place and throttled:
 * at most every 200 ms and 2 s, and never while showing them has cost more than {@link #BUDGET} of the time. The chart is a PNG while it changes and becomes the
 * interactive Plotly figure (with its PNG, for readers without JavaScript) when training ends.
 */
final class TrainingDisplay implements TrainingListener {

    private static final long BAR_EVERY_NS = 200_000_000L;
    private static final long CHART_EVERY_NS = 2_000_000_000L;

    private final String title;
    private String model;
    private int epochs;
    private int epoch;
    private int batch;
    private int batches;
    private long start;
    private long lastBar;
    private long lastChart;
    private String barId;
    private String chartId;
    private long spentNs; // time spent showing progress so far

    /** Live updates are skipped while showing them has cost more than this share of the time trained. */
    static final double BUDGET = 0.03;

    TrainingDisplay(String title) {
        this.title = title;
    }

    @Override
    public void onStart(String model, int epochs, int batches) {
        this.model = model;
        this.epochs = epochs;
        this.batches = batches;
        this.start = System.nanoTime();
        this.epoch = 1;
        barId = Display.display(bar("starting"));
    }

    @Override
    public void onBatch(int epoch, int batch, int batches) {
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        long now = System.nanoTime();
        if (now - lastBar >= BAR_EVERY_NS && withinBudget(now)) {
            lastBar = now;
            timed(() -> Display.updateDisplay(barId, bar(null)));
        }
    }

    @Override
    public void onEpoch(int epoch, Map<String, Double> metrics, History history) {
        this.epoch = epoch;
        if (epochs < 2) return; // a one-step fit has no curve to draw; its metrics are printed at the end
        long now = System.nanoTime();
        if (epoch == 1 || now - lastChart >= CHART_EVERY_NS && withinBudget(now)) { // the first chart always shows
            lastChart = now;
            timed(() -> showChart(history, false));
        }
    }

    @Override
    public void onEnd(History history) {
        if (barId == null) return; // the model refused its input before training began: nothing was shown
        Display.updateDisplay(barId, bar(history.ended()));
        if (epochs >= 2 && history.epochs() > 0) showChart(history, true);
    }

    /** While training: a PNG, which JupyterLab redraws on every update. At the end: the interactive figure. */
    private void showChart(History history, boolean last) {
        var figure = TrainingCharts.learningCurves(history, title);
        if (last) {
            chartId = Renderers.show(chartId, figure);
        } else if (chartId == null) {
            chartId = Display.display(Renderers.pngData(figure));
        } else {
            Display.updateDisplay(chartId, Renderers.pngData(figure));
        }
    }

    private DisplayData bar(String ended) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double done = epochs == 0 ? 0 : ((epoch - 1) + (batches == 0 ? 0 : (double) batch / batches)) / epochs;
        if (ended != null && ended.equals("finished")) done = 1;
        String eta = done > 0 && done < 1 && ended == null ? String.format(", ETA %s", seconds(elapsed * (1 - done) / done)) : "";
        String status = String.format("%s: epoch %d/%d, batch %d/%d, %s elapsed%s%s", model, epoch, epochs, batch, batches,
                seconds(elapsed), eta, ended == null ? "" : " (" + ended + ")");
        int width = 30, filled = (int) Math.round(done * width);
        String text = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + status;
        DisplayData d = new DisplayData(text);
        d.putData(MIMEType.TEXT_HTML, String.format("<div><progress value=\"%.4f\" max=\"1\" style=\"width:30em\"></progress> "
                + "<span style=\"font-family:monospace\">%s</span></div>", done, status.replace("&", "&amp;").replace("<", "&lt;")));
        return d;
    }

    private boolean withinBudget(long now) {
        return spentNs <= BUDGET * (now - start);
    }

    private void timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        spentNs += System.nanoTime() - t0;
    }

    private static String seconds(double s) {
        return s < 60 ? String.format("%.1f s", s) : String.format("%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
