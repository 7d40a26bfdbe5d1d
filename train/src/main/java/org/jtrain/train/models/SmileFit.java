package org.jtrain.train.models;

import java.util.function.BiFunction;

/**
 * A Smile fit of your own, run in one step: {@code (x, y) -> KNN.fit(x, y, 3)} takes the feature matrix and the labels
 * ({@code int[]} for classes, {@code double[]} for numbers) and returns a Smile {@code Classifier<double[]>} or
 * {@code Regression<double[]>}; what {@code %%train NAME ...} fits when its cell ends with such a BiFunction.
 *
 * @param name the model's name, as {@link #model()} and {@code Model.kind()} give it
 * @param fit  the fit, or null for a model read from a file (its fit is code, which a file does not carry)
 */
public record SmileFit(String name, BiFunction<?, ?, ?> fit) implements Hyperparameters {

    public static SmileFit of(String name, BiFunction<?, ?, ?> fit) {
        return new SmileFit(name, fit);
    }

    @Override
    public String model() {
        return name;
    }
}
