package org.jtrain.magics;

import org.jtrain.kernel.Shell;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import org.jtrain.train.Session;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.Params;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * One magic. A subclass is a picocli {@code @Command} whose name is the magic's name, whose first
 * description line is its summary, and whose {@code @Option}s and {@code @Parameters} are its arguments; a
 * {@link JavaEquivalent} says what it does in Java. A fresh instance parses each call, so fields never leak from one
 * call to the next.
 */
public abstract class MagicCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    private boolean help;

    /** The kernel: the notebook's variables, code and classpath. */
    protected Shell shell;
    /** What the notebook keeps between cells: the seed, the server, the runs. */
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

    /** Whether the magic checks {@code shell.interruptRequested()} itself (long loops that show progress do). */
    protected boolean pollsInterrupt() {
        return false;
    }

    /** Adjusts the parser, e.g. for a magic that takes code, whose words may look like options. */
    protected void configure(CommandLine parser) {
    }

    /** Runs the magic with its arguments parsed into fields; returns the value to show, or null. */
    protected abstract Object call() throws Exception;

    /**
     * Writes what this magic does into a program made from its notebook ({@code ./jtrain java}): the library calls it
     * makes, the variables it defines (as fields of the program) and the text it prints. By default a magic is refused,
     * with this reason.
     */
    protected void toJava(JavaProgram program) {
        throw new JavaProgram.Untranslatable(magicName + " has no translation into a Java program");
    }

    /** The magic's name as typed, e.g. {@code %data load}: set for {@link #toJava}. */
    String magicName;

    /** Records a run of {@code %train} or {@code %tune}; a store that cannot be written costs a note, not the training. */
    protected void recordRun(String name, Model model, Hyperparameters params, History history, Instant start, Map<String, String> tags) {
        try {
            session.record(name, model, Params.options(params), history, start, tags);
        } catch (IOException e) {
            System.out.println("(run not recorded: " + e.getMessage() + ")");
        }
    }

    final Object run(Shell shell, Session session, String rawArgs, String body) throws Exception {
        this.shell = shell;
        this.session = session;
        this.rawArgs = rawArgs;
        this.body = body;
        return call();
    }
}
