package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.files.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

@JavaEquivalent("Model loaded = ModelFiles.read(Path.of(\"models/income.model\"));")
@Command(name = "import", description = "Load a model written by %%export, checking it whole and against its sidecar; a file "
        + "holding anything but a model is refused before it can run code.")
final class ImportMagic extends MagicCommand {

    @Parameters(paramLabel = "PATH", description = "The model file (its sidecar PATH.json must be beside it).")
    Path path;

    @Option(names = "--as", paramLabel = "VAR", defaultValue = "model", description = "The model's variable. Default: ${DEFAULT-VALUE}.")
    String as;

    @Override
    protected Object call() {
        Model m;
        boolean stale = false;
        try {
            if (java.nio.file.Files.isDirectory(path) && java.nio.file.Files.isRegularFile(ModelFiles.sidecar(path))) { // MLlib's format
                m = Engines.spark().readModel(path);
            } else {
                m = ModelFiles.read(path);
                stale = ModelFiles.staleSidecar(path);
            }
        } catch (IOException e) {
            throw new BadInput("could not read " + path.toAbsolutePath() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        shell.define(as, m); // only after the whole file was read and checked
        System.out.println(as + " = " + m + ", from " + path);
        if (stale) {
            System.out.println("Note: " + ModelFiles.sidecar(path).getFileName() + " is left over from an earlier export (an export was cut "
                    + "short after writing the model file); the model file holds all that was loaded. Export again to renew it.");
        }
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.train.Model");
        p.importClass("org.jtrain.train.files.ModelFiles");
        p.field(as, "Model");
        p.line(as + " = ModelFiles.read(Path.of(" + JavaProgram.literal(path.toString()) + "));");
        p.line("System.out.println(\"" + as + " = \" + " + as + " + \", from " + path + "\");");
    }
}
