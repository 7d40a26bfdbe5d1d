package org.jtrain.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    private static Table read(String csv) {
        return CsvReader.read(csv.getBytes(StandardCharsets.UTF_8), "t", ',', Map.of());
    }

    @Test
    void datesBooleansAndMissingMarkersReadFromTheBytesAsFromTheText() {
        Table t = read("d,spaced,bad,b,m\n2024-02-29,\" 2024-01-31\",2024-02-30,TRUE,NA\n1999-12-31,2000-01-01,2024-01-01,false,n/a\n"
                + "2026-02-28,2001-02-03,x,True,NULL\n");
        assertEquals(ColumnType.LOCAL_DATE, t.column("d").type());
        assertEquals("2024-02-29", t.dateColumn("d").get(0).toString());
        assertEquals(ColumnType.LOCAL_DATE, t.column("spaced").type()); // blanks around a value do not matter
        assertEquals(ColumnType.STRING, t.column("bad").type()); // February 30th is no date
        assertEquals(ColumnType.BOOLEAN, t.column("b").type());
        assertEquals(java.util.List.of(true, false, true), t.booleanColumn("b").asList());
        assertEquals(3, t.column("m").countMissing());
    }

    @Test
    void quotingEmbeddedNewlinesCrlfAndBom() {
        Table t = read("\uFEFFname,note\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\"\r\nAda,\r\n");
        assertEquals(2, t.rowCount());
        assertEquals("Smith, J", t.stringColumn("name").get(0));
        assertEquals("said \"hi\"\nthen left", t.stringColumn("note").get(0));
        assertTrue(t.stringColumn("note").isMissing(1));
    }

    @Test
    void typesAreInferredFromEveryRow() {
        Table t = read("i,l,d,b,day,at,s,late\n1,3000000000,1.5,true,2024-01-02,2024-01-02T03:04:05,x,1\n"
                + "NA,1,1e-3,FALSE,2024-02-03,2024-02-03 04:05:06,y,oops\n");
        assertEquals(ColumnType.INTEGER, t.column("i").type());
        assertTrue(t.column("i").isMissing(1));
        assertEquals(ColumnType.LONG, t.column("l").type());
        assertEquals(ColumnType.DOUBLE, t.column("d").type());
        assertEquals(0.001, t.doubleColumn("d").get(1));
        assertEquals(ColumnType.BOOLEAN, t.column("b").type());
        assertEquals(ColumnType.LOCAL_DATE, t.column("day").type());
        assertEquals(ColumnType.LOCAL_DATE_TIME, t.column("at").type());
        assertEquals(ColumnType.STRING, t.column("late").type()); // numeric until its last row
    }

    @Test
    void explicitTypesAndABadValue() {
        Table t = CsvReader.read("zip,n\n01234,5\n".getBytes(), "t", ',', Map.of("zip", ColumnType.STRING, "n", ColumnType.DOUBLE));
        assertEquals("01234", t.stringColumn("zip").get(0));
        assertEquals(5.0, t.doubleColumn("n").get(0));
        BadInput e = assertThrows(BadInput.class, () -> CsvReader.read("a\n1\n2\nx\n".getBytes(), "t", ',', Map.of("a", ColumnType.INTEGER)));
        assertTrue(e.getMessage().startsWith("line 4 of 't', column 'a': 'x' is not integer"), e.getMessage());
    }

    @Test
    void wrongFieldCountNamesTheLineEvenAfterAQuotedNewline() {
        BadInput e = assertThrows(BadInput.class, () -> read("a,b\n\"x\ny\",1\n2\n"));
        assertEquals("line 4 of 't' has 1 fields but the header has 2: 2", e.getMessage());
        BadInput q = assertThrows(BadInput.class, () -> read("a,b\n1,2\n\"open,3\n"));
        assertEquals("line 3 of 't': a quoted field is never closed", q.getMessage());
    }

    @Test
    void tsvEmptyAndHeaderOnly() {
        Table t = CsvReader.read("a\tb\n1\t2\n".getBytes(), "t", '\t', Map.of());
        assertEquals(2, t.intColumn("b").get(0));
        assertEquals(0, read("").columnCount());
        Table header = read("x,y\n");
        assertEquals(0, header.rowCount());
        assertEquals(2, header.columnCount());
    }

    @Test
    void numbersParseExactlyAsDoubleParseDouble() {
        Random rnd = new Random(3);
        StringBuilder csv = new StringBuilder("x\n");
        double[] expected = new double[20000];
        for (int i = 0; i < expected.length; i++) {
            double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(12) - 4);
            String s = i % 2 == 0 ? Double.toString(v) : String.format(Locale.ROOT, "%.6f", v);
            expected[i] = Double.parseDouble(s);
            csv.append(s).append('\n');
        }
        Table t = read(csv.toString());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], t.doubleColumn("x").get(i), 0.0, "row " + i);
    }
}
