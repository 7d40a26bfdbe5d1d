package org.jtrain.magics;

import org.jtrain.data.CleanOptions;
import org.jtrain.data.Cleaned;
import org.jtrain.data.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"Cleaned cleaned = Preprocessing.fit(train, CleanOptions.defaults().target(\"price\").drop(List.of(\"listing_id\"))",
        "        .impute(CleanOptions.Fill.MEDIAN).normalize(CleanOptions.Scaling.ZSCORE).encode(CleanOptions.Encoding.ONEHOT));",
        "Table trainClean = cleaned.table(), testClean = cleaned.preprocessing().apply(test);"})
@Command(name = "clean", description = "Make a cleaned copy of a table and fit the preprocessing on it, to reuse on "
        + "validation, test and new data: drop duplicates or columns, drop or impute missing values, normalize, encode.")
final class DataCleanCommand extends MagicCommand {

    @Parameters(paramLabel = "TABLE", description = "The table to clean: fit on the training split.")
    String table;

    @Option(names = "--as", paramLabel = "VAR", description = "The cleaned table's variable. Default: TABLE_clean.")
    String as;

    @Option(names = "--prep", paramLabel = "VAR", description = "The fitted preprocessing's variable. Default: TABLE_prep.")
    String prep;

    @Option(names = "--target", paramLabel = "COL", description = "The label column: never imputed, scaled or encoded.")
    String target;

    @Option(names = "--drop", split = ",", paramLabel = "COL", description = "Columns to drop.")
    List<String> drop = new ArrayList<>();

    @Option(names = "--drop-duplicates", description = "Drop rows that repeat an earlier row (this table only).")
    boolean dropDuplicates;

    @Option(names = "--drop-missing", description = "Drop rows with a missing value (this table only).")
    boolean dropMissing;

    @Option(names = "--impute", paramLabel = "HOW", description = "Fill missing values: mean, median, mode or constant. "
            + "Numbers take mean or median; text takes mode or constant.")
    CleanOptions.Fill impute;

    @Option(names = "--fill", paramLabel = "VALUE", defaultValue = "missing", description = "The value for --impute constant. Default: ${DEFAULT-VALUE}.")
    String fill;

    @Option(names = "--normalize", paramLabel = "HOW", description = "Scale numeric columns: zscore or minmax.")
    CleanOptions.Scaling normalize;

    @Option(names = "--encode", paramLabel = "HOW", description = "Turn text columns into numbers: onehot or ordinal.")
    CleanOptions.Encoding encode;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Limit --impute, --normalize and --encode to these columns. Default: every column they fit.")
    List<String> columns;

    @Override
    protected Object call() {
        Table source = Variables.table(shell, table);
        Cleaned c = Preprocessing.fit(source, CleanOptions.defaults().target(target).drop(drop).dropDuplicates(dropDuplicates)
                .dropMissing(dropMissing).impute(impute).fill(fill).normalize(normalize).encode(encode).columns(columns));
        String tableVar = as != null ? as : table + "_clean";
        String prepVar = prep != null ? prep : table + "_prep";
        Table cleaned = c.table().setName(tableVar);
        shell.define(tableVar, cleaned); // only now: a mistake above leaves the session as it was
        shell.define(prepVar, c.preprocessing());
        System.out.println(tableVar + " = " + cleaned.rowCount() + " rows × " + cleaned.columnCount() + " columns (from "
                + source.rowCount() + " × " + source.columnCount() + "): " + (c.report().isEmpty() ? "no changes" : String.join("; ", c.report())) + ".");
        System.out.println(prepVar + " holds the fitted preprocessing: apply it to other splits with %data apply "
                + prepVar + " TABLE, or " + prepVar + ".apply(table) in Java.");
        return cleaned.first(5);
    }

    @Override
    protected void toJava(JavaProgram p) {
        String tableVar = as != null ? as : table + "_clean";
        String prepVar = prep != null ? prep : table + "_prep";
        p.field(tableVar, "Table");
        p.field(prepVar, "Preprocessing");
        for (String c : List.of("CleanOptions", "Cleaned", "Preprocessing")) p.importClass("org.jtrain.data." + c);
        StringBuilder o = new StringBuilder("CleanOptions.defaults()");
        if (target != null) o.append(".target(").append(JavaProgram.literal(target)).append(")");
        if (!drop.isEmpty()) o.append(".drop(List.of(").append(String.join(", ", drop.stream().map(JavaProgram::literal).toList())).append("))");
        if (dropDuplicates) o.append(".dropDuplicates(true)");
        if (dropMissing) o.append(".dropMissing(true)");
        if (impute != null) o.append(".impute(CleanOptions.Fill.").append(impute.name()).append(")");
        if (impute == CleanOptions.Fill.CONSTANT) o.append(".fill(").append(JavaProgram.literal(fill)).append(")");
        if (normalize != null) o.append(".normalize(CleanOptions.Scaling.").append(normalize.name()).append(")");
        if (encode != null) o.append(".encode(CleanOptions.Encoding.").append(encode.name()).append(")");
        if (columns != null) o.append(".columns(List.of(").append(String.join(", ", columns.stream().map(JavaProgram::literal).toList())).append("))");
        p.line("{");
        p.line("    Cleaned cleaned = Preprocessing.fit(" + table + ", " + o + ");");
        p.line("    " + tableVar + " = cleaned.table().setName(" + JavaProgram.literal(tableVar) + ");");
        p.line("    " + prepVar + " = cleaned.preprocessing();");
        p.line("    System.out.println(\"" + tableVar + " = \" + " + tableVar + ".rowCount() + \" rows × \" + " + tableVar
                + ".columnCount() + \" columns: \" + String.join(\"; \", cleaned.report()));");
        if (p.isLast()) p.line("    display(" + tableVar + ".first(5));");
        p.line("}");
    }
}
