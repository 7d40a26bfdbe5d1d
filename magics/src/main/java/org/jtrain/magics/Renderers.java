package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.charts.Figure;
import org.jtrain.kernel.Display;
import org.jtrain.train.History;
import org.jtrain.train.Model;

import java.util.Base64;

/** How jtrain's own objects show in a notebook: figures as Plotly JSON + PNG + text, histories and models as text. */
final class Renderers {

    static final MIMEType PLOTLY = MIMEType.parse("application/vnd.plotly.v1+json");

    private Renderers() {
    }

    static void register(Renderer renderer) {
        renderer.createRegistration(Figure.class)
                .preferring(PLOTLY, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register(Renderers::figure);
        renderer.createRegistration(History.class).preferring(MIMEType.TEXT_PLAIN)
                .register((h, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, h::toString));
        renderer.createRegistration(Model.class).preferring(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::toString));
    }

    private static void figure(Figure f, RenderContext ctx) {
        ctx.renderIfRequested(PLOTLY, f::toPlotly);
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(f));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, f::toString);
    }

    /**
     * Shows a figure interactive in JupyterLab and as a PNG everywhere else. JupyterLab's plotly extension draws a
     * static image when the bundle it first renders holds a PNG, and ignores later updates once it has drawn. So the
     * figure goes out first without the PNG (the extension starts drawing the interactive chart) and is then updated
     * in place with all three entries, which is what the saved notebook keeps for GitHub, nbviewer and nbconvert.
     */
    static void show(Figure f) {
        show(null, f);
    }

    /** As {@link #show(Figure)}, replacing the display {@code id} (null for a new display); returns the display id. */
    static String show(String id, Figure f) {
        id = showInteractive(id, f);
        addPng(id, f);
        return id;
    }

    /** The first half of {@link #show(String, Figure)}: the figure without its PNG; returns the display id. */
    static String showInteractive(String id, Figure f) {
        DisplayData interactive = figureData(f, false);
        if (id == null) return Display.display(interactive);
        Display.updateDisplay(id, interactive);
        return id;
    }

    /** The second half: the display {@code id} updated to all three entries. */
    static void addPng(String id, Figure f) {
        Display.updateDisplay(id, figureData(f, true));
    }

    /** A figure as Plotly JSON and text, plus the PNG if asked. */
    static DisplayData figureData(Figure f, boolean png) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(PLOTLY, f.toPlotly());
        if (png) d.putData(MIMEType.IMAGE_PNG, png(f));
        return d;
    }

    /** A figure as a PNG and text only: what a live chart shows while it changes, since JupyterLab redraws images. */
    static DisplayData pngData(Figure f) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(MIMEType.IMAGE_PNG, png(f));
        return d;
    }

    private static String png(Figure f) {
        return Base64.getEncoder().encodeToString(f.toPng());
    }
}
