package org.jtrain.kernel;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Shows a Tablesaw table as a bounded HTML table (head and tail rows) plus plain text. */
final class TableRenderer {

    /** Tables up to this many rows are shown whole; longer ones as head and tail. */
    static final int MAX_ROWS = 20;
    static final int HEAD_ROWS = 10;
    static final int TAIL_ROWS = 5;
    /** Wider tables show their first and last columns, so a 786-pixel image table stays readable (and small). */
    static final int MAX_COLUMNS = 16;
    private static final int LEFT = 12;
    private static final int RIGHT = 3;

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
        String body = t.rowCount() <= MAX_ROWS ? t.printAll() : t.first(HEAD_ROWS).printAll() + "\n...\n"
                + t.last(TAIL_ROWS).printAll().lines().skip(3).reduce("", (a, b) -> a + b + "\n");
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
            rows(h, t, 0, n);
        } else {
            rows(h, t, 0, HEAD_ROWS);
            h.append("<tr><td>…</td>").append("<td>…</td>".repeat(t.columnCount())).append("</tr>");
            rows(h, t, n - TAIL_ROWS, n);
        }
        return h.append("</tbody></table><p>").append(shape(full)).append("</p>").toString();
    }

    private static void rows(StringBuilder h, Table t, int from, int to) {
        for (int r = from; r < to; r++) {
            h.append("<tr><th>").append(r).append("</th>");
            for (Column<?> c : t.columns()) h.append("<td>").append(esc(c.getString(r))).append("</td>");
            h.append("</tr>");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
