package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Trainer;
import org.jtrain.train.models.AnomalyModel;
import org.jtrain.train.models.FederatedModel;
import org.jtrain.train.models.Hyperparameters;
import org.jtrain.train.models.LanguageModel;
import org.jtrain.train.models.ModelSpec;
import org.jtrain.train.models.Models;
import org.jtrain.train.models.Param;
import org.jtrain.train.models.Params;
import org.jtrain.train.models.Recommender;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

@JavaEquivalent({"Fit fit = Trainer.fit(Forest.params().trees(200), train, \"diagnosis\", FitOptions.validation(val).seed(42));",
        "Model forest = fit.model();  History curves = fit.history();",
        "// %%train: Trainer.fit(Network.of(\"mynet\", block).epochs(5), ...) or Trainer.fit(SmileFit.of(\"myknn\", (x, y) -> ...), ...)"})
@Command(name = "train", description = "Fit a model chosen by name on a table, with a live progress bar and learning curves; "
        + "the model and its History are left in variables. As %%%%train, the cell's code builds the model: a DJL Block, or a "
        + "BiFunction (x, y) -> a Smile model.")
final class TrainMagic extends MagicCommand {

    /** The public kinds of model a fit returns: a program's variable takes the one whose methods the notebook calls. */
    private static final List<Class<?>> MODELS = List.of(Recommender.class, LanguageModel.class, AnomalyModel.class, FederatedModel.class);

    @Parameters(arity = "2..3", paramLabel = ModelOnTable.LABEL, hideParamSyntax = true,
            description = "The model (one of those listed below) and the training table.")
    List<String> words;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
    String target;

    @Option(names = "--val", paramLabel = "TABLE", description = "A validation table, scored every epoch (val_loss, val_accuracy).")
    String val;

    @Option(names = "--as", paramLabel = "VAR", defaultValue = "model", description = "The model's variable. Default: ${DEFAULT-VALUE}.")
    String as;

    @Option(names = "--engine", paramLabel = "NAME", description = "smile (this machine; the default) or spark (MLlib, on the session "
            + "%%spark start began; TABLE may then be a Spark dataset).")
    String engine;

    @Option(names = "--history", paramLabel = "VAR", defaultValue = "history", description = "The History's variable. Default: ${DEFAULT-VALUE}.")
    String historyVar;

    private CommandLine parser;

    @Override
    protected boolean cellForm() {
        return true;
    }

    @Override
    protected boolean pollsInterrupt() {
        return true;
    }

    /** Every model's hyperparameters become options; which belong to the chosen model is checked when they are applied. */
    @Override
    protected void configure(CommandLine parser) {
        this.parser = parser;
        Map<String, List<String>> owners = new TreeMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (ModelSpec<?> spec : Models.all()) {
            for (RecordComponent c : spec.params().getRecordComponents()) {
                String name = "--" + Params.optionName(c);
                owners.computeIfAbsent(name, k -> new ArrayList<>()).add(spec.name());
                descriptions.putIfAbsent(name, c.getAnnotation(Param.class).description());
            }
        }
        owners.forEach((name, models) -> parser.getCommandSpec().addOption(OptionSpec.builder(name)
                .paramLabel("V").type(String.class).hidden(true) // documented per model in the footer
                .description(descriptions.get(name) + " (" + String.join(", ", models) + ")").build()));
        List<String> footer = new ArrayList<>(List.of("", "Models and their hyperparameters (default, allowed range):"));
        footer.add("  In a %%%%train cell, MODEL is any name and the cell's last value is the model: a DJL Block takes");
        footer.add("      --epochs, --batch-size, --learning-rate, --optimizer and --patience; a Smile BiFunction takes none.");
        footer.add("      In a block's forward pass, make constants with manager.full(new Shape(), 0.5f), not x.mul(0.5): on PyTorch");
        footer.add("      a number argument can be freed before the backward pass reads it, and the gradients come out wrong.");
        for (ModelSpec<?> spec : Models.all()) {
            footer.add("  " + spec.name() + ": " + spec.summary());
            for (String p : spec.describeParams()) footer.add("      " + p);
        }
        parser.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    }

