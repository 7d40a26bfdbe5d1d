package org.jtrain.magics;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A notebook being written as one Java program, a compact source file: its imports, the variables that cells share
 * (fields, so that the notebook's methods see them), the statements of {@code main} in cell order, and the methods and
 * types the cells declare. Magics add their Java through {@link MagicCommand#toJava}.
 */
final class JavaProgram {

    /** A cell that cannot become Java, and why. */
    static final class Untranslatable extends RuntimeException {
        final int cell; // 0: the cell being written

        Untranslatable(String reason) {
            this(reason, 0);
        }

        Untranslatable(String reason, int cell) {
            super(reason, null, false, false);
            this.cell = cell;
        }
    }

    private final Set<String> imports = new LinkedHashSet<>();
    private final Map<String, String> fields = new LinkedHashMap<>(); // name -> type
    private final Map<String, List<Class<?>>> narrower = new LinkedHashMap<>(); // broadly typed fields -> what they may be
    private final Map<String, Set<String>> calls = new HashMap<>(); // name -> the methods code calls on it
    private final Map<String, String> fitted = new HashMap<>(); // model variables -> the model %train fitted
    private final Map<String, Integer> locals = new LinkedHashMap<>(); // `var` variables of main -> their cell
    private final List<String> main = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Integer> signatures = new LinkedHashMap<>(); // methods and types -> their cell
    private final List<String> maven = new ArrayList<>();
    private int cell;
    private boolean last;
    private boolean seeded;
    private int names;
    private java.util.function.BiConsumer<String, Boolean> code = (source, shown) -> {
        throw new IllegalStateException("no translator of Java code");
    };

    /** A method or type a cell declares, and the names it uses (to find `var` variables it cannot see). */
    private record Member(int cell, String source, Set<String> uses) {
    }

    /** What follows is cell {@code number} of the notebook (1 is the first cell). */
    void cell(int number, String firstLine) {
        cell = number;
        if (!main.isEmpty()) main.add("");
        main.add("// cell " + number + (firstLine.isBlank() ? "" : ": " + shorten(firstLine)));
    }

    int cellNumber() {
        return cell;
    }

    /** Whether the piece being written is the cell's last, whose value the notebook shows. */
    void last(boolean isLast) {
        last = isLast;
    }

    boolean isLast() {
        return last;
    }

    /** Who translates a cell's code: {@code %%time}'s body is a cell of its own. */
    void codeTranslator(java.util.function.BiConsumer<String, Boolean> translator) {
        code = translator;
    }

    /** Writes Java code as a cell's, its last value shown when {@code shown}. */
    void code(String source, boolean shown) {
        code.accept(source, shown);
    }

    /** The variable holding {@code %seed}'s value, which every library call that draws at random is given. */
    String seed() {
        seeded = true;
        importClass("org.jtrain.train.Seeds");
        return "seed";
    }

    /** A name for a local variable of main that no cell uses, e.g. {@code time1}. */
    String unique(String base) {
        return base + ++names;
    }

    void importClass(String name) {
        imports.add("import " + name + ";");
    }

    void importLine(String line) {
        imports.add(line.strip());
    }

    void maven(String coordinates) {
        if (!maven.contains(coordinates)) maven.add(coordinates);
    }

    List<String> mavenDependencies() {
        return List.copyOf(maven);
    }

    /** A statement (or several lines) of {@code main}. */
    void line(String code) {
        main.addAll(code.stripTrailing().lines().toList());
    }

    /** Shows {@code expression} as the notebook shows a cell's value, when this piece is the cell's last. */
    void value(String expression) {
        if (last) line("display(" + expression + ");");
    }

    /**
     * A variable the cells share, declared as a field. Declared again with the same type, it stays one field (JShell
     * replaces a variable; so does an assignment); with another type it cannot be one Java variable, and is refused.
     */
    void field(String name, String type) {
        Integer local = locals.get(name);
        if (local != null) {
            throw new Untranslatable(name + " was declared with var in cell " + local + " and is declared again here; give it its type "
                    + "in cell " + local + " so the program can make it a field");
        }
        String before = fields.putIfAbsent(name, type);
        if (before != null && !before.equals(type)) {
            throw new Untranslatable(name + " is a " + before + " in an earlier cell and a " + type + " here: one Java variable has one "
                    + "type, so rename one of them");
        }
    }

    /**
     * A field that a magic can only type broadly (a fit's Model, an Evaluation), assigned {@code expression}. When the
     * cells' code calls methods on it that the broad type lacks and exactly one of the {@code narrower} types has, the
     * field takes that type, as the kernel's variable does; the returned expression is then cast to it.
     */
    String narrowable(String name, Class<?> type, List<Class<?>> narrower, String expression) {
        field(name, typeName(type));
        this.narrower.merge(name, narrower, (a, b) -> a.stream().filter(b::contains).toList());
        return CAST + name + CAST + expression;
    }

    /** The code calls {@code method} on the variable {@code name}, e.g. {@code mf.recommend(...)}. */
    void called(String name, String method) {
        calls.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(method);
    }

    /** {@code %train} fitted the model named {@code model} into the variable {@code name}. */
    void fitted(String name, String model) {
        fitted.put(name, model);
    }

    /** The model that {@code %train} fitted into {@code name}, or null. */
    String fittedModel(String name) {
        return fitted.get(name);
    }

    private static final String CAST = "\u0000cast\u0000";

    /** The one narrower type that has every method the code calls on a field, or null: none called, or several fit. */
    private Class<?> narrowed(String name) {
        Set<String> used = calls.getOrDefault(name, Set.of());
        List<Class<?>> fits = narrower.get(name).stream().filter(c -> hasMethods(c, used)).toList();
        return fits.size() == 1 && !used.isEmpty() ? fits.getFirst() : null;
    }

    private static boolean hasMethods(Class<?> type, Set<String> names) {
        return Arrays.stream(type.getMethods()).map(Method::getName).toList().containsAll(names);
    }

    /** How the program names a library type, importing it: Recommender, Evaluation.Classification. */
    private String typeName(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) top = top.getEnclosingClass();
        importClass(top.getCanonicalName());
        return type.getCanonicalName().substring(top.getPackageName().length() + 1);
    }

    /** Gives each broadly typed field the type its uses need, and casts what is assigned to it. */
    private void narrow() {
        for (String name : narrower.keySet()) {
            Class<?> type = narrowed(name);
            String cast = type == null ? "" : "(" + typeName(type) + ") ";
            if (type != null) fields.put(name, typeName(type));
            main.replaceAll(line -> line.replace(CAST + name + CAST, cast));
        }
    }

    boolean hasField(String name) {
        return fields.containsKey(name);
    }

    /** Whether {@code name} is a field of this type so far. */
    boolean isField(String name, String type) {
        return type.equals(fields.get(name));
    }

    /** A variable declared with {@code var}: it stays a local variable of main, which no method can see. */
    void local(String name, String declaration) {
        if (fields.containsKey(name) || locals.containsKey(name)) {
            throw new Untranslatable(name + " is declared again with var: a Java program cannot declare it twice; give it a type "
                    + "(then it stays one field) or rename it");
        }
        locals.put(name, cell);
        line(declaration);
    }

    /** A method, record, class, interface or enum, which becomes a member of the program; {@code uses}: the names it uses. */
    void member(String signature, String source, Set<String> uses) {
        Integer before = signatures.putIfAbsent(signature, cell);
        if (before != null) {
            throw new Untranslatable(signature + " is declared again (first in cell " + before + "): a Java program holds one "
                    + "declaration of it, so keep the one you mean");
        }
        members.add(new Member(cell, "// cell " + cell + "\n" + source.strip(), uses));
    }

    /** Fails for a member that uses a `var` variable of main, which it cannot see. */
    void checkMembers() {
        for (Member m : members) {
            for (String name : locals.keySet()) {
                if (m.uses().contains(name)) {
                    throw new Untranslatable(firstLine(m.source()) + " uses " + name + ", declared with var in cell " + locals.get(name) + ": a method cannot "
                            + "see main's local variables, so give " + name + " its type there (e.g. Evaluation.Classification "
                            + name + " = ...)", m.cell());
                }
            }
        }
    }

    /** The program's text. {@code files} is where it writes charts and images; {@code title} says what it came from. */
    String source(String title, String files) {
        narrow();
        StringBuilder s = new StringBuilder();
        s.append("// ").append(title).append('\n');
        s.append("// Made by ./jtrain java: each cell's code is kept as written, and each magic became the library call it makes.\n");
        s.append("// Run it from the notebook's folder on jtrain's classpath, as ./jtrain java NOTEBOOK --run does. Charts and images\n");
        s.append("// are written to ").append(files).append("; tables and values are printed.\n");
        if (maven.isEmpty()) {
            s.append("// Dependencies (%maven): none beyond jtrain's own classpath.\n");
        } else {
            s.append("// Dependencies (%maven), resolved by ./jtrain java --run:\n");
            for (String m : maven) s.append("//   ").append(m).append('\n');
        }
        s.append('\n');
        for (String i : imports) s.append(i).append('\n');
        s.append('\n');
        if (seeded) s.append("// %seed: what every split and fit below draws from.\nlong seed = Seeds.DEFAULT;\n\n");
        if (!fields.isEmpty()) {
            s.append("// The variables the cells share.\n");
            fields.forEach((name, type) -> s.append(type).append(' ').append(name).append(";\n"));
            s.append('\n');
        }
        s.append("void main() throws Exception {\n");
        for (String l : main) s.append(l.isEmpty() ? "" : "    " + l).append('\n');
        s.append("}\n");
        for (Member m : members) s.append('\n').append(m.source()).append('\n');
        s.append('\n').append(DISPLAY.replace("FILES_PATH", literal(files)));
        return s.toString();
    }

    /** How the program shows what a notebook shows: text on the terminal, charts and images as files. */
    private static final String DISPLAY = """
            // How the program shows what the notebook showed: values and tables as text; charts as PNG and as HTML holding
            // the Plotly JSON (drawn by a plotly.min.js beside it, never fetched from the internet); images as PNG.
            final Path displayFiles = Path.of(FILES_PATH);
            int displayed;

            void display(Object value) {
                try {
                    displayValue(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            void displayValue(Object value) throws IOException {
                switch (value) {
                    case null -> { }
                    case Figure f -> {
                        Path png = displayFile(".png");
                        Files.write(png, f.toPng());
                        Path html = png.resolveSibling(png.getFileName().toString().replace(".png", ".html"));
                        Files.writeString(html, \"""
                                <!doctype html><meta charset="utf-8"><title>%s</title>
                                <div id="chart"><img src="%s"></div><script src="plotly.min.js"></script>
                                <script>if (window.Plotly) { const f = %s; chart.innerHTML = ""; Plotly.newPlot(chart, f.data, f.layout, f.config); }
                                else document.body.insertAdjacentHTML("beforeend", "<p>Put plotly.min.js (from the plotly Python package or \\
                                npm plotly.js-dist-min) beside this file to make the chart interactive; it is never fetched from the internet.");</script>
                                \""".formatted(f.title().replace("&", "&amp;").replace("<", "&lt;"), png.getFileName(), new com.google.gson.Gson().toJson(f.toPlotly())));
                        System.out.println(f + " → " + png + ", " + html.getFileName());
                    }
                    case java.awt.image.RenderedImage image -> {
                        Path png = displayFile(".png");
                        javax.imageio.ImageIO.write(image, "png", png.toFile());
                        System.out.println("image → " + png);
                    }
                    case Table t -> System.out.println(t.print());
                    default -> System.out.println(value);
                }
            }

            Path displayFile(String extension) throws IOException {
                Files.createDirectories(displayFiles);
                return displayFiles.resolve("output-" + ++displayed + extension);
            }
            """;

    /** Java text for a string: a text block when it runs over several lines (SQL reads better so). */
    static String text(String s) {
        if (!s.contains("\n") || s.contains("\\") || s.contains("\"\"\"") || !s.equals(s.strip())) return literal(s);
        return "\"\"\"\n" + s.lines().map(l -> "            " + l).collect(java.util.stream.Collectors.joining("\n")) + "\"\"\"";
    }

    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String firstLine(String member) {
        return member.lines().skip(1).findFirst().orElse("").strip().replaceAll("\\s*\\{$", "");
    }

    private static String shorten(String line) {
        String l = line.strip();
        return l.length() > 100 ? l.substring(0, 97) + "..." : l;
    }

}
