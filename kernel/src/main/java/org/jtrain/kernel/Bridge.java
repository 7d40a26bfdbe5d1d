package org.jtrain.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Static entry points that code compiled in JShell calls to reach its kernel. JShell code can name the kernel's
 * classes but holds none of its objects, so a value handed to a snippet, or a line magic run from inside a block,
 * passes through here: values by slot, magics by kernel. Not for users.
 */
public final class Bridge {

    private static final String NAME = Bridge.class.getName();
    private static final Map<Integer, Object> handoff = new ConcurrentHashMap<>();
    private static final Map<Integer, JTrainKernel> kernels = new ConcurrentHashMap<>();
    private static final AtomicInteger next = new AtomicInteger();
    private static final Object NULL = new Object();

    private Bridge() {
    }

    /** Makes {@code kernel} reachable from its snippets; returns its id for {@link #magicCall}. */
    static int register(JTrainKernel kernel) {
        int id = next.getAndIncrement();
        kernels.put(id, kernel);
        return id;
    }

    static void unregister(int id) {
        kernels.remove(id);
    }

    /** Java source that evaluates to {@code value} (as an Object): the value is parked until the snippet takes it. */
    static String valueOf(Object value) {
        int slot = next.getAndIncrement();
        handoff.put(slot, value == null ? NULL : value);
        return NAME + ".take(" + slot + ")";
    }

    /** Java source that runs line magic {@code index} of the current cell of kernel {@code kernel}, and gives its value. */
    static String magicCall(int kernel, int index) {
        return NAME + ".magic(" + kernel + ", " + index + ")";
    }

    /** The prefix of every {@link #magicCall}, to find them in a snippet. */
    static String magicPrefix() {
        return NAME + ".magic(";
    }

    public static Object take(int slot) {
        Object v = handoff.remove(slot);
        return v == NULL ? null : v;
    }

    /** What a cell's {@code new T[a][b]...} runs instead: see {@link HeapGuard#newArray}. */
    public static Object newArray(int[] dimensions, Class<?> type) {
        return HeapGuard.newArray(dimensions, type);
    }

    /** Runs the cell's {@code index}-th line magic where it stands in the code (inside a block or loop). */
    public static Object magic(int kernel, int index) {
        return kernels.get(kernel).runInlineMagic(index);
    }
}
