package org.jtrain.magics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@JavaEquivalent({"// Every library call that draws at random takes the seed in its options, 42 unless told otherwise:",
        "Split split = Split.of(table, SplitOptions.defaults().seed(7));",
        "Fit fit = Trainer.fit(Forest.params(), split.train(), \"label\", FitOptions.defaults().seed(7));"})
@Command(name = "seed", description = "Make runs repeatable: splits, models and networks that jtrain creates all derive from this seed.")
final class SeedMagic extends MagicCommand {

    @Parameters(arity = "0..1", paramLabel = "N", description = "The seed. Without it, shows the current one.")
    Long seed;

    @Override
    protected Object call() {
        if (seed != null) session.seed(seed);
        System.out.println("Seed " + session.seed() + (seed == null ? "" : ": splits, models and networks now repeat exactly."));
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        String seedVar = p.seed();
        if (seed != null) p.line(seedVar + " = " + seed + "L;  // the library calls below take it in their options");
        p.line("System.out.println(\"Seed \" + " + seedVar + (seed == null ? "" : " + \": splits, models and networks now repeat exactly.\"") + ");");
    }
}
