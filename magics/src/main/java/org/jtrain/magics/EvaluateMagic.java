package org.jtrain.magics;

import org.jtrain.kernel.Session;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.Evaluation;
import org.jtrain.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.List;

@Command(name = "evaluate", description = "Score a trained model on a table: accuracy, precision, recall, F1, confusion matrix "
        + "and ROC/PR curves for classes; MSE, RMSE, MAE, R² and residual plots for numbers.")
final class EvaluateMagic extends MagicCommand {

    @Parameters(arity = "2..3", paramLabel = "MODEL [on] TABLE", hideParamSyntax = true,
            description = "The model's variable and the table to score it on (one it was not trained on).")
    List<String> words;

    @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Evaluation (all the numbers) in this variable.")
    String as;

    @Override
    protected Object call() {
        String modelVar = words.getFirst(), tableVar = Tables.afterModel(words, "Usage: %evaluate MODEL [on] TABLE");
        Model model = model(session, modelVar, "Usage: %evaluate MODEL [on] TABLE");
        Table table = Tables.table(session, tableVar);
        Tables.column(table, tableVar, model.target());
        Evaluation e = Evaluation.of(model, table, tableVar);
        if (as != null) session.define(as, e);
        System.out.println(modelVar + " on " + tableVar + " (" + table.rowCount() + " rows): " + e);
        Renderers.show(EvaluationCharts.of(e, modelVar + " on " + tableVar));
        return e.toTable();
    }

    /** The model held by session variable {@code name}, or a UsageError listing the models there are. */
    static Model model(Session session, String name, String usage) {
        Object value = session.variable(name).orElse(null);
        if (value instanceof Model m) return m;
        List<String> models = session.variableNames().stream().filter(v -> session.variable(v).orElse(null) instanceof Model).toList();
        throw new UsageError((value == null ? "No model '" + name + "'. " : "'" + name + "' is a " + value.getClass().getSimpleName() + ", not a model. ")
                + (models.isEmpty() ? "Train one first: %train MODEL TABLE --target COL." : "Models: " + String.join(", ", models) + "."),
                usage, Suggest.closest(name, models).orElse(null));
    }
}
