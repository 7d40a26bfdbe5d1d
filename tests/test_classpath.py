"""Other people's libraries in the real kernel: Maven magics as IJava and JJava notebooks write them, the kernel's
pinned libraries, versions that clash, and paths that are not jars."""
import json
import pathlib
import subprocess
import sys
import textwrap

import pytest

from conftest import Kernel, ROOT

SPEC = json.loads(pathlib.Path(sys.prefix, "share", "jupyter", "kernels", "jtrain", "kernel.json").read_text())
JDK = pathlib.Path(SPEC["argv"][0]).parent

# Each library that cells program against, called the way a notebook calls it; the value shows it worked.
CALLS = {
    "smile": ('smile.io.Read.csv(CSV, org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().get())'
              '.column("b").toStringArray()[1]', "y"),
    "tablesaw": ('tech.tablesaw.api.Table.read().csv(CSV).column("a").size()', "2"),
    "djl": ("ai.djl.ndarray.NDManager.newBaseManager().ones(new ai.djl.ndarray.types.Shape(2, 3)).sum().getFloat()", "6.0"),
}


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    k = Kernel(cwd=tmp_path_factory.mktemp("classpath"))
    yield k
    k.close()


def ok(cell):
    assert cell.ok, cell.error
    return cell


def test_library_calls_work_before_and_after_conflicting_versions_are_added(kernel, tmp_path):
    csv = tmp_path / "t.csv"
    csv.write_text("a,b\n1,x\n2,y\n")
    ok(kernel.run(f'String CSV = "{csv}";'))
    for name, (code, value) in CALLS.items():
        assert ok(kernel.run(code)).result["text/plain"] == value, name
    # Old versions of what Smile, Tablesaw and DJL use, and of JSON and logging libraries people add.
    cell = ok(kernel.run("%maven commons-io:commons-io:2.4 com.google.guava:guava:20.0 org.slf4j:slf4j-api:1.7.36 "
                         "com.fasterxml.jackson.core:jackson-databind:2.12.7"))
    out = cell.stdout
    assert "commons-io:commons-io:2.4 is not added: the kernel's commons-io:commons-io 2.21.0 stays in use" in out
    assert "com.google.guava:guava:20.0 is not added" in out and "slf4j-api 2.0.18 stays in use" in out
    assert "jackson-databind-2.12.7.jar" in out  # Jackson 2 is no kernel library: the notebook gets the version it asked for
    for name, (code, value) in CALLS.items():
        assert ok(kernel.run(code)).result["text/plain"] == value, name
    cell = ok(kernel.run('new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of("k", 1)) + " "'
                         ' + com.fasterxml.jackson.databind.ObjectMapper.class.getPackage().getImplementationVersion()'))
    assert cell.result["text/plain"] == '{"k":1} 2.12.7'


def test_internal_libraries_are_invisible_so_a_notebook_may_add_any_version(kernel):
    cell = kernel.run("Class.forName(\"picocli.CommandLine\")")
    assert not cell.ok and "ClassNotFoundException" in cell.error["ename"] + cell.error["evalue"]
    ok(kernel.run("%maven info.picocli:picocli:4.6.3"))
    cell = ok(kernel.run("picocli.CommandLine.VERSION"))
    assert cell.result["text/plain"] == "4.6.3"
    assert ok(kernel.run("%train --help")).stdout.startswith("Usage: %train")  # jtrain's own picocli is another


def test_pinned_djl_and_tablesaw_say_which_version_stays(kernel):
    out = ok(kernel.run("%maven ai.djl:api:0.9.0")).stdout
    assert "ai.djl:api:0.9.0 is not added: the kernel's DJL 0.35.1 stays in use" in out and "Added" not in out
    out = ok(kernel.run(textwrap.dedent("""\
        %%loadFromPOM
        <properties><tablesaw.version>0.38.1</tablesaw.version></properties>
        <dependency>
          <groupId>tech.tablesaw</groupId><artifactId>tablesaw-core</artifactId><version>${tablesaw.version}</version>
        </dependency>"""))).stdout
    assert "tech.tablesaw:tablesaw-core:0.38.1 is not added: the kernel's Tablesaw 0.44.4 stays in use" in out
    out = ok(kernel.run("%maven ai.djl:basicdataset:0.9.0")).stdout
    assert "ai.djl:basicdataset 0.9.0 is taken at 0.35.1, the version of the kernel's DJL" in out
    assert "basicdataset-0.35.1.jar" in out


