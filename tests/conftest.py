"""Shared fixtures: a real jtrain kernel started from the kernelspec that ./jtrain installed into .venv."""
import os
import pathlib
import sys

import pytest
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The project's kernelspec, never a globally installed one.
os.environ["JUPYTER_PATH"] = str(pathlib.Path(sys.prefix, "share", "jupyter"))


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
    def __init__(self):
        self.manager = KernelManager(kernel_name="jtrain")
        self.manager.start_kernel(cwd=str(ROOT))
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    def run(self, code, timeout=120):
        outputs = []
        reply = self.client.execute_interactive(code, timeout=timeout, output_hook=outputs.append,
                                                allow_stdin=False)
        return Cell(reply["content"], outputs)

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
