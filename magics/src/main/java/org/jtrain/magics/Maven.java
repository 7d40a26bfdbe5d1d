package org.jtrain.magics;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.graph.manager.DependencyManagerUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;
import org.jtrain.data.BadInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Maven's resolver as a notebook uses it. Maven's own {@code settings.xml} files are honoured: the local repository,
 * offline mode, mirrors, proxies and the credentials of servers (used, never printed). Artifacts already in the local
 * repository never go to the network again, so a notebook works offline once they are cached.
 */
final class Maven {

    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    /** What a resolution found: the graph (with the versions asked for before management) and the files fetched. */
    record Resolution(DependencyNode root, List<Artifact> artifacts) {
    }

    private static final java.util.regex.Pattern IVY = java.util.regex.Pattern.compile("([^#;:]+)#([^#;:]+)(?:#[^#;:]+)?;([^#;:]+)");

    private final Settings settings;
    private final Path settingsFile;

    private Maven(Settings settings, Path settingsFile) {
        this.settings = settings;
        this.settingsFile = settingsFile;
    }

    /**
     * Reads ~/.m2/settings.xml (another with -Dmaven.settings=FILE, e.g. in JAVA_TOOL_OPTIONS) and Maven's global
     * settings ($MAVEN_HOME/conf/settings.xml), when present.
     */
    static Maven fromSettings() {
        Path user = Path.of(System.getProperty("maven.settings",
                Path.of(System.getProperty("user.home"), ".m2", "settings.xml").toString()));
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        if (Files.isRegularFile(user)) request.setUserSettingsFile(user.toFile());
        String home = System.getenv("MAVEN_HOME");
        if (home != null && Files.isRegularFile(Path.of(home, "conf", "settings.xml"))) {
            request.setGlobalSettingsFile(Path.of(home, "conf", "settings.xml").toFile());
        }
        Properties props = new Properties(); // ${user.home} and ${env.NAME} in the file, as Maven reads them
        props.putAll(System.getProperties());
        System.getenv().forEach((k, v) -> props.setProperty("env." + k, v));
        request.setSystemProperties(props);
        try {
            return new Maven(new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings(), user);
        } catch (SettingsBuildingException e) {
            throw new BadInput("cannot read Maven's settings " + user + ": " + e.getProblems().getFirst().getMessage()
                    + ". Fix the file, or point -Dmaven.settings at another one.");
        }
    }

    Path localRepository() {
        String local = settings.getLocalRepository();
        return local == null || local.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(local);
    }

    /**
     * Collects the graph of {@code deps} with {@code managed} versions imposed on what they depend on, and fetches the
     * artifacts that {@code fetch} accepts.
     */
    Resolution resolve(List<Dependency> deps, List<Dependency> managed, List<RemoteRepository> repositories,
                       DependencyFilter fetch) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = session(system);
            CollectRequest request = new CollectRequest(deps, managed, system.newResolutionRepositories(session, repositories));
            try {
                var result = system.resolveDependencies(session, new DependencyRequest(request, fetch));
                return new Resolution(result.getRoot(), result.getArtifactResults().stream().map(ArtifactResult::getArtifact).toList());
            } catch (DependencyResolutionException e) {
                throw new BadInput("could not resolve " + deps.stream().map(d -> d.getArtifact().toString()).toList() + ": "
                        + rootMessage(e) + ". " + whereLooked(repositories));
            }
        } finally {
            system.shutdown();
        }
    }

    /** The dependencies that a POM (a BOM, say) manages, for {@code <scope>import</scope>}. */
    List<Dependency> managedBy(Artifact pom, List<RemoteRepository> repositories) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = session(system);
            return system.readArtifactDescriptor(session, new ArtifactDescriptorRequest(pom,
                    system.newResolutionRepositories(session, repositories), null)).getManagedDependencies();
        } catch (ArtifactDescriptorException e) {
            throw new BadInput("could not read the POM " + pom + ": " + rootMessage(e) + ". " + whereLooked(repositories));
        } finally {
            system.shutdown();
        }
    }

    private DefaultRepositorySystemSession session(RepositorySystem system) {
        // Maven's own defaults: runtime scopes only, optional and test dependencies skipped, conflicts resolved.
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setSystemProperties(System.getProperties()); // POMs interpolate ${java.version} and the like
        session.setConfigProperty(DependencyManagerUtils.CONFIG_PROP_VERBOSE, true); // keeps the versions asked for
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository().toFile())));
        // Don't re-check remote repositories for what is cached: a session must work offline once artifacts are in ~/.m2.
        session.setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED));
        session.setUpdatePolicy("never");
        session.setOffline(settings.isOffline());
        // A repository that accepts a connection and then says nothing must not hold the cell for Maven's default 30 minutes.
        session.setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, 15_000);
        session.setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, 60_000);
        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            mirrors.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        session.setMirrorSelector(mirrors);
        DefaultProxySelector proxies = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
            if (!p.isActive()) continue;
            var auth = p.getUsername() == null ? null
                    : new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
            proxies.add(new Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth), p.getNonProxyHosts());
        }
        session.setProxySelector(proxies);
        DefaultAuthenticationSelector credentials = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (s.getUsername() != null) auth.addUsername(s.getUsername()).addPassword(s.getPassword());
            if (s.getPrivateKey() != null) auth.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            credentials.add(s.getId(), auth.build());
        }
        session.setAuthenticationSelector(credentials);
        return session;
    }

    private String whereLooked(List<RemoteRepository> repositories) {
        List<String> names = new ArrayList<>();
        for (RemoteRepository r : repositories) names.add(r.getId() + " (" + Dependencies.withoutCredentials(r.getUrl()) + ")");
        return "Looked in " + localRepository() + (settings.isOffline() ? " only (offline in " + settingsFile + ")" : " and " + String.join(", ", names))
                + (settings.getMirrors().isEmpty() ? "" : ", through the mirrors of " + settingsFile)
                + ": check the coordinates, or connect once to cache them.";
    }

    private static String rootMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Dependencies.withoutCredentials(m.strip());
    }

    /** A coordinate as Maven writes it: group:artifact[:extension[:classifier]]:version. */
    static DefaultArtifact artifact(String coordinates) {
        String c = coordinates.strip();
        java.util.regex.Matcher ivy = IVY.matcher(c); // IJava's notebooks may write org#name[#branch];version
        if (ivy.matches()) c = ivy.group(1) + ":" + ivy.group(2) + ":" + ivy.group(3);
        try {
            return new DefaultArtifact(c);
        } catch (IllegalArgumentException e) {
            throw new BadInput("'" + coordinates + "' is not a Maven coordinate: write group:artifact:version, "
                    + "e.g. tech.tablesaw:tablesaw-core:0.44.4");
        }
    }
}
