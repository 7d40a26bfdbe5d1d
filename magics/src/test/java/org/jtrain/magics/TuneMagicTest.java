package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.Model;
import org.jtrain.train.tune.Tuning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TuneMagicTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%seed 42");
        kernel.evalRaw("%data load wine");
    }

    @Test
    void searchesRanksAndRefitsTheBest() {
        String[] out = new String[1];
        Table t = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%tune knn on wine --target cultivar --param k=1,5,15 --cv 4 --as bestKnn --results knnSearch"),
                s -> out[0] = s);
        assertEquals(List.of("k", "accuracy", "sd"), t.columnNames());
        Tuning.Result r = assertInstanceOf(Tuning.Result.class, kernel.evalRaw("knnSearch"));
        assertEquals(3, r.ranked().size());
        assertEquals(4, r.folds());
        Model best = assertInstanceOf(Model.class, kernel.evalRaw("bestKnn"));
        assertEquals("k=" + r.best().params().get("k"), org.jtrain.train.models.Params.toString(best.params()));
        assertTrue(out[0].contains("3 of 3 candidates scored by 4-fold cross-validation on wine"), out[0]);
        assertTrue(out[0].contains("bestKnn = knn"), out[0]);
        // the same search under the same seed gives the same scores
        kernel.evalRaw("%tune knn on wine --target cultivar --param k=1,5,15 --cv 4 --as again --results againSearch");
        Tuning.Result again = (Tuning.Result) kernel.evalRaw("againSearch");
        for (int i = 0; i < 3; i++) assertEquals(r.ranked().get(i).mean(), again.ranked().get(i).mean());
    }

    /** A range over orders of magnitude is searched in log scale, and charted on a log axis; a short list is not. */
    @Test
    @SuppressWarnings("unchecked")
    void wideRangesAreChartedOnALogAxis() {
        TestKernels.stdoutAnd(() -> kernel.evalRaw("%tune logistic on wine --target cultivar --param lambda=0.001..10 --cv 3 --results wide"), s -> { });
        TestKernels.stdoutAnd(() -> kernel.evalRaw("%tune knn on wine --target cultivar --param k=1,5,15 --cv 3 --results narrow"), s -> { });
        for (String search : List.of("wide", "narrow")) {
            Map<String, Object> layout = (Map<String, Object>) ((Tuning.Result) kernel.evalRaw(search)).chart(search).toPlotly().get("layout");
            Object type = ((Map<String, Object>) layout.get("xaxis")).get("type");
            assertEquals(search.equals("wide") ? "log" : null, type, search);
        }
    }

    @Test
    void mistakes() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%tune knnn on wine --target cultivar --param k=1,3"));
        assertTrue(e.lines().contains("Did you mean 'knn'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%tune knn on wine --target cultivar --param trees=1,3"));
        assertTrue(e.getMessage().contains("'trees' is not a hyperparameter of knn. Its hyperparameters: k."), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%tune knn on wine --target cultivar --param k=1,3 --metric acuracy"));
        assertTrue(e.lines().contains("Did you mean 'accuracy'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%tune knn on wine --target cultivar --param k=1,3 --cv 1"));
        assertTrue(e.getMessage().contains("--cv must be between 2 and the number of rows (178); got 1."), e.getMessage());
        assertInstanceOf(Table.class, kernel.evalRaw("wine"));
    }
}
