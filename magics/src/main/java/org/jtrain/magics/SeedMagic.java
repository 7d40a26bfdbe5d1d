package org.jtrain.magics;

import org.jtrain.train.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "seed", description = "Make runs repeatable: splits, models and networks that jtrain creates all derive from this seed.")
final class SeedMagic extends MagicCommand {

    @Parameters(arity = "0..1", paramLabel = "N", description = "The seed. Without it, shows the current one.")
    Long seed;

    @Override
    protected Object call() {
        if (seed != null) Seeds.set(seed);
        System.out.println("Seed " + Seeds.current() + (seed == null ? "" : ": splits, models and networks now repeat exactly."));
        return null;
    }
}
