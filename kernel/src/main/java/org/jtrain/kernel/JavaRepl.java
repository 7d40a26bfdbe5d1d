package org.jtrain.kernel;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.jtrain.data.BadInput;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipFile;

/** JShell, running snippets in this JVM: splits a cell into snippets, runs them and turns failures into {@link CellError}s. */
final class JavaRepl implements AutoCloseable {

    /**
     * One complete snippet of a cell and where it starts in the cell. {@code quiet}: the user ended it with a semicolon,
     * which (as in IPython) keeps an expression's value from being shown, e.g. {@code list.add(x);}.
     */
    record Piece(String source, int offset, boolean quiet) {
    }

    private static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import tech.tablesaw.api.*;", // jtrain's table library: every lesson uses Table
            "import static " + Display.class.getName() + ".*;");

    /** What may follow a snippet's final semicolon: blanks and comments. */
    private static final java.util.regex.Pattern AFTER_SEMICOLON = java.util.regex.Pattern.compile("(?s)\\s*(//[^\\n]*\\s*|/\\*.*?\\*/\\s*)*");

    private final CapturingExecutionControl.Provider engine = new CapturingExecutionControl.Provider();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean running;
    private final Object stopLock = new Object();
    private boolean stoppable; // a snippet of the user's is running
    private volatile boolean heapStop; // the running snippet was stopped because the heap is full
    /** Where the session's variables live, by name: reading or setting a field skips JShell's compiler (tens of ms). */
    private final Map<String, Declared> declared = new java.util.HashMap<>();

    private record Declared(VarSnippet snippet, Class<?> type, java.lang.reflect.Field field) {
    }

    JavaRepl() {
        shell = JShell.builder()
                .executionEngine(engine, java.util.Map.of())
                .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .err(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .build();
        analysis = shell.sourceCodeAnalysis();
        shell.addToClasspath(System.getProperty("java.class.path"));
        for (String s : STARTUP) shell.eval(s);
        shell.eval("{}"); // runs once, so that JShell's class loader is known before the first cell
    }

    /** Splits source into complete snippets; fails on an incomplete tail. */
    List<Piece> split(String source) {
        List<Piece> pieces = new ArrayList<>();
        String rest = source;
        int offset = 0;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                    int at = offset + leadingBlank(rest);
                    throw new CellError("CompileError", "incomplete code at line " + lineOf(source, at)
                            + ": a statement or block is not closed", List.of(
                            "CompileError: line " + lineOf(source, at) + ": incomplete code, a statement or block is not closed",
                            "    " + rest.strip().lines().findFirst().orElse("")));
                }
                return pieces;
            }
            int consumed = rest.length() - info.remaining().length();
            String text = info.source();
            boolean quiet = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE && text.lastIndexOf(';') >= 0
                    && AFTER_SEMICOLON.matcher(text.substring(text.lastIndexOf(';') + 1)).matches();
            pieces.add(new Piece(info.source(), offset + leadingBlank(rest), quiet));
            offset += consumed;
            rest = info.remaining();
        }
    }

    /**
     * Runs one snippet of the user's, which {@link #stop()} can stop. Returns its value when it is an expression, else null.
     *
     * @param cell   the whole cell, for error positions
     * @param offset where the snippet starts in the cell
     */
    Object run(String snippet, String cell, int offset) {
        synchronized (stopLock) {
            stopRequested.set(false);
            heapStop = false;
            stoppable = true;
        }
        Object result;
        HeapGuard.get().started(this);
        try {
            result = eval(snippet, cell, offset);
        } finally {
            HeapGuard.get().ended(this);
            synchronized (stopLock) {
                stoppable = false;
            }
        }
        if (stopRequested.getAndSet(false)) throw stopped();
        return result;
    }

    /** Runs a snippet, the user's or the kernel's own (which no interrupt stops, so a variable is never half defined). */
    private Object eval(String snippet, String cell, int offset) {
        // An import makes JShell recompile the variables it might affect, and a recompiled variable loses its value
        // (reset to null, or its initializer run again). Values are kept here and put back after the import.
        Map<String, Object> kept = isImport(snippet) ? values() : Map.of();
        List<SnippetEvent> events;
        running = true;
        try {
            events = shell.eval(snippet);
        } catch (OutOfMemoryError | InternalError e) { // JShell's compiler ran out of heap (InternalError wraps it)
            if (!HeapGuard.heapFull(e)) throw e;
            throw HeapGuard.error(e, List.of());
        } finally {
            running = false;
        }
        Object value = engine.control().takeLastValue();
        // a variable declared again, or recompiled (which moves it to a new class), is no longer where define put it
        for (SnippetEvent e : events) if (e.snippet() instanceof VarSnippet v) declared.remove(v.name());
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null && e.snippet() instanceof VarSnippet v && e.status().isActive() && kept.containsKey(v.name())) {
                restore(v, kept.get(v.name()));
            }
        }
        Object result = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // a dependent snippet updated as a side effect
            Snippet s = e.snippet();
            if (e.exception() != null) throw runtimeError(e.exception());
            if (!e.status().isDefined()) throw compileError(s, cell, offset);
            if (isExpression(s) && e.value() != null) result = value;
            if (s instanceof VarSnippet v && e.status() == Snippet.Status.VALID && !v.name().startsWith("$")) remember(v);
        }
        return result;
    }

    /**
     * Declares {@code type name = value}. A variable of that very type that is already declared and untouched since
     * only has its field set: it stays the same variable to every snippet that uses it, and no snippet is compiled.
     */
    void define(String name, Class<?> type, Object value) {
        Declared d = declared.get(name);
        if (d != null && d.type() == type && shell.status(d.snippet()) == Snippet.Status.VALID) {
            try {
                d.field().set(null, value);
                return;
            } catch (IllegalAccessException e) {
                declared.remove(name); // declare it again below
            }
        }
        String t = type.getCanonicalName();
        String decl = t + " " + name + " = (" + t + ") " + Bridge.valueOf(value) + ";";
        eval(decl, decl, 0);
    }

    /** A variable's value, read from its field when this repl saw it declared, else by running its name. */
    Object value(String name) {
        Declared d = declared.get(name);
        if (d != null && shell.status(d.snippet()) == Snippet.Status.VALID) {
            try {
                return d.field().get(null);
            } catch (IllegalAccessException e) {
                declared.remove(name);
            }
        }
        return eval(name + ";", name, 0);
    }

    /** Notes where a variable just declared keeps its value: a static field of the class of the snippet that ran. */
    private void remember(VarSnippet v) {
        Class<?> wrapper = engine.control().lastInvoked();
        if (wrapper == null) return;
        try {
            java.lang.reflect.Field f = wrapper.getField(v.name());
            if (f.getDeclaringClass() != wrapper) return;
            f.setAccessible(true); // JShell's classes are package-private
            declared.put(v.name(), new Declared(v, f.getType(), f));
        } catch (NoSuchFieldException | RuntimeException e) {
            // not this variable's class (it has no initializer), or not open to us: it is read through JShell
        }
    }

    private boolean isImport(String snippet) {
        return analysis.sourceToSnippets(snippet).stream().anyMatch(x -> x.kind() == Snippet.Kind.IMPORT);
    }

    /** The current value of every active variable, by name. */
    private Map<String, Object> values() {
        Map<String, Object> out = new java.util.HashMap<>();
        for (VarSnippet v : shell.variables().filter(v -> shell.status(v).isActive()).toList()) {
            Declared d = declared.get(v.name());
            if (d != null && d.snippet() == v && shell.status(v) == Snippet.Status.VALID) {
                try {
                    out.put(v.name(), d.field().get(null));
                    continue;
                } catch (IllegalAccessException e) {
                    // read it through JShell below
                }
            }
            List<SnippetEvent> events = shell.eval(v.name() + ";");
            Object value = engine.control().takeLastValue();
            events.forEach(ev -> { if (ev.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) shell.drop(ev.snippet()); });
            if (events.stream().allMatch(ev -> ev.exception() == null && ev.status().isDefined())) out.put(v.name(), value);
        }
        return out;
    }

    /** Puts a kept value back into a variable that JShell recompiled; one whose type changed meaning stays as JShell left it. */
    private void restore(VarSnippet v, Object value) {
        shell.eval(v.name() + " = (" + v.typeName() + ") " + Bridge.valueOf(value) + ";")
                .forEach(ev -> { if (ev.snippet().subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND || ev.snippet().subKind()
                        == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) shell.drop(ev.snippet()); });
        engine.control().takeLastValue();
    }

    /** True while a snippet runs on JShell's engine. */
    boolean isRunning() {
        return running;
    }

    /** Stops the user's snippet that is running, if one is, because the heap is full: it ends in an OutOfMemoryError. */
    void stopForMemory() {
        synchronized (stopLock) {
            if (!stoppable) return;
            heapStop = true;
            stopRequested.set(true);
            engine.stop();
        }
    }

    /** The error of a snippet that was stopped: interrupted, or stopped for a full heap. */
    private CellError stopped() {
        return heapStop ? HeapGuard.error(null, List.of()) : interrupted();
    }

    /** Stops the user's snippet that is running, if one is. */
    void stop() {
        synchronized (stopLock) {
            if (!stoppable) return;
            stopRequested.set(true);
            engine.stop();
        }
    }

    /** JShell's class loader, which loads snippets and the classpath added to the session; null before a snippet ran. */
    ClassLoader classLoader() {
        CapturingExecutionControl c = engine.control();
        return c == null ? null : c.loader();
    }

    /**
     * Adds jars and class folders to the session's classpath, all or none: anything else (a device, a text file, a
     * broken jar) would make javac fail on every later cell, so it is refused before JShell sees it.
     */
    void addToClasspath(String classpath) {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) checkClasspathEntry(Path.of(entry));
        }
        shell.addToClasspath(classpath);
    }

    static void checkClasspathEntry(Path p) {
        if (Files.isDirectory(p)) return;
        if (!Files.exists(p)) throw new BadInput("no file or folder at '" + p + "'");
        String what = "'" + p + "' is not a jar or a folder of classes: the classpath takes .jar files, folders of "
                + ".class files, or a glob of jars such as lib/*.jar";
        if (!Files.isRegularFile(p)) throw new BadInput(what);
        try (var jar = new ZipFile(p.toFile())) {
            jar.size(); // opening reads the zip's directory: a file that is not a zip fails here
        } catch (IOException e) {
            throw new BadInput(what + " (" + e.getMessage() + ")");
        }
    }

    /** Names of the variables defined in the session, oldest first. */
    List<String> variableNames() {
        return shell.variables()
                .filter(v -> shell.status(v).isActive())
                .map(VarSnippet::name)
                .filter(n -> !n.startsWith("$")) // JShell's scratch variables ($1, $2) hold unnamed cell values
                .distinct()
                .toList();
    }

    List<SourceCodeAnalysis.Suggestion> completions(String code, int cursor, int[] anchor) {
        return analysis.completionSuggestions(code, cursor, anchor);
    }

    List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        return analysis.documentation(code, cursor, true);
    }

    /** Jupyter's is_complete: "complete", "invalid", or the indent for the next line. */
    String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> "complete";
            case UNKNOWN -> "invalid";
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
        };
    }

    static CellError interrupted() {
        return new CellError("Interrupted", "the cell was interrupted",
                List.of("Interrupted: the cell was stopped before it finished"));
    }

    private static boolean isExpression(Snippet s) {
        return switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CellError compileError(Snippet s, String cell, int offset) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).toList();
        if (diags.isEmpty() && s instanceof DeclarationSnippet d) {
            List<String> missing = shell.unresolvedDependencies(d).toList();
            String msg = "line " + lineOf(cell, offset) + ": cannot find " + String.join(", ", missing);
            return new CellError("CompileError", msg, List.of("CompileError: " + msg));
        }
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            int at = offset + (int) Math.max(0, d.getStartPosition());
            int line = lineOf(cell, at);
            String text = diagnosticText(d);
            String msg = "line " + line + ": " + text;
            if (first == null) first = msg;
            lines.add("CompileError: " + msg);
            String src = cell.lines().skip(line - 1).findFirst().orElse("");
            lines.add("    " + src);
            int col = at - startOfLine(cell, at);
            lines.add("    " + " ".repeat(Math.max(0, col)) + "^");
        }
        if (first == null) first = "line " + lineOf(cell, offset) + ": the snippet was rejected";
        if (lines.isEmpty()) lines.add("CompileError: " + first);
        return new CellError("CompileError", first, lines);
    }

    /** javac's first line, plus the symbol it could not find: "cannot find symbol: variable foo". */
    private static String diagnosticText(Diag d) {
        List<String> lines = d.getMessage(Locale.ROOT).lines().map(String::strip).toList();
        String text = lines.isEmpty() ? "" : lines.getFirst();
        for (String l : lines) {
            if (l.startsWith("symbol:")) text += ": " + l.substring("symbol:".length()).strip();
        }
        return text;
    }

    private CellError runtimeError(JShellException e) {
        Throwable thrown = engine.control().takeLastThrown();
        if (e instanceof UnresolvedReferenceException u) {
            String msg = "'" + u.getSnippet().source().strip() + "' uses something not defined yet: "
                    + String.join(", ", unresolvedOf(u));
            return new CellError("CompileError", msg, List.of("CompileError: " + msg));
        }
        if (thrown != null && thrown.getClass().getName().equals("java.lang.ThreadDeath")
                || e instanceof EvalException ev && "java.lang.ThreadDeath".equals(ev.getExceptionClassName())) {
            return stopped();
        }
        if (thrown instanceof CellError magicError) return magicError; // a magic inside a block failed: show it as is
        if (thrown == null) {
            String type = e instanceof EvalException ev ? ev.getExceptionClassName() : e.getClass().getName();
            String message = e.getMessage() == null ? "" : e.getMessage();
            return new CellError(simpleName(type), message, List.of(type + (message.isEmpty() ? "" : ": " + message)));
        }
        return userException(thrown);
    }

    /** An exception from the user's code: its type, message and the stack down to the cell, causes included. */
    static CellError userException(Throwable thrown) {
        if (HeapGuard.heapFull(thrown)) return HeapGuard.error(thrown, userFrames(thrown)); // not a bug, and the session goes on
        if (thrown instanceof BadInput b) { // a mistake in what the cell asked the library for: the message, and where in the cell
            List<String> lines = new ArrayList<>(List.of("BadInput: " + b.getMessage()));
            b.suggestion().ifPresent(s -> lines.add("Did you mean '" + s + "'?"));
            userFrames(b).stream().filter(f -> f.equals("    at cell") || f.endsWith("(cell)")).forEach(lines::add);
            return new CellError("BadInput", b.getMessage(), lines);
        }
        List<String> lines = new ArrayList<>();
        lines.add(thrown.toString());
        lines.addAll(userFrames(thrown));
        for (Throwable c = thrown.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            lines.add("Caused by: " + c);
            lines.addAll(userFrames(c));
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new CellError(thrown.getClass().getSimpleName(), message, lines);
    }

    /** The stack down to the user's last frame in the cell, without the engine and kernel frames under it. */
    static List<String> userFrames(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        int last = -1;
        for (int i = 0; i < st.length; i++) {
            if (st[i].getClassName().startsWith("REPL.")) last = i;
        }
        List<String> frames = new ArrayList<>();
        int end = last >= 0 ? last : st.length - 1;
        for (int i = 0; i <= end; i++) {
            StackTraceElement f = st[i];
            if (f.getClassName().startsWith("REPL.")) {
                frames.add(f.getMethodName().equals("do_it$") ? "    at cell" : "    at " + f.getMethodName() + "(cell)");
            } else {
                frames.add("    at " + f);
            }
        }
        return frames;
    }

    private List<String> unresolvedOf(UnresolvedReferenceException u) {
        return shell.unresolvedDependencies(u.getSnippet()).toList();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < Math.min(at, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private static int startOfLine(String text, int at) {
        return text.lastIndexOf('\n', Math.max(0, Math.min(at, text.length()) - 1)) + 1;
    }

    @Override
    public void close() {
        shell.close();
    }
}
