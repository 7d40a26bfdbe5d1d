package org.jtrain.magics;

import org.jtrain.kernel.Display;

/** The progress bar of {@code %train} and {@code %tune}: shown once, then updated in place at most every 200 ms, and at the end. */
final class ProgressBar {

    private static final long EVERY_NS = 200_000_000L;

    private final long start = System.nanoTime();
    private String id;
    private long last;

    /** Shows the bar, or replaces it now. */
    void show(double done, String status) {
        last = System.nanoTime();
        Progress p = new Progress(done, status);
        if (id == null) id = Display.display(p);
        else Display.updateDisplay(id, p);
    }

    /** Replaces the bar if it was last shown more than 200 ms ago; returns whether it did. */
    boolean update(double done, String status) {
        if (id != null && System.nanoTime() - last < EVERY_NS) return false;
        show(done, status);
        return true;
    }

    boolean shown() {
        return id != null;
    }

    /** Seconds since the bar was made. */
    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A duration as people read it: 4.2 s, or 3 min 07 s. */
    static String seconds(double s) {
        return s < 60 ? String.format("%.1f s", s) : String.format("%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
