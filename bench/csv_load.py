"""Loading a 1,000,000-row x 10-column numeric CSV: `%data load` in the jtrain kernel against `pandas.read_csv`
in the IPython kernel, alternated in one run, each timed from execute_request to execute_reply."""
import pathlib
import random
import statistics
import time

from jupyter_client.manager import KernelManager

NAME = "csv-load"
DATA = pathlib.Path(__file__).resolve().parent / "results" / "numeric_1m_x10.csv"


def make_file():
    """Seeded, like a real measurement table: 5 integer columns and 5 with 6 decimals."""
    if DATA.exists():
        return
    DATA.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    with open(DATA, "w") as f:
        f.write(",".join(f"i{k}" for k in range(5)) + "," + ",".join(f"x{k}" for k in range(5)) + "\n")
        for _ in range(1_000_000):
            ints = [str(rng.randrange(0, 100000)) for _ in range(5)]
            floats = [f"{rng.gauss(0, 100):.6f}" for _ in range(5)]
            f.write(",".join(ints + floats) + "\n")


class Kernel:
    def __init__(self, name, setup):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.run(setup)

    def run(self, code):
        t0 = time.perf_counter()
        reply = self.kc.execute_interactive(code, timeout=600, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        return time.perf_counter() - t0

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def run(runs):
    make_file()
    jtrain = Kernel("jtrain", "1 + 1")
    ipython = Kernel("python3", "import pandas as pd")
    try:
        times = {"jtrain %data load": [], "pandas.read_csv": []}
        for _ in range(runs):
            times["jtrain %data load"].append(jtrain.run(f"%data load {DATA} --as big"))
            times["pandas.read_csv"].append(ipython.run(f"big = pd.read_csv('{DATA}')"))
        jtrain.run('assert big.rowCount() == 1_000_000 && big.columnCount() == 10;')
        ipython.run("assert big.shape == (1_000_000, 10)")
    finally:
        jtrain.close()
        ipython.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = [f"| {k} | {med[k]:.2f} s | {v[0]:.2f} s | {min(v):.2f}–{max(v):.2f} s |" for k, v in times.items()]
    ratio = med["jtrain %data load"] / med["pandas.read_csv"]
    rows.append(f"| **jtrain / pandas** | **{ratio:.2f}×** | | |")
    size = DATA.stat().st_size / 1e6
    return ("| reader | median | first run | min–max |\n|---|---|---|---|\n" + "\n".join(rows)
            + f"\n\nFile: {size:.0f} MB, 1,000,000 rows × 10 numeric columns; {runs} alternated runs, each from "
            + "execute_request to execute_reply, so both include their kernel's messaging. Goal (no slower than pandas): "
            + ("met." if ratio <= 1.0 else "NOT met.") + "\n")
