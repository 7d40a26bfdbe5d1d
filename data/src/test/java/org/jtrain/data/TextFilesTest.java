package org.jtrain.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV, TSV and JSON files as they arrive: other encodings, separators, absurd headers, loads that are interrupted. */
class TextFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text, Charset encoding) throws Exception {
        return Files.write(dir.resolve(name), text.getBytes(encoding));
    }

    @Test
    void aLatin1FileIsRefusedAsUtf8WithItsLineAndReadWithItsEncoding() throws Exception {
        Path people = write("people.csv", "name,city\nAda,London\nJosé,München\n", StandardCharsets.ISO_8859_1);
        BadInput e = assertThrows(BadInput.class, () -> Load.file(people));
        assertEquals("line 3 of 'people': it is not valid UTF-8: byte 0xE9 after \"Jos\". If the file is latin-1, load it with "
                + "--encoding ISO-8859-1 (or windows-1252)", e.getMessage());
        for (String encoding : List.of("ISO-8859-1", "latin1", "windows-1252", "cp1252")) {
            Table t = Load.file(people, LoadOptions.defaults().encoding(encoding));
            assertEquals(List.of("Ada", "José"), t.stringColumn("name").asList(), encoding);
            assertEquals(List.of("London", "München"), t.stringColumn("city").asList(), encoding);
        }
        assertFalse(Load.file(people, LoadOptions.defaults().encoding("latin1")).stringColumn("name").get(1).contains("\uFFFD"));
    }

    @Test
    void theHintFollowsTheBytes() throws Exception {
        Path windows = write("prices.csv", "item,price\ncoffee,€3\n", Charset.forName("windows-1252"));
        BadInput cp1252 = assertThrows(BadInput.class, () -> Load.file(windows));
        assertEquals("line 2 of 'prices': it is not valid UTF-8: byte 0x80 after \"coffee,\". It looks like Windows text: load it "
                + "with --encoding windows-1252", cp1252.getMessage());
        assertEquals("€3", Load.file(windows, LoadOptions.defaults().encoding("windows-1252")).stringColumn("price").get(0));

        Path utf16 = write("wide.csv", "a,b\n1,ü\n", StandardCharsets.UTF_16);
        BadInput sixteen = assertThrows(BadInput.class, () -> Load.file(utf16));
        assertTrue(sixteen.getMessage().endsWith("It looks like UTF-16: load it with --encoding UTF-16"), sixteen.getMessage());
        assertEquals("ü", Load.file(utf16, LoadOptions.defaults().encoding("UTF-16")).stringColumn("b").get(0));

        // 0x81 means nothing in windows-1252: refused too, not replaced
        Files.write(dir.resolve("odd.csv"), new byte[]{'a', '\n', 'x', (byte) 0x81, '\n'});
        BadInput unmapped = assertThrows(BadInput.class, () -> Load.file(dir.resolve("odd.csv"), LoadOptions.defaults().encoding("windows-1252")));
        assertTrue(unmapped.getMessage().startsWith("line 2 of 'odd': byte 0x81 after \"x\" has no character in windows-1252. Check"),
                unmapped.getMessage());

        BadInput unknown = assertThrows(BadInput.class, () -> LoadOptions.defaults().encoding("utf-9"));
        assertEquals("unknown encoding 'utf-9'. Common ones: UTF-8, ISO-8859-1, windows-1252, UTF-16, ISO-8859-15, US-ASCII", unknown.getMessage());
        assertEquals(Optional.of("UTF-8"), unknown.suggestion());
    }

    @Test
    void jsonIsCheckedTooAndTypedAsCsvIs() throws Exception {
        Path bad = write("events.json", "[{\"who\": \"Ada\"},\n {\"who\": \"José\"}]", StandardCharsets.ISO_8859_1);
        BadInput e = assertThrows(BadInput.class, () -> Load.file(bad));
        assertTrue(e.getMessage().startsWith("line 2 of 'events': it is not valid UTF-8: byte 0xE9 after \" {\"who\": \"Jos\"."), e.getMessage());
        assertEquals("José", Load.file(bad, LoadOptions.defaults().encoding("ISO-8859-1")).stringColumn("who").get(1));

        Path events = write("events.json", """
                [{"day": "2024-01-31", "at": "2024-01-31T10:15:30", "spaced": "2024-01-31 10:15", "n": 3, "big": 3000000000, "x": 2.0, "text": "2024-01-31"},
                 {"day": null, "at": "2024-02-01T00:00", "spaced": "2024-02-01 08:00", "n": null, "big": 1, "x": 1, "text": "soon"}]
                """, StandardCharsets.UTF_8);
        Table t = Load.file(events);
        assertEquals(List.of(ColumnType.LOCAL_DATE, ColumnType.LOCAL_DATE_TIME, ColumnType.LOCAL_DATE_TIME, ColumnType.INTEGER,
                ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING), t.columns().stream().map(c -> c.type()).toList());
        assertEquals(LocalDate.of(2024, 1, 31), t.dateColumn("day").get(0));
        assertTrue(t.column("day").isMissing(1));
        assertEquals(LocalDateTime.of(2024, 1, 31, 10, 15, 30), t.dateTimeColumn("at").get(0));
        assertEquals(LocalDateTime.of(2024, 2, 1, 8, 0), t.dateTimeColumn("spaced").get(1));
        assertEquals(3_000_000_000L, t.longColumn("big").get(0));
        assertEquals(List.of(2.0, 1.0), t.doubleColumn("x").asList()); // one decimal point makes the column double
        assertEquals(ColumnType.STRING, Load.file(events, LoadOptions.defaults().types(Map.of("day", ColumnType.STRING))).column("day").type());
    }

    @Test
    void separatorsAreChosenByOption() throws Exception {
        Path semi = write("eu.csv", "name;price\nTee;1,50\n\"a;b\";2\n", StandardCharsets.UTF_8);
        Table t = Load.file(semi, LoadOptions.defaults().separator(";"));
        assertEquals(List.of("Tee", "a;b"), t.stringColumn("name").asList());
        assertEquals(List.of("1,50", "2"), t.stringColumn("price").asList());
        BadInput comma = assertThrows(BadInput.class, () -> Load.file(semi));
        assertEquals("line 2 of 'eu' has 2 fields but the header has 1: Tee;1,50. The header is one field: if the separator is ';', "
                + "load it with --sep ';'", comma.getMessage());
        assertEquals(2, Load.file(write("p.csv", "a|b\n1|2\n", StandardCharsets.UTF_8), LoadOptions.defaults().separator('|')).intColumn("b").get(0));
        assertEquals(2, Load.file(write("t.csv", "a\tb\n1\t2\n", StandardCharsets.UTF_8), LoadOptions.defaults().separator("\\t")).intColumn("b").get(0));
        assertEquals(2, Load.file(write("c.tsv", "a,b\n1,2\n", StandardCharsets.UTF_8), LoadOptions.defaults().separator("tab").separator(",")).intColumn("b").get(0));

        assertEquals("--sep takes one character, e.g. ';', '|' or '\\t' for a tab; got ';;'",
                assertThrows(BadInput.class, () -> LoadOptions.defaults().separator(";;")).getMessage());
        assertEquals("--sep takes one ASCII character other than a quote or a line break, e.g. ';', '|' or '\\t'; got '\"'",
                assertThrows(BadInput.class, () -> LoadOptions.defaults().separator("\"")).getMessage());
        Path json = write("j.json", "[]", StandardCharsets.UTF_8);
        assertEquals("--sep is for CSV and TSV files; 'j' is JSON",
                assertThrows(BadInput.class, () -> Load.file(json, LoadOptions.defaults().separator(';'))).getMessage());
        assertEquals("--sep, --encoding and --sheet are for files; 'iris' is a bundled dataset",
                assertThrows(BadInput.class, () -> Load.source("iris", LoadOptions.defaults().separator(';'))).getMessage());
    }

    @Test
    void aHeaderOf600000ColumnsFailsFastNamingTheCountAndTheOption() throws Exception {
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 600_000; c++) header.append(c == 0 ? "c" : ",c").append(String.valueOf(1_000_000 + c), 1, 7); // c000000,c000001,...
        header.append("\n1,2\n");
        Path wide = write("wide.csv", header.toString(), StandardCharsets.UTF_8);
        assertTrue(Files.size(wide) > 4_700_000, "a 4.7 MB header line");
        long start = System.nanoTime();
        BadInput e = assertThrows(BadInput.class, () -> Load.file(wide));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("the header of 'wide' has 600,000 columns, more than the limit of 10,000: check the separator (--sep), or raise "
                + "the limit with --max-columns 600000", e.getMessage());
        System.out.printf("600,000-column header refused in %.3f s%n", seconds);
        assertTrue(seconds < 3, seconds + " s");
        assertEquals(3, Load.file(write("three.csv", "a,b,c\n1,2,3\n", StandardCharsets.UTF_8), LoadOptions.defaults().maxColumns(3)).columnCount());
        assertThrows(BadInput.class, () -> Load.file(dir.resolve("three.csv"), LoadOptions.defaults().maxColumns(2)));
        assertEquals("--max-columns takes a positive number; got 0", assertThrows(BadInput.class, () -> LoadOptions.defaults().maxColumns(0)).getMessage());
        Path json = write("keys.json", "[{\"a\": 1, \"b\": 2, \"c\": 3}]", StandardCharsets.UTF_8);
        assertEquals("the records of 'keys' have more than 2 keys, the limit on columns: raise it with --max-columns N",
                assertThrows(BadInput.class, () -> Load.file(json, LoadOptions.defaults().maxColumns(2))).getMessage());
    }

    @Test
    void aLoadStopsWhenAskedWhereverItIs() throws Exception {
        StringBuilder csv = new StringBuilder("id,x,day\n");
        for (int r = 0; r < 200_000; r++) csv.append(r).append(',').append(r * 0.5).append(",2024-01-0").append(1 + r % 9).append('\n');
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("big.csv"), bytes);
        AtomicInteger all = new AtomicInteger();
        assertEquals(200_000, Load.read(new ByteArrayInputStream(bytes), "big", Load.Format.CSV, LoadOptions.defaults().stopWhen(() -> {
            all.incrementAndGet();
            return false;
        })).rowCount());
        int n = all.get(); // polls while reading, checking the encoding, finding the fields, and before each of the 3 columns
        assertTrue(n > 20, n + " polls");
        for (int after : new int[]{0, 1, n / 2, n - 4, n - 1}) {
            AtomicInteger polls = new AtomicInteger();
            assertThrows(CancellationException.class, () -> Load.file(file, LoadOptions.defaults().stopWhen(() -> polls.incrementAndGet() > after)));
            // the first poll that says so stops the load; columns are parsed in parallel, so the others may each poll once
            // more before the stop reaches them
            assertTrue(polls.get() >= after + 1 && polls.get() <= after + 3, "stopped at poll " + polls.get() + ", asked after " + after);
        }
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkipped() throws Exception {
        Table t = Load.file(write("gap.csv", "\n\r\na,b\n1,2\n\n3,4\n", StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals(List.of(1, 3), t.intColumn("a").asList());
    }
}
