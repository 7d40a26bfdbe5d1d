package org.jtrain.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * The IJava display API, imported statically into every session: {@code display(obj)} shows a value now,
 * and {@code updateDisplay(id, obj)} replaces what an earlier {@code display} showed.
 */
public final class Display {

    private Display() {
    }

    /** Shows a value with its preferred representations; returns the display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return publish(render(value));
    }

    /** Shows a value as the given MIME types, e.g. {@code display(img, "image/png")}. */
    public static String display(Object value, String... mimeTypes) {
        return publish(render(value, mimeTypes));
    }

    /** Replaces the output shown under {@code id} with a new value. */
    public static void updateDisplay(String id, Object value) {
        LineBufferedOutput.flushStdout(); // text printed before the update shows before it
        BaseKernel.notebookKernel().getIO().display.updateDisplay(id, render(value));
    }

    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        LineBufferedOutput.flushStdout();
        BaseKernel.notebookKernel().getIO().display.updateDisplay(id, render(value, mimeTypes));
    }

    /** The representations the kernel would show for a value, without showing them. */
    public static DisplayData render(Object value) {
        if (value instanceof DisplayData d) return new DisplayData(d);
        return BaseKernel.notebookKernel().getRenderer().render(value);
    }

    public static DisplayData render(Object value, String... mimeTypes) {
        if (mimeTypes.length == 0) return render(value);
        return BaseKernel.notebookKernel().getRenderer().renderAs(value, mimeTypes);
    }

    private static String publish(DisplayData data) {
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        data.setDisplayId(id);
        LineBufferedOutput.flushStdout();
        BaseKernel.notebookKernel().getIO().display.display(data);
        return id;
    }
}
