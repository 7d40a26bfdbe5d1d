package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.jtrain.kernel.UsageError;
import org.jtrain.train.monitor.Drift;
import org.jtrain.train.monitor.Fairness;
import org.jtrain.train.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %fairness on income and %drift on seattle-weather, each number checked against a calculation written here from scratch. */
class FairnessDriftTest {

    static JTrainKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.get();
        kernel.evalRaw("%seed 42");
        kernel.evalRaw("%data load income --as inc");
        kernel.evalRaw("%split inc --target income --stratify --prefix inc");
        kernel.evalRaw("%data clean inc_train --target income --encode onehot --as incTrainPrep --prep incPrep");
        kernel.evalRaw("%data apply incPrep inc_test --as incTestPrep");
        kernel.evalRaw("%train forest on incTrainPrep --target income --trees 50 --as incModel");
        kernel.evalRaw("%data load seattle-weather --as weather");
        kernel.evalRaw("Table w2012 = weather.where(weather.dateColumn(\"date\").year().isEqualTo(2012));");
        kernel.evalRaw("Table w2015 = weather.where(weather.dateColumn(\"date\").year().isEqualTo(2015));");
    }

    @Test
    void fairnessMatchesCountsByHand() {
        Table groups = (Table) kernel.evalRaw("%fairness incModel on incTestPrep --sensitive sex --as fair");
        Fairness f = assertInstanceOf(Fairness.class, kernel.evalRaw("fair"));
        Model model = (Model) kernel.evalRaw("incModel");
        Table test = (Table) kernel.evalRaw("incTestPrep"), raw = (Table) kernel.evalRaw("inc_test");
        int[] predicted = model.predict(test).labels();
        int positive = model.classes().indexOf(">50K");
        assertEquals(">50K", f.positive());
        assertEquals(List.of("Female", "Male"), groups.stringColumn("sex").asList());
        double[] selection = new double[2];
        for (String sex : List.of("Female", "Male")) {
            int n = 0, selected = 0, right = 0, tp = 0, pos = 0, fp = 0, neg = 0;
            for (int r = 0; r < raw.rowCount(); r++) {
                if (!raw.stringColumn("sex").get(r).equals(sex)) continue;
                boolean actual = raw.stringColumn("income").get(r).equals(">50K"), said = predicted[r] == positive;
                n++;
                if (said) selected++;
                if (actual == said) right++;
                if (actual) { pos++; if (said) tp++; } else { neg++; if (said) fp++; }
            }
            Fairness.Group g = f.groups().stream().filter(x -> x.name().equals(sex)).findFirst().orElseThrow();
            assertEquals(n, g.count());
            assertEquals((double) selected / n, g.selectionRate(), 1e-12);
            assertEquals((double) right / n, g.accuracy(), 1e-12);
            assertEquals((double) tp / pos, g.tpr(), 1e-12);
            assertEquals((double) fp / neg, g.fpr(), 1e-12);
            assertEquals((double) tp / selected, g.precision(), 1e-12);
            selection[sex.equals("Female") ? 0 : 1] = (double) selected / n;
        }
        assertEquals(Math.abs(selection[1] - selection[0]), f.parityDifference(), 1e-12);
        assertEquals(Math.min(selection[0], selection[1]) / Math.max(selection[0], selection[1]), f.parityRatio(), 1e-12);
        // income is generated with a bias against women: the model learns it, and the four-fifths warning says so
        assertTrue(f.parityRatio() < Fairness.FOUR_FIFTHS, f.toString());
        assertTrue(f.warnings().getFirst().startsWith("sex = Female is predicted '>50K' at"), f.warnings().toString());
    }

    @Test
    void driftMatchesPsiKsAndChiSquareByHand() {
        Table table = (Table) kernel.evalRaw("%drift w2012 w2015 --as drift");
        Drift d = assertInstanceOf(Drift.class, kernel.evalRaw("drift"));
        Table a = (Table) kernel.evalRaw("w2012"), b = (Table) kernel.evalRaw("w2015");
        assertEquals(List.of("precipitation", "temp_max", "temp_min", "wind", "weather"), table.stringColumn("column").asList());
        for (String name : List.of("precipitation", "temp_max", "temp_min", "wind")) {
            double[] x = ((NumericColumn<?>) a.column(name)).asDoubleArray(), y = ((NumericColumn<?>) b.column(name)).asDoubleArray();
            Drift.Feature f = d.features().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
            assertEquals(psiByDeciles(x, y), f.psi(), 1e-9, name);
            double ks = ksStatistic(x, y);
            assertEquals(ks, f.statistic(), 1e-12, name);
            assertEquals(kolmogorovP(ks, x.length, y.length), f.pValue(), 0.02, name);
        }
        Column<?> wa = a.column("weather"), wb = b.column("weather");
        List<String> cats = new ArrayList<>(new TreeSet<>(wa.asList().stream().map(Object::toString).toList()));
        wb.asList().forEach(v -> { if (!cats.contains(v.toString())) cats.add(v.toString()); });
        double[][] obs = new double[2][cats.size()];
        for (int r = 0; r < wa.size(); r++) obs[0][cats.indexOf(wa.getString(r))]++;
        for (int r = 0; r < wb.size(); r++) obs[1][cats.indexOf(wb.getString(r))]++;
        double chi = 0, total = wa.size() + wb.size();
        for (int c = 0; c < cats.size(); c++) {
            for (int g = 0; g < 2; g++) {
                double expected = (obs[0][c] + obs[1][c]) * (g == 0 ? wa.size() : wb.size()) / total;
                chi += (obs[g][c] - expected) * (obs[g][c] - expected) / expected;
            }
        }
        Drift.Feature weather = d.features().getLast();
        assertEquals(chi, weather.statistic(), 1e-9);
        // the labels of this dataset changed between years (2015 has far fewer "sun", far more "fog"-less drizzle): drift
        assertTrue(weather.drifted(), weather.toString());
        assertTrue(weather.pValue() < 1e-6, weather.toString());
    }

    @Test
    void sameDataHasNoDriftAndPredictionDriftIsMeasured() {
        Drift d = assertInstanceOf(Drift.class, TestKernels.stdoutAnd(() -> {
            kernel.evalRaw("%drift incTrainPrep incTrainPrep --model incModel --columns age,sex=Male --as same");
            return kernel.evalRaw("same");
        }, s -> assertTrue(s.contains("Retrain decision: no column has shifted"), s)));
        assertEquals(List.of("age", "sex=Male", "prediction (forest)"), d.features().stream().map(Drift.Feature::name).toList());
        d.features().forEach(f -> assertEquals(0, f.psi(), 1e-12, f.name()));
    }

    @Test
    void mistakes() {
        UsageError e = assertThrows(UsageError.class, () -> kernel.evalRaw("%fairness incModel on incTestPrep --sensitive sx"));
        assertTrue(e.lines().contains("Did you mean 'sex'?"), e.lines().toString());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%fairness incModel on incTestPrep --sensitive sex --positive rich"));
        assertTrue(e.getMessage().contains("--positive rich is not a class of the model. Its classes: <=50K, >50K."), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%drift weather w2015 --columns date"));
        assertTrue(e.getMessage().contains("Column 'date' is local_date"), e.getMessage());
        e = assertThrows(UsageError.class, () -> kernel.evalRaw("%drift w2012 w2016"));
        assertTrue(e.lines().contains("Did you mean 'w2012'?") || e.lines().contains("Did you mean 'w2015'?"), e.lines().toString());
        assertInstanceOf(Table.class, kernel.evalRaw("w2012")); // the session is as it was
    }

    /** PSI over the reference's deciles, computed with plain loops. */
    private static double psiByDeciles(double[] ref, double[] cur) {
        double[] s = ref.clone();
        Arrays.sort(s);
        double[] edges = IntStream.rangeClosed(1, 9).mapToDouble(i -> s[(int) Math.floor(i * (s.length - 1) / 10.0)]).distinct().toArray();
        double psi = 0;
        for (int b = 0; b <= edges.length; b++) {
            double lo = b == 0 ? Double.NEGATIVE_INFINITY : edges[b - 1], hi = b == edges.length ? Double.POSITIVE_INFINITY : edges[b];
            double r = Math.max(1e-4, Arrays.stream(ref).filter(v -> v > lo && v <= hi).count() / (double) ref.length);
            double c = Math.max(1e-4, Arrays.stream(cur).filter(v -> v > lo && v <= hi).count() / (double) cur.length);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** The largest gap between the two empirical CDFs, checked at every value of either sample. */
    private static double ksStatistic(double[] x, double[] y) {
        double d = 0;
        for (double t : IntStream.range(0, x.length + y.length).mapToDouble(i -> i < x.length ? x[i] : y[i - x.length]).toArray()) {
            double fx = Arrays.stream(x).filter(v -> v <= t).count() / (double) x.length;
            double fy = Arrays.stream(y).filter(v -> v <= t).count() / (double) y.length;
            d = Math.max(d, Math.abs(fx - fy));
        }
        return d;
    }

    /** The asymptotic two-sample p-value: Q(λ) = 2 Σ (−1)^(k−1) exp(−2 k² λ²), with the usual small-sample correction. */
    private static double kolmogorovP(double d, int n, int m) {
        double en = Math.sqrt((double) n * m / (n + m)), lambda = (en + 0.12 + 0.11 / en) * d, q = 0;
        for (int k = 1; k <= 100; k++) q += 2 * Math.pow(-1, k - 1) * Math.exp(-2 * k * k * lambda * lambda);
        return Math.max(0, Math.min(1, q));
    }
}
