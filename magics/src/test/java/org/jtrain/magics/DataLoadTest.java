package org.jtrain.magics;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;
import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLoadTest {

    static JTrainKernel kernel;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
    }

    @Test
    void everyBundledDatasetLoadsByNameWithItsRowCount() {
        for (Dataset d : Datasets.list()) {
            kernel.evalRaw("%data load " + d.name() + " --as ds");
            assertEquals(d.rows(), kernel.evalRaw("ds.rowCount()"), d.name());
            assertEquals(d.columns(), kernel.evalRaw("ds.columnCount()"), d.name());
        }
        kernel.evalRaw("%data load seattle-weather");
        assertEquals(1461, kernel.evalRaw("seattle_weather.rowCount()"));
    }

    @Test
    void listShowsTheCatalog() {
        Table list = (Table) kernel.evalRaw("%data list");
        assertEquals(Datasets.list().size(), list.rowCount());
        assertTrue(list.stringColumn("name").contains("spam"));
    }

    @Test
    void csvTsvGzipAndJsonFilesLoad() throws Exception {
        Files.writeString(dir.resolve("pets.csv"), "name,age,zip\nrex,3,01234\n\"tom, jr\",5,98765\n");
        Files.writeString(dir.resolve("pets.tsv"), "name\tage\nrex\t3\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("pets2.csv.gz")))) {
            out.write("a,b\n1,2\n3,4\n".getBytes());
        }
        Files.writeString(dir.resolve("pets.json"), "[{\"name\": \"rex\", \"age\": 3, \"good\": true}, {\"name\": \"tom\", \"age\": null}]");
        kernel.evalRaw("%data load " + dir.resolve("pets.csv") + " --types zip:string");
        assertEquals("tom, jr", kernel.evalRaw("pets.stringColumn(\"name\").get(1)"));
        assertEquals("01234", kernel.evalRaw("pets.stringColumn(\"zip\").get(0)"));
        kernel.evalRaw("%data load " + dir.resolve("pets.tsv") + " --as tsv");
        assertEquals(3, kernel.evalRaw("tsv.intColumn(\"age\").get(0)"));
        kernel.evalRaw("%data load " + dir.resolve("pets2.csv.gz"));
        assertEquals(2, kernel.evalRaw("pets2.rowCount()"));
        kernel.evalRaw("%data load " + dir.resolve("pets.json") + " --as js");
        assertEquals(ColumnType.INTEGER, kernel.evalRaw("js.column(\"age\").type()"));
        assertEquals(1, kernel.evalRaw("js.column(\"age\").countMissing()"));
        kernel.evalRaw("%data load " + dir.resolve("pets.json") + " --as typed --types age:integer,name:string");
        assertEquals(ColumnType.INTEGER, kernel.evalRaw("typed.column(\"age\").type()"));
        assertEquals(3, kernel.evalRaw("typed.intColumn(\"age\").get(0)"));
        assertEquals(1, kernel.evalRaw("typed.column(\"age\").countMissing()"));
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("pets.json") + " --as typed --types name:integer"));
        assertEquals("--types name:integer: record 1 of 'pets' has 'rex', which is not integer.", e.getMessage());
        assertEquals(ColumnType.INTEGER, kernel.evalRaw("typed.column(\"age\").type()")); // unchanged by the mistake
    }

    @Test
    void badInputIsAUsageErrorAndTheSessionKeepsItsVariables() throws Exception {
        kernel.evalRaw("%data load iris --as keep");
        Files.writeString(dir.resolve("broken.csv"), "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        Files.writeString(dir.resolve("nums.csv"), "a,b\n1,x\n");
        Files.writeString(dir.resolve("data.xlsx"), "not really");
        Files.writeString(dir.resolve("nums.txt"), "a,b\n1,2\n");

        UsageError missing = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("nope.csv") + " --as keep"));
        assertTrue(missing.getMessage().startsWith("no file at '"), missing.getMessage());
        UsageError malformed = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("broken.csv") + " --as keep"));
        assertTrue(malformed.getMessage().startsWith("line 3 of 'broken'"), malformed.getMessage());
        UsageError badType = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("nums.csv") + " --types b:integer --as keep"));
        assertTrue(badType.getMessage().contains("line 2 of 'nums', column 'b'"), badType.getMessage());
        UsageError unknownColumn = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load iris --types species_:string --as keep"));
        assertEquals("Did you mean 'species'?", unknownColumn.lines().getLast());
        UsageError unknownType = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load iris --types species:strng --as keep"));
        assertEquals("Did you mean 'string'?", unknownType.lines().getLast());
        UsageError dataset = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load irsi --as keep"));
        assertTrue(dataset.getMessage().startsWith("no dataset or file named 'irsi'. Datasets: "), dataset.getMessage());
        assertEquals("Did you mean 'iris'?", dataset.lines().getLast());
        UsageError format = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("data.xlsx") + " --as keep"));
        assertEquals("'data' is not an Excel .xlsx file (one is a zip of XML sheets): was it saved under another format?", format.getMessage());
        UsageError unknownFormat = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load " + dir.resolve("nums.txt") + " --as keep"));
        assertTrue(unknownFormat.getMessage().contains("must end in .csv, .tsv, .json or .xlsx"), unknownFormat.getMessage());
        UsageError sub = assertThrows(UsageError.class, () -> kernel.evalRaw("%data lod iris"));
        assertEquals("Did you mean 'load'?", sub.lines().getLast());
        UsageError bareOption = assertThrows(UsageError.class, () -> kernel.evalRaw("%data load iris as flowers"));
        assertEquals("Did you mean '--as flowers'?", bareOption.lines().getLast());

        assertEquals(150, kernel.evalRaw("keep.rowCount()"));
        assertEquals("species", kernel.evalRaw("keep.columnNames().get(4)"));
    }
}
