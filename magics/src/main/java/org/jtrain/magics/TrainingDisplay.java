package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.train.History;
import org.jtrain.train.TrainingListener;
import org.jtrain.train.plot.Plots;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress bar and the live learning-curve chart of one {@code %train}, each updated in place and throttled:
 * at most every 200 ms and 2 s, and never while showing them has cost more than {@link #BUDGET} of the time. The
 * chart is a PNG while it changes, drawn on a thread of its own so that training does not wait for it, and becomes
 * the interactive Plotly figure (with its PNG, for readers without JavaScript) when training ends.
 */
final class TrainingDisplay implements TrainingListener {

    private static final long CHART_EVERY_NS = 2_000_000_000L;

    /** Live updates are skipped while showing them has cost more than this share of the time trained. */
    static final double BUDGET = 0.03;

    private final String title;
    private final ProgressBar bar = new ProgressBar();
    private String model;
    private int epochs;
    private int epoch;
    private int batch;
    private int batches;
    private long start;
    private int stages, tasks, allTasks; // a Spark fit's progress
    private boolean spark;
    private long lastChart;
    private volatile String chartId;
    private final AtomicLong spentNs = new AtomicLong(); // time spent showing progress so far
    private final AtomicReference<Figure> nextChart = new AtomicReference<>(); // the newest chart not drawn yet
    private final ExecutorService painter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jtrain-live-chart");
        t.setDaemon(true);
        return t;
    });

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
        bar.show(0, status("starting"));
    }

    @Override
    public void onBatch(int epoch, int batch, int batches) {
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        if (withinBudget(System.nanoTime())) timed(() -> bar.update(done(), status(null)));
    }

    @Override
    public void onTasks(int stages, int done, int total) {
        this.spark = true;
        this.stages = stages;
        this.tasks = done;
        this.allTasks = total;
        if (withinBudget(System.nanoTime())) timed(() -> bar.update(done(), status(null)));
    }

    @Override
    public void onEpoch(int epoch, Map<String, Double> metrics, History history) {
        this.epoch = epoch;
        if (epochs < 2) return; // a one-step fit has no curve to draw; its metrics are printed at the end
        long now = System.nanoTime();
        if (epoch == 1 || now - lastChart >= CHART_EVERY_NS && withinBudget(now)) { // the first chart always shows
            lastChart = now;
            // the figure is built here, from the History as it is now; the painter draws only the newest one
            if (nextChart.getAndSet(Plots.learningCurves(history, title)) == null) painter.execute(this::paint);
        }
    }

    /**
     * The final bar and interactive chart. The chart's PNG is drawn on the painter while the magic goes on;
     * {@link #finish()} waits for it.
     */
    @Override
    public void onEnd(History history) {
        if (!bar.shown()) return; // the model refused its input before training began: nothing was shown
        bar.show(history.ended().equals("finished") ? 1 : done(), status(history.ended()));
        if (epochs < 2 || history.epochs() == 0) return;
        Figure figure = Plots.learningCurves(history, title);
        awaitPainter(); // the first live chart made the display: it must be there before any text printed after this
        String id = Show.interactive(chartId, figure);
        painter.execute(() -> Show.addPng(id, figure));
    }

    /** Waits for the charts still being drawn, so that all of them go out within the cell. */
    void finish() {
        painter.shutdown();
        try {
            painter.awaitTermination(1, TimeUnit.MINUTES); // one chart at most is left to draw
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** While training: a PNG, which JupyterLab redraws on every update. */
    private void paint() {
        Figure figure = nextChart.getAndSet(null);
        if (figure != null) timed(() -> chartId = Show.image(chartId, figure));
    }

    private void awaitPainter() {
        try {
            painter.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private double done() {
        if (spark) return allTasks == 0 ? 0 : (double) tasks / allTasks;
        return epochs == 0 ? 0 : ((epoch - 1) + (batches == 0 ? 0 : (double) batch / batches)) / epochs;
    }

    private String status(String ended) {
        double elapsed = bar.elapsed(), done = done();
        if (spark) { // Spark learns of its tasks as it goes: no ETA
            return String.format("%s: %d stages done, tasks %d/%d, %s elapsed%s", model, stages, tasks, allTasks,
                    ProgressBar.seconds(elapsed), ended == null ? "" : " (" + ended + ")");
        }
        String eta = done > 0 && done < 1 && ended == null ? ", ETA " + ProgressBar.seconds(elapsed * (1 - done) / done) : "";
        return String.format("%s: epoch %d/%d, batch %d/%d, %s elapsed%s%s", model, epoch, epochs, batch, batches,
                ProgressBar.seconds(elapsed), eta, ended == null ? "" : " (" + ended + ")");
    }

    private boolean withinBudget(long now) {
        return spentNs.get() <= BUDGET * (now - start);
    }

    private void timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        spentNs.addAndGet(System.nanoTime() - t0);
    }
}
