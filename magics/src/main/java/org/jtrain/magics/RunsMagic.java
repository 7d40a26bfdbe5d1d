package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"List<RunStore.Run> runs = RunStore.local().list();  // ./mlruns, or $JTRAIN_RUNS",
        "Table table = RunStore.table(runs, true);  Figure chart = RunStore.chart(runs, \"val_accuracy\");"})
@Command(name = "runs", description = "The training runs recorded by %%train and %%tune (model, hyperparameters, seed, data, "
        + "versions, metrics, duration) in ./mlruns, MLflow's file layout: a table, and a chart comparing chosen runs.")
final class RunsMagic extends MagicCommand {

    @Option(names = "--all", description = "Every run in the store, from earlier sessions too, with its id.")
    boolean all;

    @Option(names = "--compare", split = ",", paramLabel = "RUN", description = "Runs to compare on a chart: numbers from this session's table, or id prefixes (with --all).")
    List<String> compare;

    @Option(names = "--metric", paramLabel = "NAME", description = "The metric to compare. Default: val_accuracy, val_loss, accuracy or loss, the first the runs have.")
    String metric;

    @Override
    protected Object call() throws IOException {
        RunStore store = session.store();
        List<RunStore.Run> runs = all ? store.list() : session.runs();
        Path here = Path.of("").toAbsolutePath();
        Path shown = store.root().startsWith(here) ? here.relativize(store.root()) : store.root();
        System.out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + (all ? " in " : " in this session, recorded in ") + shown
                + " (MLflow's file layout; MLflow's UI shows them: MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri " + shown + ")");
        if (compare != null) Show.figure(RunStore.chart(pick(runs), metric));
        return RunStore.table(runs, all);
    }

    private List<RunStore.Run> pick(List<RunStore.Run> runs) {
        List<RunStore.Run> out = new ArrayList<>();
        for (String key : compare) {
            RunStore.Run found = null;
            if (key.matches("\\d+") && !all) {
                int n = Integer.parseInt(key);
                if (n >= 1 && n <= runs.size()) found = runs.get(n - 1);
            } else {
                List<RunStore.Run> match = runs.stream().filter(r -> r.id().startsWith(key)).toList();
                if (match.size() == 1) found = match.getFirst();
            }
            if (found == null) {
                throw new BadInput("no run '" + key + "'. " + (all ? "Give an id prefix from %runs --all." : "This session's runs are numbered 1 to "
                        + runs.size() + "; with --all, give an id prefix."));
            }
            out.add(found);
        }
        return out;
    }
}
