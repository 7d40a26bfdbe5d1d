package org.jtrain.train;

/** A mistake in what the user asked for (data, hyperparameters), as opposed to a bug: shown as one line. */
public final class BadInput extends IllegalArgumentException {

    public BadInput(String message) {
        super(message);
    }
}
