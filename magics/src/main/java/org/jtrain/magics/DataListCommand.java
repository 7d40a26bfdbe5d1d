package org.jtrain.magics;

import org.jtrain.data.Load;
import picocli.CommandLine.Command;

@JavaEquivalent("Table datasets = Load.catalog();")
@Command(name = "list", description = "The bundled datasets, loadable by name with %%data load NAME.")
final class DataListCommand extends MagicCommand {

    @Override
    protected Object call() {
        return Load.catalog();
    }
}
