package org.jtrain.kernel;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shows a Tablesaw table as a bounded HTML table (head and tail rows) plus plain text. Decimal numbers are shown
 * rounded to {@link #DECIMALS} decimals (0.30000000000000004 as 0.3); the table keeps its values.
 */
final class TableRenderer {

    /** Tables up to this many rows are shown whole; longer ones as head and tail. */
    static final int MAX_ROWS = 20;
    static final int HEAD_ROWS = 10;
    static final int TAIL_ROWS = 5;
    /** Wider tables show their first and last columns, so a 786-pixel image table stays readable (and small). */
    static final int MAX_COLUMNS = 16;
    private static final int LEFT = 12;
    private static final int RIGHT = 3;
    /** Decimals shown of a number, as pandas shows them (its display.precision). */
    static final int DECIMALS = 6;

    private TableRenderer() {
    }

    static void register(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(TableRenderer::render);
    }

    private static void render(Table t, RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(t));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(t));
    }

    static String shape(Table t) {
        return t.rowCount() + " rows × " + t.columnCount() + " columns";
    }

    static String text(Table full) {
        Table t = shown(full);
        String body = t.rowCount() <= MAX_ROWS ? rounded(t).printAll() : rounded(t.first(HEAD_ROWS)).printAll() + "\n...\n"
                + rounded(t.last(TAIL_ROWS)).printAll().lines().skip(3).reduce("", (a, b) -> a + b + "\n");
        return body.stripTrailing() + "\n" + shape(full);
    }

    /** The columns to show: all of them, or the first and last ones of a wide table. */
    private static Table shown(Table t) {
        if (t.columnCount() <= MAX_COLUMNS) return t;
        List<Column<?>> cols = new ArrayList<>(t.columns().subList(0, LEFT));
        cols.add(StringColumn.create("…", Collections.nCopies(t.rowCount(), "…")));
        cols.addAll(t.columns().subList(t.columnCount() - RIGHT, t.columnCount()));
        return Table.create(t.name(), cols.toArray(Column<?>[]::new));
    }

    static String html(Table full) {
        Table t = shown(full);
        StringBuilder h = new StringBuilder("<table class=\"jtrain-table\">");
        if (t.name() != null && !t.name().isBlank()) h.append("<caption>").append(esc(t.name())).append("</caption>");
        h.append("<thead><tr><th></th>");
        for (Column<?> c : t.columns()) {
            h.append("<th title=\"").append(esc(c.type().name())).append("\">").append(esc(c.name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        int n = t.rowCount();
        if (n <= MAX_ROWS) {
            rows(h, rounded(t), 0);
        } else {
            rows(h, rounded(t.first(HEAD_ROWS)), 0);
            h.append("<tr><td>…</td>").append("<td>…</td>".repeat(t.columnCount())).append("</tr>");
            rows(h, rounded(t.last(TAIL_ROWS)), n - TAIL_ROWS);
        }
        return h.append("</tbody></table><p>").append(shape(full)).append("</p>").toString();
    }

    /** The rows of {@code t}, numbered from {@code first}. */
    private static void rows(StringBuilder h, Table t, int first) {
        for (int r = 0; r < t.rowCount(); r++) {
            h.append("<tr><th>").append(first + r).append("</th>");
            for (Column<?> c : t.columns()) h.append("<td>").append(esc(c.getString(r))).append("</td>");
            h.append("</tr>");
        }
    }

    /** A copy of the few rows shown, decimal numbers rounded for reading; other columns are the same objects. */
    static Table rounded(Table t) {
        List<Column<?>> cols = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            if (c instanceof DoubleColumn d) {
                DoubleColumn r = d.copy();
                for (int i = 0; i < r.size(); i++) r.set(i, round(r.getDouble(i)));
                cols.add(r);
            } else if (c instanceof FloatColumn f) { // Tablesaw prints a float widened: 0.1f as 0.10000000149011612
                DoubleColumn r = DoubleColumn.create(f.name(), f.size());
                for (int i = 0; i < f.size(); i++) {
                    float v = f.getFloat(i);
                    r.set(i, Float.isFinite(v) ? round(Double.parseDouble(Float.toString(v))) : v);
                }
                cols.add(r);
            } else {
                cols.add(c);
            }
        }
        return Table.create(t.name(), cols.toArray(Column<?>[]::new));
    }

    /**
     * {@code v} to {@link #DECIMALS} decimals, as pandas shows numbers, or to {@link #DECIMALS} significant digits when it
     * is smaller than 0.1, so that 1.23456789e-7 keeps its digits instead of showing as 0.
     */
    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        int whole = (int) Math.floor(Math.log10(Math.abs(v))) + 1; // digits before the point; 0 or less below 0.1
        return new BigDecimal(v).setScale(Math.max(DECIMALS, DECIMALS - whole), RoundingMode.HALF_EVEN).doubleValue();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
