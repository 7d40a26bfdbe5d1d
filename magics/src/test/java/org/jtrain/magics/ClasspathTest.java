package org.jtrain.magics;

import org.jtrain.kernel.JTrainKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cells run with JShell's class loader as the thread's context loader, so libraries that look implementations up there find a jar's. */
class ClasspathTest {

    @Test
    void serviceLoaderInACellFindsAnImplementationInAJarAddedWithClasspath(@TempDir Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Greeter.java"), "package demo; public interface Greeter { String greet(); }");
        Files.writeString(src.resolve("Hello.java"), "package demo; public class Hello implements Greeter { public String greet() { return \"hello from the jar\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), System.err, "-d", classes.toString(),
                src.resolve("Greeter.java").toString(), src.resolve("Hello.java").toString());
        assertEquals(0, rc);
        Path jar = dir.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("demo/Greeter.class", "demo/Hello.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
            }
            out.putNextEntry(new JarEntry("META-INF/services/demo.Greeter"));
            out.write("demo.Hello\n".getBytes());
        }
        JTrainKernel kernel = TestKernels.get();
        TestKernels.stdout(() -> kernel.evalRaw("%classpath " + jar));
        assertEquals(List.of("hello from the jar"), kernel.evalRaw("ServiceLoader.load(demo.Greeter.class).stream().map(p -> p.get().greet()).toList()"));
        // magics run on the same thread, with the same loader
        assertEquals(true, kernel.evalRaw("Thread.currentThread().getContextClassLoader() == demo.Greeter.class.getClassLoader()"));
    }
}
