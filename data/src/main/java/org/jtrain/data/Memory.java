package org.jtrain.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Whether a file's table fits in the heap, told before it is read: a file too big is refused with a message that names
 * its size and the heap and says what to do, instead of ending in an OutOfMemoryError halfway through the read.
 *
 * <p>Reading a CSV takes a multiple of the file's size while it runs: the bytes, where each field starts and ends, and
 * the columns being built. Measured with jtrain's reader on generated 1,000,000-row files of 67 MB, as the smallest
 * {@code -Xmx} that loads each (G1, 2 cores): 3.6 times the file for numbers, 7.6 for text (ids, names, free text), 5.0
 * for a mix; 0.9, 3.8 and 2.3 times stay in use once it is loaded. JSON, read whole into a tree first, took 15.5 times
 * (numbers) and 8.3 (text). More cores build more columns at once: on 8, numbers took 4.5 times.
 */
public final class Memory {

    /** Heap per byte of a CSV while it loads: for fields that are numbers (or dates, booleans, missing), and for text. */
    static final double CSV_NUMBERS = 3.5, CSV_TEXT = 7.5;
    /** Heap per byte of JSON while it loads. */
    static final double JSON = 16;
    /** How much of a file's start is read to tell numbers from text. */
    static final int PREFIX = 1 << 20;

    private Memory() {
    }

    /** The most heap the JVM will use ({@code -Xmx}, which {@code ./jtrain lab --memory} sets). */
    public static long heap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The heap not in use now; with {@code collect}, after asking the JVM to collect garbage first (a full collection). */
    public static long free(boolean collect) {
        if (collect) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * What loading a file takes.
     *
     * @param fileSize  its size on disk
     * @param dataSize  its size once unzipped (the same unless it is .gz)
     * @param rows      about how many rows it has, from its first lines; 0 if not known
     * @param needed    the heap that loading it takes, about; -1 if not known for its format
     */
    public record Estimate(Path file, long fileSize, long dataSize, long rows, long needed) {
    }

    /**
     * The heap that loading {@code bytes} of text takes, about: for CSV and TSV, {@code textShare} (0 to 1) is the share
     * of those bytes in fields that are not numbers, dates or booleans; -1 for a format not measured.
     */
    public static long needed(long bytes, Load.Format format, double textShare) {
        double perByte = switch (format) {
            case CSV, TSV -> CSV_NUMBERS + (CSV_TEXT - CSV_NUMBERS) * Math.clamp(textShare, 0, 1);
            case JSON -> JSON;
            default -> -1;
        };
        return perByte < 0 ? -1 : (long) Math.ceil(bytes * perByte);
    }

    /** An estimate for a file: its size (unzipped, for .gz) and, for CSV and TSV, the share of text in its first megabyte. */
    public static Estimate estimate(Path file) throws IOException {
        String name = file.getFileName().toString();
        Load.Format format = Load.format(name);
        boolean gzip = name.toLowerCase(Locale.ROOT).endsWith(".gz"), csv = format == Load.Format.CSV || format == Load.Format.TSV;
        long size = Files.size(file);
        try (Counting raw = new Counting(Files.newInputStream(file)); InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            Sniff sniff = new Sniff();
            CsvRecords records = new CsvRecords(in, format == Load.Format.TSV ? '\t' : ',', PREFIX);
            long rows = 0;
            boolean header = true, whole = false;
            while (records.bytesRead() < PREFIX && !records.cut && !(whole = !records.next())) {
                if (header) { header = false; continue; }
                if (records.blank()) continue;
                if (csv) sniff.record(records);
                rows++;
            }
            long data = !gzip ? size : whole ? records.bytesRead() : unzippedSize(file, size, size * records.bytesRead() / Math.max(1, raw.count));
            long perRow = !csv || rows == 0 ? 0 : Math.max(1, records.bytesRead() / (rows + 1));
            return new Estimate(file, size, data, perRow == 0 ? 0 : data / perRow, needed(data, format, csv ? sniff.textShare() : 1));
        }
    }

    /**
     * Refuses a file whose table would not fit in the free heap, with a message that names the file's size and the
     * heap and says what to do. The free heap is measured after a garbage collection when it looks too small without.
     */
    public static void requireFits(Path file) throws IOException {
        Estimate e = estimate(file);
        if (e.needed() < 0 || e.needed() <= free(false) || e.needed() <= free(true)) return;
        throw new BadInput(tooBig(e, free(false), heap(), machine()));
    }

    /** The message for a file that needs more than the {@code free} heap: its size, the heap, and what to do. */
    static String tooBig(Estimate e, long free, long heap, long machine) {
        String name = e.file().getFileName().toString();
        String size = size(e.fileSize()) + (e.dataSize() != e.fileSize() ? " (" + size(e.dataSize()) + " unzipped)" : "");
        StringBuilder m = new StringBuilder("'" + name + "' is " + size + " and loading it takes about " + size(e.needed())
                + " of memory, but the heap has " + size(free) + " free (of " + size(heap) + ")");
        if (heap - free > heap / 2) m.append(", the rest held by the session's variables (set those you no longer need to null)");
        m.append(". Read only what you need: filter or aggregate it in %sql, which reads the file without loading it"
                + " (SELECT ... FROM '" + name + "' WHERE ... or GROUP BY ...), or use Spark");
        long wanted = (e.needed() + (heap - free)) * 5 / 4;
        long gigabytes = (wanted + (1L << 30) - 1) >> 30;
        if (machine <= 0 || wanted < machine * 0.9) {
            m.append("; or give the kernel more memory: ./jtrain lab --memory ").append(gigabytes).append("g (java -Xmx")
                    .append(gigabytes).append("g outside jtrain)");
        } else {
            m.append(" (all of it would need more than this machine's ").append(size(machine)).append(" of memory)");
        }
        return m.append('.').toString();
    }

    /** The machine's memory as the JVM sees it (a container's limit, in a container); 0 if not known. */
    public static long machine() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    /** A size for people: 900 KB, 12 MB, 1.5 GB, 8 GB. */
    public static String size(long bytes) {
        if (bytes < 1L << 20) return Math.max(1, (bytes + 1023) >> 10) + " KB";
        if (bytes < 1L << 30) return Math.round(bytes / (double) (1L << 20)) + " MB";
        double gb = bytes / (double) (1L << 30);
        return (gb < 10 && Math.abs(gb - Math.rint(gb)) >= 0.05 ? String.format(Locale.ROOT, "%.1f", gb) : Long.toString(Math.round(gb))) + " GB";
    }

    /**
     * A gzip file's unzipped size: its last four bytes hold it modulo 4 GB, so of the sizes they allow, the one nearest
     * to {@code guess} (the zipped size times the ratio of the file's start).
     */
    private static long unzippedSize(Path file, long size, long guess) throws IOException {
        if (size < 18) return guess;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(size - 4);
            long isize = (f.read() | f.read() << 8 | f.read() << 16 | (long) f.read() << 24) & 0xffffffffL;
            return isize + Math.max(0, Math.round((guess - isize) / (double) (1L << 32))) * (1L << 32);
        }
    }

