package org.jtrain.kernel;

import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * When the running cell was asked for and started. Interrupts are read on their own channel, one every 50 ms, so a
 * burst of them can still be arriving after the cell they were meant for has ended and the next has started: an
 * interrupt sent before this cell was asked for is not for it.
 *
 * @param session the Jupyter session that sent the execute request
 * @param sent    when that session sent it, by its clock; null if its header had no date we can read
 * @param started when the kernel started it, by this machine's clock
 */
record CellStart(String session, Instant sent, Instant started) {

    static CellStart of(Message<?> request) {
        Header<?> h = request.getHeader();
        return new CellStart(h.getSessionId(), sentAt(h), Instant.now());
    }

    /**
     * Whether an interrupt is for this cell: it was sent after the cell was asked for. An interrupt from the session
     * that asked for the cell is compared by that session's clock; one from elsewhere (JupyterLab's server interrupts
     * for the browser that runs the cells) by this machine's, which the server shares in every setup Jupyter ships.
     * An interrupt without a readable date always counts.
     */
    boolean interruptedBy(Message<?> interrupt) {
        Header<?> h = interrupt.getHeader();
        Instant at = sentAt(h);
        if (at == null) return true;
        Instant since = sent != null && session != null && session.equals(h.getSessionId()) ? sent : started;
        return !at.isBefore(since);
    }

    private static Instant sentAt(Header<?> h) {
        KernelTimestamp t = h.getTimestamp();
        String date = t == null ? null : t.getDateString();
        if (date == null) return null;
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a date without a zone (an old client): its clock cannot be compared
        }
    }
}
