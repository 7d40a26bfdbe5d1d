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
 * <p>{@link LocalExecutionControl} instruments snippet bytecode so that {@link #stop()} halts even a busy loop;
 * we keep that, route the call through {@link #callPending()} to see the returned object, and run snippets on
 * the {@link CellThread}.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private static final Method CALL_PENDING;
    private static final Method NOTHING;

    static {
        try {
            CALL_PENDING = CapturingExecutionControl.class.getDeclaredMethod("callPending");
            CALL_PENDING.setAccessible(true); // the engine calls it from the jdk.jshell module
            NOTHING = CapturingExecutionControl.class.getDeclaredMethod("nothing");
            NOTHING.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // One snippet runs at a time; these hand the snippet's method to the engine's thread and its value back.
    private static volatile Method pending;
    private static volatile Object lastValue;
    private static volatile Throwable lastThrown;
    private static volatile Class<?> lastInvoked; // the wrapper class of the last snippet run, which holds its variable

    private volatile Thread runner; // the cell thread while a snippet runs
    private volatile Field allStop; // JShell's flag that instrumented snippet code checks in every loop

    CapturingExecutionControl(ClassLoader parent) {
        super(parent);
    }

    /** Runs a snippet on the calling thread (for cells, the {@link CellThread}), where JShell's own engine would start a new one. */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        pending = doitMethod;
        lastInvoked = doitMethod.getDeclaringClass();
        lastValue = null;
        lastThrown = null;
        try {
            if (allStop == null) {
                super.invoke(NOTHING); // once: makes JShell load the cancel class that instrumented snippets check
                allStop = findClass("REPL.$Cancel$").getDeclaredField("allStop");
            }
            allStop.set(null, false);
            Object value;
            runner = Thread.currentThread();
            try {
                value = CALL_PENDING.invoke(null);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof ThreadDeath) throw new StoppedException();
                throw e;
            } finally {
                runner = null;
            }
            return valueString(value);
        } finally {
            pending = null;
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
    static Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** The class of the last snippet that ran: for a variable's declaration, the class whose static field it is. */
    static Class<?> lastInvoked() {
        return lastInvoked;
    }

    /** The exception the last snippet threw, as the object itself, or null. */
    static Throwable takeLastThrown() {
        Throwable t = lastThrown;
        lastThrown = null;
        return t;
    }

    @SuppressWarnings("unused") // called reflectively on the engine's thread
    private static Object callPending() throws Throwable {
        try {
            Object value = pending.invoke(null);
            lastValue = value;
            return value;
        } catch (InvocationTargetException e) {
            lastThrown = e.getCause();
            throw e.getCause(); // the engine unwraps one level itself, so hand it the snippet's own exception
        }
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
