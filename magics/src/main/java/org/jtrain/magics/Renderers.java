package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.charts.Figure;
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
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(f.toPng()));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, f::toString);
    }

    /** A figure with all three entries, built directly (no renderer lookup), for displays updated in place. */
    static DisplayData figureData(Figure f, boolean png) {
        DisplayData d = new DisplayData(f.toString());
        d.putData(PLOTLY, f.toPlotly());
        if (png) d.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(f.toPng()));
        return d;
    }
}
