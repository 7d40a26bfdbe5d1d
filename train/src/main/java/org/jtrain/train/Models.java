package org.jtrain.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every model {@code %train} knows, by name. */
public final class Models {

    private Models() {
    }

    public static List<ModelSpec<?>> all() {
        List<ModelSpec<?>> all = new ArrayList<>(SmileModels.all());
        all.addAll(Networks.all());
        return List.copyOf(all);
    }

    public static Optional<ModelSpec<?>> find(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names of the models that can do a task. */
    public static List<String> names(Task task) {
        return all().stream().filter(s -> s.task() == null || s.task() == task).map(ModelSpec::name).toList();
    }
}