    /** Every model's hyperparameter options, e.g. {@code --trees}. */
    private static final Set<String> HYPERPARAMETERS = Models.all().stream().flatMap(s -> s.options().stream()).map(n -> "--" + n)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    protected Object call() throws Exception {
        ModelOnTable w = ModelOnTable.parse(words);
        boolean spark = Engines.spark(engine);
        if (spark && body != null) throw new BadInput("%%train with a model written in the cell runs on Smile or DJL, not --engine spark");
        Hyperparameters params = body == null || body.isBlank() ? Models.params(w.model(), hyperparameters())
                : Models.custom(w.model(), shell.run(body), hyperparameters());
        // the data first: a wrong name is refused before any display
        Engine onSpark = spark ? Engines.spark() : null;
        Object data = spark ? Engines.data(shell, onSpark, w.table()) : Variables.table(shell, w.table());
        Table valTable = val == null ? null : Variables.table(shell, val);
        String label = params.model() + " on " + w.table() + (spark ? " (Spark)" : "");
        TrainingDisplay display = new TrainingDisplay(label);
        Instant start = Instant.now();
        try {
            FitOptions options = session.fitOptions(shell::interruptRequested).withValidation(valTable).listener(display);
            Fit fit = spark ? onSpark.fit(params, data, w.table(), target, options) : Trainer.fit(params, (Table) data, target, options);
            Model fitted = fit.model();
            recordRun(label, fitted, fitted != null ? fitted.params() : params, fit.history(), start,
                    spark ? Map.of("jtrain.engine", "spark") : Map.of());
            if (fitted != null) shell.define(as, fitted);
            shell.define(historyVar, fit.history());
            System.out.println(summary(fit, w.table()));
            if (fitted == null || fit.history().ended().startsWith("interrupted")) shell.interruptReported(); // the summary said so
        } finally {
            display.finish();
        }
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        if (Engines.spark(engine)) throw new JavaProgram.Untranslatable("%train --engine spark is not translated: call SparkTrainer.fit from jtrain-spark");
        if (body != null) {
            throw new JavaProgram.Untranslatable("%%train with a model written in the cell is not translated: in Java, pass it to Trainer.fit as "
                    + "Network.of(name, block) or SmileFit.of(name, (x, y) -> ...)");
        }
        ModelOnTable w = ModelOnTable.parse(words);
        Models.params(w.model(), hyperparameters()); // a wrong model or hyperparameter is refused now, as the magic would
        p.fitted(as, w.model());
        String model = p.narrowable(as, Model.class, MODELS, "fit.model()");
        p.field(historyVar, "History");
        for (String c : List.of("Fit", "FitOptions", "History", "Model", "Trainer")) p.importClass("org.jtrain.train." + c);
        p.importClass("org.jtrain.train.models.Models");
        p.importClass("org.jtrain.train.plot.Plots");
        String params = hyperparameters().entrySet().stream().map(e -> JavaProgram.literal(e.getKey()) + ", " + JavaProgram.literal(e.getValue()))
                .collect(Collectors.joining(", ", "Map.of(", ")"));
        String options = (val == null ? "FitOptions.defaults()" : "FitOptions.validation(" + val + ")") + ".seed(" + p.seed() + ")";
        p.line("{");
        p.line("    Fit fit = Trainer.fit(Models.params(" + JavaProgram.literal(w.model()) + ", " + params + "), " + w.table() + ", "
                + JavaProgram.literal(target) + ", " + options + ");");
        p.line("    " + as + " = " + model + ";");
        p.line("    " + historyVar + " = fit.history();");
        p.line("    System.out.println(\"" + as + " = \" + " + as + " + \", seed \" + seed);");
        p.line("    System.out.println(\"" + historyVar + " = \" + " + historyVar + ");");
        p.line("    if (" + historyVar + ".epochs() > 1) display(Plots.learningCurves(" + historyVar + ", "
                + JavaProgram.literal(Models.params(w.model(), Map.of()).model() + " on " + w.table()) + "));  // the curves %train draws");
        p.line("}");
    }

    /** The hyperparameters given, by option name. */
    private Map<String, String> hyperparameters() {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : parser.getParseResult().matchedOptions()) {
            if (HYPERPARAMETERS.contains(o.longestName())) values.put(o.longestName().substring(2), o.getValue());
        }
        return values;
    }

    private String summary(Fit fit, String table) {
        StringBuilder s = new StringBuilder();
        if (fit.model() == null) {
            s.append("Interrupted before a model was complete, so none was kept");
            if (shell.variable(as).isPresent()) s.append(" (").append(as).append(" is the one from before)");
            s.append(". ").append(historyVar).append(" holds the History so far.");
            if (fit.leftRunning()) { // Smile offers no way to stop some fits midway
                s.append("\nThe interrupted fit still runs in the background, using the CPU until it ends; its result will be dropped.");
            }
            return s.toString();
        }
        s.append(as).append(" = ").append(fit.model()).append(", seed ").append(session.seed()).append('\n');
        s.append(historyVar).append(" = ").append(fit.history());
        if (fit.history().ended().startsWith("interrupted") && fit.history().epochs() == 0) {
            s.append("\nInterrupted while scoring it: ").append(as).append(" is complete but has no metrics; %evaluate ").append(as)
                    .append(" on ").append(table).append(" scores it.");
        } else if (fit.history().ended().startsWith("interrupted")) {
            s.append("\nInterrupted: ").append(as).append(" and ").append(historyVar).append(" keep what was learned so far.");
        }
        return s.toString();
    }
}
