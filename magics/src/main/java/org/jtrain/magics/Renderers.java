package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.charts.Figure;
import org.jtrain.train.History;
import org.jtrain.train.Model;

/** How jtrain's own objects show in a notebook: figures as Plotly JSON + PNG + text, progress as a bar, histories and models as text. */
final class Renderers {

    private Renderers() {
    }

    static void register(Renderer renderer) {
        renderer.createRegistration(Figure.class)
                .preferring(Show.PLOTLY, MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register(Renderers::figure);
        renderer.createRegistration(Progress.class).preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((p, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, p::text);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, p::html);
                });
        renderer.createRegistration(History.class).preferring(MIMEType.TEXT_PLAIN)
                .register((h, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, h::toString));
        renderer.createRegistration(Model.class).preferring(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::toString));
    }

    private static void figure(Figure f, RenderContext ctx) {
        ctx.renderIfRequested(Show.PLOTLY, f::toPlotly);
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Show.png(f));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, f::toString);
    }
}
