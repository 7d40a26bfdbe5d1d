package org.jtrain.data.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlTextTest {

    @Test
    void namedParametersBecomePlaceholdersOutsideLiteralsCommentsAndCasts() {
        List<SqlText.Statement> s = SqlText.statements(
                "SELECT age::INTEGER, ':no' AS \"x:y\" -- :nor\nFROM t /* :nor; */ WHERE age > :min AND name = :who");
        assertEquals(1, s.size());
        assertEquals("SELECT age::INTEGER, ':no' AS \"x:y\" -- :nor\nFROM t /* :nor; */ WHERE age > ? AND name = ?", s.getFirst().jdbc());
        assertEquals(List.of("min", "who"), s.getFirst().names());
    }

    @Test
    void statementsSplitAtSemicolonsButNotInsideStrings() {
        List<SqlText.Statement> s = SqlText.statements("  CREATE TABLE a AS SELECT ';' AS x;\n\nSELECT * FROM a WHERE x = :v;  -- done\n");
        assertEquals(2, s.size());
        assertEquals("CREATE TABLE a AS SELECT ';' AS x", s.get(0).jdbc());
        assertEquals(2, s.get(0).start());
        assertEquals("SELECT * FROM a WHERE x = ?", s.get(1).jdbc());
        assertEquals(List.of("v"), s.get(1).names());
        // an offset in the statement as sent maps back to the text as written, past the replaced parameter
        String text = "  CREATE TABLE a AS SELECT ';' AS x;\n\nSELECT * FROM a WHERE x = :v;  -- done\n";
        int sent = s.get(1).jdbc().length(); // just after the "?"
        assertEquals(text.indexOf(":v") + 2, s.get(1).sourceOffset(sent));
    }

    @Test
    void dollarQuotedStringsAndPositionalDollarsAreToldApart() {
        List<SqlText.Statement> s = SqlText.statements("SELECT $$a;:b$$, $1, $tag$ :c $tag$ FROM t WHERE x = :d");
        assertEquals(1, s.size());
        assertEquals(List.of("d"), s.getFirst().names());
    }

    @Test
    void wordsAreIdentifiersAndQuotedNamesButNotStringsOrParameters() {
        Set<String> w = SqlText.words("SELECT p.name FROM people p JOIN \"Sales 2024\" s ON 'orders' = s.x -- comment\nWHERE y > :people");
        assertEquals(Set.of("SELECT", "p", "name", "FROM", "people", "JOIN", "Sales 2024", "s", "ON", "x", "WHERE", "y"), w);
        assertEquals(Set.of("x", "INTEGER"), SqlText.words("x::INTEGER"));
    }

    @Test
    void blankAndCommentOnlyStatementsAreLeftOut() {
        assertEquals(0, SqlText.statements("  ;\n -- nothing\n; /* none */").size());
    }
}
