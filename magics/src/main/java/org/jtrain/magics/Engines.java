package org.jtrain.magics;

import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.kernel.Shell;
import org.jtrain.train.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The engines a model is fitted on: Smile, in the kernel, or Spark. Spark's 190 jars are not the kernel's: {@code %spark
 * start} resolves them into ~/.m2 the first time (as {@code %maven} does) and adds them, with jtrain's Spark module, to
 * the session's classpath; a notebook that never starts Spark never loads them.
 */
final class Engines {

    static final List<String> NAMES = List.of("smile", "spark");

    private Engines() {
    }

    /** Whether {@code --engine NAME} asks for Spark; null (not given) and smile do not. */
    static boolean spark(String name) {
        if (name == null || name.equals("smile")) return false;
        if (name.equals("spark")) return true;
        throw new BadInput("--engine " + name + ": the engines are smile (this machine, the default) and spark (after %spark start).",
                Suggest.closest(name, NAMES).orElse(null));
    }

    /** Spark's engine, if this session added it. */
    static Optional<Engine> loaded() {
        return Engine.find("spark", Thread.currentThread().getContextClassLoader());
    }

    /** Spark's engine with a running session, or a BadInput saying how to start one. */
    static Engine spark() {
        return loaded().filter(e -> e.session().isPresent())
                .orElseThrow(() -> new BadInput("No Spark session is running: %spark start starts one (local[*] by default, or --master URL)."));
    }

    /** The table or Spark dataset in variable {@code name}, for a magic run with --engine spark. */
    static Object data(Shell shell, Engine spark, String name) {
        Object value = shell.variable(name).orElse(null);
        if (spark.isData(value)) return value;
        if (value instanceof tech.tablesaw.api.Table) return Variables.table(shell, name);
        List<String> fitting = shell.variableNames().stream()
                .filter(v -> spark.isData(shell.variable(v).orElse(null)) || shell.variable(v).orElse(null) instanceof tech.tablesaw.api.Table).toList();
        throw new BadInput((value == null ? "No variable '" + name + "'" : "'" + name + "' is a " + value.getClass().getSimpleName())
                + ", not a table or a Spark dataset. " + (fitting.isEmpty() ? "%spark load FILE --as NAME makes a dataset."
                : "Tables and datasets: " + String.join(", ", fitting) + "."), Suggest.closest(name, fitting).orElse(null));
    }

    /**
     * Adds Spark and jtrain's Spark module to the session's classpath, once, and the module that {@code master} needs
     * (spark-yarn for yarn, spark-kubernetes for k8s://), when it first does; returns what to tell the user.
     */
    static List<String> load(Shell shell, String master) {
        Path jar = moduleJar();
        List<String> coordinates = runtime(jar);
        String version = coordinates.getFirst().substring(coordinates.getFirst().lastIndexOf(':') + 1);
        List<String> wanted = new ArrayList<>();
        if (loaded().isEmpty()) wanted.addAll(coordinates);
        if (master.equals("yarn") && !present(shell, "org.apache.spark.deploy.yarn.YarnClusterManager")) {
            wanted.add("org.apache.spark:spark-yarn_2.13:" + version);
        }
        if (master.startsWith("k8s://") && !present(shell, "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager")) {
            wanted.add("org.apache.spark:spark-kubernetes_2.13:" + version);
        }
        if (wanted.isEmpty()) return List.of();
        List<Dependency> runtime = new ArrayList<>();
        for (String c : wanted) {
            runtime.add(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME,
                    false, List.of(new Exclusion("org.rocksdb", "rocksdbjni", "*", "*")))); // a disk store for Spark's UI history only
        }
        Dependencies deps = Dependencies.of(shell);
        int before = deps.jars().size();
        List<String> notes = deps.add(shell, runtime, List.of(), deps.repositories());
        if (loaded().isEmpty()) shell.addToClasspath(jar.toString());
        // Spark finds its session's implementation through the context loader; a magic that is a kernel's first cell
        // can start before JShell has, and then runs without it
        Thread.currentThread().setContextClassLoader(shell.classLoader());
        if (loaded().isEmpty()) throw new IllegalStateException("jtrain's Spark engine is not on the classpath after adding " + jar);
        long bytes = deps.jars().values().stream().skip(before).mapToLong(Engines::size).sum();
        deps.implied(deps.jars().keySet().stream().skip(before).filter(k -> !wanted.contains(k)).toList()); // %repro names Spark's modules only
        List<String> out = new ArrayList<>();
        List<String> extra = wanted.stream().filter(w -> !coordinates.contains(w)).map(w -> w.split(":")[1]).toList();
        String what = !wanted.containsAll(coordinates) ? String.join(", ", extra) : extra.isEmpty() ? "Spark" : "Spark with " + String.join(", ", extra);
        out.add("Added " + what + ": " + (deps.jars().size() - before) + " jars, " + (bytes >> 20) + " MB, from "
                + deps.maven().localRepository() + " (fetched there the first time).");
        long kept = notes.stream().filter(n -> n.startsWith("Kept the kernel's versions")).mapToLong(n -> n.split("\\), ").length).sum();
        if (kept > 0) out.add(kept + " libraries that Spark shares with the kernel stay at the kernel's versions (%jars lists them).");
        return out;
    }

    private static boolean present(Shell shell, String className) {
        try {
            Class.forName(className, false, shell.classLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The coordinates jtrain's Spark module was built against, from inside its jar. */
    private static List<String> runtime(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("org/jtrain/spark/runtime.txt");
            if (entry == null) throw new IllegalStateException(jar + " lacks org/jtrain/spark/runtime.txt");
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * jtrain-spark's jar: named by -Djtrain.spark.jar, or in the folder spark/ beside jtrain's other jars (a kernelspec's),
     * or in spark/target of the source tree they were built in.
     */
    static Path moduleJar() {
        String given = System.getProperty("jtrain.spark.jar");
        if (given != null) return Path.of(given);
        Path here;
        try {
            here = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> places = new ArrayList<>(List.of(here.getParent().resolve("spark")));
        for (Path p = here; p != null; p = p.getParent()) places.add(p.resolve("spark").resolve("target"));
        for (Path place : places) {
            if (!Files.isDirectory(place)) continue;
            try (Stream<Path> files = Files.list(place)) {
                Optional<Path> jar = files.filter(f -> f.getFileName().toString().matches("jtrain-spark-[^/]*\\.jar")
                        && !f.getFileName().toString().contains("-sources") && !f.getFileName().toString().contains("-tests")).findFirst();
                if (jar.isPresent()) return jar.get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new BadInput("jtrain's Spark module is not built: run ./jtrain setup (looked in " + places.getFirst() + ").");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
