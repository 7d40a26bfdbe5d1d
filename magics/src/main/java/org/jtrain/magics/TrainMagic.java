package org.jtrain.magics;

import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.Model;
import org.jtrain.train.ModelSpec;
import org.jtrain.train.Models;
import org.jtrain.train.Param;
import org.jtrain.train.Params;
import org.jtrain.train.Seeds;
import org.jtrain.train.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

@Command(name = "train", description = "Fit a model chosen by name on a table, with a live progress bar and learning curves; "
        + "the model and its History are left in variables. As %%%%train, the cell's code builds the model: a DJL Block, or a "
        + "BiFunction (x, y) -> a Smile model.")
final class TrainMagic extends MagicCommand {

    @Parameters(arity = "2..3", paramLabel = "MODEL [on] TABLE", hideParamSyntax = true,
            description = "The model (one of those listed below) and the training table.")
    List<String> words;

    private String model;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
    String target;

    @Option(names = "--val", paramLabel = "TABLE", description = "A validation table, scored every epoch (val_loss, val_accuracy).")
    String val;

    @Option(names = "--as", paramLabel = "VAR", defaultValue = "model", description = "The model's variable. Default: ${DEFAULT-VALUE}.")
    String as;

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

    /** Every model's hyperparameters become options; which belong to the chosen model is checked after parsing. */
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
        for (ModelSpec<?> spec : Models.all()) {
            footer.add("  " + spec.name() + ": " + spec.summary());
            for (String p : spec.describeParams()) footer.add("      " + p);
        }
        parser.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    }

    @Override
    protected Object call() throws Exception {
        model = words.getFirst();
        String table = table();
        ModelSpec<?> spec = body == null || body.isBlank() ? Models.find(model).orElseThrow(() -> unknownModel(model))
                : Models.custom(model, session.run(body));
        Map<String, String> options = hyperparameters(spec);
        Smoke.epochs(spec, options);
        Table train = Tables.table(session, table);
        Tables.column(train, table, target);
        Table valTable = null;
        if (val != null) {
            valTable = Tables.table(session, val);
            Tables.column(valTable, val, target);
        }
        TrainingDisplay display = new TrainingDisplay(spec.name() + " on " + table);
        java.time.Instant start = java.time.Instant.now();
        try {
            Training.Result result = Training.fit(spec, options, train, table, valTable, val, target, List.of(display),
                    session::interruptRequested);
            Model fitted = result.model();
            RunsMagic.record(spec.name() + " on " + table, fitted, fitted != null ? org.jtrain.train.Params.options(fitted.params()) : options,
                    result.history(), start, Map.of());
            if (fitted != null) session.define(as, fitted);
            session.define(historyVar, result.history());
            System.out.println(summary(spec, fitted, result));
        } finally {
            display.finish();
        }
        return null;
    }

    private String table() {
        List<String> where = words.subList(1, words.size());
        if (where.size() == 2 && !where.getFirst().equals("on")) {
            throw new UsageError("expected 'on TABLE' or TABLE after the model; got '" + String.join(" ", where) + "'",
                    "Usage: %train MODEL [on] TABLE --target COL [--val TABLE]", null);
        }
        if (where.size() == 1 && where.getFirst().equals("on")) {
            throw new UsageError("'on' needs a table after it", "Usage: %train MODEL [on] TABLE --target COL [--val TABLE]", null);
        }
        return where.getLast();
    }

    /** The hyperparameters given, by option name, refusing those of other models. */
    private Map<String, String> hyperparameters(ModelSpec<?> spec) {
        List<String> own = new ArrayList<>();
        for (RecordComponent c : spec.params().getRecordComponents()) own.add("--" + Params.optionName(c));
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : parser.getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (!isHyperparameter(name)) continue;
            if (!own.contains(name)) {
                throw new UsageError(name + " is not a hyperparameter of " + spec.name() + ". Its hyperparameters: "
                        + (own.isEmpty() ? "none" : String.join(", ", own)) + ".", "Usage: %train " + spec.name() + " TABLE --target COL "
                        + String.join(" ", own.stream().map(n -> "[" + n + " V]").toList()), Suggest.closest(name, own).orElse(null));
            }
            values.put(name.substring(2), o.getValue());
        }
        return values;
    }

    /** Every model's hyperparameter options, e.g. {@code --trees}. */
    private static final Set<String> HYPERPARAMETERS = Models.all().stream()
            .flatMap(s -> Arrays.stream(s.params().getRecordComponents())).map(c -> "--" + Params.optionName(c))
            .collect(Collectors.toUnmodifiableSet());

    private static boolean isHyperparameter(String option) {
        return HYPERPARAMETERS.contains(option);
    }

    static UsageError unknownModel(String name) {
        List<String> names = Models.all().stream().map(ModelSpec::name).toList();
        return new UsageError("Unknown model '" + name + "'. Models: " + String.join(", ", names) + ".",
                "Usage: %train MODEL [on] TABLE --target COL [--val TABLE]", Suggest.closest(name, names).orElse(null));
    }

    private String summary(ModelSpec<?> spec, Model fitted, Training.Result r) {
        StringBuilder s = new StringBuilder();
        if (fitted == null) {
            s.append("Interrupted before a model was complete, so none was kept");
            if (session.variable(as).isPresent()) s.append(" (").append(as).append(" is the one from before)");
            s.append(". ").append(historyVar).append(" holds the History so far.");
            int running = Training.stillFitting();
            if (running > 0) { // Smile offers no way to stop some fits midway
                s.append('\n').append(running == 1
                        ? "An interrupted fit still runs in the background, using the CPU until it ends; its result will be dropped."
                        : running + " interrupted fits still run in the background, using the CPU until they end; their results will be dropped.");
            }
            return s.toString();
        }
        s.append(as).append(" = ").append(fitted).append(", seed ").append(Seeds.current()).append('\n');
        s.append(historyVar).append(" = ").append(r.history());
        if (r.history().ended().startsWith("interrupted") && r.history().epochs() == 0) {
            s.append("\nInterrupted while scoring it: ").append(as).append(" is complete but has no metrics; %evaluate ").append(as)
                    .append(" on ").append(table()).append(" scores it.");
        } else if (r.history().ended().startsWith("interrupted")) {
            s.append("\nInterrupted: ").append(as).append(" and ").append(historyVar).append(" keep what was learned so far.");
        }
        return s.toString();
    }
}
