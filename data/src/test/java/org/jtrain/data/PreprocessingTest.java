package org.jtrain.data;

import org.jtrain.data.CleanOptions.Encoding;
import org.jtrain.data.CleanOptions.Fill;
import org.jtrain.data.CleanOptions.Scaling;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {

    /** Six homes to fit on: one missing area, one missing city, and row 4 repeats row 1 but for its note. */
    static Table homes() {
        return Table.create("homes",
                DoubleColumn.create("area", 50, 70, Double.NaN, 90, 70, 110),
                StringColumn.create("city", "Oslo", "Bergen", "Oslo", null, "Bergen", "Oslo"),
                StringColumn.create("note", "a", "b", "c", "d", "b", "f"),
                DoubleColumn.create("price", 1, 2, 3, 4, 2, 6));
    }

    /** New data: a missing area, an area the training table never had, and a city it never saw. */
    static Table later() {
        return Table.create("later",
                DoubleColumn.create("area", Double.NaN, 100),
                StringColumn.create("city", "Tromsø", "Oslo"),
                StringColumn.create("note", "x", "y"),
                DoubleColumn.create("price", 5, 5));
    }

    private static final CleanOptions FULL = CleanOptions.defaults().target("price").drop(List.of("note")).dropDuplicates(true)
            .impute(Fill.MEAN).normalize(Scaling.ZSCORE).encode(Encoding.ONEHOT);

    @Test
    void fittedOnTrainAndAppliedUnchangedToNewData() {
        Cleaned c = Preprocessing.fit(homes(), FULL);
        assertEquals("dropped 1 duplicate rows (ignoring note); imputed 1 values (mean) in area; normalized 1 columns (zscore); "
                + "encoded 1 columns (onehot); added 2 columns (city=Bergen, city=Oslo); removed 2 columns (city, note)",
                String.join("; ", c.report()));
        assertEquals("homes_clean", c.table().name());
        assertEquals(List.of("area", "price", "city=Bergen", "city=Oslo"), c.table().columnNames());
        assertEquals(5, c.table().rowCount());

        // the mean of area over the 4 known values of the deduplicated rows, (50+70+90+110)/4 = 80, not later's 100
        double mean = 80, sd = Math.sqrt((900 + 100 + 0 + 100 + 900) / 4.0);
        assertEquals(new Preprocessing.Impute("area", "mean", mean), c.preprocessing().steps().get(1));
        Table out = c.preprocessing().apply(later());
        assertEquals("later", out.name());
        assertEquals(0.0, out.doubleColumn("area").get(0), 1e-12);
        assertEquals((100 - mean) / sd, out.doubleColumn("area").get(1), 1e-12);
        // Tromsø was never seen in training: no column of its own, zeros in the others
        assertEquals(List.of(0, 1), out.intColumn("city=Oslo").asList());
        assertEquals(List.of(0, 0), out.intColumn("city=Bergen").asList());
        assertEquals(c.table().columnNames(), out.columnNames());
        assertEquals(5.0, out.doubleColumn("price").get(0)); // the target is left alone
        assertTrue(later().doubleColumn("area").isMissing(0)); // the input is not changed
    }

    @Test
    void ordinalCodesLeaveUnseenCategoriesMissing() {
        Cleaned c = Preprocessing.fit(homes(), CleanOptions.defaults().encode(Encoding.ORDINAL).columns(List.of("city")));
        assertEquals(List.of("encoded 1 columns (ordinal)"), c.report());
        assertEquals(List.of(1, 0, 1), c.table().intColumn("city").asList().subList(0, 3)); // Bergen 0, Oslo 1
        Table out = c.preprocessing().apply(later());
        assertTrue(out.intColumn("city").isMissing(0));
        assertEquals(1, out.intColumn("city").get(1));
        assertEquals("Preprocessing, fitted on the training table:\n  Ordinal[column=city, categories=[Bergen, Oslo]]",
                c.preprocessing().toString());
    }

    @Test
    void constantAndModeFillsAndDroppingMissingRows() {
        Cleaned mode = Preprocessing.fit(homes(), CleanOptions.defaults().impute(Fill.MODE));
        assertEquals("Oslo", mode.table().stringColumn("city").get(3));
        assertEquals(70.0, mode.table().doubleColumn("area").get(2));
        Cleaned constant = Preprocessing.fit(homes(), CleanOptions.defaults().impute(Fill.CONSTANT).fill("0").columns(List.of("area")));
        assertEquals(0.0, constant.table().doubleColumn("area").get(2));
        Cleaned dropped = Preprocessing.fit(homes(), CleanOptions.defaults().dropMissing(true));
        assertEquals(List.of("dropped 2 rows with missing values"), dropped.report());
        assertEquals(4, dropped.table().rowCount());
    }

    @Test
    void applyingToATableWithoutTheFittedColumnsSaysWhichAreMissing() {
        Preprocessing p = Preprocessing.fit(homes(), FULL).preprocessing();
        Table bare = later().removeColumns("city");
        BadInput e = assertThrows(BadInput.class, () -> p.apply(bare));
        assertEquals("table 'later' lacks the columns the preprocessing was fitted on: city", e.getMessage());
    }

    @Test
    void optionsThatDoNotFitTheColumnsAreRefused() {
        BadInput text = assertThrows(BadInput.class, () -> Preprocessing.fit(homes(),
                CleanOptions.defaults().normalize(Scaling.ZSCORE).columns(List.of("city"))));
        assertEquals("column 'city' is string; --normalize needs numeric columns. Those are: area, price", text.getMessage());
        BadInput mean = assertThrows(BadInput.class, () -> Preprocessing.fit(homes(), CleanOptions.defaults().impute(Fill.MEAN).columns(List.of("note"))));
        assertTrue(mean.getMessage().startsWith("column 'note' is string; --impute mean needs numeric columns"), mean.getMessage());
        BadInput fill = assertThrows(BadInput.class, () -> Preprocessing.fit(homes(),
                CleanOptions.defaults().impute(Fill.CONSTANT).fill("none").columns(List.of("area"))));
        assertEquals("--fill none is not a number, but column 'area' is numeric; give a number, e.g. --fill 0", fill.getMessage());
        BadInput column = assertThrows(BadInput.class, () -> Preprocessing.fit(homes(), CleanOptions.defaults().drop(List.of("nots"))));
        assertEquals(Optional.of("note"), column.suggestion());

        Table wide = Table.create("wide", StringColumn.create("code", IntStream.range(0, 51).mapToObj(i -> "c" + i).toArray(String[]::new)));
        BadInput onehot = assertThrows(BadInput.class, () -> Preprocessing.fit(wide, CleanOptions.defaults().encode(Encoding.ONEHOT)));
        assertEquals("column 'code' has 51 categories; one-hot encoding allows at most 50. Drop it (--drop code), use --encode ordinal, "
                + "or list the columns to encode with --columns", onehot.getMessage());
    }

    @Test
    void optionsAreImmutableCopies() {
        List<String> drop = new ArrayList<>(List.of("note"));
        CleanOptions o = CleanOptions.defaults().drop(drop);
        drop.add("city");
        assertEquals(List.of("note"), o.drop());
        assertEquals(List.of(), CleanOptions.defaults().drop());
        assertNull(CleanOptions.defaults().columns());
        assertEquals("missing", CleanOptions.defaults().fill());
        assertFalse(CleanOptions.defaults().dropDuplicates());
        assertEquals(CleanOptions.defaults(), o.drop(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> o.drop().add("x"));
    }
}
