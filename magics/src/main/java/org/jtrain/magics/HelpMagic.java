package org.jtrain.magics;

import org.jtrain.kernel.Magic;
import org.jtrain.data.Suggest;
import org.jtrain.data.BadInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

@JavaEquivalent({"// The library the magics call: org.jtrain.data (Load, Profile, Preprocessing, Split), org.jtrain.train (Trainer,",
        "// FitOptions, Session) with org.jtrain.train.models (the hyperparameter records), evaluate, tune, monitor, files,",
        "// serve, runs and plot, and org.jtrain.charts (Figure). Each magic's --help ends with its Java equivalent."})
@Command(name = "help", description = "List every magic, or show how to use one.")
final class HelpMagic extends MagicCommand {

    @Parameters(arity = "0..1", paramLabel = "MAGIC", description = "A magic's name, with or without the %%.")
    String name;

    @Override
    protected Object call() {
        Map<String, Magic> magics = shell.magics();
        if (name == null) {
            int width = magics.values().stream().map(Magic::name).filter(java.util.Objects::nonNull)
                    .mapToInt(String::length).max().orElse(4) + 3;
            StringBuilder out = new StringBuilder("Magics (%help NAME or %NAME --help for details):\n");
            magics.forEach((n, m) -> {
                if (m.name() != null && !m.name().equals(n)) return; // another name of a magic listed under its own
                String also = m instanceof CommandMagic c && !c.aliases().isEmpty()
                        ? " IJava's names for it: %" + String.join(", %", c.aliases()) + "." : "";
                out.append(String.format("  %-" + width + "s%s%s%n", "%" + n, m.summary(), also));
            });
            System.out.print(out);
            return null;
        }
        String bare = name.replaceFirst("^%+", "");
        Magic magic = magics.get(bare);
        if (magic == null) {
            throw new BadInput("no magic named %" + bare + ". Magics: %" + String.join(", %", magics.keySet()),
                    Suggest.closest(bare, magics.keySet()).map(s -> "%" + s).orElse(null));
        }
        if (magic instanceof CommandMagic c) System.out.println(c.usage());
        else System.out.println("%" + bare + ": " + magic.summary());
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        throw new JavaProgram.Untranslatable("%help shows help in the notebook; a program has nothing to run for it: delete the cell, or read the help in the notebook");
    }
}
