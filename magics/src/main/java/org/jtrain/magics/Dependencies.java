package org.jtrain.magics;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.graph.manager.DependencyManagerUtils;
import org.jtrain.data.BadInput;
import org.jtrain.kernel.Shell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a notebook added to its classpath through Maven, and the rule that keeps it working with the kernel's own
 * libraries. The kernel's libraries (Tablesaw, Smile, DJL, what they need, and jtrain) load before anything a notebook
 * adds, so adding another version of one would change nothing: it is not added, and one line says which version stays
 * in use. Another version of a library jtrain only uses inside itself is no clash, since those are renamed.
 */
final class Dependencies {

    /** A library of the kernel whose artifacts share one version: asking for another piece of it gets that version. */
    private record Family(String name, String group, String versionOf) {
        boolean has(Artifact a) {
            return a.getGroupId().equals(group) || a.getGroupId().startsWith(group + ".");
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("DJL", "ai.djl", "ai.djl:api"),
            new Family("Tablesaw", "tech.tablesaw", "tech.tablesaw:tablesaw-core"),
            new Family("Smile", "com.github.haifengl", "com.github.haifengl:smile-core"));

    private static final PerKernel<Dependencies> SESSIONS = new PerKernel<>(Dependencies::new);

    private final Map<String, String> kernel = kernelLibraries(); // group:artifact -> version, on the cell classpath
    private final Map<String, String> added = new LinkedHashMap<>(); // what this notebook added, the same way
    private final Map<String, Path> jars = new LinkedHashMap<>(); // the jars added, by group:name:version, for %repro
    private final Set<String> implied = new HashSet<>(); // jars that an engine's named artifacts bring along
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private Maven maven;

    private Dependencies() {
        repositories.put(Maven.CENTRAL.getId(), Maven.CENTRAL);
    }

    /** The notebook's dependencies: one per kernel session. */
    static Dependencies of(Shell shell) {
        return SESSIONS.of(shell);
    }

    synchronized Maven maven() {
        if (maven == null) maven = Maven.fromSettings();
        return maven;
    }

    synchronized List<RemoteRepository> repositories() {
        return List.copyOf(repositories.values());
    }

    /** Adds (or replaces) a repository searched after Central. */
    synchronized void addRepository(String id, String url) {
        repositories.put(id, repository(id, url));
    }

    /** A repository at a file://, http:// or https:// URL. */
    static RemoteRepository repository(String id, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new BadInput("'" + withoutCredentials(url) + "' is not a URL: write file:///path/to/repo or https://host/path");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("file", "http", "https").contains(scheme)) {
            throw new BadInput("a Maven repository's URL starts with file://, http:// or https://, not '" + withoutCredentials(url) + "'");
        }
        return new RemoteRepository.Builder(id, "default", url).build();
    }

    /**
     * Resolves {@code requested} with what they depend on and adds the jars to the shell's classpath, keeping the
     * kernel's versions of its own libraries. Returns what to tell the user, one line each.
     *
     * @param managed      versions a POM manages for what the requested artifacts depend on
     * @param repositories where to look: {@link #repositories()}, or those a notebook named for this call
     */
    synchronized List<String> add(Shell shell, List<Dependency> requested, List<Dependency> managed, List<RemoteRepository> repositories) {
        List<String> notes = new ArrayList<>();
        List<Dependency> wanted = new ArrayList<>();
        for (Dependency d : requested) admit(d, notes).ifPresent(wanted::add);
        if (wanted.isEmpty()) {
            if (notes.isEmpty()) notes.add("Nothing to add: " + String.join(", ", requested.stream().map(d -> key(d.getArtifact())).toList())
                    + (requested.size() == 1 ? " is" : " are") + " already on the classpath");
            return notes;
        }
        List<Dependency> management = new ArrayList<>(managed);
        kernel.forEach((k, v) -> management.add(new Dependency(new DefaultArtifact(k + ":" + v), null)));
        added.forEach((k, v) -> management.add(new Dependency(new DefaultArtifact(k + ":" + v), null)));
        Maven.Resolution found = maven().resolve(wanted, management, repositories,
                (node, parents) -> node.getArtifact() == null || !onClasspath(node.getArtifact()));
        List<String> keptVersions = keptVersions(found.root());
        List<File> jars = new ArrayList<>();
        for (Artifact a : found.artifacts()) {
            if (a.getFile() == null || onClasspath(a)) continue;
            jars.add(a.getFile());
            this.jars.put(coordinates(a), a.getFile().toPath());
        }
        if (!jars.isEmpty()) {
            shell.addToClasspath(String.join(File.pathSeparator, jars.stream().map(File::getAbsolutePath).toList()));
            for (Artifact a : found.artifacts()) added.putIfAbsent(key(a), a.getVersion());
            notes.addFirst("Added " + jars.size() + " jar(s): " + String.join(", ", jars.stream().map(File::getName).toList()));
        }
        if (!keptVersions.isEmpty()) {
            notes.add("Kept the kernel's versions of what they depend on: " + String.join(", ", keptVersions));
        }
        return notes;
    }

    /** The jars this session added, by their coordinates, in the order they were added. */
    synchronized Map<String, Path> jars() {
        return new LinkedHashMap<>(jars);
    }

