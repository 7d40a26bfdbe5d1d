package org.jtrain.magics;

import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.jtrain.data.BadInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@JavaEquivalent({"// In a Java program, the POM is its build: mvn dependency:build-classpath prints the classpath it gives."})
@Command(name = "loadFromPOM", description = "Add the dependencies and repositories of a POM: a pom.xml on a line, or the cell's body "
        + "(a whole POM, or only its dependency and repository elements).")
final class LoadFromPomMagic extends MagicCommand {

    @Parameters(paramLabel = "POM|SCOPE", arity = "0..*",
            description = "On a line: the POM file, then the scopes to take (default: compile runtime). As %%%%loadFromPOM: the scopes.")
    List<String> args = new ArrayList<>();

    @Override
    protected boolean cellForm() {
        return true;
    }

    @Override
    protected Object call() throws IOException {
        List<String> scopes = new ArrayList<>(args);
        String xml;
        if (body == null) {
            if (scopes.isEmpty()) throw new BadInput("%loadFromPOM needs a POM file: %loadFromPOM pom.xml [SCOPE]...");
            xml = Files.readString(Path.of(scopes.removeFirst()));
        } else {
            xml = body;
        }
        Set<String> wanted = scopes.isEmpty() ? Pom.DEFAULT_SCOPES : Set.copyOf(scopes);
        Pom pom = Pom.read(xml, wanted);
        Dependencies deps = Dependencies.of(shell);
        pom.repositories().forEach((id, url) -> {
            deps.addRepository(id, url);
            System.out.println("Added the repository " + id + ": " + Dependencies.withoutCredentials(url));
        });
        List<Dependency> managed = new ArrayList<>(pom.managed());
        for (DefaultArtifact bom : pom.boms()) managed.addAll(deps.maven().managedBy(bom, deps.repositories()));
        if (pom.dependencies().isEmpty()) {
            System.out.println("The POM has no dependencies in the scopes " + String.join(", ", new TreeSet<>(wanted)));
            return null;
        }
        deps.add(shell, pom.versioned(managed), managed, deps.repositories()).forEach(System.out::println);
        return null;
    }
}
