package org.jtrain.train;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions of Java and of the libraries a model depends on, read once from their jars: they cannot change. */
public final class Versions {

    private static final Map<String, String> ALL = read();

    private Versions() {
    }

    /** java, smile, djl, djl-pytorch and tablesaw, by name. */
    public static Map<String, String> all() {
        return ALL;
    }

    private static Map<String, String> read() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", System.getProperty("java.version"));
        v.put("smile", version(smile.classification.RandomForest.class, "com.github.haifengl", "smile-core"));
        v.put("djl", version(ai.djl.Model.class, "ai.djl", "api"));
        v.put("djl-pytorch", version(ai.djl.pytorch.engine.PtEngine.class, "ai.djl.pytorch", "pytorch-engine"));
        v.put("tablesaw", version(tech.tablesaw.api.Table.class, "tech.tablesaw", "tablesaw-core"));
        return Collections.unmodifiableMap(v);
    }

    /**
     * A library's version: from its Maven metadata (kept inside a shaded jar too), else from its jar's name
     * (artifact-VERSION.jar), else from the manifest of a jar named after it.
     */
    private static String version(Class<?> c, String group, String artifact) {
        try (var in = c.getClassLoader().getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                if (p.getProperty("version") != null) return p.getProperty("version");
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the jar's name
        }
        var source = c.getProtectionDomain().getCodeSource();
        String jar = source == null ? "" : source.getLocation().getPath();
        Matcher m = Pattern.compile(Pattern.quote(artifact) + "-([0-9][^/]*)\\.jar$").matcher(jar);
        if (m.find()) return m.group(1);
        Package p = c.getPackage();
        String v = p.getImplementationVersion() != null ? p.getImplementationVersion() : p.getSpecificationVersion();
        return v != null && jar.contains(artifact) ? v : "unknown";
    }
}
