package org.jtrain.train.models;

import org.jtrain.data.BadInput;
import org.jtrain.data.Smoke;
import org.jtrain.data.Suggest;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads, validates and describes hyperparameter records whose components carry {@link Param}: a magic's options, its
 * help and its range checks all come from the record. Components without {@link Param} (a custom network's block) are
 * not options.
 */
public final class Params {

    private Params() {
    }

    /** The option name of a component: {@code maxDepth} becomes {@code max-depth}. */
    public static String optionName(RecordComponent c) {
        return c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The option names of a record's hyperparameters, in order. */
    public static List<String> names(Class<? extends Record> type) {
        return params(type).stream().map(Params::optionName).toList();
    }

    /** The record with its declared defaults; {@code others} are the values of its components that are not options, in order. */
    public static <R extends Record> R defaults(Class<R> type, Object... others) {
        Iterator<Object> rest = Arrays.asList(others).iterator();
        return build(type, c -> c.getAnnotation(Param.class) != null ? parse(c, c.getAnnotation(Param.class).defaultValue()) : rest.next());
    }

    /** Builds a record from option values by option name; missing ones take their defaults. */
    public static <R extends Record> R create(Class<R> type, Map<String, String> values) {
        return apply(defaults(type), values);
    }

    /** A copy of {@code base} with the options in {@code values} (by option name) parsed and checked; an unknown name is refused. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R apply(R base, Map<String, String> values) {
        Class<R> type = (Class<R>) base.getClass();
        List<String> own = names(type);
        for (String name : values.keySet()) {
            if (!own.contains(name)) {
                String model = base instanceof Hyperparameters h ? h.model() : type.getSimpleName();
                throw new BadInput("--" + name + " is not a hyperparameter of " + model + ". Its hyperparameters: "
                        + (own.isEmpty() ? "none" : String.join(", ", own.stream().map(n -> "--" + n).toList())) + ".",
                        Suggest.closest(name, own).map(n -> "--" + n).orElse(null));
            }
        }
        return build(type, c -> values.containsKey(optionName(c)) ? parse(c, values.get(optionName(c))) : value(c, base));
    }

    /** In smoke mode ({@link Smoke}), the hyperparameters with their epochs capped; otherwise {@code params} itself. */
    public static Hyperparameters smoke(Hyperparameters params) {
        String epochs = options(params).get("epochs");
        if (!Smoke.on() || epochs == null || Integer.parseInt(epochs) <= Smoke.MAX_EPOCHS) return params;
        return (Hyperparameters) apply((Record) params, Map.of("epochs", Integer.toString(Smoke.epochs(Integer.parseInt(epochs)))));
    }

    /**
     * Checks a record's values against the ranges its components declare; call it from the compact constructor
     * with the components in order.
     */
    public static void check(Class<? extends Record> type, Object... values) {
        RecordComponent[] comps = type.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            Param p = comps[i].getAnnotation(Param.class);
            if (p == null || !(values[i] instanceof Number n)) continue;
            double v = n.doubleValue();
            boolean low = p.minExclusive() ? v <= p.min() : v < p.min();
            if (low || v > p.max() || Double.isNaN(v)) {
                throw new BadInput("--" + optionName(comps[i]) + " must be " + kind(comps[i]) + " in " + range(p) + "; got " + values[i] + ".");
            }
        }
    }

    /** One line per parameter: option, default, range and description, for help. */
    public static List<String> describe(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : params(type)) {
            Param p = c.getAnnotation(Param.class);
            String range = c.getType() == String.class || c.getType() == boolean.class || c.getType().isEnum() ? "" : " in " + range(p);
            out.add("--" + optionName(c) + "=" + p.defaultValue() + "  " + p.description() + " (" + kind(c) + range + ")");
        }
        return out;
    }

    /** The values as option=value pairs, for showing what a model was trained with. */
    public static String toString(Hyperparameters params) {
        return String.join(", ", options(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** The values by option name, as {@link #create} takes them back; none for hyperparameters that are not a record. */
    public static Map<String, String> options(Hyperparameters params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!(params instanceof Record r)) return out;
        for (RecordComponent c : params(r.getClass())) {
            Object v = value(c, r);
            out.put(optionName(c), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v));
        }
        return out;
    }

    private static List<RecordComponent> params(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getAnnotation(Param.class) != null).toList();
    }

    private static <R extends Record> R build(Class<R> type, java.util.function.Function<RecordComponent, Object> valueOf) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) args[i] = valueOf.apply(comps[i]);
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType).toArray(Class[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a hyperparameter record", e);
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(RecordComponent c, String raw) {
        Class<?> t = c.getType();
        try {
            if (t == int.class) return Integer.parseInt(raw.strip());
            if (t == long.class) return Long.parseLong(raw.strip());
            if (t == double.class) return Double.parseDouble(raw.strip());
            if (t == boolean.class) {
                if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) return Boolean.parseBoolean(raw);
                throw new NumberFormatException();
            }
            if (t.isEnum()) {
                for (Object e : t.getEnumConstants()) {
                    if (e.toString().equalsIgnoreCase(raw.strip())) return e;
                }
                List<String> allowed = Arrays.stream(t.getEnumConstants()).map(e -> e.toString().toLowerCase(Locale.ROOT)).toList();
                throw new BadInput("--" + optionName(c) + " must be one of " + allowed + "; got '" + raw + "'.",
                        Suggest.closest(raw.strip().toLowerCase(Locale.ROOT), allowed).orElse(null));
            }
            return raw;
        } catch (NumberFormatException e) {
            throw new BadInput("--" + optionName(c) + " must be " + kind(c) + "; got '" + raw + "'.");
        }
    }

    private static String kind(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == int.class || t == long.class) return "an integer";
        if (t == double.class) return "a number";
        if (t == boolean.class) return "true or false";
        if (t.isEnum()) return "one of " + Arrays.toString(t.getEnumConstants()).toLowerCase(Locale.ROOT);
        return "text";
    }

    private static String range(Param p) {
        String lo = p.min() == Double.NEGATIVE_INFINITY ? "(-inf" : (p.minExclusive() ? "(" : "[") + plain(p.min());
        String hi = p.max() == Double.POSITIVE_INFINITY ? "inf)" : plain(p.max()) + "]";
        return lo + ", " + hi;
    }

    /** A number as a user would type it: 255, not 255.0. */
    public static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
