package org.jtrain.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.jtrain.kernel.Shell;
import org.jtrain.train.Session;

/**
 * The kernel extension: when a kernel starts, it gets a {@link Session} of its own, every magic of the {@link Catalog}
 * sharing it, and the renderers of jtrain's objects.
 */
public final class JTrainMagics implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        if (!(kernel instanceof Shell shell)) return; // another JJava kernel: our magics need a jtrain kernel
        Session session = new Session();
        for (CommandMagic m : Catalog.magics(session)) shell.magics().put(m.name(), m);
        Renderers.register(kernel.getRenderer());
    }
}
