package org.jtrain.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jtrain.data.Load;
import org.jtrain.data.Loaded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record {@code %repro} shows, field by field against the JVM that runs this test. */
class EnvironmentTest {

    @TempDir
    Path dir;

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The version in the name of the jar on the classpath that matches {@code jar} (with one group for the version). */
    private static String jarVersion(String jar) {
        Pattern p = Pattern.compile(jar);
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Matcher m = p.matcher(entry);
            if (m.find()) return m.group(1);
        }
        throw new AssertionError("no jar " + jar + " on the classpath");
    }

    @Test
    void jdkOsProcessorsAndLibrariesAreThoseOfThisJvm() {
        Environment env = Environment.capture(7);
        assertEquals(new Environment.Jdk(System.getProperty("java.vendor"), System.getProperty("java.version"), System.getProperty("java.vm.name")), env.jdk());
        assertEquals(new Environment.Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")), env.os());
        assertEquals(Runtime.getRuntime().availableProcessors(), env.threads().processors());
        assertEquals(jarVersion("/tablesaw-core-([^/]+)\\.jar$"), env.libraries().tablesaw());
        assertEquals(jarVersion("/smile-core-([^/]+)\\.jar$"), env.libraries().smile());
        assertEquals(jarVersion("/ai/djl/api/[^/]+/api-([^/]+)\\.jar$"), env.libraries().djl());
        assertEquals(jarVersion("/pytorch-native-cpu-([0-9.]+)-[^/]*\\.jar$"), env.libraries().pytorch());
        assertEquals(7, env.seed());
    }

    @Test
    void jtrainIsThisBuildAtThisCommit() throws Exception {
        Environment.Jtrain j = Environment.capture(42).jtrain();
        String pom = Files.readString(Path.of("pom.xml")); // the tests run in train/
        Matcher version = Pattern.compile("<artifactId>jtrain-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(version.find());
        assertEquals(version.group(1), j.version());
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        if (git.waitFor() == 0) {
            assertTrue(j.commit().equals(head) || j.commit().equals(head + "-dirty"), j.commit() + " is not HEAD " + head);
        } else {
            assertEquals("unknown", j.commit()); // built outside a git clone
        }
    }

    @Test
    void cpuModelAndInstructionsAreThoseOfProcCpuinfo() throws Exception {
        Environment.Cpu cpu = Environment.capture(42).cpu();
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) return; // elsewhere, what the JVM says: nothing to compare it with
        List<String> lines = Files.readAllLines(info);
        String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst().map(l -> l.split(":", 2)[1].strip()).orElse(null);
        if (model != null) assertEquals(model, cpu.model());
        Set<String> flags = Set.copyOf(Arrays.asList(lines.stream().filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                .findFirst().orElseThrow().split(":", 2)[1].strip().split("\\s+")));
        for (String f : cpu.instructions()) assertTrue(flags.contains(f), f + " is not in /proc/cpuinfo");
        for (String f : List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve")) {
            assertEquals(flags.contains(f), cpu.instructions().contains(f), f);
        }
    }

    @Test
    void openblasThreadsAreKnownOnceSmileLoadedIt() throws Exception {
        Table t = Fixtures.load("diabetes");
        Trainer.fit(org.jtrain.train.models.Models.params("linear", Map.of()), t, "progression", FitOptions.defaults());
        Integer threads = Environment.capture(42).threads().openblas();
        if (Files.isReadable(Path.of("/proc/self/maps"))) {
            assertNotNull(threads, "OpenBLAS is loaded after a least-squares fit");
            assertTrue(threads >= 1 && threads <= Math.max(Runtime.getRuntime().availableProcessors(), 256), "" + threads);
        }
    }

    @Test
    void mavenJarsAndDataFilesCarryTheirSha256() throws Exception {
        Path jar = dir.resolve("thing-1.0.jar");
        Files.write(jar, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n1,2\n3,4\n");
        Loaded.current().clear();
        Load.file(csv);
        Environment env = Environment.capture(1, Map.of("org.example:thing:1.0", jar), Loaded.current().entries());
        assertEquals(List.of(new Environment.Artifact("org.example:thing:1.0", "thing-1.0.jar", sha256(jar))), env.maven());
        assertEquals(List.of(new Environment.Data(csv.toString(), csv.toAbsolutePath().toString(), sha256(csv), 2, false)), env.data());

        Files.writeString(csv, "x,y\n1,2\n3,4\n5,6\n");
        Files.setLastModifiedTime(csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 2000));
        Environment.Data after = Environment.capture(1, Map.of(), Loaded.current().entries()).data().getFirst();
        assertTrue(after.changed());
        assertEquals(sha256(csv), after.sha256());
        assertTrue(Environment.capture(1, Map.of(), Loaded.current().entries()).text().contains("CHANGED since it was read"));
    }

    @Test
    void jsonHoldsEveryFieldOfTheAgreedSchemaNullsIncluded() throws Exception {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "x\n1\n");
        Loaded.current().clear();
        Load.file(csv);
        Environment env = Environment.capture(9, Map.of("g:a:1", csv), Loaded.current().entries());
        JsonObject o = JsonParser.parseString(env.json()).getAsJsonObject();
        assertEquals(Set.of("jtrain", "jdk", "os", "cpu", "threads", "libraries", "maven", "seed", "data"), o.keySet());
        assertEquals(Set.of("version", "commit"), o.getAsJsonObject("jtrain").keySet());
        assertEquals(Set.of("vendor", "version", "vm"), o.getAsJsonObject("jdk").keySet());
        assertEquals(Set.of("name", "version", "arch"), o.getAsJsonObject("os").keySet());
        assertEquals(Set.of("model", "instructions"), o.getAsJsonObject("cpu").keySet());
        assertEquals(Set.of("processors", "openblas", "pytorch"), o.getAsJsonObject("threads").keySet());
        assertEquals(Set.of("tablesaw", "smile", "djl", "pytorch"), o.getAsJsonObject("libraries").keySet());
        assertEquals(Set.of("artifact", "file", "sha256"), o.getAsJsonArray("maven").get(0).getAsJsonObject().keySet());
        assertEquals(Set.of("name", "file", "sha256", "rows", "changed"), o.getAsJsonArray("data").get(0).getAsJsonObject().keySet());
        assertEquals(9, o.get("seed").getAsLong());
        assertEquals(System.getProperty("java.version"), o.getAsJsonObject("jdk").get("version").getAsString());
        assertFalse(env.text().isBlank());
        for (String shown : List.of(env.jdk().version(), env.os().name(), env.libraries().smile(), sha256(csv), "seed       9")) {
            assertTrue(env.text().contains(shown), shown + " not in\n" + env.text());
        }
    }
}
