package org.jtrain.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSyntaxTest {

    @Test
    void cellMagicTakesTheRestOfTheCellAsBody() {
        CellSyntax.Parsed p = CellSyntax.parse("%%time --x 1\nint a = 1;\na", 7);
        assertEquals(new CellSyntax.CellMagic("time", "--x 1", "int a = 1;\na"), p.cellMagic());
    }

    @Test
    void cellMagicWithNoBodyHasAnEmptyOne() {
        assertEquals(new CellSyntax.CellMagic("train", "", ""), CellSyntax.parse("%%train", 7).cellMagic());
        assertEquals(new CellSyntax.CellMagic("train", "a b", ""), CellSyntax.parse("\n%%train a b\n", 7).cellMagic());
    }

    @Test
    void lineMagicsBecomeBridgeCallsOnTheSameLine() {
        CellSyntax.Parsed p = CellSyntax.parse("int a = 1;\n%help time\nvar t = %data load \"my file.csv\"\n  %x", 7);
        assertNull(p.cellMagic());
        assertEquals(List.of(new CellSyntax.LineMagic("help", "time"),
                new CellSyntax.LineMagic("data", "load \"my file.csv\""), new CellSyntax.LineMagic("x", "")), p.lineMagics());
        assertEquals("int a = 1;\norg.jtrain.kernel.Bridge.magic(7, 0);\nvar t = org.jtrain.kernel.Bridge.magic(7, 1);\n"
                + "  org.jtrain.kernel.Bridge.magic(7, 2);", p.java());
    }

    @Test
    void moduloIsNotAMagic() {
        CellSyntax.Parsed p = CellSyntax.parse("int r = a %b;\nint s = a % b;\nboolean e = x == %y;", 7);
        assertEquals(List.of(), p.lineMagics());
    }

    @Test
    void standaloneMatchesAWholeMagicSnippetOnly() {
        assertEquals(true, CellSyntax.STANDALONE.matcher("org.jtrain.kernel.Bridge.magic(7, 3);").matches());
        assertEquals(true, CellSyntax.STANDALONE.matcher("Map<String, List<Integer>> m = org.jtrain.kernel.Bridge.magic(7, 0);").matches());
        assertEquals(false, CellSyntax.STANDALONE.matcher("f(org.jtrain.kernel.Bridge.magic(7, 0));").matches());
    }

    @Test
    void commentsAndBlankLinesMayStandAroundAMagic() {
        assertEquals(new CellSyntax.CellMagic("time", "", "x();"), CellSyntax.parse("// time it\n/* a\n block */\n\n%%time\nx();", 7).cellMagic());
        CellSyntax.Parsed p = CellSyntax.parse("// profile it\n\n/* a block\n   comment */\n%data profile t\n// done\n", 7);
        assertEquals(List.of(new CellSyntax.LineMagic("data", "profile t")), p.lineMagics());
        // JShell keeps the comments around a statement in its snippet: such a snippet is still the magic alone
        for (String snippet : List.of("// profile it\n\n/* a block\n   comment */\norg.jtrain.kernel.Bridge.magic(7, 0);\n// done\n",
                "/* one */ /* two */\nvar t = org.jtrain.kernel.Bridge.magic(7, 0); /* after */", "\n\norg.jtrain.kernel.Bridge.magic(7, 0)\n\n")) {
            assertEquals(true, CellSyntax.STANDALONE.matcher(snippet).matches(), snippet);
        }
        assertEquals(false, CellSyntax.STANDALONE.matcher("/* open\norg.jtrain.kernel.Bridge.magic(7, 0);").matches());
        assertEquals(false, CellSyntax.STANDALONE.matcher("// c\nf(org.jtrain.kernel.Bridge.magic(7, 0));").matches());
    }

    @Test
    void manyCommentsDoNotMakeTheMatchSlow() {
        String comments = "/* c */ ".repeat(2000) + "\nint x = 1;";
        long t0 = System.nanoTime();
        assertEquals(false, CellSyntax.STANDALONE.matcher(comments).matches());
        assertNull(CellSyntax.parse(comments, 7).cellMagic());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    }

    @Test
    void argsSplitLikeAShell() {
        assertEquals(List.of("load", "my file.csv", "--as", "x", "it's"), Args.split(" load \"my file.csv\"  --as x 'it'\\''s'"));
        assertEquals(List.of(), Args.split("   "));
        assertEquals(List.of(""), Args.split("\"\""));
        assertThrows(UsageError.class, () -> Args.split("\"open"));
    }
}
