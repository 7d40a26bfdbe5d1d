"""Shared fixtures: a real jtrain kernel started from the kernelspec that ./jtrain installed into .venv."""
import json
import os
import pathlib
import queue
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The project's kernelspec, never a globally installed one.
os.environ["JUPYTER_PATH"] = str(pathlib.Path(sys.prefix, "share", "jupyter"))
# Kernels run in full mode unless a test asks for smoke mode (test_notebooks.py does, unless --full).
os.environ.pop("JTRAIN_SMOKE", None)
# Runs recorded by %train and %tune during the tests go to a folder of their own, not into the repository.
os.environ["JTRAIN_RUNS"] = tempfile.mkdtemp(prefix="jtrain-runs-")


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true", help="run the notebooks in full, not in smoke mode (JTRAIN_SMOKE=1), "
                                                         "and compare them with their saved outputs")


@pytest.fixture
def full(request):
    return request.config.getoption("--full")


class Cell:
    """What a cell sent back: the execute_reply content and its iopub outputs."""

    def __init__(self, reply, outputs):
        self.reply = reply
        self.outputs = outputs

    @property
    def ok(self):
        return self.reply["status"] == "ok"

    def of(self, msg_type):
        return [o for o in self.outputs if o["msg_type"] == msg_type]

    @property
    def stdout(self):
        return "".join(o["content"]["text"] for o in self.of("stream") if o["content"]["name"] == "stdout")

    @property
    def result(self):
        results = self.of("execute_result")
        return results[0]["content"]["data"] if results else None

    @property
    def error(self):
        errors = self.of("error")
        return errors[0]["content"] if errors else None


class Kernel:
    def __init__(self, cwd=ROOT, env=None):
        self.manager = KernelManager(kernel_name="jtrain")
        self.manager.start_kernel(cwd=str(cwd), **({"env": env} if env is not None else {}))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code, timeout=120):
        msg_id = self.client.execute(code, allow_stdin=False)
        outputs = []
        assert self._read(msg_id, outputs, time.monotonic() + timeout), f"no reply within {timeout} s"
        return Cell(self._reply(msg_id), outputs)

    def interrupted(self, code, after, timeout=120):
        """Runs code and interrupts it `after` seconds later, unless it ended first. Returns the cell and whether the
        interrupt was sent while the cell still ran."""
        msg_id = self.client.execute(code, allow_stdin=False)
        outputs = []
        sent = not self._read(msg_id, outputs, time.monotonic() + after)
        before = len(outputs)
        if sent:
            self.manager.interrupt_kernel()
            assert self._read(msg_id, outputs, time.monotonic() + timeout), f"no reply within {timeout} s"
        cell = Cell(self._reply(msg_id), outputs)
        cell.before_interrupt = outputs[:before]  # what had arrived when the interrupt was sent
        return cell, sent

    def _read(self, msg_id, outputs, until):
        """Adds the cell's iopub messages to outputs until it is idle (True) or time is up (False). The parent's type
        is checked too: the ids of the manager's interrupt requests can equal those of the client's execute requests."""
        while time.monotonic() < until:
            try:
                msg = self.client.get_iopub_msg(timeout=max(0.001, min(0.05, until - time.monotonic())))
            except queue.Empty:
                continue
            parent = msg["parent_header"]
            if parent.get("msg_id") != msg_id or parent.get("msg_type") != "execute_request":
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return True
            outputs.append(msg)
        return False

    def _reply(self, msg_id):
        while True:
            reply = self.client.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    @property
    def pid(self):
        return self.manager.provisioner.process.pid

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel():
    k = Kernel()
    yield k
    k.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, token=None):
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, json.loads(r.read() or b"null")


@pytest.fixture(scope="module")
def lab():
    """JupyterLab started the way a user starts it: `./jtrain lab`, on a free port with a known token."""
    port, token = free_port(), secrets.token_hex(16)
    proc = subprocess.Popen(
        [str(ROOT / "jtrain"), "lab", "--no-browser", f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            get(f"{base}/api/status", token)
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.poll() is not None else ""
                proc.kill()
                pytest.fail(f"JupyterLab did not come up: {out[-2000:]}")
            time.sleep(0.5)
    yield base, token, port
    os.killpg(proc.pid, 15)
    proc.wait(timeout=30)
