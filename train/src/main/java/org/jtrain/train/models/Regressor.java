package org.jtrain.train.models;

/** The regressor a {@link Forecaster} fits on its features: jtrain's {@code forest}, {@code boosting}, {@code linear} or {@code mlp}. */
public enum Regressor { FOREST, BOOSTING, LINEAR, MLP }
