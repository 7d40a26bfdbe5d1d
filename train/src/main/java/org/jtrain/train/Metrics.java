package org.jtrain.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** The per-epoch metrics, under Keras's names: loss and accuracy for classes, loss (MSE) and mae for numbers. */
public final class Metrics {

    private Metrics() {
    }

    /** Scores predictions against the truth in {@code d}; names get {@code prefix} ("" or "val_"). */
    public static Map<String, Double> of(Prediction p, Encoded d, String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (d.task() == Task.CLASSIFICATION) {
            if (p.probabilities() != null) m.put(prefix + "loss", logLoss(p.probabilities(), d.labels()));
            m.put(prefix + "accuracy", accuracy(p.labels(), d.labels()));
        } else {
            double se = 0, ae = 0;
            for (int i = 0; i < d.size(); i++) {
                double e = p.values()[i] - d.values()[i];
                se += e * e;
                ae += Math.abs(e);
            }
            m.put(prefix + "loss", se / d.size());
            m.put(prefix + "mae", ae / d.size());
        }
        return m;
    }

    public static double accuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) right++;
        return (double) right / truth.length;
    }

    /** Mean cross-entropy, with probabilities clipped so that one confident mistake costs a lot but not infinity. */
    public static double logLoss(double[][] probabilities, int[] truth) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) sum -= Math.log(Math.max(1e-15, probabilities[i][truth[i]]));
        return sum / truth.length;
    }
}
