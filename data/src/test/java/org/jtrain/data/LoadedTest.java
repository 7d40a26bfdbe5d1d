package org.jtrain.data;

import org.jtrain.data.sql.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadedTest {

    @TempDir
    Path dir;

    @BeforeEach
    void forget() {
        Loaded.current().clear();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aLoadedFileIsNotedAndHashedWhenAsked() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n1,2\n3,4\n5,6\n");
        Load.file(csv);
        Loaded.Entry e = Loaded.current().entries().getLast();
        assertEquals(csv.toString(), e.name());
        assertEquals(csv.toAbsolutePath().toString(), e.file()); // outside the working folder: the absolute path
        assertEquals(3, e.rows());
        Loaded.Hash h = e.hash();
        assertEquals(sha256(csv), h.sha256());
        assertFalse(h.changed());
    }

    @Test
    void aFileChangedAfterLoadingIsFlagged() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n1,2\n");
        Load.source(csv.toString());
        Files.writeString(csv, "x,y\n1,3\n"); // same size: the modification time tells
        Files.setLastModifiedTime(csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 2000));
        Loaded.Hash h = Loaded.current().entries().getLast().hash();
        assertTrue(h.changed());
        assertEquals(sha256(csv), h.sha256());
        Files.delete(csv);
        Loaded.Hash gone = Loaded.current().entries().getLast().hash();
        assertTrue(gone.changed());
        assertNull(gone.sha256());
    }

    @Test
    void aBundledDatasetIsItsFileInTheRepository() throws Exception {
        Table iris = Load.source("iris");
        Loaded.Entry e = Loaded.current().entries().getLast();
        assertEquals("iris", e.name());
        assertEquals("datasets/src/main/resources/org/jtrain/datasets/iris.csv.gz", e.file());
        assertEquals(iris.rowCount(), e.rows());
        Path repository = Path.of("").toAbsolutePath().getParent(); // the tests run in data/
        assertEquals(sha256(repository.resolve(e.file())), e.hash().sha256());
    }

    @Test
    void aFileReadAgainIsNotedOnceWithItsLastRead() throws Exception {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "x\n1\n");
        Load.file(csv);
        Load.dataset("wine");
        Files.writeString(csv, "x\n1\n2\n");
        Load.file(csv);
        List<Loaded.Entry> entries = Loaded.current().entries();
        assertEquals(List.of("wine", csv.toString()), entries.stream().map(Loaded.Entry::name).toList());
        assertEquals(2, entries.getLast().rows());
        assertFalse(entries.getLast().hash().changed());
    }

    @Test
    void filesAQueryNamesAreNotedWithoutRows() throws Exception {
        Files.createDirectories(dir.resolve("sales"));
        Table t = Table.create("t", tech.tablesaw.api.IntColumn.create("n", 1, 2));
        Parquet.write(t, dir.resolve("sales/a.parquet"));
        Parquet.write(t, dir.resolve("sales/b.parquet"));
        Files.writeString(dir.resolve("sales/notes.txt"), "not data");
        try (Sql sql = Sql.duckdb()) {
            Table sum = sql.query("SELECT sum(n) AS s FROM '" + dir.resolve("sales") + "/*.parquet' WHERE 'x' <> 'y'", java.util.Map.of());
            assertEquals(6, ((Number) sum.column("s").get(0)).intValue());
        }
        List<Loaded.Entry> entries = Loaded.current().entries();
        assertEquals(List.of("a.parquet", "b.parquet"), entries.stream().map(e -> e.path().getFileName().toString()).toList());
        assertTrue(entries.stream().allMatch(e -> e.rows() == -1));
        assertEquals(sha256(dir.resolve("sales/b.parquet")), entries.getLast().hash().sha256());
    }

    @Test
    void aParquetFileReadDirectlyIsNotedWithItsRows() throws Exception {
        Path file = dir.resolve("t.parquet");
        Parquet.write(Table.create("t", tech.tablesaw.api.IntColumn.create("n", 1, 2, 3)), file);
        Parquet.read(file);
        assertEquals(3, Loaded.current().entries().getLast().rows());
    }
}
