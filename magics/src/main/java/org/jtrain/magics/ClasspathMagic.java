package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.kernel.Shell;
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
            description = "Jar files or folders of classes; a * or ? in the file name matches several, as in lib/*.jar.")
    List<String> paths;

    @Override
    protected Object call() throws IOException {
        return add(shell, expand(paths, false));
    }

    /** Adds the paths; returns them, as IJava does, so that {@code List<String> added = %jars lib/*.jar} works. */
    static List<String> add(Shell shell, List<String> found) {
        shell.addToClasspath(String.join(File.pathSeparator, found)); // the kernel refuses what is not a jar or a folder
        return found;
    }

    /** Each path, or what its glob matches; {@code jarsOnly}: a folder (or a glob) gives its .jar files, not itself. */
    static List<String> expand(List<String> patterns, boolean jarsOnly) throws IOException {
        List<String> found = new ArrayList<>();
        for (String p : patterns) found.addAll(expand(p, jarsOnly));
        return found;
    }

    private static List<String> expand(String pattern, boolean jarsOnly) throws IOException {
        Path path = Path.of(pattern);
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        boolean glob = file.contains("*") || file.contains("?");
        if (!glob && !(jarsOnly && Files.isDirectory(path))) {
            if (!Files.exists(path)) {
                throw new BadInput("no file or folder at '" + pattern + "' (looked in " + path.toAbsolutePath() + ")");
            }
            return List.of(path.toAbsolutePath().toString());
        }
        Path dir = glob ? (path.getParent() == null ? Path.of(".") : path.getParent()) : path;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + (glob ? file : "*.jar"));
        List<String> matches;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            matches = files.filter(f -> matcher.matches(f.getFileName()))
                    .filter(f -> !jarsOnly || Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jar"))
                    .map(f -> f.toAbsolutePath().toString()).sorted().toList();
        }
        if (matches.isEmpty()) {
            throw new BadInput("nothing matches '" + pattern + "' in " + dir.toAbsolutePath() + (jarsOnly ? " (looking for .jar files)" : ""));
        }
        return matches;
    }

    @Override
    protected void toJava(JavaProgram p) {
        throw new JavaProgram.Untranslatable("%classpath adds jars to the session: give them to the program with java -cp instead");
    }
}
