package org.jtrain.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.jtrain.kernel.Session;

/** The kernel extension: registers every magic of the {@link Catalog}, and the renderers of figures and models, when the kernel starts. */
public final class JTrainMagics implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        if (!(kernel instanceof Session session)) return; // another JJava kernel: our magics need a jtrain session
        for (CommandMagic m : Catalog.magics()) session.magics().put(m.name(), m);
        Renderers.register(kernel.getRenderer());
    }
}
