package org.jtrain.kernel;

import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.jtrain.data.Suggest;

import javax.lang.model.SourceVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The jtrain Java kernel: cells run in JShell in this JVM; magics run in the kernel between snippets. */
public final class JTrainKernel extends BaseKernel implements Shell {

    private static final Pattern MAGIC_NAME_AT_CURSOR = Pattern.compile("^(%{1,2})([\\w-]*)$");
    private static final Pattern MAGIC_ARGS_AT_CURSOR = Pattern.compile("^\\s*%{1,2}([\\w-]+)\\s(.*)$");

    /**
     * Notebooks written for IJava or JJava (the kernelspec "java" sets JTRAIN_COMPAT=ijava) show a cell's last value
     * even when it ends in a semicolon, as those kernels do; jtrain's own notebooks follow IPython, where it hides it.
     */
    private static final boolean SEMICOLON_SHOWS = "ijava".equals(System.getenv("JTRAIN_COMPAT"));

    private final CompletableFuture<JavaRepl> repl;
    private final JTrainIO jio;
    private final int id = Bridge.register(this);
    private final CellThread cells = new CellThread(this::cellClassLoader);
    private final SortedMap<String, Magic> magics = new ConcurrentSkipListMap<>();
    /** The line magics of the cells being run, innermost last, for {@link Bridge#magic}. */
    private final Deque<List<CellSyntax.LineMagic>> inlineMagics = new ArrayDeque<>();
    /** Variables a magic defined while JShell was running; defined once the snippet ends. */
    private final List<Map.Entry<String, Object>> deferredDefines = new ArrayList<>();
    /**
     * The variables each running magic defined, innermost last: they are defined when it returns, and dropped when it
     * fails, so that an interrupted magic leaves none half made.
     */
    private final Deque<List<Map.Entry<String, Object>>> magicDefines = new ArrayDeque<>();
    private volatile boolean interruptRequested;
    private volatile boolean interruptNoted; // the cell said what became of the interrupt (set from a magic's threads too)
    /** The execute request being run, for telling an interrupt meant for it from a late one meant for the cell before. */
    private CellStart running;
    /** The last interrupt read while no cell ran: it is for the next cell if it was sent after that cell was asked for. */
    private Message<?> idleInterrupt;
    private final Object cellLock = new Object();
    private int depth; // evalRaw nesting: a magic may run code, as %time and %load do

    private JTrainKernel(JTrainIO io, String version) {
        super("jtrain", version,
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("java")
                        .build(),
                List.of(), null, io, new CommManager(), new Renderer(), null, new MagicsRegistry(), true,
                new StringStyler.Builder().build());
        this.jio = io;
        this.repl = CompletableFuture.supplyAsync(JavaRepl::new); // JShell warms up while Jupyter connects
        // Tablesaw's Table scans the classpath when first used; done here, an interrupt cannot cut that short and
        // leave Table unusable for the rest of the session (a class whose initializer failed stays failed).
        repl.thenRunAsync(() -> initialize("tech.tablesaw.api.Table"));
        CompletableFuture.runAsync(HeapGuard::get); // its reserve and its watch on the heap, before the first cell
        TableRenderer.register(renderer);
        ArrayRenderer.register(renderer);
    }

    public static JTrainKernel create() {
        String version = JTrainKernel.class.getPackage().getImplementationVersion();
        return new JTrainKernel(new JTrainIO(), version == null ? "dev" : version);
    }

