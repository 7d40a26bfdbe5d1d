package org.jtrain.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.jtrain.data.Loaded;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where a notebook's results came from: jtrain's version and commit, the JDK, the OS, the CPU and the SIMD instructions
 * that decide which BLAS and PyTorch kernels run (and so the low digits of their results), thread counts, the versions
 * of Tablesaw, Smile, DJL and PyTorch, the artifacts {@code %maven} added with their SHA-256, the seed, and the datasets
 * and files read with their SHA-256. {@code %repro} shows it as text and as JSON ({@link #MIME}).
 */
public record Environment(Jtrain jtrain, Jdk jdk, Os os, Cpu cpu, Threads threads, Libraries libraries,
                          List<Artifact> maven, long seed, List<Data> data) {

    /** The MIME type of {@link #toJson()} in a notebook's outputs. */
    public static final String MIME = "application/vnd.jtrain.repro+json";

    public record Jtrain(String version, String commit) {
    }

    public record Jdk(String vendor, String version, String vm) {
    }

    public record Os(String name, String version, String arch) {
    }

    /** The CPU's model and those of its instructions that change which numeric kernels run. */
    public record Cpu(String model, List<String> instructions) {
    }

    /** Processors the JVM may use; OpenBLAS's and PyTorch's threads, null when the session has not loaded that library. */
    public record Threads(int processors, Integer openblas, Integer pytorch) {
    }

    public record Libraries(String tablesaw, String smile, String djl, String pytorch) {
    }

    /** An artifact as {@code group:name:version}, its jar's file name and the jar's SHA-256. */
    public record Artifact(String artifact, String file, String sha256) {
    }

    /**
     * A dataset or file read: its name as given, where it is, its SHA-256 now, the rows read (null when a query read
     * it) and whether the file changed since it was read (then its hash is not that of the data the results came from).
     */
    public record Data(String name, String file, String sha256, Integer rows, boolean changed) {
    }

    /** The SIMD instructions worth naming, as Linux's /proc/cpuinfo spells them (x86, then ARM). */
    static final List<String> SIMD = List.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx_vnni", "avx512f",
            "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile",
            "amx_bf16", "amx_int8", "asimd", "asimdhp", "asimddp", "bf16", "i8mm", "sve", "sve2", "sme");

    /** The environment now, with the seed, nothing added by {@code %maven}, and what this thread read ({@link Loaded#current()}). */
    public static Environment capture(long seed) {
        return capture(seed, Map.of(), Loaded.current().entries());
    }

    /**
     * The environment now.
     *
     * @param maven jars added to the classpath, by their coordinates (group:name:version)
     * @param data  the datasets and files read; each is hashed now
     */
    public static Environment capture(long seed, Map<String, Path> maven, List<Loaded.Entry> data) {
        List<Artifact> artifacts = new ArrayList<>();
        maven.forEach((coordinates, jar) -> artifacts.add(new Artifact(coordinates, jar.getFileName().toString(), sha256(jar))));
        List<Data> read = new ArrayList<>();
        for (Loaded.Entry e : data) {
            Loaded.Hash h = e.hash();
            read.add(new Data(e.name(), e.file(), h.sha256(), e.rows() < 0 ? null : e.rows(), h.changed()));
        }
        Map<String, String> v = Versions.all();
        return new Environment(readJtrain(),
                new Jdk(System.getProperty("java.vendor"), System.getProperty("java.version"), System.getProperty("java.vm.name")),
                new Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                CPU, new Threads(Runtime.getRuntime().availableProcessors(), openblasThreads(), pytorchThreads()),
                new Libraries(v.get("tablesaw"), v.get("smile"), v.get("djl"), pytorchVersion()),
                List.copyOf(artifacts), seed, List.copyOf(read));
    }

    // ---- jtrain

    /** From the file the build writes (train's pom.xml): the version, and the git commit, or "unknown" outside a clone. */
    static Jtrain readJtrain() {
        Properties p = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // an unreadable resource says as much as a missing one
        }
        return new Jtrain(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"));
    }

    // ---- CPU

    private static final Cpu CPU = readCpu(); // cannot change while the JVM runs

    private static Cpu readCpu() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try {
                String model = null;
                Set<String> flags = Set.of();
                for (String line : Files.readAllLines(info)) {
                    int colon = line.indexOf(':');
                    if (colon < 0) continue;
                    String key = line.substring(0, colon).strip(), value = line.substring(colon + 1).strip();
                    if (model == null && (key.equals("model name") || key.equals("Model") || key.equals("Hardware"))) model = value;
                    if (flags.isEmpty() && (key.equals("flags") || key.equals("Features"))) flags = Set.of(value.split("\\s+"));
                }
                Set<String> has = flags;
                return new Cpu(model != null ? model : "unknown", SIMD.stream().filter(has::contains).toList());
            } catch (IOException | RuntimeException e) {
                // fall back to what the JVM knows
            }
        }
        return new Cpu(Optional.ofNullable(System.getenv("PROCESSOR_IDENTIFIER")).orElse("unknown"), jvmInstructions());
    }

    /** Elsewhere than Linux, the AVX level HotSpot's JIT chose on x86 (UseAVX 1, 2, 3), which tells as much. */
    private static List<String> jvmInstructions() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            int avx = Integer.parseInt(bean.getVMOption("UseAVX").getValue());
            return List.of("avx", "avx2", "avx512f").subList(0, Math.min(avx, 3));
        } catch (RuntimeException e) { // no such option: not x86, or not HotSpot
            return List.of();
        }
    }

    // ---- threads

    /** The native libraries this process has loaded, by path, from Linux's /proc/self/maps; empty elsewhere. */
    private static List<String> loadedLibraries() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.endsWith(".so") || p.contains(".so.")).distinct().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** OpenBLAS's thread count if Smile has loaded it; asking never loads it (nor warns, without native access). */
    static Integer openblasThreads() {
        if (!Environment.class.getModule().isNativeAccessEnabled()) return null;
        for (String lib : loadedLibraries()) {
            if (!Path.of(lib).getFileName().toString().startsWith("libopenblas")) continue;
            // opening a loaded library again finds it, without initialising it a second time; closing lets go of it again
            try (Arena arena = Arena.ofConfined()) {
                var symbol = SymbolLookup.libraryLookup(Path.of(lib), arena).find("openblas_get_num_threads");
                if (symbol.isEmpty()) continue;
                return (int) Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
            } catch (Throwable e) {
                return null;
            }
        }
        return null;
    }

    /** PyTorch's intra-op threads (for the calling thread, the one cells run on) if DJL has loaded it; asking never loads it. */
    static Integer pytorchThreads() {
        if (loadedLibraries().stream().noneMatch(l -> Path.of(l).getFileName().toString().startsWith("libtorch_cpu"))) return null;
        try {
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    // ---- versions

    /** The version of the PyTorch library DJL runs, from the native jar's description: reading it loads nothing. */
    static String pytorchVersion() {
        Properties p = new Properties();
        try (InputStream in = ai.djl.pytorch.engine.PtEngine.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) return "unknown";
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown").replaceFirst("-\\d{8}$", ""); // 2.7.1-20250812: the build date goes
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Loaded.sha256(in);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- output

    /** The record as JSON, every field present (null where a value is not known). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("jtrain", object("version", jtrain.version(), "commit", jtrain.commit()));
        o.add("jdk", object("vendor", jdk.vendor(), "version", jdk.version(), "vm", jdk.vm()));
        o.add("os", object("name", os.name(), "version", os.version(), "arch", os.arch()));
        JsonObject c = object("model", cpu.model());
        JsonArray instructions = new JsonArray();
        cpu.instructions().forEach(instructions::add);
        c.add("instructions", instructions);
        o.add("cpu", c);
        o.add("threads", object("processors", threads.processors(), "openblas", threads.openblas(), "pytorch", threads.pytorch()));
        o.add("libraries", object("tablesaw", libraries.tablesaw(), "smile", libraries.smile(), "djl", libraries.djl(),
                "pytorch", libraries.pytorch()));
        JsonArray m = new JsonArray();
        for (Artifact a : maven) m.add(object("artifact", a.artifact(), "file", a.file(), "sha256", a.sha256()));
        o.add("maven", m);
        o.addProperty("seed", seed);
        JsonArray d = new JsonArray();
        for (Data x : data) d.add(object("name", x.name(), "file", x.file(), "sha256", x.sha256(), "rows", x.rows(), "changed", x.changed()));
        o.add("data", d);
        return o;
    }

    /** {@link #toJson()} as indented text. */
    public String json() {
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(toJson());
    }

    private static JsonObject object(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            JsonElement e = v == null ? JsonNull.INSTANCE : v instanceof Number n ? new JsonPrimitive(n)
                    : v instanceof Boolean b ? new JsonPrimitive(b) : new JsonPrimitive(v.toString());
            o.add((String) keysAndValues[i], e);
        }
        return o;
    }

    /** A table for people, holding every value of the JSON. */
    public String text() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("jtrain", jtrain.version() + ", commit " + jtrain.commit());
        rows.put("JDK", jdk.vendor() + " " + jdk.version() + ", " + jdk.vm());
        rows.put("OS", os.name() + " " + os.version() + ", " + os.arch());
        rows.put("CPU", cpu.model() + "; " + (cpu.instructions().isEmpty() ? "no SIMD instructions known" : String.join(" ", cpu.instructions())));
        rows.put("threads", threads.processors() + " processors; OpenBLAS " + orNotLoaded(threads.openblas())
                + "; PyTorch " + orNotLoaded(threads.pytorch()));
        rows.put("libraries", "Tablesaw " + libraries.tablesaw() + ", Smile " + libraries.smile() + ", DJL " + libraries.djl()
                + ", PyTorch " + libraries.pytorch());
        rows.put("seed", Long.toString(seed));
        StringBuilder out = new StringBuilder();
        rows.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-10s %s%n", k, v)));
        out.append(String.format(Locale.ROOT, "%-10s %s%n", "maven", maven.isEmpty() ? "none added" : ""));
        for (Artifact a : maven) out.append(String.format(Locale.ROOT, "  %s  %s  sha256 %s%n", a.artifact(), a.file(), a.sha256()));
        out.append(String.format(Locale.ROOT, "%-10s %s%n", "data", data.isEmpty() ? "none read" : ""));
        for (Data x : data) {
            out.append(String.format(Locale.ROOT, "  %s  %s  %s  sha256 %s%s%n", x.name(), x.file(),
                    x.rows() == null ? "rows not known (read by a query)" : x.rows() + " rows",
                    x.sha256() == null ? "(file gone)" : x.sha256(), x.changed() ? "  CHANGED since it was read" : ""));
        }
        return out.toString().lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }

    private static String orNotLoaded(Integer n) {
        return n == null ? "not loaded" : n + (n == 1 ? " thread" : " threads");
    }

    @Override
    public String toString() {
        return text();
    }
}
