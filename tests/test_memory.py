"""A full heap, through the real kernel with a small heap: a cell that fills it ends in one OutOfMemoryError that says
what to do, and the session goes on."""
import json
import os
import pathlib
import random
import sys

import pytest
from jupyter_client.manager import KernelManager

from conftest import ROOT, Kernel

KERNELS = pathlib.Path(sys.prefix, "share", "jupyter", "kernels")


class SmallKernel(Kernel):
    """A jtrain kernel whose heap is `heap`: the installed kernelspec with its -Xmx replaced, in a folder of its own."""

    def __init__(self, folder, heap, cwd):
        spec = json.loads((KERNELS / "jtrain" / "kernel.json").read_text())
        # without the class-data-sharing archive: a kernel started differently must not rewrite the real kernel's
        argv = [a for a in spec["argv"] if not a.startswith("-Xmx") and "SharedArchive" not in a]
        spec["argv"] = [argv[0], f"-Xmx{heap}"] + argv[1:]
        name = f"jtrain-heap-{heap}"
        (folder / "kernels" / name).mkdir(parents=True, exist_ok=True)
        (folder / "kernels" / name / "kernel.json").write_text(json.dumps(spec))
        os.environ["JUPYTER_PATH"] = f"{folder}{os.pathsep}{os.environ['JUPYTER_PATH']}"
        self.manager = KernelManager(kernel_name=name)
        self.manager.start_kernel(cwd=str(cwd))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    saved = os.environ["JUPYTER_PATH"]
    yield tmp_path_factory.mktemp("memory")
    os.environ["JUPYTER_PATH"] = saved


def error_text(cell):
    return "\n".join(cell.error["traceback"])


def test_a_cell_that_fills_the_heap_is_an_out_of_memory_error_and_the_session_goes_on(folder):
    k = SmallKernel(folder, "1g", ROOT)
    try:
        assert k.run('int kept = 42;\nString name = "before";').ok
        grow = k.run("List<long[]> grow = new ArrayList<>();\nwhile (true) grow.add(new long[100_000]);")
        assert not grow.ok and grow.error["ename"] == "OutOfMemoryError", grow.error
        text = error_text(grow)
        assert grow.error["evalue"] == "the kernel's heap (1 GB) is full: the cell was stopped, and the session goes on"
        assert "The session's variables still hold" in text and "set those you no longer need to null" in text, text
        assert "./jtrain lab --memory 2g" in text and "--sample N" in text, text
        assert "bug in jtrain" not in text

        # the heap is still held by `grow`, and cells run: the earlier variables are intact
        assert k.run("kept + 1").result["text/plain"] == "43"
        assert k.run("name").result["text/plain"] == 'before'
        assert k.run("grow = null;").ok

        # one statement that would fill the heap is refused before it starts
        huge = k.run("long[][] a = new long[100_000][100_000];")
        assert huge.error["ename"] == "OutOfMemoryError", huge.error
        assert huge.error["evalue"].startswith("new long[100000][100000] needs about 75 GB, more than the kernel's heap (1 GB)")
        assert k.run("kept").result["text/plain"] == "42"

        # and a magic's code runs out the same way
        timed = k.run("%time long[][] b = new long[50_000][50_000];")
        assert timed.error["ename"] == "OutOfMemoryError" and "bug in jtrain" not in error_text(timed), timed.error
        assert k.run("kept * 2").result["text/plain"] == "84"
    finally:
        k.close()


def test_a_file_too_big_for_the_heap_is_refused_and_the_earlier_table_stays(folder, tmp_path):
    # about 40 MB of text: loading it takes about 300 MB (7.5 times the file), more than a 256 MB heap holds
    rng = random.Random(5)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    with open(tmp_path / "big.csv", "w") as f:
        f.write("id,name,comment\n")
        for i in range(600_000):
            f.write(f"ID-{i:07d},{rng.choice(words)},{' '.join(rng.choice(words) for _ in range(8))}\n")
    size_mb = round((tmp_path / "big.csv").stat().st_size / 2**20)
    k = SmallKernel(folder, "256m", tmp_path)
    try:
        assert k.run("%data load iris --as big").ok
        refused = k.run("%data load big.csv")
        assert not refused.ok and refused.error["ename"] == "UsageError", refused.error
        message = refused.error["evalue"]
        assert message.startswith(f"'big.csv' is {size_mb} MB and loading it takes about "), message
        assert "of memory, but the heap has " in message and "free (of 256 MB)" in message, message
        for advice in ["%sql", "Spark", "./jtrain lab --memory"]:
            assert advice in message, (advice, message)
        assert k.run("big.name()").result["text/plain"] == "iris"
        assert k.run("big.rowCount()").result["text/plain"] == "150"
        # the advice works: %sql reads the file without loading it
        part = k.run("%%sql --as part\nSELECT name, count(*) AS n FROM 'big.csv' GROUP BY name")
        assert part.ok, part.error
        assert k.run("part.rowCount() > 100").result["text/plain"] == "true"
    finally:
        k.close()
