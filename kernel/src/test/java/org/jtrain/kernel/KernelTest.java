package org.jtrain.kernel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel in this JVM: a cell in, a value or an error out. */
class KernelTest {

    static JTrainKernel kernel;

    /** A magic that echoes its arguments, or defines a variable. */
    static final class EchoMagic implements Magic {
        public String summary() {
            return "test";
        }

        public Object line(Shell s, String args) {
            if (args.startsWith("define ")) {
                s.define(args.substring(7), List.of(1, 2, 3));
                return null;
            }
            if (args.startsWith("put ")) { // put NAME TEXT: a String variable
                String[] w = args.split(" ");
                s.define(w[1], w[2]);
                return null;
            }
            if (args.startsWith("read ")) return s.variable(args.substring(5)).orElse("none");
            if (args.equals("fail")) throw new UsageError("bad input");
            return args;
        }

        public Object cell(Shell s, String args, String body) {
            return "cell:" + args + ":" + body;
        }
    }

    @BeforeAll
    static void start() {
        kernel = TestKernel.get();
        kernel.magics().put("echo", new EchoMagic());
    }

    @Test
    void expressionsDeclarationsAndMethods() {
        assertEquals(3, kernel.evalRaw("1 + 2"));
        assertEquals(null, kernel.evalRaw("int kx = 4;"));
        assertEquals("x16", kernel.evalRaw("String sq(int n) { return \"x\" + n * n; }\nsq(kx)"));
    }

    @Test
    void importsKeepTheValuesOfEarlierVariables() {
        kernel.evalRaw("String greeting = \"hello\";\nint count = 7;\nList<String> names = new ArrayList<>(List.of(\"a\"));");
        kernel.evalRaw("%echo define defined");
        kernel.evalRaw("// a comment first\nimport static java.lang.Math.*;");
        kernel.evalRaw("import java.awt.Point;\nint after = 1;");
        kernel.evalRaw("import javax.swing.*;");
        assertEquals("hello", kernel.evalRaw("greeting"));
        assertEquals(7, kernel.evalRaw("count"));
        assertEquals(List.of("a"), kernel.evalRaw("names"));
        assertEquals(List.of(1, 2, 3), kernel.evalRaw("defined"));
        assertEquals(3.0, kernel.evalRaw("sqrt(9)"));
    }

    @Test
    void aSemicolonKeepsTheValueQuiet() {
        assertEquals(null, kernel.evalRaw("List<Integer> quietList = new ArrayList<>();\nquietList.add(1);"));
        assertEquals(true, kernel.evalRaw("quietList.add(2)"));
        assertEquals(2, kernel.evalRaw("quietList.add(3);\nquietList.get(1)"));
        assertEquals(null, kernel.evalRaw("quietList.size() ;  // a comment after it"));
    }

