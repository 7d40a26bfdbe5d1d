"""Builds the kernel's ahead-of-time cache (JDK 25: JEP 483, 514, 515) from a training run: a kernel started from the
installed kernelspec with -XX:AOTCacheOutput runs a short notebook (a first cell, %data load, %split, %train, a chart,
a completion) and shuts down; on that exit the JVM writes the classes it loaded, already linked, and the profiles of
the methods it ran. Kernels started later map them instead of loading, verifying and profiling those classes again.

usage: aot_training.py KERNEL_JSON CACHE
Writes CACHE whole or not at all; exits 1 (leaving no cache) when the run fails, and the kernel then starts without it.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file

# What a first notebook does, magics and plain Java: each step loads and links the classes it needs.
CELLS = [
    "1 + 1",
    "int apples = 3;\nString name = \"jtrain\";\nname + \" \" + apples",
    "%data load iris",
    "%data load fashion-mnist --as fashion",
    "%split iris --target species --stratify",
    "%train forest on train --target species --val val",
    "%evaluate model on test",
    "%plot scatter iris sepal_length petal_length --color species",
    "iris.where(iris.doubleColumn(\"sepal_length\").isGreaterThan(5)).rowCount()",
]


def main(kernel_json, cache):
    """Trains once more when the first run fails: runs on a busy machine have, rarely, hung at the kernel's exit."""
    log = pathlib.Path(cache).with_name(pathlib.Path(cache).name + ".log")
    failed = train(kernel_json, cache)
    if failed:
        first = log.with_name(log.name + ".first")
        log.replace(first)  # kept: the second run writes its own
        print(f"jtrain: the first training run of the start-up cache failed ({failed}; its log: {first}); training again",
              file=sys.stderr)
        failed = train(kernel_json, cache)
    if failed:
        print(f"jtrain: the kernel's start-up cache was not built ({failed}; its log: {log}); kernels start without it",
              file=sys.stderr)
        return 1
    return 0


def train(kernel_json, cache):
    """Makes CACHE from one training run; returns why it could not, or None."""
    spec = json.loads(pathlib.Path(kernel_json).read_text())
    cache = pathlib.Path(cache)
    partial = cache.with_name(cache.name + ".tmp")
    partial.unlink(missing_ok=True)
    log_path = cache.with_name(cache.name + ".log")  # what the JVM said, kept for a look when the cache is missing
    with tempfile.TemporaryDirectory(prefix="jtrain-aot-") as work:
        connection = write_connection_file(os.path.join(work, "kernel.json"))[0]
        argv = [a.replace("{connection_file}", connection) for a in spec["argv"]
                if not a.startswith("-XX:AOTCache=")]
        argv.insert(1, f"-XX:AOTCacheOutput={partial}")
        env = {**os.environ, **spec.get("env", {}), "JTRAIN_RUNS": os.path.join(work, "runs")}
        with open(log_path, "w") as log:
            # cwd: the training run's files (models, runs) stay in the temporary folder
            kernel = subprocess.Popen(argv, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                client = BlockingKernelClient(connection_file=connection)
                client.load_connection_file()
                client.start_channels(hb=False)  # with no heartbeat yet, a bare client takes the kernel for dead
                client.wait_for_ready(timeout=120)
                for cell in CELLS:
                    reply = client.execute_interactive(cell, timeout=300, output_hook=lambda m: None)
                    if reply["content"]["status"] != "ok":
                        raise RuntimeError(f"cell {cell!r} failed: {reply['content'].get('evalue')}")
                client.complete("Table.cre", 9)  # Tab completion's classes too
                client.get_shell_msg(timeout=60)
                client.shutdown()
                client.stop_channels()
                kernel.wait(timeout=180)  # the JVM writes what it learned, then assembles the cache: slow on a busy machine
            except Exception as e:
                if kernel.poll() is None:  # where it hangs, for the log
                    jcmd = pathlib.Path(argv[0]).with_name("jcmd")
                    try:
                        subprocess.run([str(jcmd), str(kernel.pid), "Thread.print"], stdout=log, stderr=subprocess.STDOUT, timeout=60)
                    except (OSError, subprocess.TimeoutExpired):
                        pass
                kernel.kill()
                kernel.wait()
                partial.unlink(missing_ok=True)
                pathlib.Path(str(partial) + ".config").unlink(missing_ok=True)
                return str(e)
        if not partial.is_file() or "AOTCache creation is complete" not in log_path.read_text():
            partial.unlink(missing_ok=True)
            return f"the JVM exited with {kernel.returncode}: {log_path.read_text()[-1000:]}"
    os.replace(partial, cache)  # a running kernel keeps the file it mapped
    return None


if __name__ == "__main__":
    t0 = time.monotonic()
    code = main(*sys.argv[1:])
    if code == 0:
        print(f"jtrain: built the kernel's start-up cache in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
