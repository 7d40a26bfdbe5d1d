package org.jtrain.magics;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.jtrain.data.Loaded;
import org.jtrain.kernel.Display;
import org.jtrain.train.Environment;
import picocli.CommandLine.Command;

@JavaEquivalent({"Environment env = Environment.capture(42);  // the seed; what this thread read, from Loaded.current()",
        "System.out.print(env.text());  String json = env.json();"})
@Command(name = "repro", description = "Record where this notebook's results came from: jtrain's version and commit, the JDK, OS, CPU "
        + "and its SIMD instructions, thread counts, the versions of Tablesaw, Smile, DJL and PyTorch, the %%maven artifacts, "
        + "the seed, and the datasets and files read, with their SHA-256. Shown as a table, and kept in the notebook as JSON.")
final class ReproMagic extends MagicCommand {

    static final MIMEType MIME = MIMEType.parse(Environment.MIME);

    @Override
    protected Object call() {
        Environment env = Environment.capture(session.seed(), Dependencies.of(shell).named(), Loaded.current().entries());
        DisplayData d = new DisplayData(env.text()); // the text is what GitHub shows; the JSON is for ./jtrain reproduce
        d.putData(MIME, new JsonOutput(env.toJson()));
        Display.display(d);
        return null;
    }

    @Override
    protected void toJava(JavaProgram p) {
        p.importClass("org.jtrain.train.Environment");
        p.line("System.out.print(Environment.capture(" + p.seed() + ").text());  // %repro: where these results came from");
    }
}
