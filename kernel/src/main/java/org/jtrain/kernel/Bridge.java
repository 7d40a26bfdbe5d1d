package org.jtrain.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Static entry points that code compiled in JShell calls to reach the kernel. Not for users. */
public final class Bridge {

    private static final Map<Integer, Object> handoff = new ConcurrentHashMap<>();
    private static final AtomicInteger next = new AtomicInteger();

    private Bridge() {
    }

    /** Parks a value for a snippet to pick up with {@link #take}. */
    static int put(Object value) {
        int slot = next.getAndIncrement();
        handoff.put(slot, value == null ? NULL : value);
        return slot;
    }

    public static Object take(int slot) {
        Object v = handoff.remove(slot);
        return v == NULL ? null : v;
    }

    /** Runs the cell's {@code index}-th line magic where it stands in the code (inside a block or loop). */
    public static Object magic(int index) {
        return ((JTrainKernel) org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()).runInlineMagic(index);
    }

    private static final Object NULL = new Object();
}
