package org.jtrain.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text files in an encoding: bytes that are not valid in it are refused with the line they are on, never replaced by '�'. */
final class Encodings {

    private Encodings() {
    }

    /** The bytes as UTF-8: checked when they are UTF-8 already, else checked and converted. */
    static byte[] toUtf8(byte[] data, Charset encoding, String name, LoadOptions options) {
        check(data, encoding, name, options);
        return encoding.equals(StandardCharsets.UTF_8) ? data : new String(data, encoding).getBytes(StandardCharsets.UTF_8);
    }

    /** The text of the bytes, checked. */
    static String decode(byte[] data, Charset encoding, String name, LoadOptions options) {
        check(data, encoding, name, options);
        return new String(data, encoding);
    }

    private static void check(byte[] data, Charset encoding, String name, LoadOptions options) {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(1 << 20); // 2 MB: fewer rounds, each a poll
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) throw invalid(data, in.position(), r, encoding, name);
            out.clear();
            if (r.isUnderflow()) break;
            options.checkStop();
        }
        while (decoder.flush(out).isOverflow()) out.clear();
    }

    private static BadInput invalid(byte[] data, int at, CoderResult r, Charset encoding, String name) {
        String before = new String(data, 0, at, encoding); // valid up to here
        long line = 1 + before.chars().filter(c -> c == '\n').count();
        String lineSoFar = before.substring(before.lastIndexOf('\n') + 1).replace("\r", "");
        if (lineSoFar.length() > 30) lineSoFar = "…" + lineSoFar.substring(lineSoFar.length() - 30);
        int b = data[at] & 0xff;
        String what = String.format("byte 0x%02X%s", b, lineSoFar.isEmpty() ? " at its start" : " after \"" + lineSoFar + "\"");
        String problem = r.isUnmappable() ? what + " has no character in " + encoding.name() : "it is not valid " + encoding.name() + ": " + what;
        return new BadInput("line " + line + " of '" + name + "': " + problem + ". " + hint(data, b, encoding));
    }

    /** What the encoding probably is, from the bytes. */
    private static String hint(byte[] data, int bad, Charset encoding) {
        if (!encoding.equals(StandardCharsets.UTF_8)) {
            return "Check the file's encoding: --encoding UTF-8, ISO-8859-1, windows-1252 or UTF-16, for example";
        }
        for (int i = 0; i < Math.min(data.length, 4096); i++) {
            if (data[i] == 0) return "It looks like UTF-16: load it with --encoding UTF-16";
        }
        if (bad >= 0x80 && bad <= 0x9F) return "It looks like Windows text: load it with --encoding windows-1252";
        return "If the file is latin-1, load it with --encoding ISO-8859-1 (or windows-1252)";
    }
}
