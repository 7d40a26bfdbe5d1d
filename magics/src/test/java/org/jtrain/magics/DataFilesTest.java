package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code %data save}, and {@code %data load}'s --sheet, --sep, --encoding and --max-columns, as a notebook uses them. */
class DataFilesTest {

    static JTrainKernel kernel;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
    }

    private static UsageError fails(String cell) {
        return assertThrows(UsageError.class, () -> kernel.evalRaw(cell));
    }

    @Test
    void saveWritesEveryFormatAndLoadReadsItBackWithItsTypes() {
        kernel.evalRaw("%data load seattle-weather --as weather");
        List<Object> types = List.of(ColumnType.LOCAL_DATE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE,
                ColumnType.STRING);
        assertEquals(types, kernel.evalRaw("weather.columns().stream().map(c -> c.type()).toList()"));
        for (String file : List.of("w.csv", "w.tsv.gz", "w.json", "w.xlsx")) {
            Path path = dir.resolve("out").resolve(file);
            String said = TestKernels.stdout(() -> kernel.evalRaw("%data save weather --to " + path));
            assertTrue(said.startsWith("Saved weather (1461 rows × 6 columns) to " + path + " ("), said);
            kernel.evalRaw("%data load " + path + " --as back");
            assertEquals(types, kernel.evalRaw("back.columns().stream().map(c -> c.type()).toList()"), file);
            assertEquals(true, kernel.evalRaw("back.rowCount() == weather.rowCount() && back.dateColumn(\"date\").asList().equals(weather.dateColumn(\"date\").asList())"
                    + " && back.doubleColumn(\"precipitation\").asList().equals(weather.doubleColumn(\"precipitation\").asList())"
                    + " && back.stringColumn(\"weather\").asList().equals(weather.stringColumn(\"weather\").asList())"), file);
        }
        kernel.evalRaw("%data load " + dir.resolve("out/w.xlsx") + " --sheet weather --as sheet"); // the sheet is named after the variable
        assertEquals(1461, kernel.evalRaw("sheet.rowCount()"));
    }

    @Test
    void saveMistakesAreOneLineAndWriteNothing() {
        kernel.evalRaw("%data load iris --as flowers");
        UsageError unknown = fails("%data save flowrs --to " + dir.resolve("f.csv"));
        assertTrue(unknown.getMessage().startsWith("No variable 'flowrs'. Tables: "), unknown.getMessage());
        assertEquals("Did you mean 'flowers'?", unknown.lines().getLast());
        UsageError format = fails("%data save flowers --to " + dir.resolve("f.txt"));
        assertTrue(format.getMessage().startsWith("cannot tell the format of 'f.txt'"), format.getMessage());
        UsageError noTo = fails("%data save flowers");
        assertTrue(noTo.getMessage().contains("--to=FILE"), noTo.getMessage());
        assertFalse(Files.exists(dir.resolve("f.txt")));
    }

    @Test
    void latin1SemicolonFilesLoadWithTheirOptionsAndMistakesKeepEarlierVariables() throws Exception {
        Path people = Files.write(dir.resolve("people.csv"), "name;city;price\nJosé;München;1,50\nAda;London;2\n".getBytes(StandardCharsets.ISO_8859_1));
        kernel.evalRaw("%data load iris --as people");

        UsageError utf8 = fails("%data load " + people + " --sep ';'");
        assertEquals("line 2 of 'people': it is not valid UTF-8: byte 0xE9 after \"Jos\". If the file is latin-1, load it with "
                + "--encoding ISO-8859-1 (or windows-1252)", utf8.getMessage());
        UsageError comma = fails("%data load " + people + " --encoding ISO-8859-1");
        assertTrue(comma.getMessage().endsWith("if the separator is ';', load it with --sep ';'"), comma.getMessage());
        UsageError encoding = fails("%data load " + people + " --encoding latin-l");
        assertTrue(encoding.getMessage().startsWith("unknown encoding 'latin-l'. Common ones: UTF-8, ISO-8859-1"), encoding.getMessage());
        UsageError sep = fails("%data load " + people + " --sep ';;'");
        assertTrue(sep.getMessage().startsWith("--sep takes one character"), sep.getMessage());
        assertEquals(150, kernel.evalRaw("people.rowCount()"), "the mistakes left the earlier table");

        kernel.evalRaw("%data load " + people + " --sep ';' --encoding ISO-8859-1");
        assertEquals(List.of("José", "Ada"), kernel.evalRaw("people.stringColumn(\"name\").asList()"));
        assertEquals("München", kernel.evalRaw("people.stringColumn(\"city\").get(0)"));
        Files.write(dir.resolve("tabs.csv"), "a\tb\n1\t2\n".getBytes(StandardCharsets.UTF_8));
        UsageError bareTab = fails("%data load " + dir.resolve("tabs.csv") + " --sep \\t --as tabs"); // the shell's rules make it t
        assertEquals("--sep takes a punctuation character or a tab, not 't'; for a tab, write --sep tab or --sep '\\t'", bareTab.getMessage());
        for (String tab : List.of("'\\t'", "tab")) {
            kernel.evalRaw("%data load " + dir.resolve("tabs.csv") + " --sep " + tab + " --as tabs");
            assertEquals(2, kernel.evalRaw("tabs.intColumn(\"b\").get(0)"), tab);
        }
    }

    @Test
    void excelSheetsAndAWideHeader() throws Exception {
        kernel.evalRaw("%data load iris --as book");
        kernel.evalRaw("%data save book --to " + dir.resolve("book.xlsx"));
        UsageError sheet = fails("%data load " + dir.resolve("book.xlsx") + " --sheet bok");
        assertEquals("no sheet 'bok' in 'book'. Sheets: book", sheet.getMessage());
        assertEquals("Did you mean 'book'?", sheet.lines().getLast());
        UsageError notExcel = fails("%data load iris --sheet 2 --as book");
        assertEquals("--sep, --encoding and --sheet are for files; 'iris' is a bundled dataset", notExcel.getMessage());

        StringBuilder header = new StringBuilder("c0");
        for (int c = 1; c < 600_000; c++) header.append(",c").append(c);
        Files.writeString(dir.resolve("wide.csv"), header.append("\n"));
        long start = System.nanoTime();
        UsageError wide = fails("%data load " + dir.resolve("wide.csv") + " --as book");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("the header of 'wide' has 600,000 columns, more than the limit of 10,000: check the separator (--sep), or raise "
                + "the limit with --max-columns 600000", wide.getMessage());
        assertTrue(seconds < 3, seconds + " s");
        UsageError low = fails("%data load iris --max-columns 4 --as book");
        assertTrue(low.getMessage().startsWith("the header of 'iris' has 5 columns, more than the limit of 4"), low.getMessage());
        assertEquals(150, kernel.evalRaw("book.rowCount()"));
        kernel.evalRaw("%data load " + dir.resolve("book.xlsx") + " --sheet 1");
        assertEquals(ColumnType.DOUBLE, kernel.evalRaw("book.column(\"sepal_length\").type()"));
    }
}
