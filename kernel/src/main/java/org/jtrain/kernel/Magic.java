package org.jtrain.kernel;

import java.util.List;

/**
 * A magic as the kernel sees it: {@code %name args} on a line, or {@code %%name args} heading a cell.
 * The magics extension implements this; the kernel only parses, dispatches and shows the result.
 */
public interface Magic {

    /** The magic's own name; a magic registered under others too (IJava's names for it) is listed once, by this. */
    default String name() {
        return null;
    }

    /** One line saying what the magic does, for {@code %help}. */
    String summary();

    /** Runs {@code %name args}; returns the value shown as the result, or null. */
    Object line(Shell shell, String args);

    /** Runs a cell headed by {@code %%name args}; {@code body} may be empty. */
    Object cell(Shell shell, String args, String body);

    /**
     * Whether the magic checks {@link Shell#interruptRequested()} and stops early. One that does not runs to its end
     * when interrupted (the kernel never interrupts a magic's thread), and the kernel says so.
     */
    default boolean pollsInterrupt() {
        return false;
    }

    /** Completions for the argument text typed so far, e.g. option names. */
    default List<String> complete(String argsBeforeCursor) {
        return List.of();
    }
}
