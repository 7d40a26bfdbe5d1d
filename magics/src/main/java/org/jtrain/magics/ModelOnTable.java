package org.jtrain.magics;

import org.jtrain.data.BadInput;

import java.util.List;

/** The words {@code MODEL [on] TABLE} that {@code %train}, {@code %tune}, {@code %evaluate} and {@code %fairness} begin with. */
record ModelOnTable(String model, String table) {

    /** The label of the words in help and usage lines. */
    static final String LABEL = "MODEL [on] TABLE";

    static ModelOnTable parse(List<String> words) {
        if (words.size() == 3 && !words.get(1).equals("on")) {
            throw new BadInput("expected MODEL on TABLE or MODEL TABLE; got '" + String.join(" ", words) + "'");
        }
        if (words.size() == 2 && words.get(1).equals("on")) throw new BadInput("'on' needs a table after it");
        return new ModelOnTable(words.getFirst(), words.getLast());
    }
}
