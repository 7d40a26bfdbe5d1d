package org.jtrain.magics;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;
import picocli.CommandLine.Command;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

@Command(name = "list", description = "The bundled datasets, loadable by name with %%data load NAME.")
final class DataListCommand extends MagicCommand {

    @Override
    protected Object call() {
        Table t = Table.create("datasets", StringColumn.create("name"), IntColumn.create("rows"), IntColumn.create("columns"),
                StringColumn.create("task"), StringColumn.create("target"), StringColumn.create("license"),
                StringColumn.create("description"));
        for (Dataset d : Datasets.list()) {
            t.stringColumn("name").append(d.name());
            t.intColumn("rows").append(d.rows());
            t.intColumn("columns").append(d.columns());
            t.stringColumn("task").append(d.task());
            t.stringColumn("target").append(d.target());
            t.stringColumn("license").append(d.license());
            t.stringColumn("description").append(d.description());
        }
        return t;
    }
}
