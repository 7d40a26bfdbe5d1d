"""%repro in the real kernel: its JSON (application/vnd.jtrain.repro+json) field by field against the kernel's JVM, this
machine's /proc/cpuinfo, the build's pom.xml and the files themselves, and its text showing the same values."""
import hashlib
import os
import pathlib
import re
import subprocess

import pytest

from conftest import Kernel, ROOT
from test_classpath import file_repository

MIME = "application/vnd.jtrain.repro+json"
IRIS = ROOT / "datasets/src/main/resources/org/jtrain/datasets/iris.csv.gz"


def ok(cell):
    assert cell.ok, cell.error
    return cell


def repro(kernel, code="%repro"):
    """The one display %repro leaves: its text and its JSON."""
    shown = [o["content"]["data"] for o in ok(kernel.run(code, timeout=300)).of("display_data")]
    assert len(shown) == 1 and set(shown[0]) == {"text/plain", MIME}, shown
    return shown[0]["text/plain"], shown[0][MIME]


def java(kernel, expression):
    return ok(kernel.run(expression)).result["text/plain"].strip('"')


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook")
    k = Kernel(cwd=folder)
    yield k, folder
    k.close()


def test_repro_records_this_kernel(notebook):
    kernel, _ = notebook
    ok(kernel.run("%seed 7\n%data load iris"))
    text, env = repro(kernel)
    assert set(env) == {"jtrain", "jdk", "os", "cpu", "threads", "libraries", "maven", "seed", "data"}

    assert env["jdk"] == {"vendor": java(kernel, 'System.getProperty("java.vendor")'),
                          "version": java(kernel, 'System.getProperty("java.version")'),
                          "vm": java(kernel, 'System.getProperty("java.vm.name")')}
    assert env["os"] == {"name": java(kernel, 'System.getProperty("os.name")'),
                         "version": java(kernel, 'System.getProperty("os.version")'),
                         "arch": java(kernel, 'System.getProperty("os.arch")')}
    assert env["threads"] == {"processors": int(java(kernel, "Runtime.getRuntime().availableProcessors()")),
                              "openblas": None, "pytorch": None}  # neither library was used: neither is loaded to ask

    pom = (ROOT / "pom.xml").read_text()
    version = lambda name: re.search(rf"<{name}.version>([^<]+)<", pom).group(1)
    assert env["libraries"] == {"tablesaw": version("tablesaw"), "smile": version("smile"), "djl": version("djl"),
                                "pytorch": version("pytorch")}
    assert env["jtrain"]["version"] == re.search(r"<artifactId>jtrain-parent</artifactId>\s*<version>([^<]+)<", pom).group(1)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode == 0:  # the kernel was built from this clone, maybe with changes not committed yet
        assert env["jtrain"]["commit"] in (head.stdout.strip(), head.stdout.strip() + "-dirty")

    if os.path.exists("/proc/cpuinfo"):
        info = open("/proc/cpuinfo").read()
        flags = set(re.search(r"^(?:flags|Features)\s*:(.*)$", info, re.M).group(1).split())
        assert set(env["cpu"]["instructions"]) <= flags
        for simd in ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve"):
            assert (simd in flags) == (simd in env["cpu"]["instructions"]), simd
        model = re.search(r"^model name\s*:(.*)$", info, re.M)
        if model:
            assert env["cpu"]["model"] == model.group(1).strip()

    assert env["seed"] == 7
    assert env["maven"] == []
    assert env["data"] == [{"name": "iris", "file": "datasets/src/main/resources/org/jtrain/datasets/iris.csv.gz",
                            "sha256": sha256(IRIS), "rows": 150, "changed": False}]

    # the text a reader sees on GitHub holds the same values
    for value in (env["jtrain"]["commit"], env["jdk"]["vendor"], env["jdk"]["version"], env["jdk"]["vm"], env["os"]["name"],
                  env["os"]["version"], env["cpu"]["model"], " ".join(env["cpu"]["instructions"]), env["libraries"]["smile"],
                  env["libraries"]["tablesaw"], env["libraries"]["djl"], sha256(IRIS), "iris", "150 rows"):
        assert value in text, f"{value!r} not in\n{text}"
    assert re.search(r"^seed\s+7$", text, re.M), text
    assert re.search(rf"^threads\s+{env['threads']['processors']} processors; OpenBLAS not loaded; PyTorch not loaded$", text, re.M), text


def test_repro_records_files_maven_jars_and_threads_once_used(notebook, tmp_path):
    kernel, folder = notebook
    csv = folder / "points.csv"
    csv.write_text("x,y\n1,2\n3,4\n5,6\n")
    url = file_repository(tmp_path, "org.example.jtraintest", "repro-jar", "1.0", "Repro", "hello")
    ok(kernel.run(f"%mavenRepo repro-files {url}\n%maven org.example.jtraintest:repro-jar:1.0"))
    # the jar on the classpath: Maven's local repository's copy, which an earlier run may have left
    jar = pathlib.Path(java(kernel, "only.here.Repro.class.getProtectionDomain().getCodeSource().getLocation().getPath()"))
    assert jar.name == "repro-jar-1.0.jar"
    ok(kernel.run("var points = org.jtrain.data.Load.file(java.nio.file.Path.of(\"points.csv\"));"))  # Java, not a magic: recorded too
    ok(kernel.run("%data load diabetes\n%train linear on diabetes --target progression --as ols"))  # OpenBLAS under Smile
    ok(kernel.run("%train mlp on iris --target species --epochs 1 --as net"))  # PyTorch under DJL
    text, env = repro(kernel)

    assert env["maven"] == [{"artifact": "org.example.jtraintest:repro-jar:1.0", "file": "repro-jar-1.0.jar", "sha256": sha256(jar)}]
    points = [d for d in env["data"] if d["name"] == "points.csv"]
    assert points == [{"name": "points.csv", "file": "points.csv", "sha256": sha256(csv), "rows": 3, "changed": False}]
    assert [d["name"] for d in env["data"]] == ["iris", "points.csv", "diabetes"]
    assert env["threads"]["pytorch"] == int(java(kernel, "ai.djl.pytorch.jni.JniUtils.getNumThreads()"))
    assert 1 <= env["threads"]["openblas"] <= os.cpu_count()
    assert f"OpenBLAS {env['threads']['openblas']} thread" in text and f"PyTorch {env['threads']['pytorch']} thread" in text
    assert sha256(jar) in text and "org.example.jtraintest:repro-jar:1.0" in text

    csv.write_text("x,y\n1,2\n3,4\n5,7\n")  # the file changes after the notebook read it
    os.utime(csv, (csv.stat().st_atime, csv.stat().st_mtime + 2))
    text, env = repro(kernel)
    points = [d for d in env["data"] if d["name"] == "points.csv"][0]
    assert points["changed"] is True and points["sha256"] == sha256(csv)
    assert re.search(r"points\.csv .* CHANGED since it was read", text), text
