package org.jtrain.train.models;

import org.jtrain.train.Encoded;

import tech.tablesaw.api.Table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A document as the transformer encoder reads it: the words of its text columns in order (subject, then body), the
 * first {@code context} of them, each as its id in {@code vocabulary} from 2; 1 is a word not in it, 0 is padding after
 * a short document. The vocabulary is the bag-of-words model's, learned on the training split.
 */
record WordTokens(List<String> columns, List<String> vocabulary, int context) implements Encoded.Encoder {

    static WordTokens fit(Table train, String target, int size, int context) {
        TextFeatures words = TextFeatures.fit(train, target, size);
        return new WordTokens(words.columns(), words.vocabulary(), context);
    }

    /** A name per position, for the encoded columns: word1, word2, ... */
    List<String> positions() {
        return IntStream.rangeClosed(1, context).mapToObj(i -> "word" + i).toList();
    }

    @Override
    public double[][] encode(Table t) {
        new TextFeatures(columns, List.of()).encode(t); // refuses a table without the text columns, as the text model does
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) index.put(vocabulary.get(i), i + 2);
        double[][] x = new double[t.rowCount()][context];
        for (int r = 0; r < x.length; r++) {
            int n = 0;
            for (String c : columns) {
                for (String w : TextFeatures.words(t.column(c).getString(r))) {
                    if (n == context) break;
                    x[r][n++] = index.getOrDefault(w, 1);
                }
            }
        }
        return x;
    }
}
