package org.jtrain.magics;

import org.jtrain.data.BadInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@JavaEquivalent({"// In a Java program, put the jars on its classpath: java -cp 'lib/*:classes' Main"})
@Command(name = "classpath", description = "Add jars or class folders to the session's classpath.")
final class ClasspathMagic extends MagicCommand {

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Jar files or folders; a * in the file name matches several, as in lib/*.jar.")
    List<String> paths;

    @Override
    protected Object call() throws IOException {
        List<String> found = new ArrayList<>();
        for (String p : paths) found.addAll(expand(p));
        shell.addToClasspath(String.join(File.pathSeparator, found));
        System.out.println("Added to the classpath: " + String.join(", ", found));
        return null;
    }

    static List<String> expand(String pattern) throws IOException {
        Path path = Path.of(pattern);
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!file.contains("*") && !file.contains("?")) {
            if (!Files.exists(path)) {
                throw new BadInput("no file or folder at '" + pattern + "' (looked in " + path.toAbsolutePath() + ")");
            }
            return List.of(path.toAbsolutePath().toString());
        }
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + file);
        List<String> matches;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            matches = files.filter(f -> glob.matches(f.getFileName())).map(f -> f.toAbsolutePath().toString()).sorted().toList();
        }
        if (matches.isEmpty()) {
            throw new BadInput("nothing matches '" + pattern + "' in " + dir.toAbsolutePath());
        }
        return matches;
    }
}
