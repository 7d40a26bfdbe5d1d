package org.jtrain.kernel;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Arrays;

/** Shows arrays by their contents, {@code [1, 2, 3]}, instead of Java's {@code [I@6f24cbea}. */
final class ArrayRenderer {

    /** Longer arrays are cut, so a million-element array doesn't flood the notebook. */
    static final int MAX_ITEMS = 100;

    private ArrayRenderer() {
    }

    static void register(Renderer renderer) {
        for (Class<?> type : new Class<?>[]{Object[].class, int[].class, long[].class, double[].class, float[].class,
                short[].class, byte[].class, char[].class, boolean[].class}) {
            renderer.createRegistration(type)
                    .preferring(MIMEType.TEXT_PLAIN)
                    .register((array, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(array)));
        }
    }

    static String text(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object[] boxed = new Object[Math.min(n, MAX_ITEMS)];
        for (int i = 0; i < boxed.length; i++) boxed[i] = java.lang.reflect.Array.get(array, i);
        String items = Arrays.deepToString(boxed);
        return n <= MAX_ITEMS ? items : items.substring(0, items.length() - 1) + ", ... (" + n + " items)]";
    }
}
