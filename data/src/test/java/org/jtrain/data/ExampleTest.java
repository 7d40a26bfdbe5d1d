package org.jtrain.data;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example of package-info.java runs as written (keep the two in step). */
class ExampleTest {

    @Test
    void thePackageExampleRuns() throws Exception {
        Table income = Load.source("income");                       // a bundled dataset, or a path such as "loans.csv.gz"
        Profile profile = Profile.of(income, "income");
        System.out.print(profile.summary());                         // warnings are data too: profile.warnings()
        Split split = Split.of(income, SplitOptions.stratified("income").seed(7));
        Cleaned cleaned = Preprocessing.fit(split.train(), CleanOptions.defaults().target("income")
                .impute(CleanOptions.Fill.MEDIAN).normalize(CleanOptions.Scaling.ZSCORE).encode(CleanOptions.Encoding.ONEHOT));
        Table test = cleaned.preprocessing().apply(split.test());   // fitted on train, applied unchanged

        assertTrue(profile.summary().startsWith("income: " + income.rowCount() + " rows × 8 columns"), profile.summary());
        assertEquals("train_clean", cleaned.table().name());
        assertEquals(cleaned.table().columnNames(), test.columnNames());
        assertEquals(split.test().rowCount(), test.rowCount());
    }
}
