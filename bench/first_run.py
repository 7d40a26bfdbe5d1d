"""First runs in a fresh kernel, and the kernel's memory: jtrain against IPython, each started anew for every run.

In each fresh kernel, in order, as a first notebook goes: start → the reply of a first `1 + 1`; the first
`%data load fashion-mnist` against `import pandas` + `pd.read_csv`; the first `%train forest` on iris against
scikit-learn's RandomForestClassifier (same hyperparameters, train accuracy scored by both); the first chart against
plotly express. Python's first cells include their imports: in a fresh kernel that is what the first run costs (jtrain
loads its classes on first use too). Memory is the resident set (VmRSS in /proc/PID/status) of the kernel's process
and its children, at idle after the first cell and after fashion-mnist is loaded.

jtrain runs twice: with the AOT cache that ./jtrain setup builds (the installed kernelspec) and without it (the same
kernelspec minus -XX:AOTCache). The three kernels are started in turn, so the machine's noise hits them alike.
"""
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

import psutil
from jupyter_client.manager import KernelManager

NAME = "first-run"
DATASETS = pathlib.Path(__file__).resolve().parent.parent / "datasets" / "src" / "main" / "resources" / "org" / "jtrain" / "datasets"
FASHION, IRIS = DATASETS / "fashion-mnist.csv.gz", DATASETS / "iris.csv.gz"
IDLE_WAIT = 2.0  # seconds after the first cell before idle memory is read: what a kernel starts in the background settles

JAVA = {
    "load": "%data load fashion-mnist --as fashion",
    "pre-train": "%data load iris",
    "train": "%train forest on iris --target species",
    "chart": "%plot scatter iris sepal_length petal_length --color species",
}
PYTHON = {
    "import": "import pandas as pd",
    "load": f"fashion = pd.read_csv('{FASHION}')",
    "pre-train": f"iris = pd.read_csv('{IRIS}')",
    "train": ("from sklearn.ensemble import RandomForestClassifier\n"
              "X, y = iris.drop(columns='species'), iris['species']\n"
              "model = RandomForestClassifier(n_estimators=100, max_depth=20, min_samples_leaf=5, max_features='sqrt', "
              "n_jobs=-1, random_state=42).fit(X, y)\n"
              "model.score(X, y)"),
    "chart": ("import plotly.express as px\n"
              "px.scatter(iris, x='sepal_length', y='petal_length', color='species')"),
}
PLOTLY = "application/vnd.plotly.v1+json"


def rss_mb(pid):
    """The resident set of a process and its children, in MB, from /proc/PID/status."""
    total = 0
    for p in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        try:
            for line in open(f"/proc/{p.pid}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


class Fresh:
    """A kernel started for one run; `cell` times a cell from execute_request to its reply."""

    def __init__(self, kernel_name):
        self.km = KernelManager(kernel_name=kernel_name)
        t0 = time.perf_counter()
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)  # sends kernel_info_request until the reply arrives
        self.t_ready = time.perf_counter() - t0
        self.cell("1 + 1")
        self.first = time.perf_counter() - t0  # start → reply of the first cell
        self.pid = self.km.provisioner.process.pid
        times = psutil.Process(self.pid).cpu_times()
        self.cpu = times.user + times.system  # what the start cost in CPU, which other work on the machine barely changes

    def cell(self, code):
        shown = []
        t0 = time.perf_counter()
        reply = self.kc.execute_interactive(code, timeout=600, output_hook=lambda m: shown.append(m))
        took = time.perf_counter() - t0
        assert reply["content"]["status"] == "ok", (code, reply["content"])
        return took, shown

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def one_run(kernel_name, python):
    k = Fresh(kernel_name)
    try:
        row = {"ready": k.t_ready, "first": k.first, "cpu": k.cpu}
        time.sleep(IDLE_WAIT)
        row["idle"] = rss_mb(k.pid)
        cells = PYTHON if python else JAVA
        if python:
            row["import"] = k.cell(cells["import"])[0]
            row["idle+pandas"] = rss_mb(k.pid)
        row["load"] = k.cell(cells["load"])[0] + row.get("import", 0)
        row["loaded"] = rss_mb(k.pid)
        k.cell(cells["pre-train"])
        row["train"] = k.cell(cells["train"])[0]
        row["chart"], shown = k.cell(cells["chart"])
        assert any(PLOTLY in m["content"].get("data", {}) for m in shown), "the chart showed no Plotly figure"
        k.cell("assert fashion.rowCount() == 7000;" if not python else "assert fashion.shape == (7000, 786)")
        return row
    finally:
        k.close()


