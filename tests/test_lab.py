"""`./jtrain lab` really serves JupyterLab, on 127.0.0.1 with token auth, with the jtrain kernel and the lessons."""
import socket
import urllib.error

import pytest

from conftest import get


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


def test_lab_never_asks_to_fetch_news(lab):
    base, token, _ = lab
    _, settings = get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
    defaults = settings["schema"]["properties"]  # jtrain's overrides.json sets these defaults
    assert defaults["fetchNews"]["default"] == "false"  # Lab neither asks nor calls the news site
    assert defaults["checkForUpdates"]["default"] is False
