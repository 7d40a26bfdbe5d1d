package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.charts.Figure;
import org.jtrain.kernel.Display;
import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.evaluate.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatePlotTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%data load breast_cancer --as cancer");
        kernel.evalRaw("%split cancer --target diagnosis --stratify --prefix bc");
        kernel.evalRaw("%train forest bc_train --target diagnosis --val bc_val --trees 50 --as bcModel --history bcHistory");
        kernel.evalRaw("%data load diabetes");
        kernel.evalRaw("%split diabetes --prefix db");
        kernel.evalRaw("%train ridge db_train --target progression --as dbModel");
    }

    @Test
    void binaryClassificationReport() {
        String[] out = new String[1];
        Table t = (Table) TestKernels.stdoutAnd(() -> kernel.evalRaw("%evaluate bcModel on bc_test --as ev"), s -> out[0] = s);
        assertEquals(List.of("benign", "malignant", "macro avg", "weighted avg"), t.stringColumn("class").asList());
        assertTrue(out[0].startsWith("bcModel on bc_test (86 rows): accuracy 0.9"), out[0]);
        Evaluation.Classification ev = assertInstanceOf(Evaluation.Classification.class, kernel.evalRaw("ev"));
        assertTrue(ev.roc().area() > 0.95, "ROC AUC " + ev.roc().area());
        assertTrue(ev.pr().area() > 0.9, "AP " + ev.pr().area());
    }

    @Test
    void regressionReport() {
        Table t = (Table) kernel.evalRaw("%evaluate dbModel db_test");
        assertEquals(List.of("MSE", "RMSE", "MAE", "R²"), t.stringColumn("metric").asList());
        double r2 = t.doubleColumn("value").get(3);
        assertTrue(r2 > 0.3, "R² " + r2);
    }

    @Test
    void everyFigureHasPlotlyPngAndText() {
        for (String cell : List.of("%plot history bcHistory", "%plot importance bcModel --top 5", "%plot dist cancer mean_radius --by diagnosis",
                "%plot dist cancer diagnosis", "%plot scatter cancer mean_radius mean_texture --color diagnosis")) {
            kernel.evalRaw(cell + " --as fig");
            Figure f = assertInstanceOf(Figure.class, kernel.evalRaw("fig"), cell);
            DisplayData d = Display.render(f); // a Figure shown any way: returned, display(fig), or by a magic
            assertTrue(d.getData(Show.PLOTLY) instanceof Map<?, ?> m && m.containsKey("data"), cell);
            assertTrue(d.getData(MIMEType.IMAGE_PNG) instanceof String png && png.startsWith("iVBORw0KGgo"), cell); // base64 of the PNG signature
            assertTrue(d.getData(MIMEType.TEXT_PLAIN) instanceof String text && text.startsWith("Figure"), cell);
        }
    }

    @Test
    void mistakes() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%evaluate bcModell on bc_test"));
        assertTrue(e.lines().contains("Did you mean 'bcModel'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%plot importance dbModel"));
        assertTrue(e.getMessage().contains("does not measure feature importance"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%evaluate bcModel on db_test"));
        assertTrue(e.getMessage().startsWith("Column 'diagnosis' not found in table 'db_test'"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%plot scatter cancer diagnosis mean_radius"));
        assertTrue(e.getMessage().contains("a scatter needs numbers on both axes"), e.getMessage());
    }
}
