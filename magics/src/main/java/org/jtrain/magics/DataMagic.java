package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;

@Command(name = "data", description = "Look at and prepare tables: profile them (list, load and clean come next).",
        subcommands = {DataProfileCommand.class})
final class DataMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new UsageError("%data needs a subcommand: profile", "Usage: %data profile TABLE [--target COL]", null);
    }
}
