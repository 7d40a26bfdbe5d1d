package org.jtrain.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.jtrain.kernel.Shell;
import org.jtrain.train.Session;

import java.util.List;

/**
 * The kernel extension: when a kernel starts, it gets a {@link Session} of its own, every magic of the {@link Catalog}
 * sharing it, and the renderers of jtrain's objects.
 *
 * <p>In another JJava host (stock JJava with this jar on {@code JJAVA_CLASSPATH}) jtrain's kernel classes are absent:
 * the extension then touches none of them, and each of its magic names answers with one line saying what it needs.
 */
public final class JTrainMagics implements Extension {

    /** The names of the magics, for a host where the {@link Catalog} cannot load; a test keeps it equal to the catalog's. */
    static final List<String> NAMES = List.of("help", "maven", "addMavenDependency", "addMavenDependencies", "mavenRepo",
            "addMavenRepo", "loadFromPOM", "classpath", "jars", "load", "time", "seed", "data", "sql", "split", "train",
            "evaluate", "plot", "fairness", "drift", "tune", "export", "import", "serve", "runs", "repro", "spark");

    @Override
    public void install(BaseKernel kernel) {
        if (isJTrainKernel(kernel)) {
            installInto(kernel);
        } else {
            String host = kernel.getClass().getName();
            System.err.println("jtrain: its magics need jtrain's kernel, and this is " + host + ": they are not installed");
            for (String name : NAMES) {
                kernel.getMagicsRegistry().registerLineMagic(name, (LineMagic<Object, BaseKernel>) (k, args) -> {
                    throw needsJTrain("%" + name, host);
                });
                kernel.getMagicsRegistry().registerCellMagic(name, (CellMagic<Object, BaseKernel>) (k, args, body) -> {
                    throw needsJTrain("%%" + name, host);
                });
            }
        }
    }

    private static boolean isJTrainKernel(BaseKernel kernel) {
        try {
            return Class.forName("org.jtrain.kernel.Shell", false, JTrainMagics.class.getClassLoader()).isInstance(kernel);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void installInto(BaseKernel kernel) { // loads jtrain's kernel and library classes: only in a jtrain kernel
        Shell shell = (Shell) kernel;
        Session session = new Session();
        for (CommandMagic m : Catalog.magics(session)) {
            shell.magics().put(m.name(), m);
            for (String alias : m.aliases()) shell.magics().put(alias, m);
        }
        Renderers.register(kernel.getRenderer());
    }

    private static IllegalStateException needsJTrain(String magic, String host) {
        return new IllegalStateException(magic + " is one of jtrain's magics, which need jtrain's kernel, not " + host
                + ": open the notebook with the kernel \"Java (jtrain)\" (./jtrain lab)");
    }
}
