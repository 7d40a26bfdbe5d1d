"""A real browser: JupyterLab as `./jtrain lab` starts it, headless Debian chromium driven by Playwright, a %train
cell run by keyboard, and the live Plotly chart rendered by JupyterLab's plotly extension, with no request leaving
the machine."""
import pathlib
import shutil
import urllib.parse

import nbformat
import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
NOTEBOOK = "browser-check.ipynb"  # written into lessons/ for the test, removed after


@pytest.fixture()
def notebook():
    path = ROOT / "lessons" / NOTEBOOK
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "jtrain", "display_name": "Java (jtrain)", "language": "java"}})
    nb.cells = [nbformat.v4.new_code_cell("%data load iris\n%split iris --target species --stratify"),
                nbformat.v4.new_code_cell("%train mlp on train --target species --val val --epochs 15 --learning-rate 0.01")]
    nbformat.write(nb, path)
    yield path
    path.unlink(missing_ok=True)


def test_a_train_cell_draws_an_interactive_chart_offline(lab, notebook):
    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for this test: apt-get install chromium (./jtrain test does it when run as root)")
    from playwright.sync_api import sync_playwright

    base, token, port = lab
    requests = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: requests.append(r.url))
        try:
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_selector("text=Java (jtrain) | Idle", timeout=90_000)  # the kernel is up
            page.click("#jp-MainMenu >> text=Run")
            page.click(".lm-Menu-content >> text=Run All Cells")
            page.wait_for_function("document.body.innerText.includes('(finished)')", timeout=180_000)
            # when training ends the live PNG becomes the interactive chart: SVG traces drawn by plotly.js
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg .scatterlayer .trace').length >= 4", timeout=60_000)
            lines = page.eval_on_selector_all(".js-plotly-plot .scatterlayer .trace path.js-line", "els => els.map(e => e.getAttribute('d') || '')")
            assert len(lines) == 4 and all(d.count("L") >= 5 for d in lines), f"four drawn curves: {lines}"
            plotted = page.eval_on_selector(".js-plotly-plot", "gd => gd.data.map(t => [t.name, t.x.length])")
            assert plotted == [["loss", 15], ["val_loss", 15], ["accuracy", 15], ["val_accuracy", 15]], plotted
            assert "Jupyter news" not in page.inner_text("body"), "jtrain's Lab settings say never to fetch news, so Lab does not ask"

        finally:
            page.screenshot(path=str(ARTIFACTS / "browser-train.png"), full_page=True)
            browser.close()

    hosts = {urllib.parse.urlsplit(u).hostname for u in requests if urllib.parse.urlsplit(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"127.0.0.1", "localhost"}, f"requests left the machine: {sorted(hosts)}"
    assert any(f":{port}/" in u for u in requests)
