package org.jtrain.magics;

import org.jtrain.kernel.CodeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

@JavaEquivalent({"// In a Java program, the file's code is part of the program: a .jsh or a notebook's cells become its methods."})
@Command(name = "load", description = "Run the code of a .jsh/.java file, or every code cell of a notebook, in this session.")
final class LoadMagic extends MagicCommand {

    @Parameters(paramLabel = "FILE", description = "A .jsh, .jshell or .java file, or an .ipynb notebook.")
    Path file;

    @Override
    protected Object call() throws IOException {
        Object last = null;
        for (String code : CodeFiles.read(file)) last = shell.run(code);
        return last;
    }

    @Override
    protected void toJava(JavaProgram p) {
        throw new JavaProgram.Untranslatable("%load runs another file's code in the session: paste that code into a cell, and the cell is translated");
    }
}
