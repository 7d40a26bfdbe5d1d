package org.jtrain.magics;

import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.jtrain.data.BadInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a notebook takes from a POM: its dependencies in the scopes asked for, the versions it manages, and its
 * repositories. As in IJava and JJava, a cell's POM may be a whole {@code <project>} or only the parts that matter:
 * {@code <dependency>} and {@code <repository>} elements, with or without their list elements, beside others such as
 * {@code <properties>}. Properties are interpolated, as Maven does.
 *
 * @param boms POMs whose managed versions are imported ({@code <scope>import</scope>})
 */
record Pom(List<Dependency> dependencies, List<Dependency> managed, List<DefaultArtifact> boms, Map<String, String> repositories) {

    static final Set<String> DEFAULT_SCOPES = Set.of("compile", "runtime");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** Reads a POM, whole or in parts, keeping the dependencies in {@code scopes}. */
    static Pom read(String xml, Set<String> scopes) {
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(asProject(xml)), true);
        } catch (XmlPullParserException e) {
            throw new BadInput("the POM does not parse: " + e.getMessage().replaceAll("\\s*\\(position:.*", ""));
        } catch (IOException e) {
            throw new BadInput("the POM cannot be read: " + e.getMessage());
        }
        Properties props = new Properties();
        props.putAll(System.getProperties());
        System.getenv().forEach((k, v) -> props.setProperty("env." + k, v));
        props.putAll(model.getProperties());
        if (model.getVersion() != null) props.setProperty("project.version", model.getVersion());
        if (model.getGroupId() != null) props.setProperty("project.groupId", model.getGroupId());

        List<Dependency> managed = new ArrayList<>();
        List<DefaultArtifact> boms = new ArrayList<>();
        if (model.getDependencyManagement() != null) {
            for (org.apache.maven.model.Dependency d : model.getDependencyManagement().getDependencies()) {
                if ("import".equals(d.getScope())) boms.add(artifact(d, props));
                else managed.add(dependency(d, props, null));
            }
        }
        List<Dependency> deps = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null || d.getScope().isBlank() ? "compile" : interpolate(d.getScope(), props);
            if (!scopes.contains(scope)) continue;
            if ("system".equals(scope)) {
                throw new BadInput(d.getGroupId() + ":" + d.getArtifactId() + " has scope system: add its jar with %classpath "
                        + (d.getSystemPath() == null ? "PATH" : interpolate(d.getSystemPath(), props)));
            }
            deps.add(dependency(d, props, scope));
        }
        Map<String, String> repos = new LinkedHashMap<>();
        for (Repository r : model.getRepositories()) {
            if (r.getUrl() == null) throw new BadInput("the repository " + r.getId() + " in the POM has no <url>");
            repos.put(r.getId() == null ? "pom-" + repos.size() : r.getId(), interpolate(r.getUrl(), props));
        }
        return new Pom(deps, managed, boms, repos);
    }

    /** The dependencies, with versions left out taken from those managed (here or by imported BOMs). */
    List<Dependency> versioned(List<Dependency> allManaged) {
        List<Dependency> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            if (!d.getArtifact().getVersion().isEmpty()) {
                out.add(d);
                continue;
            }
            String key = Dependencies.key(d.getArtifact());
            String version = allManaged.stream().filter(m -> Dependencies.key(m.getArtifact()).equals(key))
                    .map(m -> m.getArtifact().getVersion()).findFirst()
                    .orElseThrow(() -> new BadInput(key + " has no <version>, and no <dependencyManagement> or BOM of the POM gives one"));
            out.add(d.setArtifact(d.getArtifact().setVersion(version)));
        }
        return out;
    }

    private static Dependency dependency(org.apache.maven.model.Dependency d, Properties props, String scope) {
        List<Exclusion> exclusions = d.getExclusions().stream()
                .map(e -> new Exclusion(interpolate(e.getGroupId(), props), interpolate(e.getArtifactId(), props), "*", "*"))
                .toList();
        return new Dependency(artifact(d, props), scope, d.isOptional(), exclusions);
    }

    private static DefaultArtifact artifact(org.apache.maven.model.Dependency d, Properties props) {
        String type = d.getType() == null ? "jar" : interpolate(d.getType(), props);
        return new DefaultArtifact(interpolate(d.getGroupId(), props), interpolate(d.getArtifactId(), props),
                d.getClassifier() == null ? "" : interpolate(d.getClassifier(), props), "test-jar".equals(type) ? "jar" : type,
                d.getVersion() == null ? "" : interpolate(d.getVersion(), props));
    }

    private static String interpolate(String text, Properties props) {
        if (text == null) throw new BadInput("a dependency in the POM lacks its <groupId> or <artifactId>");
        String out = text;
        for (int i = 0; i < 10 && out.contains("${"); i++) { // properties may refer to properties
            Matcher m = PROPERTY.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = props.getProperty(m.group(1));
                if (value == null) {
                    throw new BadInput("${" + m.group(1) + "} in the POM is not set: define it in <properties>, e.g. <"
                            + m.group(1) + ">1.0</" + m.group(1) + ">");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /** A whole POM as it is; parts of one put into a {@code <project>}, dependencies and repositories into their lists. */
    static String asProject(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no entities from a hostile file
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            String body = xml.strip().replaceFirst("^<\\?xml[^>]*\\?>", "");
            if (body.contains("<!DOCTYPE")) {
                throw new BadInput("a POM with a <!DOCTYPE> is refused: Maven's POMs have none, and one can make an XML parser read other files");
            }
            Document cell = f.newDocumentBuilder().parse(new InputSource(new StringReader("<cell>" + body + "</cell>")));
            List<Element> parts = children(cell.getDocumentElement());
            if (parts.size() == 1 && parts.getFirst().getTagName().equals("project")) return body;
            Document pom = f.newDocumentBuilder().newDocument();
            Element project = pom.createElement("project");
            pom.appendChild(project);
            Element deps = pom.createElement("dependencies");
            Element repos = pom.createElement("repositories");
            for (Element e : parts) {
                switch (e.getTagName()) {
                    case "dependency" -> deps.appendChild(pom.importNode(e, true));
                    case "repository" -> repos.appendChild(pom.importNode(e, true));
                    case "dependencies" -> children(e).forEach(c -> deps.appendChild(pom.importNode(c, true)));
                    case "repositories" -> children(e).forEach(c -> repos.appendChild(pom.importNode(c, true)));
                    default -> project.appendChild(pom.importNode(e, true));
                }
            }
            for (String[] kv : new String[][]{{"modelVersion", "4.0.0"}, {"groupId", "jtrain.notebook"}, {"artifactId", "cell"}, {"version", "1"}}) {
                if (children(project).stream().noneMatch(c -> c.getTagName().equals(kv[0]))) {
                    Element e = pom.createElement(kv[0]);
                    e.setTextContent(kv[1]);
                    project.insertBefore(e, project.getFirstChild());
                }
            }
            project.appendChild(deps);
            project.appendChild(repos);
            StringWriter out = new StringWriter();
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.transform(new DOMSource(pom), new StreamResult(out));
            return out.toString();
        } catch (SAXException e) {
            throw new BadInput("the POM is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | TransformerException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }
}
