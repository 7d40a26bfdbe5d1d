package org.jtrain.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {

    @TempDir
    Path dir;

    private Path write(String name, String header, String row, int rows) throws Exception {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) text.append(row.replace("#", Integer.toString(i))).append('\n');
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void numbersTakeAboutThreeAndAHalfTimesTheFileAndTextAboutSevenAndAHalf() throws Exception {
        Path numbers = write("numbers.csv", "a,b,c,d", "#,0.25,-3.5e2,2024-01-31", 20_000);
        Path text = write("text.csv", "name,comment", "row #,\"free text, with a comma\"", 20_000);
        Memory.Estimate n = Memory.estimate(numbers), t = Memory.estimate(text);
        assertEquals(Files.size(numbers), n.fileSize());
        assertEquals(3.5, n.needed() / (double) n.fileSize(), 0.01);
        assertEquals(7.5, t.needed() / (double) t.fileSize(), 0.01);
        assertEquals(20_000, n.rows(), 20_000 * 0.05); // from the first lines
    }

    @Test
    void aMixIsInBetweenInProportionToItsBytes() throws Exception {
        // "1234567" (7 bytes and a comma) is a number, "abcdefg" text: half the bytes of each
        Path mixed = write("mixed.csv", "n,s", "1234567,abcdefg", 1000);
        Memory.Estimate e = Memory.estimate(mixed);
        assertEquals((Memory.CSV_NUMBERS + Memory.CSV_TEXT) / 2, e.needed() / (double) e.dataSize(), 0.05);
        assertEquals(3500, Memory.needed(1000, Load.Format.CSV, -1)); // a share out of 0..1 is clamped
        assertEquals(7500, Memory.needed(1000, Load.Format.TSV, 2));
        assertEquals(16_000, Memory.needed(1000, Load.Format.JSON, 0));
    }

    @Test
    void aGzipFileIsJudgedByItsUnzippedSize() throws Exception {
        Path gz = dir.resolve("big.csv.gz");
        byte[] row = "1,2,3,4\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b,c,d\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 500_000; i++) out.write(row);
        }
        Memory.Estimate e = Memory.estimate(gz);
        assertEquals(8 + 500_000L * row.length, e.dataSize());
        assertTrue(e.fileSize() < e.dataSize() / 50, "repeated rows zip small: " + e.fileSize());
        assertEquals(3.5, e.needed() / (double) e.dataSize(), 0.01);

        Path tiny = dir.resolve("tiny.csv.gz"); // zipped, it is bigger than the text it holds
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tiny))) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(8, Memory.estimate(tiny).dataSize());
    }

    @Test
    void theMessageNamesTheFileTheHeapAndWhatToDo() {
        Memory.Estimate e = new Memory.Estimate(Path.of("data/sales.csv"), 3L << 30, 3L << 30, 20_000_000, 21L << 30);
        String m = Memory.tooBig(e, 5L << 30, 6L << 30, 64L << 30);
        assertTrue(m.startsWith("'sales.csv' is 3 GB and loading it takes about 21 GB of memory, but the heap has 5 GB free (of 6 GB)"), m);
        assertTrue(m.contains("%sql") && m.contains("SELECT ... FROM 'sales.csv' WHERE ... or GROUP BY ...") && m.contains("Spark"), m);
        assertTrue(m.contains("./jtrain lab --memory 28g"), m); // (21 GB needed + 1 GB in use) and a quarter more
        assertFalse(m.contains("null"), m);

        // a heap held by the session's variables says so; a machine too small for it says that instead of --memory
        String full = Memory.tooBig(e, 1L << 30, 6L << 30, 16L << 30);
        assertTrue(full.contains("the rest held by the session's variables (set those you no longer need to null)"), full);
        assertTrue(full.contains("more than this machine's 16 GB of memory") && !full.contains("--memory"), full);

        Memory.Estimate gz = new Memory.Estimate(Path.of("big.csv.gz"), 300L << 20, 2L << 30, 0, 15L << 30);
        assertTrue(Memory.tooBig(gz, 5L << 30, 6L << 30, 0).startsWith("'big.csv.gz' is 300 MB (2 GB unzipped)"));
    }

    @Test
    void aQuoteNeverClosedDoesNotMakeTheEstimateReadTheWholeFile() throws Exception {
        Path open = write("open.csv", "a,b", "#,x", 300_000);
        Files.writeString(open, "a,b\n1,\"never closed\n" + Files.readString(open).substring(4));
        Memory.Estimate e = Memory.estimate(open);
        assertEquals(Files.size(open), e.dataSize());
        assertEquals(7.5, e.needed() / (double) e.dataSize(), 0.01); // one long text field, as far as it was read
    }

    @Test
    void aSmallFileFitsAndIsLoaded() throws Exception {
        Path small = write("small.csv", "a,b", "#,x", 100);
        Memory.requireFits(small); // no exception
        assertEquals(100, Load.file(small).rowCount());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("1 KB", Memory.size(10));
        assertEquals("900 KB", Memory.size(900 << 10));
        assertEquals("12 MB", Memory.size(12L << 20));
        assertEquals("1.5 GB", Memory.size(3L << 29));
        assertEquals("8 GB", Memory.size(8L << 30));
        assertEquals("24 GB", Memory.size(25_283_264_512L));
        assertTrue(Memory.heap() > 0 && Memory.free(false) <= Memory.heap());
    }
}
