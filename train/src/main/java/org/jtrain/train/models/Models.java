package org.jtrain.train.models;

import ai.djl.nn.Block;
import org.jtrain.data.BadInput;
import org.jtrain.data.Suggest;
import org.jtrain.train.Model;
import org.jtrain.train.Provenance;
import org.jtrain.train.Task;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/** Every model {@code %train} knows, by name and by hyperparameter record. */
public final class Models {

    private Models() {
    }

    private static final List<ModelSpec<?>> ALL = Stream.of(SmileModels.all(), Networks.all(), Forecasters.all(), Recommenders.all(),
            LanguageModels.all(), AnomalyDetectors.all(), Federated.all()).flatMap(List::stream).toList();

    public static List<ModelSpec<?>> all() {
        return ALL;
    }

    public static Optional<ModelSpec<?>> find(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names of the models that can do a task. */
    public static List<String> names(Task task) {
        return all().stream().filter(s -> s.task() == null || s.task() == task).map(ModelSpec::name).toList();
    }

    /** The hyperparameters of the model named {@code name}, from option values by option name (defaults for the rest). */
    public static Hyperparameters params(String name, Map<String, String> options) {
        ModelSpec<?> spec = find(name).orElseThrow(() -> unknown(name));
        return (Hyperparameters) Params.create(spec.params().asSubclass(Record.class), options);
    }

    /**
     * A model written in a cell, as {@code %%train} gets it: a DJL {@code Block} (trained by jtrain's loop, with the
     * loop's options) or a Smile fit {@code (x, y) -> model} typed as a {@code BiFunction}.
     */
    public static Hyperparameters custom(String name, Object definition, Map<String, String> options) {
        if (definition instanceof Block block) return Params.apply(Network.of(name, block), options);
        if (definition instanceof BiFunction<?, ?, ?> fit) return Params.apply(SmileFit.of(name, fit), options);
        throw new BadInput("The cell must end with a DJL Block (the network) or a BiFunction (x, y) -> a Smile model; it ended with "
                + (definition == null ? "no value" : "a " + definition.getClass().getSimpleName()) + ".");
    }

    /** How to fit the model that {@code params} configure. */
    @SuppressWarnings("unchecked")
    public static <P extends Hyperparameters> ModelSpec<P> spec(P params) {
        return switch (params) {
            case Network n -> (ModelSpec<P>) Networks.custom(n);
            case SmileFit f -> (ModelSpec<P>) SmileModels.custom(f);
            default -> (ModelSpec<P>) all().stream().filter(s -> s.params() == params.getClass()).findFirst()
                    .orElseThrow(() -> new BadInput("jtrain has no model for " + params.getClass().getSimpleName() + "."));
        };
    }

    /** {@code model} with how it was trained; a model of another kind (written in Java) is returned as it is. */
    public static Model withProvenance(Model model, Provenance provenance) {
        return switch (model) {
            case SmileModel m -> m.withProvenance(provenance);
            case DjlModel m -> m.withProvenance(provenance);
            default -> model;
        };
    }

    private static BadInput unknown(String name) {
        List<String> names = all().stream().map(ModelSpec::name).toList();
        return new BadInput("Unknown model '" + name + "'. Models: " + String.join(", ", names) + ".", Suggest.closest(name, names).orElse(null));
    }
}
