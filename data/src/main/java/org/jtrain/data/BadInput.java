package org.jtrain.data;

import java.util.Optional;

/**
 * A mistake in what the user asked for (a file, a column, a hyperparameter), as opposed to a bug. Its message says
 * what was received, what is allowed and what to do; a notebook shows it as one line, with "did you mean" when
 * {@link #suggestion()} names the likely intended value.
 */
public class BadInput extends IllegalArgumentException {

    private final String suggestion;

    public BadInput(String message) {
        this(message, null);
    }

    /** @param suggestion the name the user probably meant, or null */
    public BadInput(String message, String suggestion) {
        super(message);
        this.suggestion = suggestion;
    }

    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
