package org.jtrain.data.sql;

import org.jtrain.data.BadInput;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A database login kept out of the notebook: from environment variables or from a properties file. Messages name the
 * variable or the file, never a value.
 */
public final class Credentials {

    private Credentials() {
    }

    /** {@code user} and {@code password} from the named environment variables; either name may be null. */
    public static Properties fromEnvironment(String userVariable, String passwordVariable) {
        return fromEnvironment(System.getenv(), userVariable, passwordVariable);
    }

    /** {@link #fromEnvironment(String, String)} on a given environment. */
    public static Properties fromEnvironment(Map<String, String> env, String userVariable, String passwordVariable) {
        Properties p = new Properties();
        if (userVariable != null) p.setProperty("user", variable(env, userVariable));
        if (passwordVariable != null) p.setProperty("password", variable(env, passwordVariable));
        return p;
    }

    /**
     * The properties of a Java {@code .properties} file: {@code user}, {@code password} and any other property the
     * driver takes (such as {@code ssl=true}).
     */
    public static Properties fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new BadInput("no properties file at '" + file.toAbsolutePath() + "'");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadInput("environment variable " + name + " is not set: set it where the kernel starts (export "
                    + name + "=... before ./jtrain lab), or use a properties file");
        }
        return value;
    }
}
