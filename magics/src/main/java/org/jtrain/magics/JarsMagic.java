package org.jtrain.magics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;

@JavaEquivalent({"// In a Java program, put the jars on its classpath: java -cp 'lib/*' Main"})
@Command(name = "jars", description = "Add jar files to the session's classpath: files, globs such as lib/*.jar, or folders (their .jar files).")
final class JarsMagic extends MagicCommand {

    @Parameters(arity = "1..*", paramLabel = "JAR", description = "Jar files, globs of them, or folders holding them.")
    List<String> jars;

    @Override
    protected Object call() throws IOException {
        return ClasspathMagic.add(shell, ClasspathMagic.expand(jars, true));
    }

    @Override
    protected void toJava(JavaProgram p) {
        throw new JavaProgram.Untranslatable("%jars adds jars to the session: give them to the program with java -cp instead");
    }
}
