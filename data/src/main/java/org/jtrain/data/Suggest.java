package org.jtrain.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?": the known name closest to a mistyped one. */
public final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code input}, if one is close enough to be a likely typo. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String needle = input.strip().toLowerCase();
        return candidates.stream()
                .filter(c -> isClose(needle, c.toLowerCase()))
                .min(Comparator.comparingInt((String c) -> distance(needle, c.toLowerCase())).thenComparing(c -> c));
    }

    private static boolean isClose(String a, String b) {
        if (a.isEmpty()) return false;
        if (b.startsWith(a) || a.startsWith(b)) return true;
        return distance(a, b) <= Math.max(1, Math.min(a.length(), b.length()) / 3);
    }

    /** Optimal string alignment distance: edits, counting a swap of two neighbours as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
