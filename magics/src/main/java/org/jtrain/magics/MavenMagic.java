package org.jtrain.magics;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.jtrain.data.BadInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@JavaEquivalent({"// In a Java program, list the artifacts as dependencies of its build (pom.xml or build.gradle)."})
@Command(name = "maven", description = "Add Maven artifacts and their dependencies to the classpath (Maven Central, cached in ~/.m2).")
final class MavenMagic extends MagicCommand {

    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    @Parameters(arity = "1..*", paramLabel = "COORDINATES",
            description = "group:artifact:version, or group:artifact:extension[:classifier]:version.")
    List<String> coordinates;

    @Override
    protected Object call() {
        List<Dependency> deps = new ArrayList<>();
        for (String c : coordinates) deps.add(new Dependency(artifact(c), JavaScopes.RUNTIME));
        List<File> jars = resolve(deps);
        shell.addToClasspath(String.join(File.pathSeparator, jars.stream().map(File::getAbsolutePath).toList()));
        System.out.println("Added " + jars.size() + " jar(s): "
                + String.join(", ", jars.stream().map(File::getName).toList()));
        return null;
    }

    private static DefaultArtifact artifact(String coordinates) {
        try {
            return new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new BadInput("'" + coordinates + "' is not a Maven coordinate: write group:artifact:version, "
                    + "e.g. tech.tablesaw:tablesaw-core:0.44.4");
        }
    }

    /** Resolves from ~/.m2 first; goes to Central only for what is missing, and says so if it cannot. */
    private static List<File> resolve(List<Dependency> deps) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        // Maven's own defaults: runtime scopes only, optional and test dependencies skipped, conflicts resolved.
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
        session.setSystemProperties(System.getProperties()); // POMs interpolate ${java.version} and the like
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
        // Don't re-check Central for artifacts already cached: a session must work offline once they are in ~/.m2.
        session.setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED));
        session.setUpdatePolicy("never");
        CollectRequest request = new CollectRequest(deps, List.of(), List.of(CENTRAL));
        try {
            return system.resolveDependencies(session, new DependencyRequest(request, null)).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(a -> a.getFile())
                    .toList();
        } catch (DependencyResolutionException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new BadInput("could not resolve " + deps.stream().map(d -> d.getArtifact().toString()).toList()
                    + ": " + root.getMessage() + ". The artifacts are neither in " + local
                    + " nor reachable on Maven Central: check the coordinates, or connect once to cache them.");
        } finally {
            system.shutdown();
        }
    }
}
