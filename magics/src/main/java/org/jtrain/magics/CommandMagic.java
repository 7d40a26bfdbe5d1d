package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.kernel.Args;
import org.jtrain.kernel.Magic;
import org.jtrain.kernel.Shell;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.Session;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Adapts a picocli {@link MagicCommand} to the kernel: parses, prints help (ending with the Java equivalent), and is
 * the one place where a mistake becomes a {@link UsageError}: a bad option, the library's {@link BadInput}, or a file
 * that could not be read, each with the usage line of the (sub)command.
 */
final class CommandMagic implements Magic {

    private final Supplier<? extends MagicCommand> factory;
    private final Session session;
    private final CommandSpec spec; // a parsed declaration, for help and completion only
    private final MagicCommand prototype;
    private MagicCommand lastRun; // on the cell thread, which runs one magic at a time

    /** @param session the notebook's session, or null for a magic only asked about its declaration */
    CommandMagic(Supplier<? extends MagicCommand> factory, Session session) {
        this.factory = factory;
        this.session = session;
        this.prototype = factory.get();
        this.spec = commandLine(prototype).getCommandSpec();
    }

    @Override
    public String name() {
        return spec.name().substring(1);
    }

    /** Other names of the magic, such as IJava's {@code %addMavenDependency} for {@code %maven}. */
    List<String> aliases() {
        return List.of(spec.aliases());
    }

    @Override
    public String summary() {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : String.format(d[0]); // picocli formats descriptions: a literal % is written %%
    }

    /** Whether the (sub)command that ran last polls: {@code %data load} does, {@code %data profile} does not. */
    @Override
    public boolean pollsInterrupt() {
        MagicCommand ran = lastRun;
        return (ran != null ? ran : prototype).pollsInterrupt();
    }

    boolean hasLineForm() {
        return prototype.lineForm();
    }

    boolean hasCellForm() {
        return prototype.cellForm();
    }

    /** The help text, generated from the declaration. */
    String usage() {
        CommandLine cl = commandLine(factory.get());
        String text = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
        List<String> forms = new ArrayList<>();
        if (hasLineForm()) forms.add("%" + name() + " ... on a line");
        if (hasCellForm()) forms.add("%%" + name() + " ... heading a cell, with the cell's code as its body");
        return text + "\nForms: " + String.join("; ", forms) + "." + javaEquivalent(cl);
    }

    /** The one-line synopsis. */
    String synopsis() {
        return synopsis(commandLine(factory.get()));
    }

    @Override
    public Object line(Shell shell, String args) {
        if (!hasLineForm()) {
            throw new UsageError("%" + name() + " works only as a cell magic: put %%" + name() + " on the first line of the cell",
                    synopsis(), null);
        }
        return invoke(shell, args, null);
    }

    @Override
    public Object cell(Shell shell, String args, String body) {
        if (!hasCellForm()) {
            throw new UsageError("%%" + name() + " is not a cell magic: write %" + name() + " on a line instead",
                    synopsis(), null);
        }
        return invoke(shell, args, body);
    }

    private Object invoke(Shell shell, String args, String body) {
        MagicCommand command = factory.get();
        CommandLine cl = commandLine(command);
        CommandLine where = cl;
        lastRun = null;
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(Args.split(args).toArray(String[]::new));
            where = parsed.asCommandLineList().getLast();
            if (cl.isUsageHelpRequested()) {
                System.out.println(usage());
                return null;
            }
            if (where.isUsageHelpRequested()) {
                System.out.println(where.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing() + javaEquivalent(where));
                return null;
            }
            MagicCommand target = where.getCommand() instanceof MagicCommand m ? m : command;
            lastRun = target;
            return target.run(shell, session, args, body);
        } catch (CommandLine.ParameterException e) {
            throw usageError(e);
        } catch (BadInput e) { // the library's word for a user's mistake
            throw new UsageError(e.getMessage(), synopsis(where), e.suggestion().orElse(null));
        } catch (IOException e) { // a file the user named could not be read or written
            throw new UsageError("%" + name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), synopsis(where), null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private UsageError usageError(CommandLine.ParameterException e) {
        CommandLine where = e.getCommandLine();
        String suggestion = null;
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            String typed = unmatched.getFirst();
            List<String> names = new ArrayList<>(where.getCommandSpec().subcommands().keySet());
            for (OptionSpec o : where.getCommandSpec().options()) names.addAll(List.of(o.names()));
            suggestion = Suggest.closest(typed, names).orElse(null);
            for (OptionSpec o : where.getCommandSpec().options()) { // 'as fm' for '--as fm'
                if (o.longestName().equals("--" + typed)) {
                    suggestion = o.longestName() + (o.arity().max() > 0 && unmatched.size() > 1 ? " " + unmatched.get(1) : "");
                }
            }
        }
        return new UsageError(e.getMessage().replace("\r", ""), synopsis(where), suggestion);
    }

    /** Writes the magic, with these arguments, into a program ({@code ./jtrain java}); refuses with one line what it cannot. */
    void toJava(String args, String body, JavaProgram program) {
        MagicCommand command = factory.get();
        CommandLine cl = commandLine(command);
        try {
            CommandLine where = cl.parseArgs(Args.split(args).toArray(String[]::new)).asCommandLineList().getLast();
            if (cl.isUsageHelpRequested() || where.isUsageHelpRequested()) {
                program.line("// %" + name() + " " + args + ": shows the magic's help in a notebook; here, read its --help there");
                return;
            }
            MagicCommand target = where.getCommand() instanceof MagicCommand m ? m : command;
            target.rawArgs = args;
            target.body = body;
            target.magicName = where.getCommandSpec().qualifiedName(" ");
            target.toJava(program);
        } catch (CommandLine.ParameterException e) {
            throw new JavaProgram.Untranslatable("%" + name() + " " + args + ": " + e.getMessage().replace("\r", "").lines().findFirst().orElse(""));
        } catch (BadInput e) {
            throw new JavaProgram.Untranslatable("%" + name() + " " + args + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> complete(String argsBeforeCursor) {
        List<String> out = new ArrayList<>(spec.subcommands().keySet());
        for (OptionSpec o : spec.options()) out.add(o.longestName());
        return out;
    }

    private static String synopsis(CommandLine cl) {
        cl.setUsageHelpWidth(1000); // one line, for error messages and the README table
        return "Usage: " + cl.getHelp().synopsis(0).strip();
    }

    /** The help's last lines: the magic's {@link JavaEquivalent}. */
    static String javaEquivalent(CommandLine cl) {
        JavaEquivalent java = cl.getCommand().getClass().getAnnotation(JavaEquivalent.class);
        if (java == null) return "";
        return "\n\nIn Java:\n  " + String.join("\n  ", java.value());
    }

    private static CommandLine commandLine(MagicCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setCommandName("%" + cl.getCommandName());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        command.configure(cl);
        return cl;
    }
}
