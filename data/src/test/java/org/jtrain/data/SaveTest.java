package org.jtrain.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveTest {

    @TempDir
    Path dir;

    /** Every type the round trips keep, with a missing value in each column and text that needs quoting. */
    static Table sample() {
        IntColumn n = IntColumn.create("n", 3, -7, 2_000_000_000);
        n.appendMissing();
        DoubleColumn x = DoubleColumn.create("x", 2.0, 0.1, -3.5e-7, Double.NaN);
        BooleanColumn ok = BooleanColumn.create("ok", 4);
        ok.set(0, true);
        ok.set(1, false);
        ok.set(2, true);
        ok.setMissing(3);
        StringColumn who = StringColumn.create("who", "José", "a, \"quoted\"\nname", "München");
        who.appendMissing();
        DateColumn day = DateColumn.create("day", LocalDate.of(2024, 1, 31), LocalDate.of(1999, 12, 31), null, LocalDate.of(2026, 2, 28));
        DateTimeColumn at = DateTimeColumn.create("at", LocalDateTime.of(2024, 1, 31, 10, 15, 30), LocalDateTime.of(2024, 2, 1, 0, 0),
                LocalDateTime.of(2023, 6, 30, 23, 59, 59), null);
        return Table.create("sample", n, x, ok, who, day, at);
    }

    @Test
    void csvTsvJsonExcelAndParquetRoundTripsKeepTypesValuesAndMissingValues() throws Exception {
        Table sample = sample();
        for (String file : List.of("s.csv", "s.tsv", "s.json", "s.xlsx", "s.csv.gz", "s.json.gz", "s.xlsx.gz", "s.parquet")) {
            Path path = dir.resolve("out").resolve(file); // the folder is made
            Save.file(sample, path);
            Table back = Load.file(path);
            assertEquals("s", back.name(), file);
            assertEquals(sample.columnNames(), back.columnNames(), file);
            assertEquals(List.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.LOCAL_DATE,
                    ColumnType.LOCAL_DATE_TIME), back.columns().stream().map(c -> c.type()).toList(), file);
            for (int c = 0; c < sample.columnCount(); c++) {
                for (int r = 0; r < sample.rowCount(); r++) {
                    assertEquals(sample.column(c).isMissing(r), back.column(c).isMissing(r), file + " " + sample.column(c).name() + " row " + r);
                    if (!sample.column(c).isMissing(r)) {
                        assertEquals(sample.column(c).get(r), back.column(c).get(r), file + " " + sample.column(c).name() + " row " + r);
                    }
                }
            }
        }
    }

    @Test
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path path = dir.resolve("keep.xlsx");
        Save.file(sample(), path);
        byte[] before = Files.readAllBytes(path);
        Table tooLong = Table.create("long", StringColumn.create("text", "x".repeat(40_000)));
        BadInput e = assertThrows(BadInput.class, () -> Save.file(tooLong, path));
        assertEquals("row 1 of 'long', column 'text' holds 40,000 characters; an Excel cell holds at most 32,767: save it as .csv or .json",
                e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(path)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("keep.xlsx"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void unknownFormatsAndFoldersAreRefusedInOneLine() {
        BadInput format = assertThrows(BadInput.class, () -> Save.file(sample(), dir.resolve("s.txt")));
        assertTrue(format.getMessage().startsWith("cannot tell the format of 's.txt': files must end in .csv, .tsv, .json or .xlsx"),
                format.getMessage());
        BadInput folder = assertThrows(BadInput.class, () -> Save.file(sample(), dir));
        assertTrue(folder.getMessage().endsWith("is a folder: give a file name, e.g. " + dir.resolve("sample.csv")), folder.getMessage());
    }

    @Test
    void csvIsPlainRfc4180AndJsonOneRecordPerLine() throws Exception {
        Table t = Table.create("t", IntColumn.create("a", 1, 2), StringColumn.create("b", "x,y", "z"));
        t.intColumn("a").setMissing(1);
        Save.file(t, dir.resolve("t.csv"));
        assertEquals("a,b\n1,\"x,y\"\n,z\n", Files.readString(dir.resolve("t.csv")));
        Save.file(t, dir.resolve("t.json"));
        assertEquals("[\n{\"a\": 1, \"b\": \"x,y\"},\n{\"a\": null, \"b\": \"z\"}\n]\n", Files.readString(dir.resolve("t.json")));
    }
}
