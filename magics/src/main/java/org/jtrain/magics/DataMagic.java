package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;

@Command(name = "data", description = "Get data into tables and look at it: list the bundled datasets, load one or a file, profile a table.",
        subcommands = {DataListCommand.class, DataLoadCommand.class, DataProfileCommand.class})
final class DataMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new UsageError("%data needs a subcommand: list, load or profile", "Usage: %data list | %data load NAME|PATH | %data profile TABLE", null);
    }
}
