package org.jtrain.data;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.OutputStream;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExcelReaderTest {

    @TempDir
    Path dir;

    /**
     * A workbook as people make them: a title sheet first, the data below two blank rows with a gap in the middle,
     * numbers in display formats (thousands separators, two decimals), a US date format, a formula, an error cell and
     * rows shorter than the header.
     */
    private Path book() throws Exception {
        Path path = dir.resolve("sales.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(path)) {
            wb.createSheet("About").createRow(0).createCell(0).setCellValue("Sales by store, 2024");
            XSSFSheet q1 = wb.createSheet("Q1 2024");
            CellStyle money = wb.createCellStyle(), thousands = wb.createCellStyle(), usDate = wb.createCellStyle(), stamp = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            thousands.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            usDate.setDataFormat((short) 14); // m/d/yy, built in
            stamp.setDataFormat(wb.createDataFormat().getFormat("m/d/yy h:mm"));
            String[] header = {"store", "visits", "revenue", "open", "day", "at", "ratio"};
            XSSFRow h = q1.createRow(2);
            for (int c = 0; c < header.length; c++) h.createCell(c).setCellValue(header[c]);
            Object[][] rows = {
                    {"Zürich", 1200.0, 3400.5, true, LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 9, 30), "=C4/B4"},
                    {"Basel, Old Town", 15000.0, 120.0, false, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 18, 0), "=1/0"},
                    null, // a blank row
                    {"Bern", 7.0, null, null, LocalDate.of(2024, 3, 1)}, // a short row
            };
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) continue;
                XSSFRow row = q1.createRow(3 + r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v == null) continue;
                    var cell = row.createCell(c);
                    switch (v) {
                        case String s when s.startsWith("=") -> cell.setCellFormula(s.substring(1));
                        case String s -> cell.setCellValue(s);
                        case Double d -> { cell.setCellValue(d); cell.setCellStyle(c == 1 ? thousands : money); }
                        case Boolean b -> cell.setCellValue(b);
                        case LocalDate d -> { cell.setCellValue(d); cell.setCellStyle(usDate); }
                        case LocalDateTime t -> { cell.setCellValue(t); cell.setCellStyle(stamp); }
                        default -> throw new IllegalStateException();
                    }
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // Excel saves formulas with their values
            assertEquals(FormulaError.DIV0.getCode(), q1.getRow(4).getCell(6).getErrorCellValue());
            wb.write(out);
        }
        return path;
    }

    @Test
    void aSheetIsTypedAsTheSameDataInCsvWouldBe() throws Exception {
        Table t = Load.file(book(), LoadOptions.defaults().sheet("Q1 2024"));
        assertEquals("sales", t.name());
        assertEquals(List.of("store", "visits", "revenue", "open", "day", "at", "ratio"), t.columnNames());
        assertEquals(3, t.rowCount(), "the blank row is skipped");
        assertEquals(List.of(ColumnType.STRING, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.LOCAL_DATE,
                ColumnType.LOCAL_DATE_TIME, ColumnType.DOUBLE), t.columns().stream().map(c -> c.type()).toList());
        assertEquals(List.of("Zürich", "Basel, Old Town", "Bern"), t.stringColumn("store").asList());
        assertEquals(List.of(1200, 15000, 7), t.intColumn("visits").asList()); // shown as 1,200: read as the number
        assertEquals(120.0, t.doubleColumn("revenue").get(1)); // shown as 120.00: a double
        assertTrue(t.column("revenue").isMissing(2) && t.column("open").isMissing(2) && t.column("at").isMissing(2));
        assertEquals(LocalDate.of(2024, 2, 29), t.dateColumn("day").get(1));
        assertEquals(LocalDateTime.of(2024, 2, 29, 18, 0), t.dateTimeColumn("at").get(1));
        assertEquals(3400.5 / 1200, t.doubleColumn("ratio").get(0), 1e-12); // a formula's value
        assertTrue(t.column("ratio").isMissing(1), "#DIV/0! is a missing value");
    }

    @Test
    void theFirstSheetUnlessToldAndSheetsByNameOrNumber() throws Exception {
        Path book = book();
        Table first = Load.file(book);
        assertEquals(List.of("Sales by store, 2024"), first.columnNames());
        assertEquals(0, first.rowCount());
        assertEquals(3, Load.file(book, LoadOptions.defaults().sheet("2")).rowCount());
        assertEquals(3, Load.file(book, LoadOptions.defaults().sheet("q1 2024")).rowCount());

        BadInput wrong = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().sheet("Q1 2042")));
        assertEquals("no sheet 'Q1 2042' in 'sales'. Sheets: About, Q1 2024 (or their numbers, 1 to 2)", wrong.getMessage());
        assertEquals(Optional.of("Q1 2024"), wrong.suggestion());
        BadInput number = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().sheet("3")));
        assertTrue(number.getMessage().startsWith("no sheet '3' in 'sales'. Sheets: About, Q1 2024"), number.getMessage());
    }

    @Test
    void typesSeparatorsAndEncodingsThatDoNotApplyAreRefused() throws Exception {
        Path book = book();
        BadInput typed = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().sheet("Q1 2024")
                .types(Map.of("store", ColumnType.INTEGER))));
        assertTrue(typed.getMessage().startsWith("row 4 of 'sales', column 'store': 'Zürich' is not integer."), typed.getMessage());
        BadInput later = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().sheet("Q1 2024")
                .types(Map.of("visits", ColumnType.BOOLEAN))));
        assertTrue(later.getMessage().startsWith("row 4 of 'sales', column 'visits': '1200' is not boolean."), later.getMessage());
        BadInput sep = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().separator(';')));
        assertEquals("--sep is for CSV and TSV files; 'sales' is an Excel file", sep.getMessage());
        BadInput encoding = assertThrows(BadInput.class, () -> Load.file(book, LoadOptions.defaults().encoding("latin1")));
        assertEquals("--encoding is for text files; 'sales' is an Excel file, which says its own encoding", encoding.getMessage());
        Files.writeString(dir.resolve("a.csv"), "a\n1\n");
        BadInput sheet = assertThrows(BadInput.class, () -> Load.file(dir.resolve("a.csv"), LoadOptions.defaults().sheet("1")));
        assertEquals("--sheet is for Excel files; 'a' is CSV", sheet.getMessage());
    }

    @Test
    void wideSheetsAreRefusedAndReadingStopsWhenAsked() throws Exception {
        Path wide = dir.resolve("wide.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(wide)) {
            XSSFSheet s = wb.createSheet("data");
            for (int r = 0; r < 1100; r++) {
                XSSFRow row = s.createRow(r);
                for (int c = 0; c < 24; c++) row.createCell(c).setCellValue(r * c);
            }
            wb.write(out);
        }
        BadInput e = assertThrows(BadInput.class, () -> Load.file(wide, LoadOptions.defaults().maxColumns(20)));
        assertEquals("sheet 'data' of 'wide' has a value in cell U1, past the limit of 20 columns: raise it with --max-columns 21",
                e.getMessage());
        AtomicInteger polls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> Load.file(wide, LoadOptions.defaults().stopWhen(() -> polls.incrementAndGet() > 1)));
        assertEquals(2, polls.get(), "it stopped at the first poll that said so");
        assertEquals(1099, Load.file(wide).rowCount());
    }
}
