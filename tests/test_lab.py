"""`./jtrain lab` really serves JupyterLab, on 127.0.0.1 with token auth, with the jtrain kernel and the lessons."""
import json
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT


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


def test_lab_lists_the_jtrain_kernel(lab):
    base, token, _ = lab
    status, specs = get(f"{base}/api/kernelspecs", token)
    assert status == 200
    spec = specs["kernelspecs"]["jtrain"]["spec"]
    assert spec["display_name"] == "Java (jtrain)"
    assert spec["interrupt_mode"] == "message"


def test_lab_opens_on_the_lessons(lab):
    base, token, _ = lab
    _, root = get(f"{base}/api/contents", token)
    names = {item["name"] for item in root["content"]}
    assert "00-welcome.ipynb" in names


def test_lab_needs_the_token(lab):
    base, _, _ = lab
    with pytest.raises(urllib.error.HTTPError) as e:
        get(f"{base}/api/contents")
    assert e.value.code == 403 or e.value.code == 401


def test_lab_listens_on_loopback_only(lab):
    _, _, port = lab
    other = [a for a in socket.gethostbyname_ex(socket.gethostname())[2] if not a.startswith("127.")]
    for address in other:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((address, port)) != 0, f"JupyterLab answers on {address}"
