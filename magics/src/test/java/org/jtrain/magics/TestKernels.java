package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One kernel per test JVM (JJava keeps the notebook's kernel in a static), with this module's magics installed. */
final class TestKernels {
    private static JTrainKernel kernel;

    private TestKernels() {
    }

    static synchronized JTrainKernel get() {
        if (kernel == null) {
            kernel = JTrainKernel.create();
            kernel.onStartup(); // installs the magics through ServiceLoader, as the real kernel does
        }
        return kernel;
    }

    /** What {@code r} printed to System.out. */
    static String stdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** What {@code r} printed to System.err. */
    static String stderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code r}, hands what it printed to {@code printed}, and returns its value. */
    static Object stdoutAnd(java.util.function.Supplier<Object> r, java.util.function.Consumer<String> printed) {
        Object[] value = new Object[1];
        printed.accept(stdout(() -> value[0] = r.get()));
        return value[0];
    }
}
