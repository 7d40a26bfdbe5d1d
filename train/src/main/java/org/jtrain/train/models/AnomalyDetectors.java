package org.jtrain.train.models;

import java.util.List;

/** Anomaly detectors: an isolation forest (Smile) and a reconstruction-error autoencoder (DJL). */
final class AnomalyDetectors {

    private AnomalyDetectors() {
    }

    static List<ModelSpec<?>> all() {
        return List.of();
    }
}
