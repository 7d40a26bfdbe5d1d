package org.jtrain.train.evaluate;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Locale;

/**
 * How well a language model predicts a text it was not trained on, one token after another. Cross-entropy is the mean of
 * -ln p(the true next token); perplexity, e to that, reads as "as unsure as a fair choice among this many tokens": a
 * model that learned nothing scores about the vocabulary size, a perfect one 1. Bits per character is the same loss in
 * base 2, the size of the text if the model drove a compressor.
 *
 * @param rows           the rows (paragraphs) scored
 * @param tokens         the tokens predicted
 * @param vocabulary     how many tokens the model chooses among
 * @param crossEntropy   nats per token
 * @param lossByPosition the mean cross-entropy at each position of the context window: the further in, the more past
 */
public record Language(int rows, long tokens, int vocabulary, double crossEntropy, double perplexity, double bitsPerCharacter,
                       double[] lossByPosition) implements Evaluation {

    /** Scores from the summed losses of {@code tokens} predictions; {@code lossByPosition} holds means. */
    public static Language of(int rows, long tokens, int vocabulary, double lossSum, double[] lossByPosition) {
        double ce = lossSum / tokens;
        return new Language(rows, tokens, vocabulary, ce, Math.exp(ce), ce / Math.log(2), lossByPosition);
    }

    @Override
    public Table toTable() {
        return Table.create("evaluation",
                StringColumn.create("metric", "perplexity", "cross-entropy (nats per token)", "bits per character", "vocabulary", "tokens"),
                DoubleColumn.create("value", round(perplexity), round(crossEntropy), round(bitsPerCharacter), vocabulary, tokens));
    }

    @Override
    public Figure chart(String title) {
        double[] position = new double[lossByPosition.length];
        for (int i = 0; i < position.length; i++) position[i] = i + 1;
        return Figure.create(title)
                .label(0, "loss by position in the context: more past, better guesses", "characters of context", "cross-entropy (nats)")
                .add(new Trace.XY("loss", position, lossByPosition, Trace.Mode.LINES))
                .add(new Trace.XY("uniform guess, ln(vocabulary)", new double[]{1, position.length},
                        new double[]{Math.log(vocabulary), Math.log(vocabulary)}, Trace.Mode.LINES));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "perplexity %.3f (vocabulary %d), cross-entropy %.4f nats per token, %.3f bits per character, %,d tokens",
                perplexity, vocabulary, crossEntropy, bitsPerCharacter, tokens);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