    /** Marks jars as brought by artifacts that name them (Spark's 176 by spark-sql and spark-mllib), so %repro names only those. */
    synchronized void implied(Collection<String> coordinates) {
        implied.addAll(coordinates);
    }

    /** The jars %repro names: those added, less the ones that other added artifacts imply. */
    synchronized Map<String, Path> named() {
        Map<String, Path> named = new LinkedHashMap<>(jars);
        named.keySet().removeAll(implied);
        return named;
    }

    /** The dependency to resolve for a request: as asked, at the kernel's version of its library, or none. */
    private Optional<Dependency> admit(Dependency d, List<String> notes) {
        Artifact a = d.getArtifact();
        String key = key(a);
        String kept = kernel.get(key);
        Family family = FAMILIES.stream().filter(f -> f.has(a)).findFirst().orElse(null);
        if (kept != null) {
            if (!kept.equals(a.getVersion())) notes.add(coordinates(a) + " is not added: " + staysInUse(key, kept, family));
            return Optional.empty();
        }
        if (added.containsKey(key)) {
            if (!added.get(key).equals(a.getVersion())) {
                notes.add(coordinates(a) + " is not added: this session already has " + key + " " + added.get(key)
                        + ", and a classpath holds one version of a library; restart the kernel to change it");
            }
            return Optional.empty();
        }
        if (family == null) return Optional.of(d);
        String version = kernel.get(family.versionOf());
        if (family.name().equals("DJL") && downloadsItsEngine(a)) {
            notes.add(coordinates(a) + " is not added: that engine downloads its native library when first used, which "
                    + "jtrain never does; the kernel's DJL " + version + " runs the same NDArray code on PyTorch "
                    + kernel.getOrDefault("ai.djl.pytorch:pytorch-native-cpu", "") + " (CPU), which it ships");
            return Optional.empty();
        }
        if (a.getVersion().equals(version)) return Optional.of(d);
        notes.add(key + " " + a.getVersion() + " is taken at " + version + ", the version of the kernel's " + family.name());
        return Optional.of(d.setArtifact(a.setVersion(version)));
    }

    private boolean onClasspath(Artifact a) {
        return kernel.containsKey(key(a)) || added.containsKey(key(a));
    }

    /** "guava 33.0.0-jre (asked for 20.0)" for each kernel library whose version won over the one asked for. */
    private List<String> keptVersions(DependencyNode root) {
        Map<String, String> kept = new TreeMap<>();
        Set<DependencyNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<DependencyNode> todo = new ArrayList<>(root.getChildren());
        while (!todo.isEmpty()) {
            DependencyNode n = todo.removeLast();
            if (!seen.add(n) || n.getArtifact() == null) continue;
            todo.addAll(n.getChildren());
            String asked = DependencyManagerUtils.getPremanagedVersion(n);
            String ours = kernel.get(key(n.getArtifact()));
            if (asked != null && ours != null && !asked.equals(ours)) {
                kept.put(n.getArtifact().getArtifactId(), n.getArtifact().getArtifactId() + " " + ours + " (asked for " + asked + ")");
            }
        }
        return List.copyOf(kept.values());
    }

    /** DJL's engines whose native library comes from a download at run time, and PyTorch's own, which the kernel has. */
    private static boolean downloadsItsEngine(Artifact a) {
        return a.getGroupId().equals("ai.djl.mxnet") || a.getGroupId().equals("ai.djl.tensorflow")
                || a.getArtifactId().startsWith("pytorch-native") || a.getArtifactId().equals("pytorch-jni");
    }

    private String staysInUse(String key, String version, Family family) {
        if (family != null) {
            return "the kernel's " + family.name() + " " + kernel.get(family.versionOf())
                    + " stays in use: jtrain is built on it, and the kernel's libraries load before a notebook's";
        }
        if (key.startsWith("org.jtrain:")) return "this kernel is jtrain " + version;
        return "the kernel's " + key + " " + version + " stays in use: Tablesaw, Smile or DJL need that version, "
                + "and the kernel's libraries load before a notebook's";
    }

    /** As a notebook writes it: group:artifact[:extension[:classifier]]:version. */
    static String coordinates(Artifact a) {
        String ext = a.getClassifier().isEmpty() && a.getExtension().equals("jar") ? "" : ":" + a.getExtension();
        String classifier = a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier();
        return key(a) + ext + classifier + ":" + a.getVersion();
    }

    static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId();
    }

    /** A URL as it may be shown: any user:password@ removed. */
    static String withoutCredentials(String text) {
        return text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1");
    }

    /** The kernel's libraries on the cell classpath, as the build listed them (many jars do not name themselves). */
    static Map<String, String> kernelLibraries() {
        Map<String, String> libs = new TreeMap<>();
        try (InputStream in = Dependencies.class.getResourceAsStream("cell-classpath.txt")) {
            if (in == null) return libs;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String[] p = line.strip().split(" ")[0].split(":"); // group:artifact:type[:classifier]:version:scope
                if (p.length < 5) continue;
                libs.put(p[0] + ":" + p[1], p[p.length - 2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return libs;
    }
}
