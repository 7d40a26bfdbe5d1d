"""Notebooks written for IJava or JJava by other projects (tests/corpus/, with their sources and licenses), run
unchanged on the kernelspec they were saved with, "java", which in .venv is jtrain. Every cell must pass but those
listed in KNOWN, each with the reason it cannot pass here."""
import hashlib
import os
import pathlib
import shutil
import subprocess
import textwrap
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
NOTEBOOKS = sorted(p.relative_to(CORPUS) for p in CORPUS.glob("*/**/*.ipynb") if p.parent.name != "utils")

# Cells (0-based code-cell index) that cannot pass on any machine without what the notebook's author had.
KNOWN = {
    "deepjavalibrary-djl-demo/jupyter/onnxruntime/machine_learning_with_ONNXRuntime.ipynb": {
        4: "downloads a model from mlrepo.djl.ai, which jtrain's offline DJL never reaches",
        5: "uses the model that the cell before could not download",
    },
    "deepjavalibrary-d2l-java/chapter_preliminaries/tablesaw.ipynb": {
        0: "plot-utils registers a renderer through IJava's own class io.github.spencerpark.ijava.IJava",
        4: "written for Tablesaw 0.38.1: Table.select(String) is gone from the kernel's Tablesaw 0.44.4",
        6: "uses the table that the cell before could not make",
        7: "uses the tensors that the cells before could not make",
    },
    "SpencerPark-ijava-binder/3rdPartyDependency.ipynb": {
        0: "machine: adds whatever jars the machine has in /usr/share/java, and there are none on some machines",
        1: "a SNAPSHOT from oss.sonatype.org, a retired repository this machine cannot reach",
    },
}

MAY_PASS = "machine:"  # a known cell whose outcome depends on the machine

# Tribuo's tutorials start with %jars of a jar-with-dependencies that its users download from Tribuo's releases on
# GitHub; Maven Central has the same code as thin jars. The test builds the jars the notebooks name from those.
TRIBUO = ["tribuo-anomaly-libsvm", "tribuo-clustering-kmeans", "tribuo-clustering-hdbscan",
          "tribuo-classification-experiments", "tribuo-json"]
TRIBUO_VERSION = "4.3.0"
XCHART = ("org.knowm.xchart", "xchart", "3.8.1")


def stage_tribuo(folder):
    cache = ROOT / ".cache" / "corpus" / hashlib.sha1(repr((TRIBUO, TRIBUO_VERSION, XCHART)).encode()).hexdigest()[:12]
    if not (cache / "done").is_file():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        deps = "".join(f"<dependency><groupId>org.tribuo</groupId><artifactId>{a}</artifactId>"
                       f"<version>{TRIBUO_VERSION}</version></dependency>" for a in TRIBUO)
        (cache / "pom.xml").write_text(textwrap.dedent(f"""\
            <project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>t</artifactId><version>1</version>
              <dependencies>{deps}</dependencies>
              <build><plugins><plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin></plugins></build>
            </project>"""))
        subprocess.run([str(ROOT / "mvnw"), "-q", "-B", "-ntp", "-f", str(cache / "pom.xml"), "dependency:copy-dependencies",
                        "-DincludeScope=runtime", f"-DoutputDirectory={cache / 'deps'}"], check=True)
        merged, services = cache / "tribuo-all.jar", {}
        with zipfile.ZipFile(merged, "w", zipfile.ZIP_DEFLATED) as out:
            names = set()
            for jar in sorted((cache / "deps").glob("*.jar")):
                with zipfile.ZipFile(jar) as z:
                    for e in z.infolist():
                        n = e.filename
                        if n.startswith("META-INF/services/") and not n.endswith("/"):
                            services.setdefault(n, []).append(z.read(n).decode())
                        elif (n not in names and not n.endswith("module-info.class")
                              and not n.upper().endswith((".SF", ".DSA", ".RSA"))):
                            names.add(n)
                            out.writestr(e, z.read(n))
            for n, parts in services.items():
                out.writestr(n, "\n".join(parts))
        g, a, v = XCHART
        subprocess.run([str(ROOT / "mvnw"), "-q", "-B", "-ntp", "dependency:copy", f"-Dartifact={g}:{a}:{v}",
                        f"-DoutputDirectory={cache}", "-Dtransitive=false"], check=True, cwd=cache)
        (cache / "done").write_text("")
    for name in TRIBUO:
        os.link(cache / "tribuo-all.jar", folder / f"{name}-{TRIBUO_VERSION}-jar-with-dependencies.jar")
    shutil.copy(cache / f"{XCHART[1]}-{XCHART[2]}.jar", folder)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A copy of the corpus (some notebooks write files beside them), with Tribuo's jars in place."""
    copy = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(CORPUS, copy)
    stage_tribuo(copy / "oracle-tribuo" / "tutorials")
    return copy


@pytest.mark.parametrize("name", [str(n) for n in NOTEBOOKS])
def test_a_notebook_from_another_project_runs_unchanged(corpus, name):
    path = corpus / name
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.kernelspec.name == "java"  # saved for IJava or JJava; jtrain answers to that name in .venv
    saved = [c for c in nb.cells if c.cell_type == "code"]
    had_value = [any(o.output_type == "execute_result" for o in c.get("outputs", [])) for c in saved]
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, allow_errors=True, resources={"metadata": {"path": str(path.parent)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    failed = {}
    for i, cell in enumerate(code):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            failed[i] = f"{errors[0].ename}: {errors[0].evalue}"[:300]
    unexpected = {i: e for i, e in failed.items() if i not in KNOWN.get(name, {})}
    assert not unexpected, f"{name}: cells that should pass failed:\n" + "\n".join(
        f"  cell {i}: {code[i].source[:80]!r}\n    {e}" for i, e in unexpected.items())
    # where IJava showed a value, so does jtrain: even after a semicolon, as IJava did ("Hello Out!";)
    missing = [i for i, had in enumerate(had_value) if had and i not in failed
               and not any(o.output_type == "execute_result" for o in code[i].outputs)]
    assert not missing, f"{name}: cells {missing} showed a value in IJava and show none here"
    # the list stays honest: a known cell that passes now is taken off it
    stale = [i for i, why in KNOWN.get(name, {}).items() if i not in failed and not why.startswith(MAY_PASS)]
    assert not stale, f"{name}: cells {stale} pass now: take them off KNOWN"
    print(f"{name}: {len(code) - len(failed)} of {len(code)} cells passed; known: {sorted(failed)}")


def test_the_readme_lists_every_corpus_project():
    readme = (ROOT / "README.md").read_text()
    for project in sorted(p.name for p in CORPUS.iterdir() if p.is_dir()):
        assert f"tests/corpus/{project}" in readme, project
        assert (CORPUS / project / "SOURCE.md").is_file() and any((CORPUS / project).glob("LICENSE*")), project
