package org.jtrain.data;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Writes a table as one sheet of an Excel .xlsx file, streaming its rows, so that {@link ExcelReader} reads back the
 * same column types: whole-number columns in the General format, other number columns in a format that shows a decimal
 * (2.0 stays a double), dates as yyyy-mm-dd and date-times as yyyy-mm-dd hh:mm:ss; missing values are empty cells.
 */
final class ExcelWriter {

    static final int MAX_ROWS = 1_048_576, MAX_COLUMNS = 16_384, MAX_TEXT = 32_767;

    private ExcelWriter() {
    }

    static void write(Table table, OutputStream out) throws IOException {
        if (table.rowCount() + 1 > MAX_ROWS || table.columnCount() > MAX_COLUMNS) {
            throw new BadInput(String.format(Locale.ROOT, "an Excel sheet holds at most %,d rows under its header and %,d columns; "
                    + "'%s' has %,d rows and %,d columns: save it as .csv or .parquet", MAX_ROWS - 1, MAX_COLUMNS, table.name(),
                    table.rowCount(), table.columnCount()));
        }
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        try {
            book.setCompressTempFiles(true);
            SXSSFSheet sheet = book.createSheet(WorkbookUtil.createSafeSheetName(table.name() == null || table.name().isBlank() ? "table" : table.name()));
            CellStyle header = book.createCellStyle(), decimals = book.createCellStyle(), date = book.createCellStyle(),
                    dateTime = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            var formats = book.createDataFormat();
            decimals.setDataFormat(formats.getFormat("0.0##############"));
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            dateTime.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));

            SXSSFRow first = sheet.createRow(0);
            for (int c = 0; c < table.columnCount(); c++) {
                SXSSFCell cell = first.createCell(c);
                cell.setCellValue(table.column(c).name());
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            CellStyle[] styles = new CellStyle[table.columnCount()];
            for (int c = 0; c < table.columnCount(); c++) {
                Column<?> col = table.column(c);
                styles[c] = col instanceof DoubleColumn || col instanceof FloatColumn ? decimals
                        : col instanceof DateColumn ? date : col instanceof DateTimeColumn ? dateTime : null;
            }
            for (int r = 0; r < table.rowCount(); r++) {
                SXSSFRow row = sheet.createRow(r + 1);
                for (int c = 0; c < table.columnCount(); c++) {
                    Column<?> col = table.column(c);
                    if (col.isMissing(r)) continue;
                    SXSSFCell cell = row.createCell(c);
                    if (styles[c] != null) cell.setCellStyle(styles[c]);
                    Object v = col.get(r);
                    switch (v) {
                        case Long l when Math.abs(l) > 1L << 53 -> cell.setCellValue(Long.toString(l)); // more digits than a sheet keeps
                        case Number n -> cell.setCellValue(n.doubleValue());
                        case Boolean b -> cell.setCellValue(b);
                        case LocalDate d -> cell.setCellValue(d);
                        case LocalDateTime t -> cell.setCellValue(t);
                        default -> {
                            String text = String.valueOf(v);
                            if (text.length() > MAX_TEXT) {
                                throw new BadInput(String.format(Locale.ROOT, "row %d of '%s', column '%s' holds %,d characters; an Excel "
                                        + "cell holds at most %,d: save it as .csv or .json", r + 1, table.name(), col.name(), text.length(), MAX_TEXT));
                            }
                            cell.setCellValue(text);
                        }
                    }
                }
            }
            book.write(out);
        } finally {
            book.close();
            book.dispose(); // its temporary files
        }
    }
}
