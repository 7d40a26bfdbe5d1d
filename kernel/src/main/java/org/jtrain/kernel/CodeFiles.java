package org.jtrain.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Java code kept in files: a .jsh or .java file is one piece of code, a notebook one piece per code cell. */
public final class CodeFiles {

    private static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".jjava", ".ipynb");

    private CodeFiles() {
    }

    /** The code of {@code file}, in the order it runs; a missing file is refused with the nearest name beside it. */
    public static List<String> read(Path file) throws IOException {
        file = withExtension(file);
        if (!file.getFileName().toString().endsWith(".ipynb")) return List.of(Files.readString(file));
        JsonObject nb;
        try {
            nb = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new BadInput("'" + file + "' is not a notebook: its JSON does not parse (" + e.getMessage() + ")");
        }
        JsonArray cells = nb.has("cells") ? nb.getAsJsonArray("cells") : new JsonArray();
        return cells.asList().stream()
                .map(JsonElement::getAsJsonObject)
                .filter(c -> "code".equals(c.get("cell_type").getAsString()))
                .map(c -> source(c.get("source")))
                .toList();
    }

    /** The file, or, as IJava finds it, the first of FILE.jsh, .jshell, .java, .ijava, .jjava and .ipynb that exists. */
    private static Path withExtension(Path file) throws IOException {
        if (Files.isRegularFile(file)) return file;
        for (String ext : EXTENSIONS) {
            Path p = file.resolveSibling(file.getFileName() + ext);
            if (Files.isRegularFile(p)) return p;
        }
        throw missing(file);
    }

    private static String source(JsonElement s) {
        if (s.isJsonArray()) return String.join("", s.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList());
        return s.getAsString();
    }

    private static BadInput missing(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<String> near = List.of();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                near = files.map(p -> p.getFileName().toString()).toList();
            }
        }
        return new BadInput("no file '" + file + "' (looked in " + file.toAbsolutePath() + ")",
                Suggest.closest(file.getFileName().toString(), near).orElse(null));
    }
}
