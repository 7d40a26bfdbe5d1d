package org.jtrain.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A heap that runs out is an OutOfMemoryError that says what to do, never "a bug in jtrain", and the session goes on. */
class HeapGuardTest {

    static JTrainKernel kernel;

    /** A magic that runs out of memory, of the heap or of another kind. */
    static final class OutOfMemoryMagic implements Magic {
        public String summary() {
            return "test";
        }

        public Object line(Shell s, String args) {
            throw new OutOfMemoryError(args.equals("heap") ? "Java heap space" : "Metaspace");
        }

        public Object cell(Shell s, String args, String body) {
            return line(s, args);
        }
    }

    @BeforeAll
    static void start() {
        kernel = TestKernel.get();
        kernel.magics().put("oomtest", new OutOfMemoryMagic());
    }

    @Test
    void anArrayOfArraysTooBigForTheHeapIsRefusedBeforeItFillsIt() {
        kernel.evalRaw("int keptBefore = 7;");
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("long[][] huge = new long[100_000][100_000];"));
        assertEquals("OutOfMemoryError", e.name());
        assertTrue(e.getMessage().startsWith("new long[100000][100000] needs about 75 GB, more than the kernel's heap ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("the cell was stopped, and the session goes on"), e.getMessage());
        assertTrue(e.lines().stream().anyMatch(l -> l.startsWith("Work on less at once (%data load FILE --sample N")), e.lines().toString());
        assertEquals("    at cell", e.lines().getLast());
        assertFalse(String.join("\n", e.lines()).contains("bug in jtrain"));
        assertEquals(8, kernel.evalRaw("keptBefore + 1"));
    }

    @Test
    void arraysOfArraysThatFitAreMadeAsJavaMakesThem() {
        assertEquals(List.of(3, 4, 5), kernel.evalRaw("int[][][] cube = new int[3][4][5];\nList.of(cube.length, cube[2].length, cube[2][3].length)"));
        assertEquals(true, kernel.evalRaw("long[][][] ragged = new long[2][3][];\nragged[1][2] == null"));
        assertArrayEquals(new String[]{null, null}, (String[]) kernel.evalRaw("String[][] names = new String[4][2];\nnames[3]"));
        assertEquals(0, kernel.evalRaw("double[][] none = new double[0][1_000_000_000];\nnone.length"));
        CellError negative = assertThrows(CellError.class, () -> kernel.evalRaw("int[][] bad = new int[2][-1];"));
        assertEquals(List.of("java.lang.NegativeArraySizeException: -1", "    at cell"), negative.lines());
    }

    @Test
    void aMagicThatRunsOutOfHeapReportsItAsSuchAndTheSessionGoesOn() {
        kernel.evalRaw("String keptName = \"before\";");
        CellError heap = assertThrows(CellError.class, () -> kernel.evalRaw("%oomtest heap"));
        assertEquals("OutOfMemoryError", heap.name());
        assertTrue(heap.getMessage().matches("the kernel's heap \\(.+\\) is full: the cell was stopped, and the session goes on"), heap.getMessage());
        assertFalse(String.join("\n", heap.lines()).contains("bug in jtrain"), heap.lines().toString());

        CellError metaspace = assertThrows(CellError.class, () -> kernel.evalRaw("%oomtest metaspace"));
        assertEquals("OutOfMemoryError", metaspace.name());
        assertEquals(List.of("java.lang.OutOfMemoryError: Metaspace  (in %oomtest)"), metaspace.lines());
        assertEquals("before", kernel.evalRaw("keptName"));
    }

    @Test
    void moreMemoryIsSuggestedOnlyWhereTheMachineHasIt() {
        long machine = org.jtrain.data.Memory.machine(), gb = 1L << 30;
        assertTrue(HeapGuard.moreMemory(gb, gb).startsWith(", or give the kernel more memory: ./jtrain lab --memory 2g (or JTRAIN_MEMORY=2g)"));
        assertTrue(HeapGuard.moreMemory(gb, 4 * machine).startsWith(": no heap that fits in this machine's "));
    }
}
