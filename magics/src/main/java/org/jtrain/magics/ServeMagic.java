package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Model;
import org.jtrain.train.serve.ModelServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.BindException;

@JavaEquivalent({"ModelServer server = ModelServer.start(\"model\", model, \"127.0.0.1\", 8765);  // POST /predict, GET /health",
        "server.stop();"})
@Command(name = "serve", description = "Serve a model's predictions over HTTP from the kernel (JSON; GET /health, POST /predict), "
        + "on 127.0.0.1 unless told otherwise; %%serve --stop stops it.")
final class ServeMagic extends MagicCommand {

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
            server = session.serve(model, m, host, port);
        } catch (BindException e) {
            throw new BadInput("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port, or 0 for any free one");
        }
        String base = "http://" + server.host() + ":" + server.port();
        System.out.println("Serving " + model + " (" + m.kind() + ") on " + base + ": GET " + base + "/health, POST " + base + "/predict");
        System.out.println("Try: curl -s " + base + "/predict -d '" + server.exampleRequest() + "'");
        return null;
    }
}
