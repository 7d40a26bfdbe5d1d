package org.jtrain.data;

import org.jtrain.data.sql.TypesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetTest {

    @TempDir
    Path dir;

    @Test
    void aRoundTripKeepsEveryColumnTypeAndMissingValues() throws Exception {
        Table all = TypesFixture.everyType();
        Path file = dir.resolve("every.parquet");
        Parquet.write(all, file);
        Table back = Parquet.read(file);
        assertEquals("every", back.name());
        TypesFixture.assertSame(all, back);
        // and through %data load's entry point
        TypesFixture.assertSame(all, Load.source(file.toString()));
        assertEquals("every", Load.variableName(file.toString()));
    }

    @Test
    void writingReplacesAFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out/t.parquet");
        Parquet.write(Table.create("t", IntColumn.create("a", 1, 2, 3)), file);
        Parquet.write(Table.create("t", IntColumn.create("a", new int[] {4})), file);
        assertEquals(List.of(4), Parquet.read(file).intColumn("a").asList());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("t.parquet"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aGlobReadsSeveralFilesAsOneTable() throws Exception {
        for (int i = 0; i < 3; i++) {
            Parquet.write(Table.create("p", IntColumn.create("n", i, i + 10), StringColumn.create("part", "p" + i, "p" + i)),
                    dir.resolve("part-" + i + ".parquet"));
        }
        Table all = Parquet.read(dir.resolve("part-*.parquet"));
        assertEquals(6, all.rowCount());
        assertEquals(3, all.stringColumn("part").countUnique());
    }

    @Test
    void typesCastColumnsAndNameTheirMistakes() throws Exception {
        Path file = dir.resolve("zips.parquet");
        Parquet.write(Table.create("z", IntColumn.create("zip", 1234, 98765)), file);
        Table t = Load.file(file, Load.types(List.of("zip:string")));
        assertEquals(ColumnType.STRING, t.column("zip").type());
        assertEquals("1234", t.stringColumn("zip").get(0));
        BadInput e = assertThrows(BadInput.class, () -> Load.file(file, Map.of("zp", ColumnType.STRING)));
        assertEquals("zip", e.suggestion().orElseThrow());
    }

    @Test
    void aMissingOrBrokenFileIsOneClearLine() throws Exception {
        BadInput missing = assertThrows(BadInput.class, () -> Parquet.read(dir.resolve("none.parquet")));
        assertTrue(missing.getMessage().startsWith("no file at '"), missing.getMessage());
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "name,age\nann,3\n");
        BadInput broken = assertThrows(BadInput.class, () -> Load.source(fake.toString()));
        assertTrue(broken.getMessage().startsWith("cannot read '" + fake + "' as Parquet: "), broken.getMessage());
        assertFalse(broken.getMessage().contains("\n"), broken.getMessage());
    }
}