def file_repository(root, group, artifact, version, cls, value):
    """A Maven repository in a folder, holding one jar with one class whose hello() returns value."""
    src = root / "src" / f"{cls}.java"
    src.parent.mkdir(parents=True)
    src.write_text(f'package only.here; public class {cls} {{ public static String hello() {{ return "{value}"; }} }}')
    classes = root / "classes"
    subprocess.run([str(JDK / "javac"), "-d", str(classes), str(src)], check=True)
    folder = root / "repo" / group.replace(".", "/") / artifact / version
    folder.mkdir(parents=True)
    subprocess.run([str(JDK / "jar"), "cf", str(folder / f"{artifact}-{version}.jar"), "-C", str(classes), "."], check=True)
    (folder / f"{artifact}-{version}.pom").write_text(
        f"<project><modelVersion>4.0.0</modelVersion><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
        f"<version>{version}</version></project>")
    return (root / "repo").as_uri()


def test_maven_repo_on_a_file_repository_with_an_artifact_found_nowhere_else(kernel, tmp_path):
    url = file_repository(tmp_path, "org.example.jtraintest", "only-here", "1.0", "Greeter", "from the file repository")
    out = ok(kernel.run(f"%mavenRepo test-files {url}")).stdout
    assert out.strip() == f"Added the repository test-files: {url}"
    out = ok(kernel.run("%maven org.example.jtraintest:only-here:1.0")).stdout
    assert "Added 1 jar(s): only-here-1.0.jar" in out
    assert ok(kernel.run("only.here.Greeter.hello()")).result["text/plain"] == "from the file repository"


def test_load_from_pom_cell_adds_its_repositories_and_dependencies(kernel, tmp_path):
    url = file_repository(tmp_path, "org.example.jtraintest", "pom-only", "2.1", "FromPom", "from the POM's repository")
    cell = ok(kernel.run(textwrap.dedent(f"""\
        %%loadFromPOM
        <repositories>
          <repository><id>pom-files</id><url>{url}</url></repository>
        </repositories>
        <dependencies>
          <dependency><groupId>org.example.jtraintest</groupId><artifactId>pom-only</artifactId><version>2.1</version></dependency>
          <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
        </dependencies>""")))
    assert f"Added the repository pom-files: {url}" in cell.stdout
    assert "Added 1 jar(s): pom-only-2.1.jar" in cell.stdout  # the test-scoped junit is not taken
    assert ok(kernel.run("only.here.FromPom.hello()")).result["text/plain"] == "from the POM's repository"


def test_load_from_pom_file_with_a_missing_property_is_one_clear_line(kernel, tmp_path):
    pom = tmp_path / "pom.xml"
    pom.write_text("<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>"
                   "<dependencies><dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>${y.version}</version>"
                   "</dependency></dependencies></project>")
    cell = kernel.run(f"%loadFromPOM {pom}")
    assert cell.error["ename"] == "UsageError"
    assert cell.error["evalue"].startswith("${y.version} in the POM is not set")


def test_a_pom_with_a_doctype_is_refused_before_it_is_parsed(kernel):
    cell = kernel.run('%%loadFromPOM\n<!DOCTYPE p [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n'
                      '<dependency><groupId>&x;</groupId><artifactId>a</artifactId><version>1</version></dependency>')
    assert cell.error["ename"] == "UsageError" and "<!DOCTYPE> is refused" in cell.error["evalue"]
    assert "root:" not in json.dumps([o["content"] for o in cell.outputs])


@pytest.mark.parametrize("path", ["/dev/zero", "/etc/hostname", "/no/such/file.jar"])
def test_classpath_refuses_what_is_not_a_jar_and_the_session_goes_on(kernel, path):
    ok(kernel.run("int kept = 41;"))
    cell = kernel.run(f"%classpath {path}")
    assert cell.error["ename"] == "UsageError"
    assert path in cell.error["evalue"]
    assert not any("\tat " in line or "Exception" in line for line in cell.error["traceback"])
    assert ok(kernel.run("kept + 1")).result["text/plain"] == "42"


def test_jars_takes_a_folder_of_jars_and_globs(kernel, tmp_path):
    file_repository(tmp_path, "org.example.jtraintest", "globbed", "1.0", "Globbed", "globbed")
    jar = next(tmp_path.glob("repo/**/*.jar"))
    cell = ok(kernel.run(f"List<String> added = %jars {jar.parent}\nadded"))  # IJava's magics return what they added
    assert cell.result["text/plain"] == f"[{jar}]"
    assert ok(kernel.run("only.here.Globbed.hello()")).result["text/plain"] == "globbed"
    cell = kernel.run(f"%jars {tmp_path}/nothing-*.jar")
    assert cell.error["ename"] == "UsageError" and "nothing matches" in cell.error["evalue"]


