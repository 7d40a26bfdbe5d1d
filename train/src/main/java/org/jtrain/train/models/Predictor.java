package org.jtrain.train.models;

import org.jtrain.train.Prediction;

import java.io.Serializable;
import java.util.function.Function;

/**
 * How a fitted Smile model turns encoded feature rows into predictions. It holds the Smile model and nothing of the
 * training data, and is serializable so that {@code %export} can write it (and {@code %import} read it back through
 * an allow-list: see {@link ModelBytes}).
 */
@FunctionalInterface
interface Predictor extends Function<double[][], Prediction>, Serializable {
}
