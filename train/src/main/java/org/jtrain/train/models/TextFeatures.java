package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.train.Encoded;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Bag of words: the {@code size} words found in the most training documents, and each document as log(1 + count)
 * of each. Learned on the training split only; unknown words in later text are ignored.
 */
record TextFeatures(List<String> columns, List<String> vocabulary) implements Encoded.Encoder {

    static TextFeatures fit(Table train, String target, int size) {
        String tableName = train.name();
        List<String> columns = new ArrayList<>();
        for (Column<?> c : train.columns()) {
            if (!c.name().equals(target) && (c.type().name().equals("STRING") || c.type().name().equals("TEXT"))) columns.add(c.name());
        }
        if (columns.isEmpty()) {
            throw new BadInput("The text model needs text columns, but '" + tableName + "' has none besides the target. Columns: "
                    + String.join(", ", train.columnNames()) + ".");
        }
        Map<String, Integer> documents = new HashMap<>();
        for (int r = 0; r < train.rowCount(); r++) {
            Set<String> seen = new HashSet<>();
            for (String c : columns) seen.addAll(words(train.column(c).getString(r)));
            seen.forEach(w -> documents.merge(w, 1, Integer::sum));
        }
        List<String> vocab = documents.entrySet().stream()
                .filter(e -> e.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(size).map(Map.Entry::getKey).toList();
        return new TextFeatures(List.copyOf(columns), vocab);
    }

    @Override
    public double[][] encode(Table t) {
        String tableName = t.name();
        for (String c : columns) {
            if (!t.containsColumn(c)) {
                throw new BadInput("Table '" + tableName + "' has no text column '" + c + "', which the model reads. Columns: "
                        + String.join(", ", t.columnNames()) + ".");
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) index.put(vocabulary.get(i), i);
        double[][] x = new double[t.rowCount()][vocabulary.size()];
        for (int r = 0; r < x.length; r++) {
            for (String c : columns) {
                for (String w : words(t.column(c).getString(r))) {
                    Integer i = index.get(w);
                    if (i != null) x[r][i]++;
                }
            }
            for (int i = 0; i < x[r].length; i++) x[r][i] = Math.log1p(x[r][i]);
        }
        return x;
    }

    /** Lower-case runs of letters, two or more long. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
            if (letter && start < 0) start = i;
            if (!letter && start >= 0) {
                if (i - start >= 2 && i - start <= 30) out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }
}
