package org.jtrain.magics;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.jtrain.data.BadInput;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code ./jtrain java NOTEBOOK [--out Main.java] [--run]}: turns a notebook into one Java program, a compact source file.
 * Code cells are kept as written: JShell's parser splits them into snippets and javac's parser (no evaluation) tells
 * imports, declarations and statements apart. Imports go to the top, methods and types become members, variables declared
 * with a type become fields (so the methods see them) assigned in cell order in {@code main}, and a cell's last bare
 * expression is displayed. Each magic becomes the library call it makes ({@link MagicCommand#toJava}). Whatever cannot
 * be translated is refused, naming the cell: exit status 2, one line per cell.
 */
public final class NotebookToJava {

    /** What the kernel imports before the first cell (its JavaRepl's startup, less the display API the program writes itself). */
    private static final List<String> STARTUP = List.of("import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.nio.file.*;", "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;", "import tech.tablesaw.api.*;",
            "import org.jtrain.charts.Figure;");

    private static final String BLANK = "(?:\\s|//[^\\n]*|/\\*(?s:.*?)\\*/)*+";
    private static final Pattern CELL_MAGIC = Pattern.compile("\\A" + BLANK + "%%([A-Za-z][\\w-]*)([^\\n]*)(?:\\n(.*))?\\z", Pattern.DOTALL);
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z][\\w-]*)((?:[ \\t][^\\n]*)?)$");
    private static final Pattern AFTER_SEMICOLON = Pattern.compile("(?s)\\s*(//[^\\n]*\\s*|/\\*.*?\\*/\\s*)*");
    private static final Pattern ASSIGNED_MAGIC = Pattern.compile("^[ \\t]*[\\w.<>\\[\\],? \\t]+?=[ \\t]*%[A-Za-z]");

    /** One cell that could not be translated. */
    record Refusal(int cell, String reason) {
        @Override
        public String toString() {
            return "cell " + cell + ": " + reason;
        }
    }

    /** The notebook could not become a program; each refusal names its cell. */
    static final class Refused extends Exception {
        final List<Refusal> refusals;

        Refused(List<Refusal> refusals) {
            super(refusals.stream().map(Refusal::toString).collect(Collectors.joining("\n")), null, false, false);
            this.refusals = refusals;
        }
    }

    private final Map<String, CommandMagic> magics = new HashMap<>();
    private final JShell jshell = JShell.builder().executionEngine("local").build();
    private final SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
    private final JavaProgram program = new JavaProgram();
    private final List<Refusal> refusals = new ArrayList<>();

    private NotebookToJava() {
        for (CommandMagic m : Catalog.magics(null)) {
            magics.put(m.name(), m);
            for (String alias : m.aliases()) magics.put(alias, m);
        }
        STARTUP.forEach(program::importLine);
        program.codeTranslator(this::code);
    }

    /** The program for a notebook's JSON, writing its charts and images to {@code files}. */
    static String translate(String notebookJson, String title, String files) throws Refused {
        NotebookToJava t = new NotebookToJava();
        try {
            JsonObject nb = JsonParser.parseString(notebookJson).getAsJsonObject();
            var cells = nb.getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonObject c = cells.get(i).getAsJsonObject();
                if (!c.get("cell_type").getAsString().equals("code")) continue;
                String source = text(c.get("source"));
                if (source.isBlank()) continue;
                t.cell(i + 1, source, tags(c));
            }
            try {
                t.program.checkMembers();
            } catch (JavaProgram.Untranslatable e) {
                t.refusals.add(new Refusal(e.cell, e.getMessage()));
            }
            if (!t.refusals.isEmpty()) throw new Refused(t.refusals);
            return t.program.source(title, files);
        } finally {
            t.jshell.close();
        }
    }

    /** The %maven artifacts a program's header lists. */
    static List<String> mavenDependencies(String programSource) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : programSource.lines().toList()) {
            if (!line.startsWith("//")) break;
            if (line.startsWith("// Dependencies (%maven), resolved")) in = true;
            else if (in && line.startsWith("//   ")) out.add(line.substring(5).strip());
        }
        return out;
    }

    private void cell(int number, String source, List<String> tags) {
        program.cell(number, source.strip().lines().findFirst().orElse(""));
        if (tags.contains("raises-exception")) { // it shows an error on purpose: a program would stop there
            program.line("// Left out: this cell is tagged raises-exception (it shows an error on purpose), and a program would stop at it:");
            source.strip().lines().forEach(l -> program.line("//   " + l));
            return;
        }
        try {
            Matcher cm = CELL_MAGIC.matcher(source);
            if (cm.matches()) {
                program.last(true);
                magic(cm.group(1), cm.group(2).strip(), cm.group(3) == null ? "" : cm.group(3));
                return;
            }
            code(source, true);
        } catch (JavaProgram.Untranslatable e) {
            refusals.add(new Refusal(e.cell != 0 ? e.cell : number, e.getMessage()));
        }
    }

    /** A cell's code, or a body of {@code %%time}: its line magics and Java snippets in order. */
    void code(String source, boolean lastIsShown) {
        List<Object> pieces = new ArrayList<>(); // String[]{name, args} for a magic, Snippet for Java
        StringBuilder java = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            Matcher m = LINE_MAGIC.matcher(line);
            if (m.matches()) {
                pieces.addAll(snippets(java.toString()));
                java.setLength(0);
                pieces.add(new String[] {m.group(1), m.group(2).strip()});
            } else {
                if (ASSIGNED_MAGIC.matcher(line).find()) {
                    throw new JavaProgram.Untranslatable("a magic's value used in Java code (" + line.strip() + ") is not translated: put the "
                            + "magic on its own line and use the variable it defines");
                }
                java.append(line).append('\n');
            }
        }
        pieces.addAll(snippets(java.toString()));
        parseFor(pieces.stream().filter(p -> p instanceof Snippet).map(p -> (Snippet) p).toList());
        for (int i = 0; i < pieces.size(); i++) {
            program.last(lastIsShown && i == pieces.size() - 1);
            if (pieces.get(i) instanceof String[] m) magic(m[0], m[1], null);
            else snippet((Snippet) pieces.get(i));
        }
    }

    private record Snippet(String source, boolean shown) {
    }

    private List<Snippet> snippets(String code) {
        List<Snippet> out = new ArrayList<>();
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                    throw new JavaProgram.Untranslatable("incomplete code: a statement or block is not closed before '" + firstLine(rest)
                            + "' ends (a magic inside a block is not translated)");
                }
                return out;
            }
            String source = info.source().strip();
            int semicolon = source.lastIndexOf(';');
            boolean quiet = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE && semicolon >= 0
                    && AFTER_SEMICOLON.matcher(source.substring(semicolon + 1)).matches(); // as the kernel decides
            out.add(new Snippet(source, !quiet));
            rest = info.remaining();
        }
    }

    private void magic(String name, String args, String body) {
        CommandMagic m = magics.get(name);
        if (m == null) {
            throw new JavaProgram.Untranslatable("%" + name + " is not one of jtrain's magics, so it has no library call to become");
        }
        m.toJava(args, body, program);
    }

    // ---- Java snippets

    private void snippet(Snippet s) {
        String src = s.source();
        recordCalls(src);
        String code = withoutComments(src).strip();
        if (code.startsWith("import ")) {
            program.importLine(code);
            return;
        }
        if (s.shown()) { // no semicolon of its own: an expression whose value the cell shows, or a statement missing one
            String expression = src.endsWith(";") ? src.substring(0, src.length() - 1) : src;
            if (parse("class W { Object o = (\n" + expression + "\n); }").ok()) {
                if (program.isLast() && !printCall(expression)) program.value(expression);
                else if (parse("class W { void m() {\n" + expression + ";\n} }").ok()) program.line(expression + ";");
                else program.line("var _ = " + expression + ";  // a value the notebook computed and did not show");
                return;
            }
        }
        Parsed asStatements = parse("class W { void m() {\n" + src + "\n} }");
        if (asStatements.ok()) {
            MethodTree m = (MethodTree) ((ClassTree) asStatements.unit().getTypeDecls().getFirst()).getMembers().getFirst();
            List<? extends StatementTree> statements = m.getBody().getStatements();
            if (!statements.isEmpty() && statements.stream().allMatch(st -> st instanceof VariableTree)) {
                declaration(asStatements, statements);
                return;
            }
            if (statements.size() == 1 && statements.getFirst() instanceof ClassTree type) {
                program.member(type.getKind().name().toLowerCase().replace("_", " ") + " " + type.getSimpleName(), src, freeNames(type));
                return;
            }
            program.line(src);
            return;
        }
        Parsed asMember = parse("class W {\n" + src + "\n}");
        if (asMember.ok()) {
            for (Tree t : ((ClassTree) asMember.unit().getTypeDecls().getFirst()).getMembers()) {
                if (t instanceof MethodTree method) {
                    String params = method.getParameters().stream().map(p -> asMember.text(p.getType())).collect(Collectors.joining(", "));
                    program.member(method.getName() + "(" + params + ")", src, freeNames(method));
                    return;
                }
            }
        }
        String expression = src.endsWith(";") ? src.substring(0, src.length() - 1) : src;
        if (parse("class W { Object o = (\n" + expression + "\n); }").ok()) { // JShell takes `n + 1;`, javac a statement only
            program.line("var _ = " + expression + ";  // a value the notebook computed and did not show");
            return;
        }
        throw new JavaProgram.Untranslatable("'" + firstLine(src) + "' is not Java a program can hold: " + asStatements.error());
    }

    /**
     * The names a method or type uses and does not declare itself: a parameter or local variable named like one of main's
     * `var` variables is its own, not main's.
     */
    private static Set<String> freeNames(Tree declaration) {
        Set<String> used = new HashSet<>(), declared = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree name, Void unused) {
                used.add(name.getName().toString());
                return null;
            }

            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                declared.add(variable.getName().toString());
                return super.visitVariable(variable, unused);
            }
        }.scan(declaration, null);
        used.removeAll(declared);
        return used;
    }

    /** Tells the program each method the code calls on a name, e.g. {@code mf.recommend(...)}, for the types of magics' variables. */
    private void recordCalls(String src) {
        String e = src.endsWith(";") ? src.substring(0, src.length() - 1) : src;
        for (String wrapped : List.of("class W { void m() {\n" + src + "\n} }", "class W {\n" + src + "\n}", "class W { Object o = (\n" + e + "\n); }")) {
            Parsed p = parse(wrapped);
            if (!p.ok()) continue;
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    if (call.getMethodSelect() instanceof MemberSelectTree select && select.getExpression() instanceof IdentifierTree name) {
                        program.called(name.getName().toString(), select.getIdentifier().toString());
                    }
                    return super.visitMethodInvocation(call, unused);
                }
            }.scan(p.unit(), null);
            return;
        }
    }

    /** {@code Type a = x, b;}: fields assigned here; {@code var a = x;}: a local variable of main. */
    private void declaration(Parsed p, List<? extends StatementTree> statements) {
        VariableTree first = (VariableTree) statements.getFirst();
        String leading = p.source().substring(p.prefix(), (int) p.positions().getStartPosition(p.unit(), first)).strip();
        if (!leading.isEmpty()) program.line(leading); // comments above the declaration
        for (StatementTree st : statements) {
            VariableTree v = (VariableTree) st;
            String name = v.getName().toString();
            if (v.getType() == null || p.text(v.getType()).equals("var")) {
                if (statements.size() > 1) throw new JavaProgram.Untranslatable("var declares one variable at a time");
                program.local(name, p.source().substring((int) p.positions().getStartPosition(p.unit(), v), p.end()).strip());
                continue;
            }
            String type = p.text(v.getType());
            program.field(name, type);
            if (v.getInitializer() != null) {
                String init = p.text(v.getInitializer());
                if (v.getInitializer() instanceof NewArrayTree array && array.getType() == null) init = "new " + type + " " + init;
                program.line(name + " = " + init + ";");
            }
        }
    }

    /** {@code System.out.println(...)} and its kind: a statement even without its semicolon. */
    private boolean printCall(String expression) {
        Parsed p = parse("class W { void m() {\n" + expression + ";\n} }");
        if (!p.ok()) return false;
        MethodTree m = (MethodTree) ((ClassTree) p.unit().getTypeDecls().getFirst()).getMembers().getFirst();
        return m.getBody().getStatements().getFirst() instanceof ExpressionStatementTree e
                && e.getExpression() instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree select
                && p.text(select.getExpression()).matches("System\\.(out|err)") && select.getIdentifier().toString().matches("print(ln|f)?|format");
    }

    private record Parsed(String source, int prefix, int end, CompilationUnitTree unit, SourcePositions positions, String error) {
        boolean ok() {
            return error == null;
        }

        String text(Tree t) {
            return source.substring((int) positions.getStartPosition(unit, t), (int) positions.getEndPosition(unit, t));
        }
    }

    /** Parses already made, by source: one javac task parses every way of reading a cell's snippets at once. */
    private final Map<String, Parsed> parsed = new HashMap<>();

    private Parsed parse(String source) {
        Parsed p = parsed.get(source);
        if (p == null) {
            parseAll(List.of(source));
            p = parsed.get(source);
        }
        return p;
    }

    /** Each snippet read as an expression, as statements and as a member, in one javac task (a task costs tens of ms). */
    private void parseFor(List<Snippet> snippets) {
        List<String> sources = new ArrayList<>();
        for (Snippet s : snippets) {
            String e = s.source().endsWith(";") ? s.source().substring(0, s.source().length() - 1) : s.source();
            sources.addAll(List.of("class W { Object o = (\n" + e + "\n); }", "class W { void m() {\n" + s.source() + "\n} }",
                    "class W {\n" + s.source() + "\n}", "class W { void m() {\n" + e + ";\n} }"));
        }
        parseAll(sources);
    }

    /** javac's parser only: a syntax tree and the first syntax error of each source. */
    private void parseAll(List<String> sources) {
        if (sources.isEmpty()) return;
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        for (String source : sources) {
            files.add(new SimpleJavaFileObject(URI.create("string:///W" + files.size() + "/W.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, diagnostics, List.of("-proc:none"), null, files);
        try {
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                URI uri = unit.getSourceFile().toUri();
                String source = sources.get(Integer.parseInt(uri.getPath().split("/")[1].substring(1)));
                String error = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null && d.getSource().toUri().equals(uri))
                        .map(d -> d.getMessage(null)).findFirst().orElse(null);
                parsed.put(source, new Parsed(source, source.indexOf('\n') + 1, source.lastIndexOf('\n'), unit, positions, error));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)^(\\s|//[^\\n]*|/\\*.*?\\*/)*", "");
    }

    private static String firstLine(String code) {
        return code.strip().lines().findFirst().orElse("");
    }

    private static String text(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            source.getAsJsonArray().forEach(e -> s.append(e.getAsString()));
            return s.toString();
        }
        return source.getAsString();
    }

    private static List<String> tags(JsonObject cell) {
        List<String> out = new ArrayList<>();
        if (cell.has("metadata") && cell.getAsJsonObject("metadata").has("tags")) {
            cell.getAsJsonObject("metadata").getAsJsonArray("tags").forEach(t -> out.add(t.getAsString()));
        }
        return out;
    }

    // ---- the command

    private static final String USAGE = "usage: ./jtrain java NOTEBOOK [--out Main.java] [--run]";

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Path notebook = null, out = null;
        boolean run = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--run" -> run = true;
                case "--out" -> {
                    if (i + 1 == args.length) return fail("--out needs a file name, e.g. --out Main.java");
                    out = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-") || notebook != null) return fail("unexpected argument '" + args[i] + "'; " + USAGE);
                    notebook = Path.of(args[i]);
                }
            }
        }
        if (notebook == null) return fail("which notebook? " + USAGE);
        if (!Files.isRegularFile(notebook)) return fail("no notebook at " + notebook);
        Path folder = notebook.toAbsolutePath().getParent();
        if (out == null) out = folder.resolve("Main.java");
        String className = out.getFileName().toString().replaceFirst("\\.java$", "");
        if (!out.getFileName().toString().endsWith(".java") || !className.matches("[A-Za-z_$][\\w$]*")) {
            return fail("--out " + out + ": a Java program's file is a class name ending in .java, e.g. Main.java or HousePrices.java");
        }
        Path outFolder = out.toAbsolutePath().getParent();
        String files = outFolder.equals(folder) ? className + "_files" : outFolder.resolve(className + "_files").toString();
        String json = Files.readString(notebook);
        try {
            JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells").size();
        } catch (RuntimeException e) { // not JSON, or JSON without cells
            return fail(notebook + " is not a notebook: it holds no .ipynb JSON with cells");
        }
        String program;
        try {
            program = translate(json, className + ".java: " + notebook.getFileName() + " as a Java program", files);
        } catch (Refused r) {
            System.err.println("jtrain java: " + notebook + " cannot become a program; nothing was written:");
            r.refusals.forEach(x -> System.err.println("  " + x));
            return 2;
        }
        Files.createDirectories(outFolder);
        Files.writeString(out, program);
        System.err.println("jtrain java: wrote " + out + "; charts and images go to " + files + " when it runs.");
        return run ? launch(out, folder, folder.resolve(files), mavenDependencies(program)) : 0;
    }

    /** Runs the program with this JVM's classpath and options, from the notebook's folder so its relative paths work. */
    private static int launch(Path program, Path folder, Path files, List<String> maven) throws Exception {
        String classpath = System.getProperty("java.class.path");
        if (!maven.isEmpty()) {
            List<Dependency> deps = maven.stream().map(c -> new Dependency(Maven.artifact(c), JavaScopes.RUNTIME)).toList();
            List<Dependency> kernel = Dependencies.kernelLibraries().entrySet().stream()
                    .map(e -> new Dependency(new org.eclipse.aether.artifact.DefaultArtifact(e.getKey() + ":" + e.getValue()), null)).toList();
            try {
                for (var a : Maven.fromSettings().resolve(deps, kernel, List.of(Maven.CENTRAL), (node, parents) -> true).artifacts()) {
                    if (a.getFile() != null) classpath += File.pathSeparator + a.getFile().getAbsolutePath(); // after the kernel's jars
                }
            } catch (BadInput e) {
                return fail(e.getMessage());
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) command.add(option);
        }
        command.addAll(List.of("-ea:...", "-cp", classpath, program.toAbsolutePath().toString()));
        int status = new ProcessBuilder(command).directory(folder.toFile()).inheritIO().start().waitFor();
        copyPlotly(files);
        return status;
    }

    /** Charts written as HTML draw with a plotly.min.js beside them: the one ./jtrain finds in .venv (never the internet). */
    private static void copyPlotly(Path files) throws IOException {
        Path js = Path.of(System.getProperty("jtrain.plotly", ""));
        if (!js.toString().isEmpty() && Files.isRegularFile(js) && Files.isDirectory(files) && !Files.exists(files.resolve("plotly.min.js"))) {
            try (var list = Files.list(files)) {
                if (list.anyMatch(f -> f.toString().endsWith(".html"))) Files.copy(js, files.resolve("plotly.min.js"));
            }
        }
    }

    private static int fail(String message) {
        System.err.println("jtrain java: " + message);
        return 2;
    }
}
