package org.jtrain.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A mistake in how something was called: one line saying what was received and what is allowed,
 * then the usage line and a "did you mean" where a name was mistyped. Never a stack trace.
 */
public final class UsageError extends CellError {

    private final String usage;
    private final String suggestion;

    public UsageError(String message) {
        this(message, null, null);
    }

    /**
     * @param usage      the usage line of the command, or null
     * @param suggestion the name the user probably meant, or null
     */
    public UsageError(String message, String usage, String suggestion) {
        super("UsageError", message, lines(message, usage, suggestion));
        this.usage = usage;
        this.suggestion = suggestion;
    }

    /** This error with {@code usage} as its usage line, unless it has one already. */
    public UsageError withUsage(String usage) {
        return this.usage != null ? this : new UsageError(getMessage(), usage, suggestion);
    }

    private static List<String> lines(String message, String usage, String suggestion) {
        List<String> lines = new ArrayList<>();
        lines.add("UsageError: " + message);
        if (usage != null && !usage.isBlank()) lines.addAll(usage.strip().lines().toList());
        if (suggestion != null) lines.add("Did you mean '" + suggestion + "'?");
        return lines;
    }
}
