package org.jtrain.magics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@JavaEquivalent({"// In a Java program, list the repository in its build: <repositories> in pom.xml, repositories {} in build.gradle."})
@Command(name = "mavenRepo", aliases = "addMavenRepo", description = "Add a Maven repository that %%maven and %%loadFromPOM search after Central.")
final class MavenRepoMagic extends MagicCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The repository's id, as servers in ~/.m2/settings.xml name it.")
    String id;

    @Parameters(index = "1", paramLabel = "URL", description = "file:///path/to/repo, or an http(s):// URL.")
    String url;

    @Override
    protected Object call() {
        Dependencies.of(shell).addRepository(id, url);
        System.out.println("Added the repository " + id + ": " + Dependencies.withoutCredentials(url));
        return null;
    }
}
