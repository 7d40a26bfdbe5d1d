"""The kernel's heap is a setting: ./jtrain --memory SIZE or JTRAIN_MEMORY=SIZE, written into both kernelspecs, with a
stated default (half of the machine's memory) and one-line errors for values it cannot take."""
import json
import os
import pathlib
import subprocess
import sys

from conftest import ROOT

KERNELS = pathlib.Path(sys.prefix, "share", "jupyter", "kernels")


def test_jtrain_writes_the_heap_it_is_given_into_both_kernelspecs():
    specs = {name: KERNELS / name / "kernel.json" for name in ("jtrain", "java")}
    saved = {name: path.read_text() for name, path in specs.items()}
    env = {k: v for k, v in os.environ.items() if k != "JTRAIN_MEMORY"}
    try:
        done = subprocess.run([str(ROOT / "jtrain"), "setup"], env={**env, "JTRAIN_MEMORY": "3g"},
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "kernel heap 3g" in done.stderr
        for name, path in specs.items():
            assert json.loads(path.read_text())["argv"][1] == "-Xmx3g", name

        done = subprocess.run([str(ROOT / "jtrain"), "setup", "--memory", "512m"], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        for name, path in specs.items():
            assert json.loads(path.read_text())["argv"][1] == "-Xmx512m", name

        for args, extra, message in [(["--memory", "lots"], {}, "jtrain: --memory lots: give the kernel's heap in megabytes or "
                                                                 "gigabytes, e.g. 8g or 512m"),
                                     ([], {"JTRAIN_MEMORY": "100m"}, "jtrain: JTRAIN_MEMORY=100m is too small: the kernel needs "
                                                                     "at least 256m"),
                                     (["--memory", "9999g"], {}, "jtrain: --memory 9999g is more than this machine's memory")]:
            done = subprocess.run([str(ROOT / "jtrain"), "setup", *args], env={**env, **extra}, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 1 and done.stderr.startswith(message), done.stderr
            for name, path in specs.items():
                assert json.loads(path.read_text())["argv"][1] == "-Xmx512m", name  # a mistake changes nothing

        shown = subprocess.run([str(ROOT / "jtrain"), "help"], env=env, capture_output=True, text=True, timeout=60).stdout
        assert "--memory SIZE" in shown and "JTRAIN_MEMORY" in shown and "half of this machine's memory" in shown, shown
    finally:
        for name, path in specs.items():
            path.write_text(saved[name])
