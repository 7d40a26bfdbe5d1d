package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.Magic;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered magic, walked: help works, a bad option is a UsageError, and the README is generated from them. */
class MagicContractTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
    }

    @Test
    void theExtensionRegistersTheWholeCatalogWithAliases() {
        List<String> names = Catalog.magics(null).stream()
                .flatMap(m -> Stream.concat(Stream.of(m.name()), m.aliases().stream())).sorted().toList();
        assertEquals(names, List.copyOf(kernel.magics().keySet()));
        // the list that answers in another host, where the catalog cannot load
        assertEquals(names, JTrainMagics.NAMES.stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> everyMagicHasHelpAndRejectsABadOption() {
        return kernel.magics().entrySet().stream().map(e -> DynamicTest.dynamicTest("%" + e.getKey(), () -> {
            String name = e.getKey();
            Magic magic = e.getValue();
            assertTrue(!magic.summary().isBlank(), "summary");
            String canonical = ((CommandMagic) magic).name(); // an alias (%addMavenDependency) shows its magic's help
            String help = TestKernels.stdout(() -> kernel.evalRaw("%" + name + " --help"));
            assertTrue(help.startsWith("Usage: %" + canonical), help);
            // picocli formats help texts (a literal % must be written %%) and complains on stderr, which a notebook shows
            List<String> commands = help.lines().dropWhile(l -> !l.equals("Commands:")).skip(1).takeWhile(l -> l.startsWith("  "))
                    .filter(l -> l.matches("  \\S.*")).map(l -> l.strip().split("\\s+")[0]).toList(); // not wrapped lines
            for (String cmd : java.util.stream.Stream.concat(Stream.of(""), commands.stream().map(c -> " " + c)).toList()) {
                String[] out = new String[1];
                String err = TestKernels.stderr(() -> out[0] = TestKernels.stdout(() -> kernel.evalRaw("%" + name + cmd + " --help")));
                assertEquals("", err, "%" + name + cmd + " --help");
                // every help ends with what the magic does in Java
                String tail = out[0].substring(out[0].lastIndexOf("\n\nIn Java:\n") + 1);
                assertTrue(out[0].contains("\n\nIn Java:\n  ") && tail.lines().skip(2).allMatch(l -> l.startsWith("  ")), "%" + name + cmd + ":\n" + out[0]);
            }
            assertEquals(help, TestKernels.stdout(() -> kernel.evalRaw("%help " + name)));
            kernel.evalRaw("String untouched = \"yes\";");
            UsageError bad = assertThrows(UsageError.class, () -> kernel.evalRaw("%" + name + " --no-such-option"));
            assertTrue(bad.lines().getFirst().startsWith("UsageError: "), bad.lines().toString());
            assertTrue(bad.lines().stream().anyMatch(l -> l.startsWith("Usage: %" + canonical)), bad.lines().toString());
            assertEquals("yes", kernel.evalRaw("untouched"));
        }));
    }

    /**
     * The Java equivalents that end every help compile against the public library, with the variables they name
     * (train, model, ...) as fields of a class they run in.
     */
    @TestFactory
    Stream<DynamicTest> everyJavaEquivalentCompiles() {
        List<Class<?>> commands = new java.util.ArrayList<>();
        for (var magic : Catalog.MAGICS) {
            var cl = new picocli.CommandLine(magic.get());
            commands.add(cl.getCommand().getClass());
            cl.getSubcommands().values().forEach(sub -> commands.add(sub.getCommand().getClass()));
        }
        jdk.jshell.JShell shell = jdk.jshell.JShell.builder().executionEngine("local").build();
        shell.addToClasspath(System.getProperty("java.class.path"));
        for (String pkg : List.of("java.util", "java.nio.file", "tech.tablesaw.api", "org.jtrain.charts", "org.jtrain.data", "org.jtrain.data.sql", "org.jtrain.train",
                "org.jtrain.train.models", "org.jtrain.train.evaluate", "org.jtrain.train.tune", "org.jtrain.train.monitor",
                "org.jtrain.train.files", "org.jtrain.train.serve", "org.jtrain.train.runs", "org.jtrain.train.plot", "org.jtrain.spark")) {
            shell.eval("import " + pkg + ".*;");
        }
        for (String type : List.of("Dataset", "Row", "SparkSession")) shell.eval("import org.apache.spark.sql." + type + ";"); // not Tablesaw's Row
        return commands.stream().map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
            JavaEquivalent equivalent = c.getAnnotation(JavaEquivalent.class);
            assertTrue(equivalent != null, c + " has no @JavaEquivalent");
            String source = "class JavaOf" + c.getSimpleName() + " {\n"
                    + "    Table table, train, val, test, recent; Model model; History history; Preprocessing prep; ai.djl.nn.Block block;\n"
                    + "    void run() throws Exception {\n        " + String.join("\n        ", equivalent.value()) + "\n    }\n}";
            var events = shell.eval(source);
            var snippet = events.getFirst().snippet();
            String problems = String.join("\n", shell.diagnostics(snippet).map(d -> d.getMessage(java.util.Locale.ROOT)).toList())
                    + shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList();
            assertEquals(jdk.jshell.Snippet.Status.VALID, events.getFirst().status(), source + "\n" + problems);
        }));
    }

    @Test
    void mistypedOptionSuggestsTheRealOne() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%help --hepl"));
        assertEquals("Did you mean '--help'?", e.lines().getLast());
    }

    @Test
    void helpListsEveryMagicWithItsSummary() {
        String out = TestKernels.stdout(() -> kernel.evalRaw("%help"));
        for (Map.Entry<String, Magic> m : kernel.magics().entrySet()) {
            assertTrue(out.contains("%" + m.getKey()) && out.contains(m.getValue().summary()), out);
        }
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%help mavn"));
        assertEquals("Did you mean '%maven'?", e.lines().getLast());
    }

    @Test
    void lineOnlyMagicsRefuseTheCellForm() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%%load x.jsh\nint a;"));
        assertTrue(e.getMessage().contains("not a cell magic"), e.getMessage());
    }

    @Test
    void timeReturnsTheValueOfItsCode() {
        assertEquals(42, kernel.evalRaw("%time 6 * 7"));
        assertEquals(9, kernel.evalRaw("%%time\nint n = 3;\nn * n"));
    }

    @Test
    void classpathRejectsAMissingPath() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%classpath /no/such/dir/*.jar"));
        assertTrue(e.getMessage().startsWith("nothing matches '/no/such/dir/*.jar'"), e.getMessage());
    }

    /** The README's magic table is generated from the declarations; set JTRAIN_UPDATE_README=1 to rewrite it. */
    @Test
    void readmeTableIsGenerated() throws Exception {
        Path readme = Path.of("..", "README.md"); // tests run in the module's folder
        String text = Files.readString(readme);
        String begin = "<!-- magics:begin -->\n", end = "<!-- magics:end -->";
        int from = text.indexOf(begin) + begin.length(), to = text.indexOf(end);
        assertTrue(from >= begin.length() && to >= from, "README.md needs the magics markers");
        String expected = Catalog.markdownTable();
        if ("1".equals(System.getenv("JTRAIN_UPDATE_README"))) {
            Files.writeString(readme, text.substring(0, from) + expected + text.substring(to));
            return;
        }
        assertEquals(expected, text.substring(from, to), "README magic table is stale: run JTRAIN_UPDATE_README=1 ./mvnw -pl magics test");
    }
}
