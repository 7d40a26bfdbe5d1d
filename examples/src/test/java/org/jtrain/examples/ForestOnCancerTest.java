package org.jtrain.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example runs as a program of its own, in a JVM of its own, with nothing of jtrain's kernel or magics on its classpath. */
class ForestOnCancerTest {

    @Test
    void theProgramTrainsEvaluatesDrawsAndReadsItsModelBack(@TempDir Path out) throws Exception {
        Path csv = Path.of("..", "datasets", "src", "main", "resources", "org", "jtrain", "datasets", "breast_cancer.csv.gz");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), ForestOnCancer.class.getName(), csv.toString(), out.toString()))
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("breast_cancer: 569 rows × 31 columns"), printed);
        assertTrue(printed.contains("split: 398 train, 85 validation, 86 test rows"), printed);
        assertTrue(printed.contains("  200 of 200 trees"), printed);
        Matcher accuracy = Pattern.compile("on test: accuracy (\\d\\.\\d+)").matcher(printed);
        assertTrue(accuracy.find(), printed);
        assertTrue(Double.parseDouble(accuracy.group(1)) >= 0.9, printed); // a forest on this data under seed 42: 0.95 or more
        assertTrue(printed.contains("identical predictions on 86 test rows"), printed);
        assertTrue(printed.contains("learning curve: validation accuracy 0.") && printed.contains(" with 99 rows, "), printed);
        byte[] png = Files.readAllBytes(out.resolve("learning-curve.png"));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(png.length > 5_000, "a chart, not an empty image: " + png.length + " bytes");
        assertTrue(Files.isRegularFile(out.resolve("cancer.model.json")));
    }
}
