package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.data.Preprocessing;
import org.jtrain.data.Suggest;
import org.jtrain.data.Tables;
import org.jtrain.kernel.Shell;
import org.jtrain.train.History;
import org.jtrain.train.Model;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * The notebook's variables that a magic names, looked up by type: "No variable 'x'. Tables: a, b." with a
 * "did you mean" among the variables of that type.
 *
 * @param noun   what one is called, with its article: "a table"
 * @param plural what several are called, to list them: "Tables"
 * @param none   what to say when there are none, and how to make one
 */
record Variables<T>(Class<T> type, String noun, String plural, String none) {

    static final Variables<Table> TABLE = new Variables<>(Table.class, "a table", "Tables",
            "There are no tables yet: load one with %data load NAME.");
    static final Variables<Model> MODEL = new Variables<>(Model.class, "a model", "Models",
            "Train one first: %train MODEL TABLE --target COL.");
    static final Variables<History> HISTORY = new Variables<>(History.class, "a History", "Histories",
            "Train a model first: %train MODEL TABLE --target COL.");
    static final Variables<Preprocessing> PREPROCESSING = new Variables<>(Preprocessing.class, "preprocessing fitted by %data clean",
            "Preprocessings", "Fit one first: %data clean TABLE ... on the training split.");

    /** The value of variable {@code name}, or a BadInput saying what it is instead and which variables would do. */
    T get(Shell shell, String name) {
        Object value = shell.variable(name).orElse(null);
        if (type.isInstance(value)) return type.cast(value);
        List<String> fitting = shell.variableNames().stream()
                .filter(v -> !v.equals(name) && type.isInstance(shell.variable(v).orElse(null)))
                .toList();
        String what = value == null
                ? (shell.variableNames().contains(name) ? "'" + name + "' is null, not " + noun + ". " : "No variable '" + name + "'. ")
                : "'" + name + "' is a " + value.getClass().getSimpleName() + ", not " + noun + ". ";
        throw new BadInput(what + (fitting.isEmpty() ? none : plural + ": " + String.join(", ", fitting) + "."),
                Suggest.closest(name, fitting).orElse(null));
    }

    /**
     * The table of variable {@code name}, named after the variable: library messages and charts then name it as the
     * user does. It shares the variable's columns (nothing is copied).
     */
    static Table table(Shell shell, String name) {
        return Tables.named(TABLE.get(shell, name), name);
    }
}
