package org.jtrain.train;

/** What a model predicts: a class from a set, or a number. */
public enum Task {
    CLASSIFICATION, REGRESSION;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