    @Test
    void compileErrorPointsAtTheLineOfTheCell() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("int ok = 1;\n\nString s = 5;"));
        assertEquals("CompileError", e.name());
        assertTrue(e.getMessage().startsWith("line 3: incompatible types"), e.getMessage());
        assertEquals("    String s = 5;", e.lines().get(1));
    }

    @Test
    void runtimeExceptionKeepsItsTypeAndTheUsersFrames() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw("int div(int a) { return 1 / a; }\ndiv(0)"));
        assertEquals("ArithmeticException", e.name());
        assertEquals(List.of("java.lang.ArithmeticException: / by zero", "    at div(cell)", "    at cell"), e.lines());
    }

    @Test
    void magicValueIsAssignedWithItsPublicType() {
        assertEquals(null, kernel.evalRaw("var echoed = %echo hello world"));
        assertEquals(11, kernel.evalRaw("echoed.length()")); // typed String, not Object
        assertEquals("cell:a:body", kernel.evalRaw("%%echo a\nbody"));
        assertEquals("cell::", kernel.evalRaw("%%echo"));
    }

    @Test
    void commentsAndBlankLinesAroundAMagicLeaveItAMagicOfItsOwn() {
        kernel.evalRaw("%echo define commented");
        // it reads a session variable, which a magic inside a block could not do
        assertEquals(List.of(1, 2, 3), kernel.evalRaw("// read it\n%echo read commented"));
        assertEquals(List.of(1, 2, 3), kernel.evalRaw("\n/* a block\n   comment */\n\n%echo read commented\n\n// after\n"));
        assertEquals(3, kernel.evalRaw("// first\nvar got = %echo read commented\n/* then */\ngot.size()"));
        assertEquals("cell:a:body", kernel.evalRaw("// a cell magic\n\n%%echo a\nbody"));
        UsageError inBlock = assertThrows(UsageError.class, () -> kernel.evalRaw("if (true) {\n  // a comment\n  %echo read commented\n}"));
        assertEquals(List.of("UsageError: a magic inside a block cannot read session variables; put the magic on a line of its own"),
                inBlock.lines());
    }

    @Test
    void tablesShowDecimalsRoundedAndKeepTheirValues() {
        Object t = kernel.evalRaw("""
                tech.tablesaw.api.Table.create("scaled", tech.tablesaw.api.DoubleColumn.create("z", 0.1 + 0.2, 1.407009501983263,
                        -0.000123456789, 1234567.891234567, 5.0, Double.NaN), tech.tablesaw.api.FloatColumn.create("f",
                        new float[]{1.2345678f, 0.1f, 2, 3, 4, 5}))""");
        String text = TableRenderer.text((tech.tablesaw.api.Table) t), html = TableRenderer.html((tech.tablesaw.api.Table) t);
        for (String shown : List.of("0.3", "1.40701", "-0.000123457", "1234567.891235", "5", "1.234568", "0.1")) {
            assertTrue(text.contains(" " + shown + " "), shown + " in\n" + text);
            assertTrue(html.contains("<td>" + shown + "</td>"), shown + " in " + html);
        }
        assertTrue(!text.contains("0.30000000000000004") && !html.contains("1.407009501983263"), text);
        tech.tablesaw.api.Table table = (tech.tablesaw.api.Table) t; // rendering changed nothing in the table
        assertEquals(List.of(0.1 + 0.2, 1.407009501983263, -0.000123456789, 1234567.891234567, 5.0), table.doubleColumn("z").first(5).asList());
        assertEquals(1.2345678f, table.floatColumn("f").get(0));
    }

    @Test
    void magicsDefineAndReadSessionVariables() {
        kernel.evalRaw("%echo define nums");
        assertEquals(6, kernel.evalRaw("nums.stream().mapToInt(i -> (Integer) i).sum()"));
        assertEquals(List.of(1, 2, 3), kernel.evalRaw("%echo read nums"));
        assertEquals("none", kernel.evalRaw("%echo read nothingHere"));
        assertEquals(Optional.empty(), kernel.variable("nothingHere"));
    }

    @Test
    void aVariableDefinedAgainIsTheSameToEverySnippet() {
        kernel.evalRaw("%echo put word first");
        kernel.evalRaw("String shout() { return word.toUpperCase(); }");
        kernel.evalRaw("%echo put word second"); // same type: its field is set, nothing compiled
        assertEquals("SECOND", kernel.evalRaw("shout()"));
        assertEquals("second", kernel.evalRaw("%echo read word"));
        kernel.evalRaw("import java.awt.Point;");
        kernel.evalRaw("%echo put word third");
        assertEquals("THIRD", kernel.evalRaw("shout()"));
        kernel.evalRaw("int word = 5;"); // the user declares it again, as another type
        assertEquals(5, kernel.evalRaw("%echo read word"));
        kernel.evalRaw("%echo put word fourth");
        assertEquals("fourth", kernel.evalRaw("word"));
        kernel.evalRaw("String word = \"mine\";"); // and again with the same type: a new variable
        assertEquals("mine", kernel.evalRaw("%echo read word"));
        kernel.evalRaw("%echo put word fifth");
        assertEquals("FIFTH", kernel.evalRaw("shout()"));
        assertEquals("fifth", kernel.evalRaw("word"));
    }

    @Test
    void aVariableRecompiledIntoANewClassIsReadWhereItNowLives() {
        kernel.evalRaw("class Box { }");
        kernel.evalRaw("Box box = new Box();");
        assertSame(kernel.evalRaw("box"), kernel.evalRaw("%echo read box"));
        kernel.evalRaw("class Box { int size = 7; }"); // box is recompiled, into a class of its own
        kernel.evalRaw("box = new Box();");
        assertSame(kernel.evalRaw("box"), kernel.evalRaw("%echo read box"));
    }

    @Test
    void magicInsideABlockRunsThereAndDefinesAfterTheSnippet() {
        Object v = kernel.evalRaw("int count = 0;\nfor (int i = 0; i < 3; i++) {\n  %echo x\n  count++;\n}\ncount");
        assertEquals(3, v);
        kernel.evalRaw("if (true) {\n  %echo define later\n}");
        assertEquals(3, kernel.evalRaw("later.size()"));
    }

    @Test
    void aFailingMagicLeavesVariablesAlone() {
        kernel.evalRaw("String keep = \"kept\";");
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("keep = \"lost\";\n%echo fail"));
        assertEquals(List.of("UsageError: bad input"), e.lines());
        assertEquals("lost", kernel.evalRaw("keep")); // the statement before the magic did run, as in Java
        assertThrows(UsageError.class, () -> kernel.evalRaw("var keep = %echo fail"));
        assertEquals("lost", kernel.evalRaw("keep"));
    }

    @Test
    void aMagicFailingInsideABlockShowsItsOwnError() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("if (true) {\n  %echo fail\n}"));
        assertEquals(List.of("UsageError: bad input"), e.lines());
    }

    /** A mistake in what a cell asks jtrain's library for is one line and where in the cell, not the library's stack. */
    @Test
    void aLibraryBadInputInACellIsOneLine() {
        CellError e = assertThrows(CellError.class, () -> kernel.evalRaw(
                "var t = Table.create(\"flowers\", DoubleColumn.create(\"petal\", 1.0));\nint size(Table x) { return org.jtrain.data.Tables.column(x, \"petl\").size(); }\nsize(t)"));
        assertEquals("BadInput", e.name());
        assertEquals(List.of("BadInput: Column 'petl' not found in table 'flowers'. Columns: petal.", "Did you mean 'petal'?",
                "    at size(cell)", "    at cell"), e.lines());
    }

    @Test
    void unknownMagicSuggestsTheClosest() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%ecko hi"));
        assertEquals("Did you mean '%echo'?", e.lines().getLast());
    }

    @Test
    void interruptStopsABusyLoop() throws Exception {
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> kernel.evalRaw("while (true) {}"));
        Thread.sleep(500);
        long t0 = System.nanoTime();
        kernel.interrupt();
        Exception e = assertThrows(Exception.class, () -> cell.get(2, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
        assertInstanceOf(CellError.class, e.getCause());
        assertEquals("Interrupted", ((CellError) e.getCause()).name());
        assertEquals(5, kernel.evalRaw("2 + 3"));
    }

    @Test
    void arraysShowTheirContents() {
        assertEquals("[1, 2, 3]", ArrayRenderer.text(new int[]{1, 2, 3}));
        assertEquals("[[a], [b, c]]", ArrayRenderer.text(new String[][]{{"a"}, {"b", "c"}}));
        assertTrue(ArrayRenderer.text(new double[1000]).endsWith(", ... (1000 items)]"));
        Object shown = kernel.getRenderer().render(kernel.evalRaw("new long[]{4, 5}")).getData(
                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
        assertEquals("[4, 5]", shown);
    }

    @Test
    void wideAndLongTablesShowTheirEdgesAndTheirShape() {
        Object t = kernel.evalRaw("""
                var cols = new java.util.ArrayList<tech.tablesaw.columns.Column<?>>();
                for (int c = 0; c < 40; c++) cols.add(tech.tablesaw.api.IntColumn.indexColumn("c" + c, 100, c));
                tech.tablesaw.api.Table.create("wide", cols.toArray(tech.tablesaw.columns.Column<?>[]::new))""");
        String html = TableRenderer.html((tech.tablesaw.api.Table) t);
        assertTrue(html.contains(">c11<") && html.contains(">c39<") && !html.contains(">c20<"), html);
        assertTrue(html.endsWith("<p>100 rows × 40 columns</p>"));
        int rowsShown = html.split("<tr><th>", -1).length - 1; // the header row, then the head and tail rows
        assertEquals(1 + TableRenderer.HEAD_ROWS + TableRenderer.TAIL_ROWS, rowsShown);
        assertTrue(TableRenderer.text((tech.tablesaw.api.Table) t).endsWith("100 rows × 40 columns"));
    }

    @Test
    void publicTypeSkipsHiddenImplementations() {
        assertEquals(List.class, JTrainKernel.publicType(List.of(1).getClass()));
        assertEquals(String.class, JTrainKernel.publicType(String.class));
        assertEquals(Runnable.class, JTrainKernel.publicType(((Runnable) () -> { }).getClass()));
    }

    @Test
    void isCompleteKnowsMagicsAndOpenBlocks() {
        assertEquals("complete", kernel.isComplete("%%time\nfor (;;) {"));
        assertEquals("complete", kernel.isComplete("int a = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }
}
