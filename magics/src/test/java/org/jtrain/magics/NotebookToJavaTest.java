package org.jtrain.magics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookToJavaTest {

    /** A notebook of these code cells (a markdown cell first, so cell numbers count every cell). */
    static String notebook(String... cells) {
        JsonArray list = new JsonArray();
        JsonObject md = new JsonObject();
        md.addProperty("cell_type", "markdown");
        md.addProperty("source", "# a notebook");
        list.add(md);
        for (String source : cells) {
            JsonObject c = new JsonObject();
            c.addProperty("cell_type", "code");
            c.addProperty("source", source);
            JsonObject meta = new JsonObject();
            if (source.startsWith("// raises")) {
                JsonArray tags = new JsonArray();
                tags.add("raises-exception");
                meta.add("tags", tags);
            }
            c.add("metadata", meta);
            list.add(c);
        }
        JsonObject nb = new JsonObject();
        nb.add("cells", list);
        return nb.toString();
    }

    static String translate(String... cells) throws NotebookToJava.Refused {
        return NotebookToJava.translate(notebook(cells), "Main.java: test", "Main_files");
    }

    static String mainBody(String program) {
        return program.substring(program.indexOf("void main()"), program.indexOf("\n}\n", program.indexOf("void main()")));
    }

    @Test
    void snippetsAreSortedIntoImportsFieldsMainAndMembers() throws Exception {
        String program = translate(
                "import java.time.LocalDate;\nint n = 3, m;\nvar label = \"x\" + n;\ndouble twice(double x) {\n    return 2 * x;\n}\ntwice(n)",
                "record Pair(int a, int b) {}\nString[] names = {\"a\", \"b\"};\nSystem.out.println(label);\nn + 1;");
        String main = mainBody(program);
        assertTrue(program.indexOf("import java.time.LocalDate;") < program.indexOf("void main()"), program);
        assertTrue(program.contains("\nint n;\nint m;\n"), "typed variables become fields: " + program);
        assertTrue(main.contains("n = 3;"), main);
        assertTrue(main.contains("var label = \"x\" + n;"), "var stays a local of main: " + main);
        assertTrue(main.contains("display(twice(n));"), "a cell's last bare expression is shown: " + main);
        assertTrue(main.contains("names = new String[] {\"a\", \"b\"};"), "an array initializer needs its type: " + main);
        assertTrue(main.contains("var _ = n + 1;") && !main.contains("display(n + 1)"), "a value ended by a semicolon is not shown: " + main);
        assertFalse(main.contains("double twice"), "methods are members, not statements: " + main);
        assertTrue(program.indexOf("double twice(double x)") > program.indexOf("void main()"), program);
        assertTrue(program.contains("// cell 3\nrecord Pair(int a, int b) {}"), program);
    }

    @Test
    void magicsBecomeLibraryCallsAndTheProgramRunsOnTheClasspath(@TempDir Path dir) throws Exception {
        String program = translate("%seed 7\n%data load iris --as flowers",
                "%split flowers --target species --stratify --ratios 0.5,0.5 --prefix f",
                "%train tree on f_train --target species --max-depth 3 --as tree",
                "%evaluate tree on f_test --as scores",
                "String.format(\"kept %d rows\", f_test.rowCount())");
        String main = mainBody(program);
        assertTrue(main.contains("seed = 7L;"), main);
        assertTrue(main.contains("flowers = Load.source(\"iris\");"), main);
        assertTrue(main.contains("SplitOptions.defaults().ratios(0.5, 0.5).target(\"species\").stratify(true).prefix(\"f\").seed(seed)"), main);
        assertTrue(main.contains("Trainer.fit(Models.params(\"tree\", Map.of(\"max-depth\", \"3\")), f_train, \"species\", "
                + "FitOptions.defaults().seed(seed))"), main);
        assertTrue(main.contains("scores = Evaluation.of(tree, f_test);"), main);
        assertTrue(program.contains("\nModel tree;\n") && program.contains("\nEvaluation scores;\n") && !program.contains("Table f_val;"), program);

        Path file = dir.resolve("Main.java");
        Files.writeString(file, program);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("flowers = 150 rows × 5 columns"), out);
        assertTrue(out.contains("tree on f_test (75 rows): accuracy "), out);
        assertTrue(out.contains("kept 75 rows"), out);
        assertTrue(Files.size(dir.resolve("Main_files/output-1.png")) > 1000, "the evaluation's chart is written as a PNG");
        assertTrue(Files.readString(dir.resolve("Main_files/output-1.html")).contains("\"data\""), "and as HTML with its Plotly JSON");
    }

    @Test
    void everyTranslatedMagicCompiles(@TempDir Path dir) throws Exception {
        String program = translate("%maven org.apache.commons:commons-math3:3.6.1\n%data load income --types age:double",
                "%data profile income --target income\n%data clean income --target income --impute median --encode onehot --as people",
                "%split people --target income --stratify --by-time age --seed 3",
                "%train forest on train --target income --val val --trees 20",
                "%tune tree on train --target income --param max-depth=2,4 --cv 3 --metric f1",
                "%fairness model on test --sensitive sex --as byGroup",
                "%drift train test --model model --columns age,hours_per_week",
                "%plot history\n%plot importance model --top 5 --as top\n%plot dist income age --by sex\n%plot scatter income age hours_per_week",
                "%export model --to models/m.model\n%import models/m.model --as again\n%data save people --to out/people.csv",
                "%%time\nint n = again.features().size();\nn",
                "%time Math.sqrt(2)",
                "%repro");
        assertEquals(List.of("org.apache.commons:commons-math3:3.6.1"), NotebookToJava.mavenDependencies(program));
        compile(program, dir);
    }

    /** In the kernel a magic's variable has its value's class, so a notebook calls mf.recommend(...): the program must too. */
    @Test
    void aMagicsVariableTakesTheTypeTheCellsCodeNeeds(@TempDir Path dir) throws Exception {
        String program = translate("Table ratings = Table.create(\"ratings\");\nTable train = ratings, test = ratings;",
                "%train mf on train --target rating --epochs 2 --as mf\n%evaluate mf on test --as ranked",
                "System.out.println(mf.recommend(\"s1\", 5));\nSystem.out.println(ranked.scores().ndcg(10));",
                "%train mlp on train --target digit --as central\n%evaluate central on test --as report",
                "double accuracy() {\n    return report.accuracy();\n}",
                "%train forest on train --target rating --as forest\n%evaluate forest on test --as forestScores\nforest.features()");
        for (String field : List.of("Recommender mf;", "Ranking ranked;", "Model central;", "Evaluation.Classification report;",
                "Model forest;", "Evaluation forestScores;")) {
            assertTrue(program.contains("\n" + field + "\n"), field + " in\n" + program);
        }
        assertTrue(program.contains("mf = (Recommender) fit.model();"), program);
        assertTrue(program.contains("report = (Evaluation.Classification) Evaluation.of(central, test);"), program);
        assertTrue(program.contains("forestScores = Evaluation.of(forest, test);"), program);
        assertFalse(program.contains("\u0000"), program);
        compile(program, dir);

        // a model of unknown kind: accuracy() is on more than one kind of Evaluation, so the type stays broad
        String unknown = translate("Table test = null;\norg.jtrain.train.Model someModel = null;", "%evaluate someModel on test --as scores\nscores.accuracy()");
        assertTrue(unknown.contains("\nEvaluation scores;\n"), unknown);
    }

    static void compile(String program, Path dir) throws Exception {
        Path file = dir.resolve("Main.java");
        Files.writeString(file, program);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-proc:none", "-d", dir.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8) + "\n" + program);
    }

    @Test
    void aVariableDeclaredAgainKeepsItsFieldOrIsRefusedIfItsTypeChanges() throws Exception {
        String program = translate("int count = 1;", "int count = 2;\ncount");
        assertEquals(1, program.split("\nint count;\n", -1).length - 1, program);
        assertTrue(mainBody(program).contains("count = 2;"), program);

        var refused = assertThrows(NotebookToJava.Refused.class, () -> translate("int count = 1;", "String count = \"two\";"));
        assertEquals(1, refused.refusals.size());
        assertEquals(3, refused.refusals.getFirst().cell());
        assertTrue(refused.getMessage().contains("count is a int in an earlier cell and a String here"), refused.getMessage());

        var twice = assertThrows(NotebookToJava.Refused.class, () -> translate("var x = 1;", "var x = 2;"));
        assertTrue(twice.getMessage().startsWith("cell 3: x is declared again with var"), twice.getMessage());
    }

    @Test
    void whatCannotBeTranslatedIsRefusedNamingEachCell() {
        var refused = assertThrows(NotebookToJava.Refused.class, () -> translate(
                "int fine = 1;", "%serve model", "%lsmagic", "var report = \"r\";", "String show() {\n    return report;\n}",
                "var t = %data load iris"));
        List<String> lines = refused.refusals.stream().map(Object::toString).toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("cell 3: %serve runs an HTTP server"), lines.get(0));
        assertTrue(lines.get(1).startsWith("cell 4: %lsmagic is not one of jtrain's magics"), lines.get(1));
        assertTrue(lines.get(2).startsWith("cell 7: a magic's value used in Java code"), lines.get(2));
        assertTrue(lines.get(3).startsWith("cell 6: String show() uses report, declared with var in cell 5"), lines.get(3));
    }

    /** Lessons write `var basket = ...` and then `double total(List<Fruit> basket)`: the parameter is the method's own. */
    @Test
    void aMethodsOwnParameterOrLocalNamedLikeAVarIsNotMains(@TempDir Path dir) throws Exception {
        String program = translate("var basket = List.of(1.0, 2.5);", "double total(List<Double> basket) {\n    double sum = 0;\n"
                + "    for (double each : basket) sum += each;\n    return sum;\n}", "total(basket)",
                "record Box(List<Double> basket) {\n    int size() { var basket = this.basket; return basket.size(); }\n}");
        compile(program, dir);
    }

    @Test
    void aMagicWithABadOptionIsRefusedWithItsUsageError() {
        var refused = assertThrows(NotebookToJava.Refused.class, () -> translate("%train forest on t --target y --trees -4"));
        assertTrue(refused.getMessage().startsWith("cell 2: %train forest on t --target y --trees -4: "), refused.getMessage());
    }

    @Test
    void aCellThatFailsOnPurposeIsLeftOutWithAComment() throws Exception {
        String program = translate("// raises: shows an error\nint x = 1 / 0;", "int y = 2;");
        String main = mainBody(program);
        assertTrue(main.contains("// Left out: this cell is tagged raises-exception"), main);
        assertTrue(main.contains("//   int x = 1 / 0;"), main);
        assertFalse(program.contains("\nint x;"), program);
    }

    @Test
    void theCommandExitsWith2AndWritesNothingWhenACellIsRefused(@TempDir Path dir) throws Exception {
        Path nb = dir.resolve("nb.ipynb");
        Files.writeString(nb, notebook("int x = 1;", "%load helpers.jsh"));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = NotebookToJava.run(new String[] {nb.toString()});
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, text);
        assertTrue(text.contains("cell 3: %load runs another file's code"), text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(Files.exists(dir.resolve("Main.java")));
    }
}
