package org.jtrain.magics;

import org.jtrain.train.Session;

import java.util.List;
import java.util.function.Supplier;

/** Every magic this module provides. Adding a magic means adding its class here. */
final class Catalog {

    static final List<Supplier<? extends MagicCommand>> MAGICS = List.of(
            HelpMagic::new,
            MavenMagic::new,
            MavenRepoMagic::new,
            LoadFromPomMagic::new,
            ClasspathMagic::new,
            JarsMagic::new,
            LoadMagic::new,
            TimeMagic::new,
            SeedMagic::new,
            DataMagic::new,
            SqlMagic::new,
            SplitMagic::new,
            TrainMagic::new,
            EvaluateMagic::new,
            PlotMagic::new,
            FairnessMagic::new,
            DriftMagic::new,
            TuneMagic::new,
            ExportMagic::new,
            ImportMagic::new,
            ServeMagic::new,
            RunsMagic::new,
            ReproMagic::new,
            SparkMagic::new);

    private Catalog() {
    }

    /** The magics of one notebook, sharing its session. */
    static List<CommandMagic> magics(Session session) {
        return MAGICS.stream().map(m -> new CommandMagic(m, session)).toList();
    }

    /** The README's magic table, generated from the declarations. */
    static String markdownTable() {
        StringBuilder md = new StringBuilder("| magic | forms | what it does |\n|---|---|---|\n");
        for (CommandMagic m : magics(null)) {
            String forms = (m.hasLineForm() ? "`%" + m.name() + "`" : "")
                    + (m.hasLineForm() && m.hasCellForm() ? ", " : "")
                    + (m.hasCellForm() ? "`%%" + m.name() + "`" : "")
                    + (m.aliases().isEmpty() ? "" : "; also " + String.join(", ", m.aliases().stream().map(a -> "`%" + a + "`").toList()));
            md.append("| `").append(m.synopsis().substring("Usage: ".length()).replace("|", "\\|")).append("` | ").append(forms)
                    .append(" | ").append(m.summary()).append(" |\n");
        }
        return md.toString();
    }
}
