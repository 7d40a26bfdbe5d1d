"""jtrain's magics jar inside another host: stock JJava from PyPI, with the jar on JJAVA_CLASSPATH. The kernel must
start, say in one line what jtrain's magics need, and go on running cells."""
import os
import pathlib
import subprocess
import sys

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import ROOT
from test_classpath import JDK

STOCK = ROOT / ".cache" / "jjava-venv"
JJAVA = "jjava==1.0a8"


@pytest.fixture(scope="module")
def stock_kernel():
    stamp = STOCK / ".jtrain-installed"
    if not stamp.is_file() or stamp.read_text() != JJAVA:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(STOCK)], check=True)
        subprocess.run([str(STOCK / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", JJAVA],
                       check=True)
        stamp.write_text(JJAVA)
    specs = KernelSpecManager(kernel_dirs=[str(STOCK / "share" / "jupyter" / "kernels")])
    km = KernelManager(kernel_name="java", kernel_spec_manager=specs)
    env = dict(os.environ, PATH=f"{JDK}{os.pathsep}{os.environ['PATH']}",  # stock JJava runs the java on PATH
               JJAVA_CLASSPATH=str(ROOT / "magics" / "target" / "jtrain-magics.jar"))
    km.start_kernel(env=env)
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    yield client
    client.stop_channels()
    km.shutdown_kernel(now=True)


def run(client, code):
    """The execute_reply's content and the cell's iopub messages."""
    out = []
    reply = client.execute_interactive(code, timeout=120, output_hook=out.append)
    return reply["content"], out


def test_stock_jjava_starts_with_our_jar_and_says_what_the_magics_need(stock_kernel):
    reply, _ = run(stock_kernel, "int before = 41;")
    assert reply["status"] == "ok"
    reply, out = run(stock_kernel, "%train forest on t --target y")
    assert reply["status"] == "error"
    assert "%train is one of jtrain's magics, which need jtrain's kernel, not org.dflib.jjava.kernel.JavaKernel" in reply["evalue"]
    assert 'open the notebook with the kernel "Java (jtrain)"' in reply["evalue"]
    reply, out = run(stock_kernel, "before + 1")
    assert reply["status"] == "ok"
    assert [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"] == ["42"]
