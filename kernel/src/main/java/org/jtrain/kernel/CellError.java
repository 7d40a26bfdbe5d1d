package org.jtrain.kernel;

import java.util.List;

/**
 * A failed cell as the user sees it: an error name, a one-line message and the lines shown under it.
 * The kernel reports it as is, with no Java stack trace of its own.
 */
public class CellError extends RuntimeException {
    private final String name;
    private final List<String> lines;

    public CellError(String name, String message, List<String> lines) {
        super(message, null, false, false);
        this.name = name;
        this.lines = List.copyOf(lines);
    }

    public String name() {
        return name;
    }

    /** The lines of the error output, the first one naming the error. */
    public List<String> lines() {
        return lines;
    }
}
