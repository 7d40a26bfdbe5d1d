package org.jtrain.kernel;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What a magic may do with the kernel it runs in, as IPython's magics do with their shell: read and define the
 * session's variables, run code, extend the classpath, see an interrupt.
 */
public interface Shell {

    /** The value of a session variable, or empty when none has that name. */
    Optional<Object> variable(String name);

    /** The names of the session's variables. */
    List<String> variableNames();

    /**
     * Defines, or redefines, a session variable holding {@code value}, typed as the value's public class.
     * Call it only once the magic has succeeded, so that a failing magic leaves the session as it was.
     */
    void define(String name, Object value);

    /** Runs code as a cell would, magics included, and returns the value of its last expression. */
    Object run(String code);

    /** JShell's class loader, which loads the cells and what {@link #addToClasspath} added; waits for the session to start. */
    ClassLoader classLoader();

    /** Adds jars or folders (separated by the path separator) to the session's classpath. */
    void addToClasspath(String classpath);

    /** Whether the user interrupted the running cell; magics that {@linkplain Magic#pollsInterrupt() poll} it stop early. */
    boolean interruptRequested();

    /** A magic that polls the interrupt says it has told the user what became of it: the kernel adds nothing. */
    default void interruptReported() {
    }

    /** The registered magics by name, to add to or list. */
    SortedMap<String, Magic> magics();
}