    /** Counts the bytes read through it: how much of a zipped file its first megabyte unzipped took. */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    /** Counts the bytes of a CSV's fields that hold numbers, dates, booleans or nothing, and of those that hold text. */
    static final class Sniff {
        private long cheap, text;

        void record(CsvRecords r) {
            for (int f = 0; f < r.fields; f++) field(r, f);
        }

        /** Counts only the fields at {@code keep}. */
        void record(CsvRecords r, int[] keep) {
            for (int f : keep) field(r, f);
        }

        private void field(CsvRecords r, int f) {
            int s = r.start(f), e = r.ends[f];
            if (cheap(r.record, s, e)) cheap += e - s + 1;
            else text += e - s + 1;
        }

        double textShare() {
            return cheap + text == 0 ? 1 : text / (double) (cheap + text);
        }

        /** A number, a date (2024-01-31), true/false, or a missing value: stored in a few bytes whatever its text. */
        static boolean cheap(byte[] b, int s, int e) {
            while (s < e && b[s] == ' ') s++;
            while (e > s && b[e - 1] == ' ') e--;
            int n = e - s;
            if (n == 0) return true;
            String t = n <= 32 ? new String(b, s, n, java.nio.charset.StandardCharsets.ISO_8859_1) : null;
            if (t == null) return false;
            if (t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("NaN") || t.equalsIgnoreCase("N/A") || t.equalsIgnoreCase("null")
                    || t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return true;
            return t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?") || t.matches("\\d{4}-\\d{2}-\\d{2}([ T][\\d:.]+)?");
        }
    }
}
