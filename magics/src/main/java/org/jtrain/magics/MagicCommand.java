package org.jtrain.magics;

import org.jtrain.kernel.Session;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * One magic. A subclass is a picocli {@code @Command} whose name is the magic's name, whose first
 * description line is its summary, and whose {@code @Option}s and {@code @Parameters} are its arguments.
 * A fresh instance parses each call, so fields never leak from one call to the next.
 */
public abstract class MagicCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    /** The user's session. */
    protected Session session;
    /** The argument text as typed, for magics that take code rather than options. */
    protected String rawArgs;
    /** The cell body for the {@code %%name} form (possibly empty), or null for the {@code %name} form. */
    protected String body;

    /** Whether {@code %name ...} on a line is allowed. */
    protected boolean lineForm() {
        return true;
    }

    /** Whether {@code %%name ...} heading a cell is allowed. */
    protected boolean cellForm() {
        return false;
    }

    /** Whether the magic checks {@code session.interruptRequested()} itself (long loops that show progress do). */
    protected boolean pollsInterrupt() {
        return false;
    }

    /** Adjusts the parser, e.g. for a magic that takes code, whose words may look like options. */
    protected void configure(CommandLine parser) {
    }

    /** Runs the magic with its arguments parsed into fields; returns the value to show, or null. */
    protected abstract Object call() throws Exception;

    final Object run(Session session, String rawArgs, String body) throws Exception {
        this.session = session;
        this.rawArgs = rawArgs;
        this.body = body;
        return call();
    }
}
