package org.jtrain.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The records of delimited text, one at a time from a stream, with where each field ends: for looking at a file's
 * start, or keeping part of it, without holding it all. RFC 4180 quoting (a line break inside quotes is part of the
 * field); a record's line break, and a UTF-8 byte order mark at the start, are dropped.
 */
final class CsvRecords {

    private final InputStream in;
    private final byte delimiter;
    private final int longest;
    private final byte[] buf = new byte[1 << 16];
    private int pos, len;
    private boolean started;
    private long lines = 1;    // the line the next record starts on
    private long read;         // bytes consumed

    byte[] record = new byte[256];
    int length;                // of the record, in bytes
    int[] ends = new int[16];  // where each field ends: at a delimiter, or at the record's length
    int fields;
    long line;                 // the file line the record starts on
    boolean cut;               // the record was longer than the longest allowed: it holds only its start

    /** @param longest the most bytes a record may take: a quote never closed would otherwise make the rest of the file one record */
    CsvRecords(InputStream in, char delimiter, int longest) {
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.longest = longest;
    }

    /** Reads the next record into {@link #record}; false at the end of the stream. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            if (fill() && len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) pos = 3;
        }
        length = 0;
        fields = 0;
        cut = false;
        line = lines;
        boolean quoted = false, any = false;
        while (true) {
            if (pos == len && !fill()) break;
            byte b = buf[pos++];
            read++;
            any = true;
            if (b == '"') {
                quoted = !quoted; // "" inside a quoted field toggles twice
            } else if (b == '\n') {
                lines++;
                if (!quoted) {
                    if (length > 0 && record[length - 1] == '\r') length--;
                    break;
                }
            } else if (b == delimiter && !quoted) {
                endField();
            }
            if (length == longest) {
                cut = true;
                break;
            }
            if (length == record.length) record = Arrays.copyOf(record, (int) Math.min(longest, record.length * 2L));
            record[length++] = b;
        }
        if (!any) return false;
        endField();
        return true;
    }

    private void endField() {
        if (fields == ends.length) ends = Arrays.copyOf(ends, fields * 2);
        ends[fields++] = length;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        len = Math.max(n, 0);
        return n > 0;
    }

    /** Where field {@code f} of the record starts. */
    int start(int f) {
        return f == 0 ? 0 : ends[f - 1] + 1;
    }

    /** Whether the record is an empty line. */
    boolean blank() {
        return length == 0;
    }

    /** Field {@code f} as text, without its quotes. */
    String text(int f) {
        int s = start(f), e = ends[f];
        String t = new String(record, s, e - s, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
        return t;
    }

    /** Bytes read from the stream so far. */
    long bytesRead() {
        return read;
    }
}
