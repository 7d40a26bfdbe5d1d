"""The kernel's AOT cache, which ./jtrain setup builds from a training run: the JVM accepts the one installed, a kernel
whose cache is missing or broken still answers its first cell, and a cache made for other jars is made again."""
import json
import pathlib
import subprocess
import sys

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import ROOT

SPEC = pathlib.Path(sys.prefix, "share", "jupyter", "kernels", "jtrain")
CACHE = SPEC / "jtrain.aot"


@pytest.mark.parametrize("name", ["jtrain", "java"])
def test_the_installed_kernelspecs_name_a_cache_that_the_jvm_accepts(name):
    argv = json.loads((SPEC.parent / name / "kernel.json").read_text())["argv"]
    assert f"-XX:AOTCache={CACHE}" in argv and CACHE.is_file()
    # -XX:AOTMode=on makes an unusable cache an error instead of a silent start without it; the kernel's own flags and
    # classpath, with -version in place of the kernel's main class
    jvm = argv[:argv.index("org.jtrain.kernel.Main")]
    done = subprocess.run([*jvm, "-XX:AOTMode=on", "-version"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def broken(kind, path):
    if kind == "truncated":
        path.write_bytes(CACHE.read_bytes()[:1_000_000])
    elif kind == "not a cache":
        path.write_bytes(b"jtrain " * 10_000)
    elif kind == "empty":
        path.write_bytes(b"")
    return path  # "missing": no file


@pytest.mark.parametrize("kind", ["missing", "empty", "truncated", "not a cache"])
def test_a_kernel_whose_cache_is_missing_or_broken_still_answers(kind, tmp_path):
    cache = broken(kind, tmp_path / "jtrain.aot")
    spec = json.loads((SPEC / "kernel.json").read_text())
    spec["argv"] = [f"-XX:AOTCache={cache}" if a.startswith("-XX:AOTCache=") else a for a in spec["argv"]]
    here = tmp_path / "kernels" / "jtrain-broken-cache"
    here.mkdir(parents=True)
    (here / "kernel.json").write_text(json.dumps(spec))
    jvm = spec["argv"][:spec["argv"].index("org.jtrain.kernel.Main")]
    refused = subprocess.run([*jvm, "-XX:AOTMode=on", "-version"], capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0, "the JVM took this cache: the test would prove nothing"

    km = KernelManager(kernel_name="jtrain-broken-cache",
                       kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")]))
    km.start_kernel(cwd=str(tmp_path))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        shown = []
        reply = kc.execute_interactive("20 + 22", timeout=120, output_hook=shown.append)
        assert reply["content"]["status"] == "ok", reply["content"]
        results = [m["content"]["data"]["text/plain"] for m in shown if m["msg_type"] == "execute_result"]
        assert results == ["42"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_setup_makes_the_cache_again_when_it_was_made_for_other_jars():
    # The key names the jars, the JDK and the object layout the cache was made for. JDK 25.0.3 does not itself refuse a
    # cache made from changed jars of the same names (JDK-8377932), so ./jtrain must not keep one.
    key = (SPEC / "jtrain.aot.key").read_text()
    (SPEC / "jtrain.aot.key").write_text("made-for-other-jars\n")
    before = CACHE.stat().st_mtime_ns
    done = subprocess.run([str(ROOT / "jtrain"), "setup"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "training the kernel's start-up cache" in done.stderr, done.stderr
    assert (SPEC / "jtrain.aot.key").read_text() == key, done.stderr
    assert CACHE.is_file() and CACHE.stat().st_mtime_ns != before
    again = subprocess.run([str(ROOT / "jtrain"), "setup"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "training" not in again.stderr, again.stderr  # a current cache is kept
