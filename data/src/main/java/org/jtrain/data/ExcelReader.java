package org.jtrain.data;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import tech.tablesaw.api.Table;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one sheet of an Excel .xlsx file into a table, streaming its rows (the whole workbook is never built). Each cell
 * becomes the text a CSV file would hold for it (whole numbers as 3, other numbers as 2.5 or 2.0 when the format shows
 * decimals, dates as 2024-01-31, date-times as 2024-01-31T10:15, TRUE/FALSE), and {@link CsvReader} types the columns
 * from that text, so a sheet is typed as the same data in CSV would be. Blank rows are skipped; the first row that is
 * not blank is the header.
 */
final class ExcelReader {

    private static final Set<String> ERRORS = Set.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
            "#GETTING_DATA", "#SPILL!", "#CALC!");

    private ExcelReader() {
    }

    static Table read(Path path, String name, LoadOptions options) throws IOException {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(path.toFile(), PackageAccess.READ);
        } catch (NotOfficeXmlFileException | OpenXML4JException | POIXMLException e) {
            throw notExcel(name, e);
        }
        try {
            return read(pkg, name, options);
        } finally {
            pkg.revert(); // closes without writing
        }
    }

    static Table read(InputStream in, String name, LoadOptions options) throws IOException {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(in);
        } catch (NotOfficeXmlFileException | OpenXML4JException | POIXMLException e) {
            throw notExcel(name, e);
        }
        try {
            return read(pkg, name, options);
        } finally {
            pkg.revert();
        }
    }

    private static BadInput notExcel(String name, Exception e) {
        if (e instanceof OLE2NotOfficeXmlFileException) {
            return new BadInput("'" + name + "' is an old .xls workbook named .xlsx: open it in Excel or LibreOffice and save it as .xlsx (or CSV)");
        }
        return new BadInput("'" + name + "' is not an Excel .xlsx file (one is a zip of XML sheets): was it saved under another format?");
    }

    private static Table read(OPCPackage pkg, String name, LoadOptions options) throws IOException {
        try {
            XSSFReader reader = new XSSFReader(pkg);
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                sheets.next().close();
                names.add(sheets.getSheetName());
            }
            int wanted = sheetIndex(names, options.sheet(), name);
            sheets = reader.getSheetIterator();
            for (int i = 0; i < wanted; i++) sheets.next().close();
            Rows rows = new Rows(options, name, names.get(wanted));
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                        new ReadOnlySharedStringsTable(pkg, false), rows, new PlainText(), false));
                xml.parse(new InputSource(sheet));
            }
            return CsvReader.readSheet(rows.csv(), name, options, rows.rowNumbers());
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | POIXMLException e) {
            throw new BadInput("'" + name + "' is a damaged Excel file: " + e.getMessage());
        }
    }

    /** The sheet {@code --sheet} names: by name (any case), else by number from 1; the first when none is given. */
    static int sheetIndex(List<String> names, String wanted, String file) {
        if (names.isEmpty()) throw new BadInput("'" + file + "' has no sheets");
        if (wanted == null) return 0;
        if (names.contains(wanted)) return names.indexOf(wanted);
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(wanted.strip())) return i;
        if (wanted.strip().matches("\\d{1,4}")) {
            int n = Integer.parseInt(wanted.strip());
            if (n >= 1 && n <= names.size()) return n - 1;
        }
        throw new BadInput("no sheet '" + wanted + "' in '" + file + "'. Sheets: " + String.join(", ", names)
                + (names.size() > 1 ? " (or their numbers, 1 to " + names.size() + ")" : ""),
                Suggest.closest(wanted, names).orElse(null));
    }

    /** The rows that hold something, each as its cells' text by column, with their row numbers. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final LoadOptions options;
        private final String name, sheet;
        private final List<String[]> rows = new ArrayList<>();
        private final List<Integer> numbers = new ArrayList<>();
        private String[] current = new String[16];
        private int width, lastColumn;
        private boolean blank;

        Rows(LoadOptions options, String name, String sheet) {
            this.options = options;
            this.name = name;
            this.sheet = sheet;
        }

        @Override
        public void startRow(int row) {
            Arrays.fill(current, null);
            lastColumn = -1;
            blank = true;
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = ref == null ? lastColumn + 1 : column(ref);
            lastColumn = col;
            if (value == null || value.isEmpty() || value.startsWith("ERROR:") && ERRORS.contains(value.substring(6))) return;
            if (col >= options.maxColumns()) {
                throw new BadInput(String.format(Locale.ROOT, "sheet '%s' of '%s' has a value in cell %s, past the limit of %,d columns: "
                        + "raise it with --max-columns %d", sheet, name, ref, options.maxColumns(), col + 1));
            }
            if (col >= current.length) current = Arrays.copyOf(current, Math.max(col + 1, current.length * 2));
            current[col] = value;
            blank = false;
        }

        @Override
        public void endRow(int row) {
            if ((row & 0x3FF) == 0) options.checkStop();
            if (blank) return;
            int w = current.length;
            while (w > 0 && current[w - 1] == null) w--;
            rows.add(Arrays.copyOf(current, w));
            numbers.add(row + 1);
            width = Math.max(width, w);
        }

        /** The column index of a cell reference such as AB12. */
        private static int column(String ref) {
            int col = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) col = col * 26 + (ref.charAt(i) - 'A' + 1);
            return col - 1;
        }

        int[] rowNumbers() {
            return numbers.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The rows as CSV, each padded to the widest. */
        byte[] csv() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder line = new StringBuilder();
            for (String[] row : rows) {
                line.setLength(0);
                for (int c = 0; c < width; c++) {
                    if (c > 0) line.append(',');
                    String v = c < row.length ? row[c] : null;
                    if (v == null) continue;
                    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                        line.append('"').append(v.replace("\"", "\"\"")).append('"');
                    } else {
                        line.append(v);
                    }
                }
                line.append('\n');
                out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        }
    }

    /** A number cell's value as a CSV file would hold it, whatever the format shows (no thousands separators, no rounding). */
    private static final class PlainText extends DataFormatter {

        /** What a number format shows, by format: a sheet has few formats and many cells. */
        private record Shows(boolean date, boolean time, boolean timeOnly, boolean decimals) {
        }

        private final Map<String, Shows> formats = new HashMap<>();

        @Override
        public String formatRawCellContents(double value, int formatIndex, String format) {
            return formatRawCellContents(value, formatIndex, format, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String format, boolean use1904Windowing) {
            Shows shows = formats.computeIfAbsent(formatIndex + ":" + format, k -> {
                // the format's codes, without its quoted text, [colours] and \escaped characters
                String f = format == null ? "" : format.replaceAll("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "").toLowerCase(Locale.ROOT);
                boolean time = f.contains("h") || f.contains("s");
                return new Shows(DateUtil.isADateFormat(formatIndex, format), time, time && !f.contains("y") && !f.contains("d"),
                        f.contains(".") || f.contains("e+") || f.contains("e-"));
            });
            if (shows.date() && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
                boolean time = shows.time() || !t.toLocalTime().equals(LocalTime.MIDNIGHT);
                if (shows.timeOnly() && value < 1) return t.toLocalTime().toString(); // a time of day
                return time ? t.toString() : t.toLocalDate().toString();
            }
            if (!shows.decimals() && value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
            return Double.toString(value);
        }
    }
}
