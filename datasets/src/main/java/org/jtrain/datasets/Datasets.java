package org.jtrain.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog of bundled datasets. */
public final class Datasets {

    private static final List<Dataset> CATALOG = read();

    private Datasets() {
    }

    public static List<Dataset> list() {
        return CATALOG;
    }

    public static Optional<Dataset> find(String name) {
        return CATALOG.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static List<Dataset> read() {
        try (var in = new BufferedReader(new InputStreamReader(
                Datasets.class.getResourceAsStream("catalog.csv"), StandardCharsets.UTF_8))) {
            List<Dataset> out = new ArrayList<>();
            in.readLine(); // header
            for (String line; (line = in.readLine()) != null; ) {
                List<String> f = fields(line);
                out.add(new Dataset(f.get(0), f.get(1), Integer.parseInt(f.get(2)), Integer.parseInt(f.get(3)),
                        f.get(4), f.get(5), f.get(6), f.get(7), f.get(8)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line of the catalog (its fields may be quoted, never span lines). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') cur.append(line.charAt(++i));
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
