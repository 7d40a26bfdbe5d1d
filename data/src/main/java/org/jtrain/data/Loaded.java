package org.jtrain.data;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled datasets and files that {@link Load} and {@link Parquet} read on a thread, for the record of where a
 * notebook's results came from ({@code %repro}). A kernel runs every cell on one thread, so this is one notebook's
 * record, and two kernels in one JVM keep two; threads a cell starts share it.
 *
 * <p>Reading a file only notes its path, size and modification time, so loading costs nothing more; its SHA-256 is
 * computed when {@link Entry#hash()} is asked, and says whether the file changed since it was read.
 */
public final class Loaded {

    private static final ThreadLocal<Loaded> CURRENT = new InheritableThreadLocal<>() {
        @Override
        protected Loaded initialValue() {
            return new Loaded();
        }
    };

    /** Where the bundled datasets' files are, relative to the repository, so a reader can find and hash the same file. */
    public static final String DATASETS_FOLDER = "datasets/src/main/resources/org/jtrain/datasets/";

    /**
     * One dataset or file: {@code name} as it was asked for (a dataset's name, or the path as given), {@code file}
     * where it is (a bundled dataset's file in the repository, or the path, relative to the working folder when inside
     * it), its size and modification time when read ({@code -1} for a bundled dataset, which cannot change) and the
     * rows of the table read ({@code -1} when a query read it, and only the result's rows are known).
     */
    public record Entry(String name, String file, Path path, long size, long modified, int rows) {

        public boolean bundled() {
            return path == null;
        }

        /** The SHA-256 of the bytes as they are now (null if the file is gone), and whether they changed since the read. */
        public Hash hash() {
            if (bundled()) {
                Dataset d = Datasets.find(name).orElseThrow();
                try (InputStream in = Dataset.class.getResourceAsStream(d.file())) {
                    return new Hash(sha256(in), false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try {
                boolean changed = Files.size(path) != size || Files.getLastModifiedTime(path).toMillis() != modified;
                try (InputStream in = Files.newInputStream(path)) {
                    return new Hash(sha256(in), changed);
                }
            } catch (IOException e) { // deleted or unreadable since: say so instead of failing the whole record
                return new Hash(null, true);
            }
        }
    }

    /** A file's SHA-256 in hex (null when it could not be read), and whether it is not the file that was loaded. */
    public record Hash(String sha256, boolean changed) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The record of this thread (one per kernel: its cells all run on one thread). */
    public static Loaded current() {
        return CURRENT.get();
    }

    /** Notes that bundled dataset {@code name} was read, giving a table of {@code rows} rows. */
    public synchronized void dataset(String name, int rows) {
        Dataset d = Datasets.find(name).orElseThrow(() -> new IllegalArgumentException("no bundled dataset " + name));
        entries.remove("dataset:" + name);
        entries.put("dataset:" + name, new Entry(name, DATASETS_FOLDER + d.file(), null, -1, -1, rows));
    }

    /** Notes that file {@code path} was read, giving a table of {@code rows} rows; read again, it replaces the first note. */
    public synchronized void file(Path path, int rows) {
        try {
            Path absolute = path.toAbsolutePath().normalize();
            Path here = Path.of("").toAbsolutePath();
            String shown = absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
            entries.remove(absolute.toString()); // a file read again moves to the end, where its last read belongs
            entries.put(absolute.toString(), new Entry(path.toString(), shown, absolute, Files.size(path),
                    Files.getLastModifiedTime(path).toMillis(), rows));
        } catch (IOException e) {
            // it was just read; if it vanished in between, there is nothing to record
        }
    }

    /**
     * Notes the files a glob such as {@code sales/*.parquet} (or one file's path) names, as a query read them; their
     * rows are not known, only the whole result's.
     */
    public void files(String pattern) {
        for (Path p : matching(pattern)) file(p, -1);
    }

    /** The regular files a glob names ({@code *}, {@code ?}, {@code [..]}, {@code **}), in order; a plain path, if it is a file. */
    static List<Path> matching(String pattern) {
        int glob = indexOfGlob(pattern);
        if (glob < 0) return Files.isRegularFile(Path.of(pattern)) ? List.of(Path.of(pattern)) : List.of();
        int slash = pattern.lastIndexOf('/', glob);
        Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : pattern.substring(0, slash));
        String rest = pattern.substring(slash + 1);
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + rest);
        if (!Files.isDirectory(dir)) return List.of();
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        try (var found = Files.walk(dir, depth)) {
            return found.filter(Files::isRegularFile).filter(p -> matcher.matches(dir.relativize(p))).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static int indexOfGlob(String s) {
        for (int i = 0; i < s.length(); i++) if ("*?[{".indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    /** What was read, first read first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Forgets what was read. */
    public synchronized void clear() {
        entries.clear();
    }

    /** The SHA-256 of a stream's bytes, in hex. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }
}
