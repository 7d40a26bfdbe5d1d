package org.jtrain.kernel;

import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellStartTest {

    private static Message<?> message(MessageType<?> type, String session, String date) {
        return new Message<>(new Header<>("id", "user", session, date == null ? null : new KernelTimestamp(date), type, "5.3"), null);
    }

    private static Message<?> interrupt(String session, String date) {
        return message(MessageType.INTERRUPT_REQUEST, session, date);
    }

    @Test
    void anInterruptFromTheSameSessionCountsWhenSentAfterTheCellWasAskedFor() {
        CellStart cell = CellStart.of(message(MessageType.EXECUTE_REQUEST, "browser", "2026-12-07T10:00:00.500000Z"));
        assertFalse(cell.interruptedBy(interrupt("browser", "2026-12-07T10:00:00.499999Z")), "one sent for the cell before");
        assertTrue(cell.interruptedBy(interrupt("browser", "2026-12-07T10:00:00.500000Z")));
        assertTrue(cell.interruptedBy(interrupt("browser", "2026-12-07T10:00:01.2+00:00")), "JupyterLab's and Python's forms alike");
    }

    @Test
    void anInterruptFromElsewhereIsComparedWithWhenTheKernelStartedTheCell() {
        // the browser's clock runs an hour ahead; the server interrupting for it shares this machine's
        String browserAhead = Instant.now().plusSeconds(3600).toString();
        CellStart cell = CellStart.of(message(MessageType.EXECUTE_REQUEST, "browser", browserAhead));
        assertTrue(cell.interruptedBy(interrupt("server", Instant.now().plusMillis(5).toString())));
        assertFalse(cell.interruptedBy(interrupt("server", Instant.now().minusSeconds(1).toString())));
    }

    @Test
    void anInterruptWithoutAReadableDateAlwaysCounts() {
        CellStart cell = CellStart.of(message(MessageType.EXECUTE_REQUEST, "browser", "2026-12-07T10:00:00Z"));
        assertTrue(cell.interruptedBy(interrupt("browser", null)));
        assertTrue(cell.interruptedBy(interrupt("browser", "2026-12-07T10:00:00")), "no zone: clocks cannot be compared");
    }
}