    private static void initialize(String className) {
        try {
            Class.forName(className, true, JTrainKernel.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // then the first cell that uses it will say why
        }
    }

    private JavaRepl repl() {
        return repl.join();
    }

    /** Whether a magic's name is another name of one listed under its own (IJava's %addMavenDependency for %maven). */
    private boolean isAlias(String name) {
        Magic m = magics.get(name);
        return m != null && m.name() != null && !m.name().equals(name);
    }

    // ---- running cells

    @Override
    public Object evalRaw(String cell) {
        try {
            return cells.call(() -> {
                // a cell run other than by an execute request starts afresh; code that a magic runs keeps the cell's state
                if (depth == 0) {
                    interruptNoted = false;
                    HeapGuard.get().arm(); // after a full heap, once variables have let go of it
                }
                if (depth++ == 0 && !cellRunning()) interruptRequested = false;
                try {
                    Object value = evalCell(cell);
                    if (depth == 1 && interruptRequested && !interruptNoted) { // it came after the cell's last step began
                        System.out.println("The interrupt came as the cell was finishing: it ran to its end.");
                    }
                    return value;
                } finally {
                    depth--;
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object evalCell(String cell) {
        CellSyntax.Parsed parsed = CellSyntax.parse(cell, id);
        if (parsed.cellMagic() != null) {
            CellSyntax.CellMagic m = parsed.cellMagic();
            return runMagic(m.name(), m.args(), m.body());
        }
        JavaRepl r = repl();
        inlineMagics.push(parsed.lineMagics());
        try {
            Object last = null;
            for (JavaRepl.Piece p : r.split(parsed.java())) {
                if (interruptRequested) throw JavaRepl.interrupted();
                Matcher m = CellSyntax.STANDALONE.matcher(p.source());
                if (m.matches()) {
                    Object value = runLineMagic(parsed.lineMagics().get(Integer.parseInt(m.group(2))));
                    String target = m.group(1);
                    last = target.isBlank() ? value : r.run(target + castTo(value) + Bridge.valueOf(value) + ";", cell, p.offset());
                } else {
                    last = r.run(p.source(), cell, p.offset());
                    if (p.quiet() && !SEMICOLON_SHOWS) last = null;
                }
                defineDeferred();
            }
            return last;
        } finally {
            inlineMagics.pop();
        }
    }

    /** Called from JShell code for a line magic inside a block. */
    Object runInlineMagic(int index) {
        List<CellSyntax.LineMagic> current = inlineMagics.peek();
        if (current == null || index >= current.size()) throw new IllegalStateException("no line magic #" + index);
        return runLineMagic(current.get(index));
    }

    private Object runLineMagic(CellSyntax.LineMagic m) {
        return runMagic(m.name(), m.args(), null);
    }

    /**
     * Runs a magic: the line form when {@code body} is null, else the cell form. The variables it defines are defined
     * when it returns; if it fails, or is interrupted, none is.
     */
    private Object runMagic(String name, String args, String body) {
        Magic magic = magics.get(name);
        if (magic == null) return runJJavaMagic(name, args, body);
        boolean outermost = magicDefines.isEmpty();
        List<Map.Entry<String, Object>> made = new ArrayList<>();
        magicDefines.push(made);
        Object result;
        try {
            result = body == null ? magic.line(this, args) : magic.cell(this, args, body);
        } catch (CellError e) { // a magic whose reading was cut short by the interrupt says it could not read: it was interrupted
            throw interruptRequested ? JavaRepl.interrupted() : e;
        } catch (OutOfMemoryError e) {
            throw bug("%" + name, e);
        } catch (RuntimeException e) {
            if (interruptRequested) throw JavaRepl.interrupted();
            throw bug("%" + name, e);
        } finally {
            magicDefines.pop();
        }
        for (Map.Entry<String, Object> e : made) define(e.getKey(), e.getValue());
        if (interruptRequested && outermost && !magic.pollsInterrupt()) {
            interruptNoted = true;
            System.out.println("%" + name + " ran to its end despite the interrupt, so what it did stands"
                    + (made.isEmpty() ? "." : ": " + made.stream().map(Map.Entry::getKey).distinct().collect(Collectors.joining(", "))
                    + (made.size() == 1 ? " is" : " are") + " defined."));
        }
        return result;
    }

    /** Magics registered the JJava way, by extensions written for JJava. */
    private Object runJJavaMagic(String name, String args, String body) {
        boolean cell = body != null;
        Set<String> known = cell ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames();
        if (!known.contains(name)) {
            Set<String> all = new TreeSet<>(magics.keySet());
            all.addAll(known);
            String prefix = cell ? "%%" : "%";
            throw new UsageError("unknown magic " + prefix + name + ". Magics: "
                    + all.stream().filter(n -> !isAlias(n)).map(n -> "%" + n).collect(Collectors.joining(", "))
                    + ". Run %help for what each does.",
                    null, Suggest.closest(name, all).map(s -> prefix + s).orElse(null));
        }
        try {
            return cell ? magicsRegistry.evalCellMagic(this, name, Args.split(args), body)
                    : magicsRegistry.evalLineMagic(this, name, Args.split(args));
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw bug("%" + name, e);
        }
    }

    private static CellError bug(String where, Throwable e) {
        if (HeapGuard.heapFull(e)) return HeapGuard.error(e, List.of()); // the heap ran out: not a bug, and the session goes on
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) { // metaspace, threads, direct buffers
            if (c instanceof OutOfMemoryError oom) {
                return new CellError("OutOfMemoryError", String.valueOf(oom.getMessage()), List.of(oom + "  (in " + where + ")"));
            }
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> lines = new ArrayList<>();
        lines.add(e + "  (in " + where + ": this is a bug in jtrain, please report it with the lines below)");
        lines.addAll(trace.toString().lines().skip(1).toList());
        return new CellError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), lines);
    }

    /** A cast to the value's most specific public type, so that {@code var t = %magic} gets a useful type. */
    static String castTo(Object value) {
        Class<?> type = publicType(value == null ? Object.class : value.getClass());
        return "(" + type.getCanonicalName() + ") ";
    }

    static Class<?> publicType(Class<?> c) {
        if (usable(c)) return c;
        // A hidden implementation (List.of's, a lambda's): its richest public interface says the most.
        Class<?> best = null;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : allInterfaces(k)) {
                if (usable(i) && i.getMethods().length > 0
                        && (best == null || i.getMethods().length > best.getMethods().length)) best = i;
            }
        }
        if (best != null) return best;
        for (Class<?> k = c.getSuperclass(); k != null; k = k.getSuperclass()) if (usable(k)) return k;
        return Object.class;
    }

    private static Set<Class<?>> allInterfaces(Class<?> c) {
        Set<Class<?>> all = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(c.getInterfaces()));
        while (!todo.isEmpty()) {
            Class<?> i = todo.pop();
            if (all.add(i)) todo.addAll(List.of(i.getInterfaces()));
        }
        return all;
    }

    private static boolean usable(Class<?> c) {
        if (c.isArray()) return usable(c.getComponentType());
        if (c.isPrimitive()) return true;
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isHidden()) return false;
        }
        return c.getCanonicalName() != null && c.getModule().isExported(c.getPackageName());
    }

    /** JShell's class loader, for the cell thread's context; null while JShell is still starting. */
    private ClassLoader cellClassLoader() {
        return repl.isDone() ? repl().classLoader() : null;
    }

    // ---- Shell

    @Override
    public Optional<Object> variable(String name) {
        for (List<Map.Entry<String, Object>> made : magicDefines) { // innermost magic first, its latest definition first
            for (int i = made.size() - 1; i >= 0; i--) if (made.get(i).getKey().equals(name)) return Optional.ofNullable(made.get(i).getValue());
        }
        if (!repl().variableNames().contains(name)) return Optional.empty();
        if (repl().isRunning()) {
            throw new UsageError("a magic inside a block cannot read session variables; put the magic on a line of its own");
        }
        return Optional.ofNullable(repl().value(name));
    }

    @Override
    public List<String> variableNames() {
        Set<String> names = new LinkedHashSet<>(repl().variableNames());
        magicDefines.forEach(made -> made.forEach(e -> names.add(e.getKey())));
        return List.copyOf(names);
    }

    @Override
    public void define(String name, Object value) {
        if (!SourceVersion.isName(name)) {
            throw new UsageError("'" + name + "' is not a valid Java variable name: use letters, digits and _, not starting with a digit");
        }
        if (!magicDefines.isEmpty() && cells.isCurrent()) {
            magicDefines.peek().add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return;
        }
        defineNow(name, value);
    }

    private void defineNow(String name, Object value) {
        if (repl().isRunning()) {
            deferredDefines.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return;
        }
        repl().define(name, publicType(value == null ? Object.class : value.getClass()), value);
    }

    private void defineDeferred() {
        List<Map.Entry<String, Object>> pending = List.copyOf(deferredDefines);
        deferredDefines.clear();
        for (Map.Entry<String, Object> e : pending) defineNow(e.getKey(), e.getValue());
    }

    /** Runs code for a magic; the variables that the running magics defined so far are defined first, for the code to see. */
    @Override
    public Object run(String code) {
        if (repl().isRunning()) throw new UsageError("code cannot be run from a magic inside a block; put the magic on a line of its own");
        List<List<Map.Entry<String, Object>>> outermostFirst = new ArrayList<>(magicDefines);
        java.util.Collections.reverse(outermostFirst);
        for (List<Map.Entry<String, Object>> made : outermostFirst) {
            made.forEach(e -> defineNow(e.getKey(), e.getValue()));
            made.clear();
        }
        return evalRaw(code);
    }

    @Override
    public boolean interruptRequested() {
        return interruptRequested;
    }

    @Override
    public void interruptReported() {
        interruptNoted = true;
    }

    @Override
    public void addToClasspath(String classpath) {
        repl().addToClasspath(classpath);
    }

    @Override
    public ClassLoader classLoader() {
        return repl().classLoader();
    }

    @Override
    public SortedMap<String, Magic> magics() {
        return magics;
    }

    // ---- Jupyter requests

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        System.setOut(LineBufferedOutput.wrap(System.out));
        jio.attach(env, request.isStdinEnabled());
        env.defer(() -> jio.detach(env));
        synchronized (cellLock) {
            running = CellStart.of(message);
            interruptRequested = idleInterrupt != null && running.interruptedBy(idleInterrupt);
            idleInterrupt = null;
        }
        try {
            DisplayData out = eval(request.getCode());
            LineBufferedOutput.flushStdout();
            if (out != null) env.publish(new PublishExecuteResult(count, out));
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Throwable t) {
            CellError e = t instanceof CellError ce ? ce : bug("the kernel", t);
            LineBufferedOutput.flushStdout();
            env.publish(new PublishError(e.name(), e.getMessage(), e.lines()));
            ErrorReply reply = new ErrorReply(e.name(), e.getMessage(), e.lines());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } finally {
            synchronized (cellLock) {
                running = null;
            }
            Thread.interrupted(); // an interrupt aimed at this cell must not hit the next one
        }
    }

    private boolean cellRunning() {
        synchronized (cellLock) {
            return running != null;
        }
    }

    /** Stops the running cell, if the interrupt was sent while it ran: see {@link CellStart#interruptedBy}. */
    @Override
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        env.defer().reply(new InterruptReply());
        synchronized (cellLock) {
            if (running == null) idleInterrupt = message; // the cell it is for may be waiting to be read
            else if (running.interruptedBy(message)) interrupt();
        }
    }

    /**
     * Stops the running cell: its Java code now, a magic that {@linkplain Magic#pollsInterrupt() polls} when it next
     * looks. A magic's thread is never interrupted: the interrupt could land in a library's class initializer, which
     * would then fail for the rest of the session, or in a write to Jupyter's sockets.
     */
    @Override
    public void interrupt() {
        interruptRequested = true;
        if (repl.isDone()) repl().stop(); // the user's code only, never the kernel's own definitions
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String line = code.substring(lineStart, at);
        Matcher name = MAGIC_NAME_AT_CURSOR.matcher(line);
        if (name.matches()) {
            List<String> names = magics.keySet().stream().filter(n -> n.startsWith(name.group(2)))
                    .map(n -> name.group(1) + n).toList();
            return names.isEmpty() ? null : new ReplacementOptions(names, lineStart, at);
        }
        Matcher args = MAGIC_ARGS_AT_CURSOR.matcher(line);
        if (args.matches() && magics.containsKey(args.group(1))) {
            String typed = args.group(2);
            int wordStart = typed.lastIndexOf(' ') + 1;
            String word = typed.substring(wordStart);
            List<String> options = magics.get(args.group(1)).complete(typed).stream().filter(o -> o.startsWith(word)).toList();
            return options.isEmpty() ? null : new ReplacementOptions(options, at - word.length(), at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = repl().completions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) return null;
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        if (end < code.length() && code.charAt(end) == '(') end++;
        List<SourceCodeAnalysis.Documentation> docs = repl().documentation(code, end);
        if (docs == null || docs.isEmpty()) return null;
        String text = docs.stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n"));
        return new DisplayData(text);
    }

    @Override
    public String isComplete(String code) {
        CellSyntax.Parsed parsed = CellSyntax.parse(code, id);
        return parsed.cellMagic() != null ? IS_COMPLETE_YES : repl().isComplete(parsed.java());
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        Bridge.unregister(id);
        cells.shutdown();
        repl().close();
    }
}