def test_credentials_in_a_repository_url_are_never_printed(kernel):
    ok(kernel.run("%mavenRepo private https://someone:s3cret-pw@127.0.0.1:9/repo"))
    cell = kernel.run("%maven org.example.jtraintest:absent-everywhere:1.0")
    assert cell.error["ename"] == "UsageError"
    assert "s3cret-pw" not in json.dumps([o["content"] for o in cell.outputs])
    assert "private (https://127.0.0.1:9/repo)" in cell.error["evalue"]


def test_ijava_and_jjava_names_run_here(kernel, tmp_path):
    (tmp_path / "imports.jsh").write_text("int fromIJavaLoad = 7;\n")
    ok(kernel.run(f"%load {tmp_path / 'imports'}"))  # IJava tries FILE.jsh, .jshell, .java, .ijava and .ipynb
    assert ok(kernel.run("fromIJavaLoad")).result["text/plain"] == "7"
    # no kernel library (commons-lang3 is one now, for POI's commons-compress)
    out = ok(kernel.run("%addMavenDependency commons-collections:commons-collections:3.2.2")).stdout
    assert "commons-collections-3.2.2.jar" in out
    out = ok(kernel.run("%addMavenDependencies commons-collections:commons-collections:3.2.2")).stdout
    assert "already on the classpath" in out
    out = ok(kernel.run("%maven org.apache.commons#commons-text;1.13.1")).stdout  # Ivy's syntax, from IJava
    assert "commons-text-1.13.1.jar" in out


def test_kernelspec_java_is_jtrain_inside_the_venv():
    listed = subprocess.run([str(pathlib.Path(sys.prefix, "bin", "jupyter")), "kernelspec", "list", "--json"],
                            capture_output=True, text=True, check=True)
    specs = json.loads(listed.stdout)["kernelspecs"]
    assert {"java", "jtrain"} <= specs.keys()
    java = specs["java"]
    assert java["resource_dir"].startswith(sys.prefix)
    assert java["spec"]["argv"][-2:] == ["org.jtrain.kernel.Main", "{connection_file}"]
    assert java["spec"]["argv"][java["spec"]["argv"].index("-cp") + 1] == SPEC["argv"][SPEC["argv"].index("-cp") + 1]


def test_maven_settings_mirrors_proxies_and_credentials_are_honoured(tmp_path):
    """A settings.xml of the user's: its local repository, a mirror of Central, a proxy for https, a server's password."""
    import socket
    import threading
    mirror = file_repository(tmp_path, "org.example.jtraintest", "mirrored", "3.0", "Mirrored", "through the mirror")
    proxy = socket.socket()
    proxy.bind(("127.0.0.1", 0))
    proxy.listen()
    seen = []

    def accept():  # a proxy that refuses every request it is sent
        while True:
            try:
                conn, _ = proxy.accept()
            except OSError:
                return
            seen.append(conn.recv(4096).decode("latin-1"))
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    settings = tmp_path / "settings.xml"
    settings.write_text(f"""<settings>
      <localRepository>{tmp_path / "m2"}</localRepository>
      <mirrors><mirror><id>company</id><mirrorOf>central</mirrorOf><url>{mirror}</url></mirror></mirrors>
      <proxies><proxy><id>p</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host>
        <port>{proxy.getsockname()[1]}</port></proxy></proxies>
      <servers><server><id>company</id><username>me</username><password>pw-from-settings</password></server></servers>
    </settings>""")
    env = dict(__import__("os").environ, JAVA_TOOL_OPTIONS=f"-Dmaven.settings={settings}")
    k = Kernel(cwd=tmp_path, env=env)
    try:
        out = ok(k.run("%maven org.example.jtraintest:mirrored:3.0")).stdout  # Central, mirrored to the folder
        assert "Added 1 jar(s): mirrored-3.0.jar" in out
        assert (tmp_path / "m2" / "org/example/jtraintest/mirrored/3.0/mirrored-3.0.jar").is_file()
        assert ok(k.run("only.here.Mirrored.hello()")).result["text/plain"] == "through the mirror"
        ok(k.run("%mavenRepo elsewhere https://repo.example.invalid/maven2"))
        cell = k.run("%maven org.example.jtraintest:absent:1.0")
        assert cell.error["ename"] == "UsageError" and "through the mirrors of" in cell.error["evalue"]
        assert "pw-from-settings" not in json.dumps([o["content"] for o in cell.outputs])
        assert seen and seen[0].startswith("CONNECT repo.example.invalid:443")  # https went through the proxy
    finally:
        k.close()
        proxy.close()
