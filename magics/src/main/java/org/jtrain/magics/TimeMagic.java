package org.jtrain.magics;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

@JavaEquivalent({"long start = System.nanoTime();", "// ... the code to time ...",
        "System.out.printf(\"Wall time: %.1f ms%n\", (System.nanoTime() - start) / 1e6);"})
@Command(name = "time", description = "Run Java code and report how long it took (wall and CPU time).")
final class TimeMagic extends MagicCommand {

    @Parameters(arity = "0..*", paramLabel = "CODE", description = "Java code to time, in the line form.")
    List<String> code;

    @Override
    protected void configure(CommandLine parser) {
        parser.setStopAtPositional(true); // after the first word it is all Java: "i -> i * i" is not an option
    }

    @Override
    protected boolean cellForm() {
        return true;
    }

    @Override
    protected Object call() {
        String source = body != null ? body : rawArgs;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        try {
            return shell.run(source);
        } finally {
            long wall = System.nanoTime() - wall0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.println("Wall time: " + human(wall) + " (kernel thread CPU: " + human(cpu) + ")");
        }
    }

    @Override
    protected void toJava(JavaProgram p) {
        String start = p.unique("start");
        boolean shown = p.isLast();
        p.line("long " + start + " = System.nanoTime();  // " + (body != null ? "%%time" : "%time"));
        p.code(body != null ? body : rawArgs, shown);
        p.line("System.out.printf(\"Wall time: %.1f ms%n\", (System.nanoTime() - " + start + ") / 1e6);");
    }

    static String human(long nanos) {
        if (nanos < 1_000_000) return String.format("%.1f µs", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format("%.1f ms", nanos / 1e6);
        return String.format("%.2f s", nanos / 1e9);
    }
}
