package org.jtrain.train;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from, written beside it by {@code %export} and read back by {@code %import}: the table it learned
 * from (its name, rows and a hash of the encoded rows), the seed, how training ended, the last epoch's metrics and when.
 */
public record Provenance(String table, int rows, String dataHash, long seed, String ended, Map<String, Double> metrics, Instant trained) {

    public Provenance {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the History's order, as the sidecar shows them
    }
}
