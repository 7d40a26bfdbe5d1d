package org.jtrain.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.ZMQ;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Starts the kernel on the connection file that Jupyter passes as the only argument. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: java -cp jtrain-kernel.jar:... org.jtrain.kernel.Main CONNECTION_FILE");
            System.exit(2);
        }
        exitWithParent();
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        pollSooner(connection);
        lingerBriefly(connection);
        JTrainKernel kernel = JTrainKernel.create();
        kernel.onStartup(); // loads extensions listed in META-INF/services, such as the magics
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    /**
     * JJava's shell and control channels look for a message, then sleep 50 ms: each request waited up to 50 ms before
     * the kernel saw it. 5 ms keeps that wait small at about 200 wake-ups a second per channel while idle.
     */
    static void pollSooner(JupyterConnection connection) {
        try {
            for (String channel : new String[]{"shell", "control"}) {
                Field f = JupyterConnection.class.getDeclaredField(channel);
                f.setAccessible(true);
                Object socket = f.get(connection);
                Field sleep = socket.getClass().getDeclaredField("sleep");
                sleep.setAccessible(true);
                sleep.setLong(socket, 5);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another JJava: it keeps its own interval
        }
    }

    /**
     * A closing kernel terminates its ZeroMQ context, which waits until every socket's unsent messages have gone out, and
     * JeroMQ waits for ever by default: a client that hung up right after asking for the shutdown (as scripts do) never
     * takes the last reply, and the kernel hung in Context.term() instead of exiting (1 run in 6 here). A second is
     * plenty for a client that is still there.
     */
    static void lingerBriefly(JupyterConnection connection) {
        try {
            for (String channel : new String[]{"heartbeat", "shell", "control", "stdin", "iopub"}) {
                Field f = JupyterConnection.class.getDeclaredField(channel);
                f.setAccessible(true);
                ((ZMQ.Socket) f.get(connection)).setLinger(1000);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another JJava: its sockets keep their own setting
        }
    }

    /**
     * Ends the kernel when the process that started it ends, as ipykernel does: a Jupyter server that dies (or is
     * killed) cannot shut its kernels down, and a kernel left behind holds its memory for good. Jupyter names that
     * process in JPY_PARENT_PID; without it, the kernel's own parent is watched.
     */
    static void exitWithParent() {
        Optional<ProcessHandle> parent = Optional.ofNullable(System.getenv("JPY_PARENT_PID"))
                .flatMap(pid -> {
                    try {
                        return ProcessHandle.of(Long.parseLong(pid.strip()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .or(() -> ProcessHandle.current().parent());
        parent.filter(p -> p.pid() > 1).ifPresent(p -> p.onExit().thenRun(() -> {
            Thread.ofPlatform().daemon().start(() -> { // should a shutdown hook hang, end anyway
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    // halt now
                }
                Runtime.getRuntime().halt(0);
            });
            System.exit(0);
        }));
    }
}
