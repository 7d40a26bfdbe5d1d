package org.jtrain.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's in-process engine, keeping the value of the last snippet as an object, not only as text.
 *
 * <p>{@link LocalExecutionControl} instruments snippet bytecode so that {@link #stop()} halts even a busy loop; we keep
 * that, run snippets on the calling thread (the {@link CellThread}) where JShell's engine would start a new thread for
 * each, and run them with JShell's class loader as the thread's context loader: libraries that look implementations up
 * through it ({@code ServiceLoader}, Spark) then find what {@code %classpath} and {@code %maven} added.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private static final Method NOTHING;

    static {
        try {
            NOTHING = CapturingExecutionControl.class.getDeclaredMethod("nothing");
            NOTHING.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // One snippet runs at a time: its value, its exception and its wrapper class, for the repl to pick up.
    private volatile Object lastValue;
    private volatile Throwable lastThrown;
    private volatile Class<?> lastInvoked; // the wrapper class of the last snippet run, which holds its variable
    private volatile ClassLoader loader; // JShell's: it loads the snippets and the classpath added to the session

    private volatile Thread runner; // the cell thread while a snippet runs
    private volatile Field allStop; // JShell's flag that instrumented snippet code checks in every loop

    CapturingExecutionControl(ClassLoader parent) {
        super(parent);
    }

    /** Snippets' arrays of arrays are checked against the free heap before they are made (see {@link HeapGuard#newArray}). */
    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] checked = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) checked[i] = new ClassBytecodes(cbcs[i].name(), HeapGuard.checkArrays(cbcs[i].bytecodes()));
        super.load(checked);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastInvoked = doitMethod.getDeclaringClass();
        lastValue = null;
        lastThrown = null;
        if (allStop == null) {
            super.invoke(NOTHING); // once: makes JShell load the cancel class that instrumented snippets check
            allStop = findClass("REPL.$Cancel$").getDeclaredField("allStop");
        }
        allStop.set(null, false);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        loader = doitMethod.getDeclaringClass().getClassLoader();
        thread.setContextClassLoader(loader);
        runner = thread;
        try {
            Object value = doitMethod.invoke(null);
            lastValue = value;
            return valueString(value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OutOfMemoryError) HeapGuard.get().release(); // room for JShell to report it
            lastThrown = e.getCause();
            if (e.getCause() instanceof ThreadDeath) throw new StoppedException();
            throw e; // the engine reports the snippet's own exception, one level down
        } finally {
            runner = null;
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops the running snippet: instrumented loops see the flag, blocking calls see the interrupt. */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        Thread t = runner;
        if (t == null || allStop == null) return;
        try {
            allStop.set(null, true);
        } catch (IllegalAccessException e) {
            throw new InternalException("cannot stop the snippet: " + e);
        }
        t.interrupt();
    }

    @SuppressWarnings("unused") // run once through JShell's own invoke
    private static void nothing() {
    }

    /** The value returned by the last snippet that ran, or null. */
    Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** The class of the last snippet that ran: for a variable's declaration, the class whose static field it is. */
    Class<?> lastInvoked() {
        return lastInvoked;
    }

    /** The exception the last snippet threw, as the object itself, or null. */
    Throwable takeLastThrown() {
        Throwable t = lastThrown;
        lastThrown = null;
        return t;
    }

    /** JShell's class loader, once a snippet has run; null before. */
    ClassLoader loader() {
        return loader;
    }

    static final class Provider implements ExecutionControlProvider {
        private volatile CapturingExecutionControl control;

        @Override
        public String name() {
            return "jtrain-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CapturingExecutionControl(Provider.class.getClassLoader());
            return control;
        }

        /** The engine JShell runs snippets with. */
        CapturingExecutionControl control() {
            return control;
        }

        /** Stops the running snippet, if any. */
        void stop() {
            CapturingExecutionControl c = control;
            if (c == null) return;
            try {
                c.stop();
            } catch (ExecutionControl.EngineTerminationException | ExecutionControl.InternalException ignored) {
                // nothing is running or the engine is gone: either way there is nothing to stop
            }
        }
    }
}
