package org.jtrain.magics;

import org.jtrain.kernel.UsageError;
import org.jtrain.train.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.BindException;

@Command(name = "serve", description = "Serve a model's predictions over HTTP from the kernel (JSON; GET /health, POST /predict), "
        + "on 127.0.0.1 unless told otherwise; %%serve --stop stops it.")
final class ServeMagic extends MagicCommand {

    private static final String USAGE = "Usage: %serve MODEL [--port N] [--host H] | %serve --stop";

    /** The one server of this kernel, if any. */
    private static ModelServer running;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "The model's variable.")
    String model;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "The port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--stop", description = "Stop serving.")
    boolean stop;

    @Override
    protected Object call() throws IOException {
        synchronized (ServeMagic.class) {
            if (stop) {
                if (running == null) {
                    System.out.println("Nothing is being served.");
                } else {
                    running.stop();
                    System.out.println("Stopped serving " + running.modelName() + " on port " + running.port() + ".");
                    running = null;
                }
                return null;
            }
            if (model == null) throw new UsageError("name the model to serve, or give --stop", USAGE, null);
            Model m = EvaluateMagic.model(session, model, USAGE);
            if (port < 0 || port > 65535) throw new UsageError("--port must be in [0, 65535]; got " + port, USAGE, null);
            if (running != null) {
                throw new UsageError("already serving " + running.modelName() + " on http://" + running.host() + ":" + running.port()
                        + "; stop it first with %serve --stop", USAGE, null);
            }
            try {
                running = new ModelServer(model, m, host, port);
            } catch (BindException e) {
                throw new UsageError("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port, or 0 for any free one",
                        USAGE, null);
            }
            String base = "http://" + running.host() + ":" + running.port();
            System.out.println("Serving " + model + " (" + m.kind() + ") on " + base + ": GET " + base + "/health, POST " + base + "/predict");
            System.out.println("Try: curl -s " + base + "/predict -d '" + exampleRow(m) + "'");
            return null;
        }
    }

    private static String exampleRow(Model m) {
        StringBuilder s = new StringBuilder("{");
        for (String f : m.features().subList(0, Math.min(2, m.features().size()))) {
            s.append(s.length() > 1 ? ", " : "").append('"').append(f).append("\": ").append(m.textInput() ? "\"...\"" : "0");
        }
        return s.append(m.features().size() > 2 ? ", ...}" : "}").toString();
    }
}
