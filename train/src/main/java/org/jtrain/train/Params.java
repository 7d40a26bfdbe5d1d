package org.jtrain.train;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads, validates and describes hyperparameter records whose components carry {@link Param}. */
public final class Params {

    private Params() {
    }

    /** The option name of a component: {@code maxDepth} becomes {@code max-depth}. */
    public static String optionName(RecordComponent c) {
        return c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Builds a record from option values by option name; missing ones take their defaults. */
    public static <R extends Record> R create(Class<R> type, Map<String, String> values) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            Param p = comps[i].getAnnotation(Param.class);
            String raw = values.getOrDefault(optionName(comps[i]), p.defaultValue());
            args[i] = parse(comps[i], raw);
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType).toArray(Class[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not a hyperparameter record", e);
        }
    }

    /** The defaults of a record. */
    public static <R extends Record> R defaults(Class<R> type) {
        return create(type, Map.of());
    }

    /**
     * Checks a record's values against the ranges its components declare; call it from the compact constructor
     * with the components in order.
     */
    public static void check(Class<? extends Record> type, Object... values) {
        RecordComponent[] comps = type.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            Param p = comps[i].getAnnotation(Param.class);
            if (!(values[i] instanceof Number n)) continue;
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
        for (RecordComponent c : type.getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            String range = c.getType() == String.class || c.getType() == boolean.class ? "" : " in " + range(p);
            out.add("--" + optionName(c) + "=" + p.defaultValue() + "  " + p.description() + " (" + kind(c) + range + ")");
        }
        return out;
    }

    /** The record's values as option=value pairs, for showing what a model was trained with. */
    public static String toString(Record r) {
        return String.join(", ", options(r).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** The record's values by option name, as {@link #create} takes them back. */
    public static Map<String, String> options(Record r) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                out.put(optionName(c), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
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
                throw new BadInput("--" + optionName(c) + " must be one of " + Arrays.toString(t.getEnumConstants()).toLowerCase(Locale.ROOT)
                        + "; got '" + raw + "'.");
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
    static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
