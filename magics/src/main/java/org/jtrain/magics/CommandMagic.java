package org.jtrain.magics;

import org.jtrain.kernel.Args;
import org.jtrain.kernel.Magic;
import org.jtrain.kernel.Session;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.BadInput;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Adapts a picocli {@link MagicCommand} to the kernel: parses, prints help, turns mistakes into {@link UsageError}s. */
final class CommandMagic implements Magic {

    private final Supplier<? extends MagicCommand> factory;
    private final CommandSpec spec; // a parsed declaration, for help and completion only
    private final MagicCommand prototype;

    CommandMagic(Supplier<? extends MagicCommand> factory) {
        this.factory = factory;
        this.prototype = factory.get();
        this.spec = commandLine(prototype).getCommandSpec();
    }

    String name() {
        return spec.name().substring(1);
    }

    @Override
    public String summary() {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : String.format(d[0]); // picocli formats descriptions: a literal % is written %%
    }

    @Override
    public boolean pollsInterrupt() {
        return prototype.pollsInterrupt();
    }

    boolean hasLineForm() {
        return prototype.lineForm();
    }

    boolean hasCellForm() {
        return prototype.cellForm();
    }

    /** The help text, generated from the declaration. */
    String usage() {
        String text = commandLine(factory.get()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
        List<String> forms = new ArrayList<>();
        if (hasLineForm()) forms.add("%" + name() + " ... on a line");
        if (hasCellForm()) forms.add("%%" + name() + " ... heading a cell, with the cell's code as its body");
        return text + "\nForms: " + String.join("; ", forms) + ".";
    }

    /** The one-line synopsis. */
    String synopsis() {
        CommandLine cl = commandLine(factory.get());
        cl.setUsageHelpWidth(1000); // one line, for error messages and the README table
        return "Usage: " + cl.getHelp().synopsis(0).strip();
    }

    @Override
    public Object line(Session session, String args) {
        if (!hasLineForm()) {
            throw new UsageError("%" + name() + " works only as a cell magic: put %%" + name() + " on the first line of the cell",
                    synopsis(), null);
        }
        return invoke(session, args, null);
    }

    @Override
    public Object cell(Session session, String args, String body) {
        if (!hasCellForm()) {
            throw new UsageError("%%" + name() + " is not a cell magic: write %" + name() + " on a line instead",
                    synopsis(), null);
        }
        return invoke(session, args, body);
    }

    private Object invoke(Session session, String args, String body) {
        MagicCommand command = factory.get();
        CommandLine cl = commandLine(command);
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(Args.split(args).toArray(String[]::new));
            if (cl.isUsageHelpRequested()) {
                System.out.println(usage());
                return null;
            }
            CommandLine last = parsed.asCommandLineList().getLast();
            if (last.isUsageHelpRequested()) {
                System.out.println(last.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
                return null;
            }
            MagicCommand target = last.getCommand() instanceof MagicCommand m ? m : command;
            return target.run(session, args, body);
        } catch (CommandLine.ParameterException e) {
            throw usageError(e);
        } catch (BadInput e) { // the training library's word for a user's mistake
            throw new UsageError(e.getMessage());
        } catch (IOException e) { // a file the user named could not be read or written
            throw new UsageError("%" + name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
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
        String message = e.getMessage().replace("\r", "");
        where.setUsageHelpWidth(1000);
        return new UsageError(message, "Usage: " + where.getHelp().synopsis(0).strip(), suggestion);
    }

    @Override
    public List<String> complete(String argsBeforeCursor) {
        List<String> out = new ArrayList<>(spec.subcommands().keySet());
        for (OptionSpec o : spec.options()) out.add(o.longestName());
        return out;
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
