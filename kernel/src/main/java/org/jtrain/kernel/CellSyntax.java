package org.jtrain.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the magics in a cell. A cell magic is {@code %%name args} on the first line (blank lines and comments may come
 * before it), with the rest of the cell (possibly nothing) as its body. A line magic is {@code %name args} alone on a
 * line or right after an {@code =}, as in {@code var t = %data load iris}; it becomes a call the Java code can use.
 * JShell keeps the comments and blank lines around a statement in its snippet, so {@link #STANDALONE} allows them too.
 */
final class CellSyntax {

    record LineMagic(String name, String args) {
    }

    record CellMagic(String name, String args, String body) {
    }

    /** A cell: either a cell magic, or Java code whose line magics were replaced by {@link Bridge#magic} calls. */
    record Parsed(CellMagic cellMagic, String java, List<LineMagic> lineMagics) {
    }

    /** Blank space and Java comments, which may stand around a magic; possessive, so a regex never retries them. */
    private static final String BLANK = "(?:\\s|//[^\\n]*|/\\*(?s:.*?)\\*/)*+";
    private static final Pattern CELL = Pattern.compile("\\A" + BLANK + "%%([A-Za-z][\\w-]*)([^\\n]*)(?:\\n(.*))?\\z", Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile(
            "^([ \\t]*(?:[\\w.<>\\[\\],? \\t]+?=[ \\t]*)?)%([A-Za-z][\\w-]*)((?:[ \\t][^\\n]*)?)$", Pattern.MULTILINE);
    /** A whole snippet that is one line magic, maybe assigned: such a magic runs before JShell sees the snippet. */
    static final Pattern STANDALONE = Pattern.compile(
            "\\A" + BLANK + "((?:[\\w.<>\\[\\],?\\s]+?=\\s*)?)" + Pattern.quote(Bridge.magicPrefix()) + "\\d+, (\\d+)\\)\\s*;?" + BLANK + "\\z");

    private CellSyntax() {
    }

    /** Parses a cell of kernel {@code kernel} (its {@link Bridge} id, which the magic calls name). */
    static Parsed parse(String cell, int kernel) {
        Matcher c = CELL.matcher(cell);
        if (c.matches()) {
            return new Parsed(new CellMagic(c.group(1), c.group(2).strip(), c.group(3) == null ? "" : c.group(3)), null, List.of());
        }
        List<LineMagic> magics = new ArrayList<>();
        Matcher m = LINE.matcher(cell);
        StringBuilder java = new StringBuilder();
        while (m.find()) {
            magics.add(new LineMagic(m.group(2), m.group(3).strip()));
            String call = m.group(1) + Bridge.magicCall(kernel, magics.size() - 1) + ";";
            m.appendReplacement(java, Matcher.quoteReplacement(call));
        }
        m.appendTail(java);
        return new Parsed(null, java.toString(), magics);
    }
}
