package org.jtrain.magics;

import org.jtrain.kernel.Shell;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What magics keep for the rest of a kernel session beside its {@link org.jtrain.train.Session} (the repositories and
 * jars of %maven, the connection of %sql): one value per kernel, made when first asked for. A kernel's {@link Shell}
 * is the key, held weakly, so a kernel that is gone takes its value with it.
 */
final class PerKernel<T> {

    private final Map<Shell, T> values = Collections.synchronizedMap(new WeakHashMap<>());
    private final Supplier<T> create;

    PerKernel(Supplier<T> create) {
        this.create = create;
    }

    T of(Shell shell) {
        return values.computeIfAbsent(shell, s -> create.get());
    }
}
