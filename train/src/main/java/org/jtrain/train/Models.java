package org.jtrain.train;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every model {@code %train} knows, by name. */
public final class Models {

    private Models() {
    }

    private static final List<ModelSpec<?>> ALL = Stream.concat(SmileModels.all().stream(), Networks.all().stream()).toList();

    public static List<ModelSpec<?>> all() {
        return ALL;
    }

    /**
     * A model written in the cell: a DJL {@code Block} (trained by jtrain's loop, with --epochs and friends), or a
     * Smile fit such as {@code (x, y) -> KNN.fit(x, y, 3)} typed as a {@code BiFunction} of the feature matrix and
     * the labels (int[] for classes, double[] for numbers).
     */
    public static ModelSpec<?> custom(String name, Object definition) {
        if (definition instanceof ai.djl.nn.Block block) return Networks.custom(name, block);
        if (definition instanceof java.util.function.BiFunction<?, ?, ?> fit) return SmileModels.custom(name, fit);
        throw new BadInput("The cell must end with a DJL Block (the network) or a BiFunction (x, y) -> a Smile model; it ended with "
                + (definition == null ? "no value" : "a " + definition.getClass().getSimpleName()) + ".");
    }

    public static Optional<ModelSpec<?>> find(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names of the models that can do a task. */
    public static List<String> names(Task task) {
        return all().stream().filter(s -> s.task() == null || s.task() == task).map(ModelSpec::name).toList();
    }
}
