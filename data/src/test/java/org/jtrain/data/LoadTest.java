package org.jtrain.data;

import org.jtrain.datasets.Dataset;
import org.jtrain.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class LoadTest {

    @TempDir
    Path dir;

    @Test
    void aBundledDatasetLoadsByNameWithTheCatalogsRowCount() throws Exception {
        assumeFalse(Smoke.on(), "smoke mode samples the rows");
        Table catalog = Load.catalog();
        assertEquals(Datasets.list().size(), catalog.rowCount());
        int row = catalog.stringColumn("name").indexOf("seattle-weather");
        Table weather = Load.source("seattle-weather");
        assertEquals(1461, catalog.intColumn("rows").get(row));
        assertEquals(catalog.intColumn("rows").get(row), weather.rowCount());
        assertEquals(catalog.intColumn("columns").get(row), weather.columnCount());
        assertEquals("seattle-weather", weather.name());
        Dataset iris = Datasets.find("iris").orElseThrow();
        assertEquals(iris.rows(), Load.dataset("iris").rowCount());
    }

    @Test
    void csvTsvGzipAndJsonFilesLoad() throws Exception {
        Files.writeString(dir.resolve("pets.csv"), "name,age,zip\nrex,3,01234\n\"tom, jr\",5,98765\n");
        Files.writeString(dir.resolve("pets.tsv"), "name\tage\nrex\t3\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("pets2.csv.gz")))) {
            out.write("a,b\n1,2\n3,4\n".getBytes());
        }
        Files.writeString(dir.resolve("pets.json"), "[{\"name\": \"rex\", \"age\": 3, \"good\": true}, {\"name\": \"tom\", \"age\": null}]");

        Table csv = Load.file(dir.resolve("pets.csv"), Load.types(List.of("zip:string")));
        assertEquals("pets", csv.name());
        assertEquals("tom, jr", csv.stringColumn("name").get(1));
        assertEquals("01234", csv.stringColumn("zip").get(0));
        assertEquals(ColumnType.INTEGER, Load.file(dir.resolve("pets.csv")).column("zip").type()); // inferred without --types

        Table tsv = Load.source(dir.resolve("pets.tsv").toString());
        assertEquals(3, tsv.intColumn("age").get(0));
        Table gz = Load.file(dir.resolve("pets2.csv.gz"));
        assertEquals("pets2", gz.name());
        assertEquals(List.of(2, 4), gz.intColumn("b").asList());

        Table json = Load.file(dir.resolve("pets.json"));
        assertEquals(ColumnType.INTEGER, json.column("age").type()); // whole numbers, as in a CSV file
        assertEquals(ColumnType.BOOLEAN, json.column("good").type());
        assertEquals(1, json.column("age").countMissing());
        Table typed = Load.file(dir.resolve("pets.json"), Load.types(List.of("age:integer", "name:string")));
        assertEquals(3, typed.intColumn("age").get(0));
        BadInput e = assertThrows(BadInput.class, () -> Load.file(dir.resolve("pets.json"), Load.types(List.of("name:integer"))));
        assertEquals("--types name:integer: record 1 of 'pets' has 'rex', which is not integer.", e.getMessage());
    }

    @Test
    void readTakesAStreamAndNamesTheTable() throws Exception {
        Table t = Load.read(new ByteArrayInputStream("x\ty\n1\t2\n".getBytes()), "mine", Load.Format.TSV, Map.of());
        assertEquals("mine", t.name());
        assertEquals(2, t.intColumn("y").get(0));
    }

    @Test
    void typesAreParsedAndAMistypedTypeIsSuggested() {
        assertEquals(Map.of("zip", ColumnType.STRING, "price", ColumnType.DOUBLE), Load.types(List.of("zip:string", "price:DOUBLE")));
        BadInput unknown = assertThrows(BadInput.class, () -> Load.types(List.of("species:strng")));
        assertEquals("unknown type 'strng' for column 'species'. Types: integer, long, double, float, boolean, string, local_date, "
                + "local_date_time", unknown.getMessage());
        assertEquals(Optional.of("string"), unknown.suggestion());
        BadInput pair = assertThrows(BadInput.class, () -> Load.types(List.of("species")));
        assertEquals("--types takes COLUMN:TYPE pairs, e.g. --types age:integer,price:double; got 'species'", pair.getMessage());
        BadInput column = assertThrows(BadInput.class, () -> Load.source("iris", Load.types(List.of("species_:string"))));
        assertTrue(column.getMessage().startsWith("--types names column 'species_', which 'iris' does not have."), column.getMessage());
        assertEquals(Optional.of("species"), column.suggestion());
    }

    @Test
    void unknownNamesAndBadFilesSayWhatToDo() throws Exception {
        BadInput dataset = assertThrows(BadInput.class, () -> Load.source("irsi"));
        assertTrue(dataset.getMessage().startsWith("no dataset or file named 'irsi'. Datasets: births, breast_cancer, diabetes,"), dataset.getMessage());
        assertEquals(Optional.of("iris"), dataset.suggestion());
        BadInput bundled = assertThrows(BadInput.class, () -> Load.dataset("irsi"));
        assertTrue(bundled.getMessage().startsWith("no dataset named 'irsi'. Datasets: "), bundled.getMessage());
        assertEquals(Optional.of("iris"), bundled.suggestion());

        BadInput missing = assertThrows(BadInput.class, () -> Load.source(dir.resolve("nope.csv").toString()));
        assertEquals("no file at '" + dir.resolve("nope.csv").toAbsolutePath() + "'. Datasets: "
                + String.join(", ", Datasets.list().stream().map(Dataset::name).toList()) + ".", missing.getMessage());
        Files.writeString(dir.resolve("data.xls"), "not really");
        BadInput format = assertThrows(BadInput.class, () -> Load.file(dir.resolve("data.xls")));
        assertEquals("'data.xls' is an old .xls workbook: open it in Excel or LibreOffice and save it as .xlsx (or CSV)", format.getMessage());
        Files.writeString(dir.resolve("data.parquet.txt"), "not really");
        BadInput unknown = assertThrows(BadInput.class, () -> Load.file(dir.resolve("data.parquet.txt")));
        assertTrue(unknown.getMessage().startsWith("cannot tell the format of 'data.parquet.txt': files must end in .csv, .tsv, .json"),
                unknown.getMessage());
        Files.writeString(dir.resolve("data.xlsx"), "not really");
        BadInput fake = assertThrows(BadInput.class, () -> Load.file(dir.resolve("data.xlsx")));
        assertEquals("'data' is not an Excel .xlsx file (one is a zip of XML sheets): was it saved under another format?", fake.getMessage());
        Files.writeString(dir.resolve("broken.csv"), "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        BadInput malformed = assertThrows(BadInput.class, () -> Load.file(dir.resolve("broken.csv")));
        assertEquals("line 3 of 'broken' has 2 fields but the header has 3: 4,5", malformed.getMessage());
    }

    @Test
    void namesComeFromTheDatasetOrTheFile() {
        assertEquals("seattle-weather", Load.tableName("seattle-weather"));
        assertEquals("seattle_weather", Load.variableName("seattle-weather"));
        assertEquals("sales", Load.tableName("/tmp/x/sales.TSV.gz"));
        assertEquals("_2024_sales", Load.variableName("data/2024 sales.json"));
        assertEquals(Load.Format.TSV, Load.format("a.tab.gz"));
        assertEquals(Load.Format.JSON, Load.format("A.JSON"));
        assertEquals(Load.Format.XLSX, Load.format("Sales 2024.xlsx.gz"));
        assertEquals("Sales 2024", Load.tableName("Sales 2024.xlsx.gz"));
    }
}
