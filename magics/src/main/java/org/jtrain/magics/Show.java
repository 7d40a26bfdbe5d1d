package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.charts.Figure;
import org.jtrain.kernel.Display;

import java.util.Base64;

/**
 * The one way a magic shows a figure. JupyterLab's plotly extension draws a static image when the bundle it first
 * renders holds a PNG, and ignores later updates once it has drawn. So a figure goes out first without the PNG (the
 * extension starts drawing the interactive chart) and is then updated in place with its PNG, which is what the saved
 * notebook keeps for GitHub, nbviewer and nbconvert. A chart that changes while training shows as a PNG alone, which
 * JupyterLab redraws on every update.
 */
final class Show {

    static final MIMEType PLOTLY = MIMEType.parse("application/vnd.plotly.v1+json");

    private Show() {
    }

    /** Shows a figure: interactive in JupyterLab, a PNG everywhere else. */
    static void figure(Figure f) {
        addPng(interactive(null, f), f);
    }

    /** The first half of {@link #figure}: the figure without its PNG, replacing display {@code id} (null for a new one); returns the id. */
    static String interactive(String id, Figure f) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(PLOTLY, f.toPlotly());
        return put(id, d);
    }

    /** The second half: display {@code id} updated to the Plotly JSON, the PNG and the text. */
    static void addPng(String id, Figure f) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(PLOTLY, f.toPlotly());
        d.putData(MIMEType.IMAGE_PNG, png(f));
        put(id, d);
    }

    /** A figure as a PNG and text only, replacing display {@code id} (null for a new one): a chart that keeps changing. */
    static String image(String id, Figure f) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(MIMEType.IMAGE_PNG, png(f));
        return put(id, d);
    }

    static String png(Figure f) {
        return Base64.getEncoder().encodeToString(f.toPng());
    }

    private static String put(String id, DisplayData d) {
        if (id == null) return Display.display(d);
        Display.updateDisplay(id, d);
        return id;
    }
}
