package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.data.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@JavaEquivalent({"Table iris = Load.source(\"iris\");                           // %data load",
        "Profile profile = Profile.of(iris, \"species\");              // %data profile",
        "Cleaned cleaned = Preprocessing.fit(iris, CleanOptions.defaults().target(\"species\").normalize(CleanOptions.Scaling.ZSCORE));",
        "Table again = cleaned.preprocessing().apply(iris);            // %data apply",
        "Save.file(again, Path.of(\"iris_clean.csv\"));                // %data save",
        "Table lagged = TimeFeatures.of(Forecaster.params()).table(Load.dataset(\"births\"), \"births\");  // %data features"})
@Command(name = "data", description = "Get data into tables, look at it, clean it and write it out: list, load, profile, clean (fitting the "
        + "preprocessing), apply, save, and features (lags and calendar of a time series).",
        subcommands = {DataListCommand.class, DataLoadCommand.class, DataProfileCommand.class, DataCleanCommand.class,
                DataApplyCommand.class, DataSaveCommand.class, DataFeaturesCommand.class})
final class DataMagic extends MagicCommand {

    /** %data profile's help ends with the thresholds its warnings use, stated once in the library. */
    @Override
    protected void configure(CommandLine parser) {
        parser.getSubcommands().get("profile").getCommandSpec().usageMessage()
                .footer("", "Thresholds: " + Profile.THRESHOLDS.replace("%", "%%") + ".");
        DataFeaturesCommand.declare(parser.getSubcommands().get("features"));
    }

    @Override
    protected Object call() {
        throw new BadInput("%data needs a subcommand: list, load, profile, clean, apply, save or features", null);
    }
}
