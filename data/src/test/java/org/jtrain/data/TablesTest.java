package org.jtrain.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {

    private static Table events() {
        return Table.create("events", IntColumn.indexColumn("id", 4, 0), IntColumn.create("day", 3, 2, 1, 0),
                StringColumn.create("label", "yes", "no", "no", null));
    }

    @Test
    void aMistypedColumnIsListedAndSuggested() {
        Table t = events();
        assertSame(t.column("day"), Tables.column(t, "day"));
        BadInput e = assertThrows(BadInput.class, () -> Tables.column(t, "lable"));
        assertEquals("Column 'lable' not found in table 'events'. Columns: id, day, label.", e.getMessage());
        assertEquals(Optional.of("label"), e.suggestion());
        assertEquals(Optional.empty(), assertThrows(BadInput.class, () -> Tables.column(t, "weather")).suggestion());
    }

    @Test
    void namedSharesTheColumnsWithoutCopying() {
        Table t = events();
        Table mine = Tables.named(t, "my_events");
        assertEquals("my_events", mine.name());
        assertEquals("events", t.name());
        assertSame(t.column("label"), mine.column("label"));
        mine.intColumn("day").set(0, 99);
        assertEquals(99, t.intColumn("day").get(0));
        BadInput e = assertThrows(BadInput.class, () -> Tables.column(mine, "lable"));
        assertTrue(e.getMessage().contains("in table 'my_events'"), e.getMessage());
    }

    @Test
    void rowKeysFindDuplicateRows() {
        Table t = Table.create("t", StringColumn.create("a", "ab", "a", "ab", "ab"), StringColumn.create("b", "c", "bc", "c", "d"));
        assertEquals(Tables.rowKey(t, 0), Tables.rowKey(t, 2));
        assertNotEquals(Tables.rowKey(t, 0), Tables.rowKey(t, 1)); // "ab"+"c" is not "a"+"bc"
        assertEquals(1, Tables.duplicateRows(t));
        assertEquals(0, Tables.duplicateRows(events()));
    }

    @Test
    void countsAreCommonestFirstWithoutMissingValues() {
        Map<String, Integer> counts = Tables.counts(StringColumn.create("x", "c", "b", "a", "b", null, "c", "c"));
        assertEquals(List.of("c", "b", "a"), List.copyOf(counts.keySet()));
        assertEquals(List.of(3, 2, 1), List.copyOf(counts.values()));
    }

    @Test
    void numbersToPredictFollowsTheTaskRule() {
        assertFalse(Tables.numbersToPredict(IntColumn.create("y", 0, 1, 1, 0)));
        assertFalse(Tables.numbersToPredict(StringColumn.create("y", "1.5", "2.5")));
        assertTrue(Tables.numbersToPredict(DoubleColumn.create("y", 0, 1, 1, 0)));
        assertTrue(Tables.numbersToPredict(IntColumn.indexColumn("y", 21, 0)));
        assertFalse(Tables.numbersToPredict(IntColumn.indexColumn("y", 20, 0)));
    }
}
