package org.jtrain.magics;

import org.jtrain.data.Tables;
import org.jtrain.train.models.Forecaster;
import org.jtrain.train.models.Param;
import org.jtrain.train.models.Params;
import org.jtrain.train.models.TimeFeatures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

@JavaEquivalent({"TimeFeatures features = TimeFeatures.of(Forecaster.params().known(\"holiday\"));",
        "Table births_features = features.table(table, \"births\");  // features.names(false): the columns it adds"})
@Command(name = "features", description = "Turn a time series into the table a forecaster learns from: lags, rolling-window means "
        + "and spreads, calendar features and columns known ahead, each row's made only of what is known --horizon steps "
        + "before it. Rows without enough history are left out. Its options are the forecaster's (%%help train).")
final class DataFeaturesCommand extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The variable holding the series: a date column and the target, one row per step.")
    String table;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to forecast.")
    String target;

    @Option(names = "--as", paramLabel = "VAR", description = "The features' variable. Default: TABLE_features.")
    String as;

    @Spec
    CommandSpec spec;

    /** The forecaster's hyperparameters that choose the features become this command's options, declared once there. */
    static void declare(CommandLine command) {
        for (RecordComponent c : Forecaster.class.getRecordComponents()) {
            String name = Params.optionName(c);
            if (!TimeFeatures.OPTIONS.contains(name)) continue;
            Param p = c.getAnnotation(Param.class);
            String fallback = p.defaultValue().isEmpty() ? "\"\"" : p.defaultValue();
            command.getCommandSpec().addOption(OptionSpec.builder("--" + name).paramLabel("V").type(String.class)
                    .description(p.description().replace("%", "%%") + ". Default: " + fallback + ".").build());
        }
    }

    @Override
    protected Object call() {
        Table source = Variables.table(shell, table);
        TimeFeatures features = TimeFeatures.of(Params.create(Forecaster.class, options()));
        Table out = features.table(Tables.named(source, table), target);
        String variable = as != null ? as : table + "_features";
        out.setName(variable);
        shell.define(variable, out);
        int left = source.rowCount() - out.rowCount();
        System.out.println(variable + " = " + out.rowCount() + " rows × " + out.columnCount() + " columns: " + String.join(", ",
                out.columnNames().subList(2, out.columnCount())) + ". Left out: the first " + left + " rows of " + table
                + ", which have fewer than " + features.lookback() + " steps before them.");
        return out.first(5);
    }

    /** The feature options given, by option name. */
    private Map<String, String> options() {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName().substring(2);
            if (TimeFeatures.OPTIONS.contains(name)) values.put(name, o.getValue());
        }
        return values;
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.train.models.Forecaster");
        p.importClass("org.jtrain.train.models.Params");
        p.importClass("org.jtrain.train.models.TimeFeatures");
        Map<String, String> options = options();
        Params.create(Forecaster.class, options); // a bad value is refused now, as the magic would
        String variable = as != null ? as : table + "_features";
        String map = options.entrySet().stream().map(e -> JavaProgram.literal(e.getKey()) + ", " + JavaProgram.literal(e.getValue()))
                .collect(Collectors.joining(", ", "Map.of(", ")"));
        p.field(variable, "Table");
        p.line(variable + " = TimeFeatures.of(Params.create(Forecaster.class, " + map + ")).table(" + table + ", "
                + JavaProgram.literal(target) + ").setName(" + JavaProgram.literal(variable) + ");");
        p.line("System.out.println(\"" + variable + " = \" + " + variable + ".rowCount() + \" rows × \" + " + variable + ".columnCount() + \" columns\");");
        p.value(variable + ".first(5)");
    }
}
