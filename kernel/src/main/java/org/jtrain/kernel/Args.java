package org.jtrain.kernel;

import java.util.ArrayList;
import java.util.List;

/** Magic argument text, split into words. */
public final class Args {

    private Args() {
    }

    /** Splits magic arguments like a shell: spaces separate, quotes group, a backslash escapes. */
    public static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char ch = args.charAt(i);
            if (ch == '\\' && i + 1 < args.length() && quote != '\'') {
                cur.append(args.charAt(++i));
                inToken = true;
            } else if (quote != 0) {
                if (ch == quote) quote = 0;
                else cur.append(ch);
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inToken = true;
            } else if (Character.isWhitespace(ch)) {
                if (inToken) out.add(cur.toString());
                cur.setLength(0);
                inToken = false;
            } else {
                cur.append(ch);
                inToken = true;
            }
        }
        if (quote != 0) throw new UsageError("unclosed " + quote + " quote in: " + args);
        if (inToken) out.add(cur.toString());
        return out;
    }
}
