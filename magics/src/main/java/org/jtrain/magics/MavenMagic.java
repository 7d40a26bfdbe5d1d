package org.jtrain.magics;

import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.artifact.JavaScopes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"// In a Java program, list the artifacts as dependencies of its build (pom.xml or build.gradle)."})
@Command(name = "maven", aliases = {"addMavenDependency", "addMavenDependencies"},
        description = "Add Maven artifacts and their dependencies to the classpath (Maven Central and %%mavenRepo's, cached in ~/.m2; "
                + "~/.m2/settings.xml is honoured). The kernel's own Tablesaw, Smile and DJL keep their versions.")
final class MavenMagic extends MagicCommand {

    @Parameters(arity = "1..*", paramLabel = "COORDINATES",
            description = "group:artifact:version, or group:artifact:extension[:classifier]:version (Ivy's org#name;version too).")
    List<String> coordinates;

    @Option(names = "--from", paramLabel = "URL", description = "Look only in this repository (repeatable), instead of Central and %%mavenRepo's.")
    List<String> from = new ArrayList<>();

    @Option(names = "-v", description = "Accepted for IJava's notebooks: jtrain always says what it added.")
    boolean[] verbose;

    @Override
    protected Object call() {
        List<Dependency> deps = coordinates.stream().map(c -> new Dependency(Maven.artifact(c), JavaScopes.RUNTIME)).toList();
        Dependencies dependencies = Dependencies.of(shell);
        List<RemoteRepository> repos = from.isEmpty() ? dependencies.repositories()
                : from.stream().map(url -> Dependencies.repository("from-" + from.indexOf(url), url)).toList();
        dependencies.add(shell, deps, List.of(), repos).forEach(System.out::println);
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        if (!from.isEmpty()) throw new JavaProgram.Untranslatable("%maven --from is not translated: a program's dependencies come from Maven Central");
        coordinates.forEach(p::maven);
        p.line("// %maven " + String.join(" ", coordinates) + ": listed at the top; ./jtrain java --run puts it on the classpath");
    }
}