def without_aot(kernels_dir):
    """A kernelspec like the installed one, minus its AOT cache."""
    spec = json.loads(pathlib.Path(sys.prefix, "share", "jupyter", "kernels", "jtrain", "kernel.json").read_text())
    spec["argv"] = [a for a in spec["argv"] if not a.startswith("-XX:AOTCache=")]
    spec["display_name"] = "jtrain without its AOT cache"
    here = pathlib.Path(kernels_dir, "kernels", "jtrain-no-aot")
    here.mkdir(parents=True)
    (here / "kernel.json").write_text(json.dumps(spec))
    return "jtrain-no-aot"


def fmt(values, unit="s", digits=2):
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def run(runs):
    with tempfile.TemporaryDirectory(prefix="jtrain-bench-") as extra:
        os.environ["JUPYTER_PATH"] = extra + os.pathsep + os.environ["JUPYTER_PATH"]
        kernels = {"jtrain": ("jtrain", False), "jtrain, no AOT cache": (without_aot(extra), False),
                   "IPython": ("python3", True)}
        samples = {label: [] for label in kernels}
        for _ in range(runs):
            for label, (name, python) in kernels.items():
                samples[label].append(one_run(name, python))
    med = {label: {key: statistics.median(r[key] for r in rows) for key in rows[0]} for label, rows in samples.items()}

    def col(label, key, unit="s", digits=2):
        return fmt([r[key] for r in samples[label]], unit, digits)

    def ratio(key, a="jtrain", b="IPython"):
        return f"**{med[a][key] / med[b][key]:.2f}×**"

    steps = [("first", "start → first `1 + 1` reply", "start → first `1 + 1` reply"),
             ("load", "first `%data load fashion-mnist`", "`import pandas` + `pd.read_csv` (import: {imp})"),
             ("train", "first `%train forest` on iris", "scikit-learn `RandomForestClassifier` fit + score"),
             ("chart", "first `%plot scatter` (Plotly JSON + PNG)", "plotly express scatter (import included)")]
    lines = ["| first run in a fresh kernel | jtrain | jtrain, no AOT cache | IPython peer | peer | jtrain / peer |",
             "|---|---|---|---|---|---|"]
    for key, what, peer in steps:
        lines.append(f"| {what} | {col('jtrain', key)} | {col('jtrain, no AOT cache', key)} | {col('IPython', key)} "
                     f"| {peer.format(imp=col('IPython', 'import'))} | {ratio(key)} |")
    lines += ["", "| kernel memory (VmRSS, MB) | jtrain | jtrain, no AOT cache | IPython + pandas |", "|---|---|---|---|",
              f"| idle, {IDLE_WAIT:.0f} s after the first cell | {col('jtrain', 'idle', 'MB', 0)} "
              f"| {col('jtrain, no AOT cache', 'idle', 'MB', 0)} | {col('IPython', 'idle', 'MB', 0)} "
              f"(with pandas imported: {col('IPython', 'idle+pandas', 'MB', 0)}) |",
              f"| after loading fashion-mnist (7,000 × 786) | {col('jtrain', 'loaded', 'MB', 0)} "
              f"| {col('jtrain, no AOT cache', 'loaded', 'MB', 0)} | {col('IPython', 'loaded', 'MB', 0)} |"]
    lines.insert(3, f"| CPU time of the kernel process to that reply | {col('jtrain', 'cpu')} "
                    f"| {col('jtrain, no AOT cache', 'cpu')} | {col('IPython', 'cpu')} | user + system | {ratio('cpu')} |")
    r = med["jtrain"]["first"] / med["IPython"]["first"]
    lines += ["", f"Medians (min–max) of {runs} runs, each kernel started anew for every run, the three in turn; "
                  f"kernel_info_reply came after {med['jtrain']['ready']:.2f} s (jtrain), "
                  f"{med['jtrain, no AOT cache']['ready']:.2f} s (no AOT cache) and {med['IPython']['ready']:.2f} s "
                  f"(IPython). Goal (cold start to the first result ≤ 1.5× IPython): "
                  f"{'met' if r <= 1.5 else 'NOT met'} ({r:.2f}×)."]
    return "\n".join(lines) + "\n"
