package org.jtrain.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** One bundled dataset, as its catalog row describes it. */
public record Dataset(String name, String file, int rows, int columns, String task, String target,
                      String source, String license, String description) {

    /** The dataset's CSV text (header first), decompressed. */
    public InputStream open() {
        InputStream raw = Dataset.class.getResourceAsStream(file);
        if (raw == null) throw new IllegalStateException("dataset file missing from the classpath: " + file);
        try {
            return file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
