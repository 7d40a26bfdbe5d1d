package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.serve.ModelServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;

@JavaEquivalent({"ModelServer server = ModelServer.start(\"model\", model, \"127.0.0.1\", 8765);  // POST /predict, GET /health",
        "server.stop();"})
@Command(name = "serve", description = "Serve a model's predictions over HTTP from the kernel (JSON; GET /health, POST /predict), "
        + "on 127.0.0.1 unless told otherwise; %%serve --stop stops it. On any other address, clients must send a token: "
        + "'Authorization: Bearer TOKEN'.")
final class ServeMagic extends MagicCommand {

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "The model's variable.")
    String model;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "The port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--token", paramLabel = "T", description = "The token clients must send as 'Authorization: Bearer T' "
            + "(16 to 256 letters, digits, '-', '_', '.'). Default: none on 127.0.0.1; a new random one on any other address.")
    String token;

    @Option(names = "--stop", description = "Stop serving.")
    boolean stop;

    @Override
    protected Object call() throws IOException {
        if (stop) {
            System.out.println(session.stopServing().map(s -> "Stopped serving " + s.modelName() + " on port " + s.port() + ".")
                    .orElse("Nothing is being served."));
            return null;
        }
        if (model == null) throw new BadInput("name the model to serve, or give --stop");
        Model m = Variables.MODEL.get(shell, model);
        if (port < 0 || port > 65535) throw new BadInput("--port must be in [0, 65535]; got " + port);
        ModelServer server;
        try {
            server = session.serve(model, m, host, port, token);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new BadInput("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port, or 0 for any free one");
            }
            throw new BadInput("cannot listen on " + host + " (" + e.getMessage() + "): it is not an address of this machine; use 127.0.0.1 "
                    + "(this machine only) or 0.0.0.0 (every address)");
        } catch (UnknownHostException e) {
            throw new BadInput("--host " + host + " is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every address)");
        }
        try {
            if (shell.interruptRequested()) throw new CancellationException("interrupted while starting");
            String base = server.url();
            System.out.println("Serving " + model + " (" + m.kind() + ") on " + base + (server.everyAddress() ? " (and every other address of this machine)" : "")
                    + ": GET " + base + "/health, POST " + base + "/predict");
            String auth = server.token().map(t -> " -H 'Authorization: Bearer " + t + "'").orElse("");
            if (server.token().isPresent() && token == null) {
                System.out.println("Clients on other machines can reach it, so they must send a token: --token " + server.token().get()
                        + " (give --token to choose it).");
            }
            System.out.println("Try: curl -s" + auth + " " + base + "/predict -d '" + server.exampleRequest() + "'");
        } catch (RuntimeException e) { // interrupted: the server does not outlive a cell that says it stopped
            session.stopServing();
            throw e;
        }
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        throw new JavaProgram.Untranslatable("%serve runs an HTTP server inside the kernel, for the notebook to call: a program serves a model with ModelServer.start(...) and stays up, which is not what a notebook run does, so it is not translated");
    }
}
