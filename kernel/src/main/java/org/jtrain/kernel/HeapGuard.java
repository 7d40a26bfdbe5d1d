package org.jtrain.kernel;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.jtrain.data.Memory;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.reflect.Array;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the kernel alive when a cell fills the heap, and reports that as an OutOfMemoryError with what to do.
 *
 * <p>When the heap is full, any thread that allocates gets the OutOfMemoryError, the kernel's own included: its
 * messaging threads die of it, and the kernel with them. So while a cell's Java code runs, the guard looks at the heap
 * after every garbage collection and every few milliseconds. When more than {@value #LIMIT_PERCENT}% of it is in use
 * after a full collection, and the cell has added to it, the cell is stopped as an interrupt stops it, before the heap
 * runs out. A cell that does not add to a nearly full heap runs as usual. Code that no interrupt stops (one statement
 * that allocates it all, a library's loop) can still run the heap out; the cell then ends in the same error. A variable
 * that holds what filled the heap keeps it full afterwards: a reserve set aside for that is let go of where the error
 * is caught, so that the kernel has room to report it and to run the next cell, and it is set aside again once the heap
 * has room. One guard per JVM: the heap is the JVM's.
 */
final class HeapGuard {

    static final int LIMIT_PERCENT = 90;
    private static final HeapGuard JVM = new HeapGuard();
    private static final long PERIOD_NANOS = 5_000_000;

    private final long heap = Memory.heap();
    private final long limit = heap / 100 * LIMIT_PERCENT;
    /** Room for the kernel to report the error and compile the next cell. */
    private final long reserve = Math.clamp(heap / 32, 8L << 20, 32L << 20);
    private volatile byte[] spare;
    /** The repls running a snippet of the user's, with the heap in use when it started (lowered to what was live then, once known). */
    private final Map<JavaRepl, Long> running = new ConcurrentHashMap<>();
    private final Thread poller = new Thread(this::poll, "jtrain-heap-guard");
    private volatile long confirmed; // the heap in use after the last collection the guard asked for, in this snippet

    private HeapGuard() {
        arm();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) emitter.addNotificationListener((n, handback) -> afterCollection(n), null, null);
        }
        poller.setDaemon(true);
        poller.start();
    }

    static HeapGuard get() {
        return JVM;
    }

    /** Sets the reserve aside again if it is gone and the heap has room for it (measured after a collection if need be). */
    synchronized void arm() {
        if (spare != null) return;
        long wanted = 4 * reserve;
        if (Memory.free(false) < wanted && Memory.free(true) < wanted) return; // stays unarmed until variables let go
        try {
            spare = new byte[(int) reserve];
        } catch (OutOfMemoryError e) {
            // another thread filled the heap meanwhile
        }
    }

    /** Lets go of the reserve, so that the kernel has room; called where an OutOfMemoryError is caught. */
    void release() {
        spare = null;
    }

    /** Watches the heap while {@code repl} runs a snippet of the user's. */
    void started(JavaRepl repl) {
        running.put(repl, heap - Memory.free(false)); // garbage included: lowered to what is live at the first look
        confirmed = 0;
        LockSupport.unpark(poller);
    }

    void ended(JavaRepl repl) {
        running.remove(repl);
    }

    private void afterCollection(Notification n) {
        try {
            if (running.isEmpty() || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            if ("System.gc()".equals(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcCause())) return;
            check(); // the guard's own collections, and the kernel's, are not looked at again
        } catch (Throwable t) {
            // the poller looks again in a moment
        }
    }

    private void poll() {
        while (true) {
            try {
                if (running.isEmpty()) LockSupport.park(this);
                else LockSupport.parkNanos(this, PERIOD_NANOS);
                check();
            } catch (Throwable t) {
                // even an OutOfMemoryError of its own: the guard goes on
            }
        }
    }

    /**
     * Stops the running snippets that filled the heap past the limit: those that added more than a 25th of the heap to
     * what was live when they started (the kernel's own caches grow a little as cells compile).
     */
    private synchronized void check() {
        if (running.isEmpty()) return;
        long used = heap - Memory.free(false);
        if (used < limit || used < confirmed + heap / 100) return; // not full, or no fuller than the last look found
        System.gc(); // nearly full: how much of it is garbage?
        long live = heap - Memory.free(false);
        confirmed = live;
        running.forEach((repl, before) -> {
            if (live >= limit && live > before + heap / 25) repl.stopForMemory();
        });
        running.replaceAll((repl, before) -> Math.min(before, live)); // what was garbage at the start is not counted
    }

    /**
     * Makes {@code new T[a][b]...}, refusing with an OutOfMemoryError at once when it needs more than the free heap.
     * The JVM would make the inner arrays one by one until the heap is full: every thread would then get the error,
     * the kernel's too. Snippets call this instead of the {@code multianewarray} instruction ({@link #checkArrays}).
     */
    static Object newArray(int[] dimensions, Class<?> type) {
        Class<?> component = type;
        for (int i = 0; i < dimensions.length; i++) component = component.getComponentType();
        double bytes = 0, arrays = 1;
        for (int d : dimensions) if (d < 0) throw fromCell(new NegativeArraySizeException(Integer.toString(d)));
        for (int i = 0; i < dimensions.length; i++) {
            int slot = i < dimensions.length - 1 || !component.isPrimitive() ? 4 : slotSize(component);
            bytes += arrays * (16 + Math.max(0, dimensions[i]) * (double) slot);
            arrays *= Math.max(0, dimensions[i]);
        }
        if (bytes > Memory.free(false) && bytes > Memory.free(true)) {
            Class<?> base = component;
            int more = 0;
            for (; base.isArray(); base = base.getComponentType()) more++;
            StringBuilder made = new StringBuilder("new " + base.getSimpleName());
            for (int d : dimensions) made.append('[').append(d).append(']');
            made.append("[]".repeat(more));
            throw fromCell(new ArrayTooBig(made.toString(), (long) Math.min(bytes, Long.MAX_VALUE)));
        }
        return Array.newInstance(component, dimensions);
    }

    /** What an OutOfMemoryError from {@link #newArray} says first: the JVM's words for the heap, so it is seen as the heap's. */
    private static final String REFUSED = "Java heap space: ";

    /** {@code e} as if the cell had thrown it: without the frames of the guard that made the array for it. */
    private static <T extends Throwable> T fromCell(T e) {
        StackTraceElement[] st = e.getStackTrace();
        int k = 0;
        while (k < st.length && (st[k].getClassName().startsWith(HeapGuard.class.getName()) || st[k].getClassName().equals(Bridge.class.getName()))) k++;
        e.setStackTrace(java.util.Arrays.copyOfRange(st, k, st.length));
        return e;
    }

    private static int slotSize(Class<?> primitive) {
        if (primitive == long.class || primitive == double.class) return 8;
        if (primitive == int.class || primitive == float.class) return 4;
        if (primitive == short.class || primitive == char.class) return 2;
        return 1;
    }

    /** A snippet's class with each {@code multianewarray} replaced by a call of {@link Bridge#newArray}. */
    static byte[] checkArrays(byte[] classFile) {
        ClassFile files = ClassFile.of();
        ClassModel model = files.parse(classFile);
        boolean any = model.methods().stream().flatMap(m -> m.code().stream())
                .anyMatch(code -> code.elementStream().anyMatch(e -> e instanceof NewMultiArrayInstruction));
        if (!any) return classFile;
        ClassDesc bridge = ClassDesc.of(Bridge.class.getName());
        MethodTypeDesc newArray = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_int.arrayType(), ConstantDescs.CD_Class);
        return files.transformClass(model, ClassTransform.transformingMethodBodies((code, element) -> {
            if (!(element instanceof NewMultiArrayInstruction m)) {
                code.with(element);
                return;
            }
            int n = m.dimensions();
            int[] slots = new int[n];
            for (int i = n - 1; i >= 0; i--) code.istore(slots[i] = code.allocateLocal(TypeKind.INT)); // the sizes, last on top
            code.loadConstant(n).newarray(TypeKind.INT);
            for (int i = 0; i < n; i++) code.dup().loadConstant(i).iload(slots[i]).iastore();
            ClassDesc type = m.arrayType().asSymbol();
            code.ldc(type).invokestatic(bridge, "newArray", newArray).checkcast(type);
        }));
    }

    /** Whether an error or one of its causes is the heap running out. */
    static boolean heapFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError oom && isHeap(oom)) return true;
        }
        return false;
    }

    /** The heap itself ran out (not metaspace, direct buffers, threads, or an array over Java's size limit). */
    private static boolean isHeap(OutOfMemoryError e) {
        String m = e.getMessage();
        return m == null || m.contains("Java heap space") || m.contains("GC overhead limit");
    }

    /**
     * The error a cell ends with when the heap ran out while it ran: what happened, what the session's variables still
     * hold, and what to do. {@code cause}: the OutOfMemoryError, or null for a cell the guard stopped; {@code frames}:
     * where in the cell, if known.
     */
    static CellError error(Throwable cause, List<String> frames) {
        JVM.release();
        ArrayTooBig refused = null;
        for (Throwable c = cause; c != null && refused == null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof ArrayTooBig a) refused = a;
        }
        long heap = Memory.heap(), held = heap - Memory.free(true);
        String message = (refused == null ? "the kernel's heap (" + Memory.size(heap) + ") is full"
                : refused.getMessage().substring(REFUSED.length())) + ": the cell was stopped, and the session goes on";
        List<String> lines = new ArrayList<>();
        lines.add("OutOfMemoryError: " + message + ".");
        if (held > heap * 0.6) {
            lines.add("The session's variables still hold " + Memory.size(held) + " of it: set those you no longer need to null"
                    + " (big = null;), or restart the kernel.");
        }
        lines.add("Work on less at once (%data load FILE --sample N or --columns A,B; %sql to filter or aggregate a file"
                + " without loading it)" + moreMemory(heap, held + (refused == null ? 0 : refused.bytes)) + ".");
        lines.addAll(frames);
        return new CellError("OutOfMemoryError", message, lines);
    }

    /** How to get a heap that holds {@code wanted} bytes, and twice this one at least; or that no heap here would. */
    static String moreMemory(long heap, long wanted) {
        long machine = Memory.machine(), target = Math.max(2 * heap, wanted / 4 * 5);
        long gigabytes = (target + (1L << 30) - 1) >> 30;
        if (machine > 0 && gigabytes << 30 > machine * 3 / 4) {
            return wanted > heap ? ": no heap that fits in this machine's " + Memory.size(machine) + " would hold it"
                    : ": the heap already takes a good part of this machine's " + Memory.size(machine);
        }
        return ", or give the kernel more memory: ./jtrain lab --memory " + gigabytes + "g (or JTRAIN_MEMORY=" + gigabytes
                + "g), then restart the kernel";
    }

    /** An array of arrays that {@link #newArray} refused: the heap it would take. */
    private static final class ArrayTooBig extends OutOfMemoryError {
        final long bytes;

        ArrayTooBig(String made, long bytes) {
            super(REFUSED + made + " needs about " + Memory.size(bytes) + ", more than the kernel's heap (" + Memory.size(Memory.heap())
                    + ") has free (" + Memory.size(Memory.free(false)) + ")");
            this.bytes = bytes;
        }
    }
}
