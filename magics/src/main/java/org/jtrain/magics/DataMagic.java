package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;

@Command(name = "data", description = "Get data into tables, look at it and clean it: list, load, profile, clean (fitting the preprocessing) and apply.",
        subcommands = {DataListCommand.class, DataLoadCommand.class, DataProfileCommand.class, DataCleanCommand.class,
                DataApplyCommand.class})
final class DataMagic extends MagicCommand {

    @Override
    protected Object call() {
        throw new UsageError("%data needs a subcommand: list, load, profile, clean or apply", "Usage: %data list | load NAME|PATH | profile TABLE | clean TABLE ... | apply PREP TABLE", null);
    }
}
