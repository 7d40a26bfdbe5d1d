package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import org.jtrain.train.Model;
import org.jtrain.train.Task;
import org.jtrain.train.evaluate.Anomaly;
import org.jtrain.train.evaluate.Backtest;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.evaluate.Forecast;
import org.jtrain.train.evaluate.Language;
import org.jtrain.train.evaluate.Ranking;
import org.jtrain.train.models.ModelSpec;
import org.jtrain.train.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Optional;

@JavaEquivalent({"Evaluation scores = Evaluation.of(model, test);  // Evaluation.Classification or Evaluation.Regression",
        "Figure charts = scores.chart(\"model on test\");  Table perClass = scores.toTable();"})
@Command(name = "evaluate", description = "Score a trained model on a table: accuracy, precision, recall, F1, confusion matrix "
        + "and ROC/PR curves for classes; MSE, RMSE, MAE, R² and residual plots for numbers; MAE, RMSE, MAPE and sMAPE against "
        + "seasonal-naive for forecasts; RMSE, precision@k, recall@k and NDCG@k for recommenders; perplexity for language "
        + "models; average precision and precision at an alert budget for anomaly detectors.")
final class EvaluateMagic extends MagicCommand {

    @Parameters(arity = "2..3", paramLabel = ModelOnTable.LABEL, hideParamSyntax = true,
            description = "The model's variable and the table to score it on (one it was not trained on).")
    List<String> words;

    @Option(names = "--as", paramLabel = "VAR", description = "Also keep the Evaluation (all the numbers) in this variable.")
    String as;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "Recommenders: the k of precision@k, recall@k and "
            + "NDCG@k. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--budget", paramLabel = "N", description = "Anomaly detectors: how many rows may be flagged (the alerts a team "
            + "can check); precision and recall are reported at it. Default: 1%% of the rows.")
    int budget;

    @Option(names = "--backtest", paramLabel = "FOLDS", description = "Forecasts: refit on a growing window and score each next "
            + "stretch of time (rolling origin), FOLDS times, on TABLE, the whole series.")
    int backtest;

    @Option(names = "--engine", paramLabel = "NAME", description = "smile (the default) or spark: score a model trained with --engine "
            + "spark where the data lives (TABLE may then be a Spark dataset). A Spark model given a table is scored on Spark either way.")
    String engine;

    @Override
    protected Object call() {
        ModelOnTable w = ModelOnTable.parse(words);
        Model model = Variables.MODEL.get(shell, w.model());
        Optional<Engine> spark = Engines.spark(engine) ? Optional.of(Engines.spark()) : Engines.loaded().filter(s -> s.owns(model));
        if (spark.isPresent() && !spark.get().owns(model)) {
            throw new BadInput("'" + w.model() + "' is a " + model.kind() + " trained on this machine, not by Spark: drop --engine spark to score it.");
        }
        Evaluation e;
        if (spark.isPresent()) {
            e = spark.get().evaluate(model, Engines.data(shell, spark.get(), w.table()));
        } else {
            e = Evaluation.of(model, Variables.table(shell, w.table()), options());
        }
        if (as != null) shell.define(as, e);
        System.out.println(w.model() + " on " + w.table() + " (" + e.rows() + " rows): " + e);
        Show.figure(e.chart(w.model() + " on " + w.table()));
        return e.toTable();
    }

    private Evaluation.Options options() {
        if (k < 1) throw new BadInput("--k must be at least 1; got " + k + ".");
        if (budget < 0) throw new BadInput("--budget must be a number of rows, at least 1; got " + budget + ".");
        if (backtest < 0 || backtest == 1) throw new BadInput("--backtest must be a number of folds, at least 2; got " + backtest + ".");
        return new Evaluation.Options(k, budget, backtest);
    }

    @Override
    protected void toJava(JavaProgram p) {
        if (Engines.spark(engine)) throw new JavaProgram.Untranslatable("%evaluate --engine spark is not translated: call SparkTrainer.evaluate from jtrain-spark");
        ModelOnTable w = ModelOnTable.parse(words);
        p.importClass("org.jtrain.train.evaluate.Evaluation");
        String title = JavaProgram.literal(w.model() + " on " + w.table());
        String e = as != null ? as : "scores";
        Evaluation.Options o = options();
        String args = o.equals(Evaluation.Options.defaults()) ? "" : ", new Evaluation.Options(" + o.k() + ", " + o.budget() + ", " + o.backtest() + ")";
        String call = "Evaluation.of(" + w.model() + ", " + w.table() + args + ")";
        p.line("{");
        if (as != null) p.line("    " + as + " = " + p.narrowable(as, Evaluation.class, kinds(p.fittedModel(w.model())), call) + ";");
        else p.line("    Evaluation " + e + " = " + call + ";");
        p.line("    System.out.println(\"" + w.model() + " on " + w.table() + " (\" + " + e + ".rows() + \" rows): \" + " + e + ");");
        p.line("    display(" + e + ".chart(" + title + "));");
        if (p.isLast()) p.line("    display(" + e + ".toTable());");
        p.line("}");
    }

    /** What %evaluate may return for the model that %train fitted under {@code model} (any kind when unknown). */
    private static List<Class<?>> kinds(String model) {
        Task task = model == null ? null : Models.find(model).map(ModelSpec::task).orElse(null);
        return switch (task) {
            case CLASSIFICATION -> List.of(Evaluation.Classification.class);
            case REGRESSION -> List.of(Evaluation.Regression.class, Forecast.class, Backtest.class);
            case RECOMMENDATION -> List.of(Ranking.class);
            case LANGUAGE -> List.of(Language.class);
            case ANOMALY -> List.of(Anomaly.class);
            case null -> model != null ? List.of(Evaluation.Classification.class, Evaluation.Regression.class)
                    : List.of(Evaluation.Classification.class, Evaluation.Regression.class, Forecast.class, Backtest.class, Ranking.class,
                    Language.class, Anomaly.class);
        };
    }
}
