package org.jtrain.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuggestTest {

    @Test
    void suggestsCloseNamesOnly() {
        assertEquals("time", Suggest.closest("tme", List.of("help", "time", "load")).orElseThrow());
        assertEquals("spam", Suggest.closest("spma", List.of("spam", "iris")).orElseThrow());
        assertEquals("--ratios", Suggest.closest("--ratio", List.of("--ratios", "--seed")).orElseThrow());
        assertTrue(Suggest.closest("zzzzzz", List.of("help", "time")).isEmpty());
    }
}
