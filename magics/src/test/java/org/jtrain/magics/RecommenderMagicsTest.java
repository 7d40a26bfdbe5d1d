package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.evaluate.Ranking;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %split --per, %train popularity and %evaluate of a recommender, and a recommender's mistakes, in one kernel. */
class RecommenderMagicsTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%data load lecture-ratings --as lectures");
        kernel.evalRaw("%split lectures --per student --ratios 0.8,0.2 --prefix lr");
    }

    @Test
    void popularityIsTrainedAndScoredOnHeldOutRatingsOfEveryStudent() {
        assertEquals(0L, kernel.evalRaw("lr_test.stringColumn(\"student\").unique().asList().stream()"
                + ".filter(s -> !lr_train.stringColumn(\"student\").contains(s)).count()"));
        kernel.evalRaw("%train popularity lr_train --target rating --as pop");
        String[] out = new String[1];
        Table t = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%evaluate pop on lr_test --k 5 --as popScores"), s -> out[0] = s);
        assertEquals(List.of("precision@5", "recall@5", "NDCG@5", "RMSE"), t.stringColumn("metric").asList());
        assertTrue(out[0].startsWith("pop on lr_test ("), out[0]);
        Ranking r = assertInstanceOf(Ranking.class, kernel.evalRaw("popScores"));
        assertEquals(5, r.k());
        assertTrue(r.rmse() < r.meanRmse(), r.toString());
        assertEquals(5, ((Table) kernel.evalRaw("pop.recommend(\"s-new\", 5)")).rowCount());
    }

    @Test
    void mistakesAreOneLineUsageErrors() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train mf lr_train --target rating --user studnet --as bad"));
        assertTrue(e.getMessage().startsWith("Column 'studnet' not found in table 'lr_train'."), e.getMessage());
        assertTrue(e.lines().contains("Did you mean 'student'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train mf lr_train --target department --feedback explicit --as bad"));
        assertTrue(e.getMessage().startsWith("mf --feedback explicit learns ratings, but the target 'department'"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%train mf lr_train --target rating --feedback both --as bad"));
        assertEquals("--feedback must be one of [explicit, implicit]; got 'both'.", e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%split lectures --per student --by-time rating"));
        assertTrue(e.getMessage().startsWith("--per cannot be combined with --by-time"), e.getMessage());
        assertThrows(org.jtrain.kernel.CellError.class, () -> kernel.evalRaw("bad"), "a failed %train defines nothing");
    }
}
