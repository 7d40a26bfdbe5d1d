package org.jtrain.magics;

import org.jtrain.data.BadInput;
import org.jtrain.train.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JavaEquivalent("SparkSession spark = Spark.start(\"spark://host:7077\", \"4g\", Map.of(\"spark.ui.enabled\", \"true\"));")
@Command(name = "start", description = "Start a Spark session and leave it in a variable (a SparkSession). The first start fetches "
        + "Spark's jars into ~/.m2; later ones work offline. The web UI is off unless --conf spark.ui.enabled=true, and Spark logs "
        + "warnings only.")
final class SparkStartCommand extends MagicCommand {

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "local[*] (this machine, every core), local[N], spark://host:7077 (a standalone cluster), yarn or "
                    + "k8s://https://host:port. Default: ${DEFAULT-VALUE}.")
    String master;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0", description = "Instead of --master: start a standalone cluster of N "
            + "worker processes on this machine (1 core each) and connect to it; %%spark stop stops them. To see Spark distribute work.")
    int workers;

    @Option(names = "--memory", paramLabel = "M", description = "Each executor's memory, e.g. 4g (a cluster's workers must have it).")
    String memory;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g. spark.executor.cores=2.")
    List<String> conf = List.of();

    @Option(names = "--as", paramLabel = "VAR", defaultValue = "spark", description = "The session's variable. Default: ${DEFAULT-VALUE}.")
    String as;

    @Override
    protected Object call() throws java.io.IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String c : conf) {
            int eq = c.indexOf('=');
            if (eq <= 0 || !c.startsWith("spark.")) {
                throw new BadInput("--conf " + c + ": give a Spark setting as KEY=VALUE, e.g. spark.executor.cores=2");
            }
            settings.put(c.substring(0, eq), c.substring(eq + 1));
        }
        if (!master.startsWith("local") && !master.matches("(spark|k8s|mesos)://.+") && !master.equals("yarn")) {
            throw new BadInput("--master " + master + ": give local[*], local[N], spark://host:7077, yarn or k8s://https://host:port");
        }
        if (workers != 0 && !master.equals("local[*]")) throw new BadInput("give --master URL or --workers N, not both");
        long t0 = System.nanoTime();
        Engines.load(shell, master).forEach(System.out::println);
        Engine engine = Engines.loaded().orElseThrow();
        Object session = engine.start(master, workers, memory, settings);
        shell.define(as, session);
        String where = workers > 0 ? "a cluster of " + workers + " worker processes on this machine" : master;
        System.out.printf("%s = Spark session on %s, started in %.1f s. %%spark load FILE --as NAME reads data; %%spark stop ends it.%n",
                as, where, (System.nanoTime() - t0) / 1e9);
        return null;
    }
}
