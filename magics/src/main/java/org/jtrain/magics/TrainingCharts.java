package org.jtrain.magics;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.train.History;

import java.util.List;

/** Learning curves from a History: loss on the left, the other metric (accuracy, mae) on the right. */
final class TrainingCharts {

    private TrainingCharts() {
    }

    static Figure learningCurves(History h, String title) {
        List<String> metrics = h.metrics();
        String other = metrics.stream().filter(m -> !m.startsWith("val_") && !m.equals("loss")).findFirst().orElse(null);
        Figure f = Figure.grid(title, 1, other == null ? 1 : 2);
        double[] epochs = new double[h.epochs()];
        for (int i = 0; i < epochs.length; i++) epochs[i] = i + 1;
        Trace.Mode mode = epochs.length > 30 ? Trace.Mode.LINES : Trace.Mode.LINES_MARKERS;
        f.label(0, "loss", "epoch", "loss");
        for (String m : List.of("loss", "val_loss")) {
            if (metrics.contains(m)) f.add(0, new Trace.XY(m, epochs, h.get(m), mode));
        }
        if (other != null) {
            f.label(1, other, "epoch", other);
            for (String m : List.of(other, "val_" + other)) {
                if (metrics.contains(m)) f.add(1, new Trace.XY(m, epochs, h.get(m), mode));
            }
        }
        return f;
    }
}
