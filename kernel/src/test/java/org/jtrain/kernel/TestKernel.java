package org.jtrain.kernel;

/** One kernel per test JVM: JJava keeps the notebook's kernel in a static. */
public final class TestKernel {
    private static JTrainKernel kernel;

    private TestKernel() {
    }

    public static synchronized JTrainKernel get() {
        if (kernel == null) {
            kernel = JTrainKernel.create();
            kernel.onStartup();
        }
        return kernel;
    }
}
