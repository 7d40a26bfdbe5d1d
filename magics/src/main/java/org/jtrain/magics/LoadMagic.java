package org.jtrain.magics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.kernel.Suggest;
import org.jtrain.kernel.UsageError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

@Command(name = "load", description = "Run the code of a .jsh/.java file, or every code cell of a notebook, in this session.")
final class LoadMagic extends MagicCommand {

    @Parameters(paramLabel = "FILE", description = "A .jsh, .jshell or .java file, or an .ipynb notebook.")
    Path file;

    @Override
    protected Object call() throws IOException {
        if (!Files.isRegularFile(file)) throw missing(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".ipynb")) {
            Object last = null;
            for (String cell : codeCells(file)) last = session.run(cell);
            return last;
        }
        return session.run(Files.readString(file));
    }

    private static List<String> codeCells(Path notebook) throws IOException {
        JsonObject nb;
        try {
            nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new UsageError("'" + notebook + "' is not a notebook: its JSON does not parse (" + e.getMessage() + ")");
        }
        JsonArray cells = nb.has("cells") ? nb.getAsJsonArray("cells") : new JsonArray();
        return cells.asList().stream()
                .map(JsonElement::getAsJsonObject)
                .filter(c -> "code".equals(c.get("cell_type").getAsString()))
                .map(c -> source(c.get("source")))
                .toList();
    }

    private static String source(JsonElement s) {
        if (s.isJsonArray()) return String.join("", s.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList());
        return s.getAsString();
    }

    private static UsageError missing(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<String> near = List.of();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                near = files.map(p -> p.getFileName().toString()).toList();
            }
        }
        String guess = Suggest.closest(file.getFileName().toString(), near).orElse(null);
        return new UsageError("no file '" + file + "' (looked in " + file.toAbsolutePath() + ")",
                "Usage: %load FILE", guess);
    }
}
