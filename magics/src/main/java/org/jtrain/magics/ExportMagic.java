package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import org.jtrain.train.Model;
import org.jtrain.train.files.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

@JavaEquivalent("ModelFiles.Written files = ModelFiles.write(model, Path.of(\"models/income.model\"));  // and models/income.model.json")
@Command(name = "export", description = "Write a trained model to one file that holds it whole (its weights, and its features, a "
        + "network's input scaling or vocabulary, hyperparameters, metrics, seed, library versions and a hash of the training data), "
        + "and a copy of that description beside it (PATH.json). Read it back with %%import.")
final class ExportMagic extends MagicCommand {

    @Parameters(paramLabel = "MODEL", description = "The model's variable.")
    String model;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "The model file to write, e.g. models/spam.model.")
    Path to;

    @Option(names = "--engine", paramLabel = "NAME", description = "smile (the default: one jtrain model file) or spark: MLlib's own format "
            + "(a folder) for a model trained with --engine spark, with the same sidecar. A Spark model is written so either way.")
    String engine;

    @Override
    protected Object call() {
        Model m = Variables.MODEL.get(shell, model);
        Optional<Engine> spark = Engines.spark(engine) ? Optional.of(Engines.spark()) : Engines.loaded().filter(s -> s.owns(m));
        if (spark.isPresent()) {
            if (!spark.get().owns(m)) {
                throw new BadInput("'" + model + "' is a " + m.kind() + " trained on this machine, not by Spark: drop --engine spark to export it.");
            }
            Path sidecar;
            try {
                sidecar = spark.get().writeModel(m, to);
            } catch (IOException e) {
                throw new BadInput("could not write " + to.toAbsolutePath() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
            System.out.println("Wrote " + to + " (MLlib's format, a folder) and " + sidecar.getFileName() + ": " + m.kind() + ", "
                    + m.features().size() + " features. Load it with %import " + to + " once %spark start has run, or in Java: "
                    + "SparkModel.read(Path.of(\"" + to + "\")).");
            return null;
        }
        ModelFiles.Written w;
        try {
            w = ModelFiles.write(m, to);
        } catch (IOException e) {
            throw new BadInput("could not write " + to.toAbsolutePath() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        String trained = m.provenance().map(p -> ", trained on " + p.table() + " (" + p.rows() + " rows, data hash " + p.dataHash()
                + ", seed " + p.seed() + ")").orElse("");
        System.out.println("Wrote " + w.model() + " (" + size(w.bytes()) + ") and " + w.sidecar().getFileName()
                + ": " + m.kind() + ", " + m.features().size() + (m.textInput() ? " text columns" : " features") + trained + ".");
        System.out.println("Load it with %import " + w.model() + ", or in plain Java: org.jtrain.train.files.ModelFiles.read(Path.of(\""
                + w.model() + "\")).");
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        if (Engines.spark(engine)) throw new JavaProgram.Untranslatable("%export --engine spark is not translated: call SparkModel.write from jtrain-spark");
        p.importClass("org.jtrain.train.files.ModelFiles");
        p.line("{");
        p.line("    ModelFiles.Written written = ModelFiles.write(" + model + ", Path.of(" + JavaProgram.literal(to.toString()) + "));");
        p.line("    System.out.println(\"Wrote \" + written.model() + \" and \" + written.sidecar().getFileName());");
        p.line("}");
    }

    /** In KB: the exact count of bytes changes from export to export with the training time that the file records. */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        return bytes < 10L << 20 ? String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
