package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.files.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

@JavaEquivalent("ModelFiles.Written files = ModelFiles.write(model, Path.of(\"models/income.model\"));  // and models/income.model.json")
@Command(name = "export", description = "Write a trained model to one file that holds it whole (its weights, and its features, a "
        + "network's input scaling or vocabulary, hyperparameters, metrics, seed, library versions and a hash of the training data), "
        + "and a copy of that description beside it (PATH.json). Read it back with %%import.")
final class ExportMagic extends MagicCommand {

    @Parameters(paramLabel = "MODEL", description = "The model's variable.")
    String model;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "The model file to write, e.g. models/spam.model.")
    Path to;

    @Override
    protected Object call() {
        Model m = Variables.MODEL.get(shell, model);
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
