package org.jtrain.datasets;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {

    @Test
    void catalogHasEveryPromisedDataset() {
        List<String> names = Datasets.list().stream().map(Dataset::name).toList();
        assertEquals(List.of("births", "breast_cancer", "diabetes", "digits", "fashion-mnist", "housing", "income", "iris",
                "lecture-ratings", "moby-dick", "seattle-weather", "sensors", "spam", "wine"), names);
        assertEquals(names.size(), new HashSet<>(names).size());
    }

    @Test
    void everyFileHasTheRowsAndColumnsItsCatalogRowSays() throws Exception {
        for (Dataset d : Datasets.list()) {
            try (var in = new BufferedReader(new InputStreamReader(d.open(), StandardCharsets.UTF_8))) {
                String header = in.readLine();
                assertEquals(d.columns(), Datasets.fields(header).size(), d.name());
                assertTrue(Datasets.fields(header).contains(d.target()), d.name() + " target");
                int records = 0;
                boolean quoted = false;
                for (int ch; (ch = in.read()) != -1; ) { // count record ends outside quotes: spam bodies span lines
                    if (ch == '"') quoted = !quoted;
                    else if (ch == '\n' && !quoted) records++;
                }
                assertEquals(d.rows(), records, d.name());
            }
        }
    }

    @Test
    void findByName() {
        assertEquals(150, Datasets.find("iris").orElseThrow().rows());
        assertTrue(Datasets.find("nope").isEmpty());
    }
}
