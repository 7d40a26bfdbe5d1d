package org.jtrain.train.models;

import org.jtrain.data.BadInput;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A character vocabulary: the characters of the training text, each a token id from 1; id 0 stands for a character
 * the training text did not have. Paragraphs are joined by a line break, which is a character like any other: the model
 * learns where paragraphs end.
 */
record Characters(String alphabet) {

    static Characters of(String text) {
        return new Characters(text.chars().distinct().sorted().mapToObj(Character::toString).collect(Collectors.joining()));
    }

    int size() {
        return alphabet.length() + 1;
    }

    /** The ids of a text; characters not in the alphabet become 0. */
    int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) ids[i] = Math.max(0, alphabet.indexOf(text.charAt(i)) + 1);
        return ids;
    }

    /** The ids of a text given by a user, which must hold only known characters. */
    int[] encodeKnown(String text, String what) {
        String unknown = text.chars().filter(c -> alphabet.indexOf(c) < 0).distinct()
                .mapToObj(c -> "'" + Character.toString(c) + "'").collect(Collectors.joining(", "));
        if (!unknown.isEmpty()) {
            throw new BadInput("The " + what + " has characters the model never saw: " + unknown + ". It knows " + alphabet.length()
                    + " characters: " + printable() + ".");
        }
        return encode(text);
    }

    char decode(int id) {
        return id == 0 ? '\uFFFD' : alphabet.charAt(id - 1);
    }

    /** The alphabet with its line break and space made visible. */
    String printable() {
        return alphabet.replace("\n", "⏎").replace(" ", "␣");
    }

    /** Visible labels, one per character of a text, for a chart's axis: the character and its position. */
    static String[] labels(String text) {
        String[] out = new String[text.length()];
        Arrays.setAll(out, i -> i + " " + (text.charAt(i) == ' ' ? "␣" : text.charAt(i) == '\n' ? "⏎" : String.valueOf(text.charAt(i))));
        return out;
    }
}
