package org.jtrain.magics;

import picocli.CommandLine.Command;

@JavaEquivalent("Spark.stop();")
@Command(name = "stop", description = "Stop the Spark session and free its executors; its datasets can no longer be read.")
final class SparkStopCommand extends MagicCommand {

    @Override
    protected Object call() {
        boolean stopped = Engines.loaded().map(e -> e.stop()).orElse(false);
        System.out.println(stopped ? "Stopped the Spark session." : "No Spark session was running.");
        return null;
    }
}
