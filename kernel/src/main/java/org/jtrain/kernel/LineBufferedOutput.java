package org.jtrain.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cell's {@code System.out}, sent to Jupyter a line at a time: JJava's stream sends every write as its own
 * message, so {@code printf("%d rows%n", n)} arrived in three pieces and a saved notebook kept them apart. Text
 * without a newline goes out after {@link #STALE_MS} ms, before any display (so order is kept) and when the cell ends.
 */
final class LineBufferedOutput extends OutputStream {

    static final long STALE_MS = 100;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jtrain-stdout");
        t.setDaemon(true);
        return t;
    });

    private final PrintStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long since;

    private LineBufferedOutput(PrintStream target) {
        this.target = target;
        TIMER.scheduleWithFixedDelay(this::flushIfStale, STALE_MS, STALE_MS, TimeUnit.MILLISECONDS);
    }

    private static PrintStream lastTarget;
    private static PrintStream lastWrapped;

    /** Wraps JJava's stream once: a wrapped stream, or one wrapped before, gives the same wrapper (and timer task). */
    static synchronized PrintStream wrap(PrintStream out) {
        if (out instanceof Wrapped) return out;
        if (out != lastTarget) {
            lastTarget = out;
            lastWrapped = new Wrapped(new LineBufferedOutput(out));
        }
        return lastWrapped;
    }

    /** Sends what is pending of the current System.out, if it is a line-buffered one. */
    static void flushStdout() {
        if (System.out instanceof Wrapped) System.out.flush();
    }

    @Override
    public synchronized void write(int b) {
        if (pending.size() == 0) since = System.nanoTime();
        pending.write(b);
        if (b == '\n') flush();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (pending.size() == 0) since = System.nanoTime();
        pending.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.size() > 0) {
            target.write(pending.toByteArray(), 0, pending.size());
            pending.reset();
        }
        target.flush();
    }

    private synchronized void flushIfStale() {
        if (pending.size() > 0 && System.nanoTime() - since > STALE_MS * 1_000_000) flush();
    }

    /** Marks the wrapping PrintStream, so that it is never wrapped twice. */
    private static final class Wrapped extends PrintStream {
        Wrapped(LineBufferedOutput out) {
            super(out, false, StandardCharsets.UTF_8);
        }
    }
}
