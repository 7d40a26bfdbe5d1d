"""Spark scaling: `%train logistic` and `%train forest` on 100k, 1M and 10M rows × 20 numeric columns, in Smile (the
kernel's JVM), in Spark `local[*]` (the same JVM, every core) and on a standalone cluster of two worker processes on
this machine (`%spark start --workers 2`). Each engine and size gets a fresh jtrain kernel, which loads the file
(`%data load` into a table for Smile, `%spark load` for Spark, which reads only the schema and first rows: Spark reads
the file during the fit) and trains the two models in turn, each scored on the same 20,000 held-out rows (`--val`).
The Spark session's start (`%spark start`) is timed on its own. A measurement that passes the cap is reported as
"> cap" and its kernel is stopped; the next model gets a fresh kernel. Smaller sizes get warm runs too.

The data (seeded, written once into bench/results/spark/ as Parquet): 20 standard normal features f0..f19 and a label
"yes" when w·x + 1.5·sin(2·f0)·f1 + 0.8·(f2² − 1) + noise(sd 2) > 0, else "no"; w is the same for every size. Logistic
regression learns the linear part, a forest some of the rest.
"""
import json
import os
import pathlib
import re
import statistics
import sys
import time

import numpy as np
import psutil
from jupyter_client.manager import KernelManager

NAME = "spark"
HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "results" / "spark"
SIZES = {"100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
WARM_UP_TO = 100_000  # sizes up to this get `runs` warm runs after the first; larger ones their first run only
FEATURES = 20
VAL_ROWS = 20_000
ROW_GROUP = 50_000  # Spark splits a Parquet file by row groups: a 100k file must have more than one to use both cores
CAP = 15 * 60  # seconds any one measurement may take
WORKERS, WORKER_MEMORY = 2, "4g"
FOREST = "--trees 20 --max-depth 10 --node-size 5"  # 100 trees at 10M rows would take hours on 2 cores
MODELS = {
    "logistic": "%train logistic on train --target label --val val --lambda 0.01 --max-iter 100 --as m --history h",
    "forest": f"%train forest on train --target label --val val {FOREST} --as m --history h",
}
ENGINES = {  # name: (column heading, session start, load, what %train adds)
    "smile": ("Smile", None, "%data load {file} --as train", ""),
    "local": ("Spark local[*]", "%spark start", "%spark load {file} --as train", " --engine spark"),
    "cluster": (f"Spark, {WORKERS} workers", f"%spark start --workers {WORKERS} --memory {WORKER_MEMORY}", "%spark load {file} --as train",
                " --engine spark"),
}
HEAP = ("System.gc(); var rt_ = Runtime.getRuntime(); "
        "System.out.println(rt_.totalMemory() - rt_.freeMemory());")  # live heap after a collection, bytes


# ---- data ----

def rule_weights():
    return np.random.default_rng(0).normal(size=FEATURES)


def write_parquet(path, rows, seed):
    """Written in chunks, so 10M rows never sit in memory at once; renamed into place only when whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    w, rng = rule_weights(), np.random.default_rng(seed)
    partial = path.with_suffix(".partial")
    writer = None
    try:
        for start in range(0, rows, 1_000_000):
            n = min(1_000_000, rows - start)
            x = rng.normal(size=(n, FEATURES))
            z = x @ w + 1.5 * np.sin(2 * x[:, 0]) * x[:, 1] + 0.8 * (x[:, 2] ** 2 - 1) + rng.normal(scale=2.0, size=n)
            t = pa.table({**{f"f{j}": x[:, j] for j in range(FEATURES)}, "label": np.where(z > 0, "yes", "no")})
            writer = writer or pq.ParquetWriter(partial, t.schema)
            writer.write_table(t, row_group_size=ROW_GROUP)
    finally:
        if writer:
            writer.close()
    partial.rename(path)
    return path


def make_data(sizes):
    t0 = time.perf_counter()
    files = {s: write_parquet(DATA / f"train_{s}.parquet", SIZES[s], [1, SIZES[s]]) for s in sizes}
    val = write_parquet(DATA / "val.parquet", VAL_ROWS, [2])
    log(f"data ready in {time.perf_counter() - t0:.1f} s: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in files.values()))
    return files, val


# ---- kernels ----

class Capped(Exception):
    pass


class Kernel:
    """A fresh jtrain kernel; `cell` times a cell from execute_request to its reply and returns (seconds, printed text)."""

    def __init__(self):
        self.km = KernelManager(kernel_name="jtrain")
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.pid = self.km.provisioner.process.pid

    def cell(self, code, timeout=CAP):
        out = []
        t0 = time.perf_counter()
        try:
            reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: out.append(m["content"].get("text", ""))
                                                if m["msg_type"] == "stream" else None)
        except TimeoutError:
            raise Capped(code) from None
        took = time.perf_counter() - t0
        c = reply["content"]
        if c["status"] != "ok":
            raise RuntimeError(f"{code.split()[0]} {code.split()[1]}: {c.get('ename')}: {str(c.get('evalue')).splitlines()[0][:200]}")
        return took, "".join(out).strip()

    def processes(self):
        """The kernel and every process it started (a cluster's master, workers and executors)."""
        try:
            me = psutil.Process(self.pid)
            return [me, *me.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def peak_mb(self):
        """Peak resident set (VmHWM) of the kernel plus that of each process it started, in MB."""
        total = 0
        for p in self.processes():
            try:
                total += next(int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith("VmHWM:"))
            except (FileNotFoundError, StopIteration):
                pass
        return total / 1024

    def close(self, busy=False):
        """Stops Spark (and so a cluster) unless the kernel is still busy; then ends the kernel and whatever it left."""
        started = self.processes()
        if not busy:
            try:
                self.cell("%spark stop", timeout=60)
            except (Capped, RuntimeError):
                pass
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        for p in started[1:]:  # a cluster's processes outlive a kernel that was killed
            try:
                p.terminate()
                p.wait(10)
            except psutil.NoSuchProcess:
                pass
            except psutil.TimeoutExpired:
                p.kill()


def log(text):
    print(f"[spark {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def measure(engine, size, file, val, runs):
    """One engine on one size: {start, load, heap, peak, logistic: {...}, forest: {...}}; a time is seconds, "cap" or "error: ..."."""
    heading, start, load, flag = ENGINES[engine]
    r, kernel = {}, None
    for model, code in MODELS.items():
        code += flag
        if "setup" in r:  # the session's start or the load failed or passed the cap: no model was trained
            r[model] = {"first": r["setup"]}
            continue
        step = "setup"
        try:
            if kernel is None:  # the first model's, or a fresh one after a model passed the cap
                kernel = Kernel()
                if engine == "smile":
                    r.setdefault("heap0", int(kernel.cell(HEAP)[1]) / 1e6)
                for key, cell in (("start", start), ("load", load.format(file=file))):
                    if cell:
                        step = key
                        r.setdefault(key, kernel.cell(cell)[0])
                step = "setup"
                kernel.cell(f"%data load {val} --as val")
                if engine == "smile":
                    r.setdefault("heap", int(kernel.cell(HEAP)[1]) / 1e6)
            step = model
            t = kernel.cell(code)[0]
            acc = float(kernel.cell('System.out.println(h.last().get("val_accuracy"));')[1])
            r[model] = {"first": t, "acc": acc, "warm": [kernel.cell(code)[0] for _ in range(runs if SIZES[size] <= WARM_UP_TO else 0)]}
            log(f"{size} {heading} {model}: {t:.2f} s, held-out accuracy {acc:.3f}"
                + (f", warm {[round(w, 2) for w in r[model]['warm']]}" if r[model]["warm"] else ""))
        except (Capped, RuntimeError) as e:
            outcome = "cap" if isinstance(e, Capped) else f"error: {e}"
            log(f"{size} {heading} {step}: " + (f"passed the cap of {CAP // 60} min" if outcome == "cap" else outcome))
            r[model] = {"first": outcome}
            setup = step in ("start", "load", "setup")
            if setup:
                r.setdefault(step if step != "setup" else "load", outcome)
                r["setup"] = outcome
            if setup or outcome == "cap":  # a failed %train leaves its kernel as it was; a busy one is stopped
                r["peak"] = max(r.get("peak", 0), kernel.peak_mb())
                kernel.close(busy=outcome == "cap")
                kernel = None
    if kernel is not None:
        if engine == "smile":
            r["heap_trained"] = int(kernel.cell(HEAP)[1]) / 1e6
        r["peak"] = max(r.get("peak", 0), kernel.peak_mb())
        kernel.close()
    r.pop("setup", None)
    return r


# ---- the report ----

def secs(v):
    if v is None:
        return "—"
    if v == "cap":
        return f"> {CAP // 60} min"
    if isinstance(v, str):
        return "failed"
    return f"{v:.1f} s" if v >= 10 else f"{v:.2f} s"


def outcome(v):
    """A measurement's time, "cap" or "error: ..."; other figures (heap, peak) as they are."""
    return v["first"] if isinstance(v, dict) else v


def time_cell(m):
    if not m:
        return "—"
    s = secs(m["first"])
    if m.get("warm"):
        s += f" (warm {secs(statistics.median(m['warm']))})"
    return s


def total(r, model, with_start):
    """From the file to a model: load + train (+ the session's start); None when a part was not measured."""
    parts = [r.get("load"), r.get(model, {}).get("first")] + ([r.get("start")] if with_start and "start" in r else [])
    if any(p == "cap" for p in parts):
        return float("inf")
    if any(not isinstance(p, float) for p in parts):
        return None
    return sum(parts)


def crossover(results, sizes, spark, model, with_start):
    """The smallest size at which this Spark engine had a model from the file sooner than Smile."""
    for s in sizes:
        a, b = total(results[s]["smile"], model, False), total(results[s][spark], model, with_start)
        if a is not None and b is not None and b < a:
            return s
    return None


def report(results, runs, took, loads):
    sizes = [s for s in SIZES if s in results]
    heads = [ENGINES[e][0] for e in ENGINES]
    lines = [f"Seconds from execute_request to execute_reply, the first run in a fresh kernel"
             + (f" (for {', '.join(s for s in sizes if SIZES[s] <= WARM_UP_TO)}: and the median of {runs} warm runs after it)" if any(
                SIZES[s] <= WARM_UP_TO for s in sizes) else "")
             + ". Training time includes encoding the table (Smile) or reading the Parquet file (Spark, whose load is lazy), "
               "and scoring the 20,000 held-out rows.", "",
             "| rows | model | " + " | ".join(heads) + " | held-out accuracy (" + " / ".join(heads) + ") |",
             "|---|---|" + "---|" * (len(heads) + 1)]
    for s in sizes:
        for model in MODELS:
            cells = [time_cell(results[s][e].get(model)) for e in ENGINES]
            accs = [f"{results[s][e][model]['acc']:.3f}" if "acc" in results[s][e].get(model, {}) else "—" for e in ENGINES]
            lines.append(f"| {SIZES[s]:,} | {model} | " + " | ".join(cells) + " | " + " / ".join(accs) + " |")
    lines += ["", "| rows | Smile `%data load` | Smile heap: after load / after training | peak resident set: "
              + " / ".join(heads) + " | `%spark start`: " + " / ".join(heads[1:]) + " | `%spark load`: " + " / ".join(heads[1:]) + " |",
              "|---|---|---|---|---|---|"]
    for s in sizes:
        sm = results[s]["smile"]
        heap = (f"{sm['heap'] / 1e3:.2f} / {sm['heap_trained'] / 1e3:.2f} GB" if isinstance(sm.get("heap_trained"), float)
                else f"{sm['heap'] / 1e3:.2f} GB / —" if isinstance(sm.get("heap"), float) else "—")
        peaks = " / ".join(f"{results[s][e]['peak'] / 1e3:.1f} GB" if "peak" in results[s][e] else "—" for e in ENGINES)
        lines.append(f"| {SIZES[s]:,} | {secs(sm.get('load'))} | {heap} | {peaks} | "
                     + " / ".join(secs(results[s][e].get("start")) for e in list(ENGINES)[1:]) + " | "
                     + " / ".join(secs(results[s][e].get("load")) for e in list(ENGINES)[1:]) + " |")
    errors = [f"{s} {ENGINES[e][0]} {k}: {outcome(v)}" for s in sizes for e in ENGINES for k, v in results[s][e].items()
              if str(outcome(v)).startswith("error")]
    lines += [""] + ([f"Failed: {'; '.join(dict.fromkeys(errors))}.", ""] if errors else [])

    # the crossover, from the table: the first size where Spark gave a model from the file sooner than Smile
    said = []
    for e in list(ENGINES)[1:]:
        for model in MODELS:
            fit, whole = crossover(results, sizes, e, model, False), crossover(results, sizes, e, model, True)
            said.append(f"{ENGINES[e][0]}, {model}: "
                        + (f"from {fit} rows" if fit else f"none up to {sizes[-1]}")
                        + (f" ({'from ' + whole if whole else 'none up to ' + sizes[-1]} counting the session's start)" if whole != fit else ""))
    largest = sizes[-1]
    sm = results[largest]["smile"]
    memory = ""
    if isinstance(sm.get("heap"), float) and sm["heap"] - sm["heap0"] > 200:  # below, the JVM's own noise
        per_row = (sm["heap"] - sm["heap0"]) * 1e6 / SIZES[largest]
        memory = (f" Smile's table took {(sm['heap'] - sm['heap0']) / 1e3:.2f} GB of heap at {SIZES[largest]:,} rows, live after a collection "
                  f"(about {per_row:.0f} bytes a row; 20 doubles are 160), and the kernel's resident set peaked at "
                  f"{sm.get('peak', 0) / 1e3:.1f} GB while it loaded and trained: at that rate the kernel's heap of {heap_size()} "
                  f"holds the table alone up to about {heap_gb() * 2**30 / per_row / 1e6:.0f}M rows, and fitting on it needs "
                  "more besides (the rows as arrays, a forest's sorted columns).")
    elif isinstance(sm.get("heap"), float):
        memory = f" Smile's table at {SIZES[largest]:,} rows is too small beside the JVM's own heap to estimate its memory from."
    lines += ["**Crossover** (the smallest size at which Spark had a model from the file, `load` + `%train`, sooner than "
              "Smile): " + "; ".join(said) + ".", "",
              f"Why: every engine here has the same {os.cpu_count()} cores. Smile builds a forest's trees in parallel on all of "
              "them, so `local[*]` brings no more cores, only Spark's own costs (planning, tasks, turning Parquet into rows) "
              "against what MLlib's algorithms do differently (a forest's features binned into 32 values, where Smile searches "
              "exact splits); the cluster adds processes, and serialization between them, on the same cores. Spark's gains "
              "come from more machines or cores than one JVM has, and from data that does not fit one JVM's heap."
              f"{memory}", "",
              f"Settings: logistic regression as `%train logistic --lambda 0.01 --max-iter 100` on both (L2 on "
              f"standardized features; MLlib's tolerance 1e-6); forest `{FOREST}` (Smile: exact splits, bootstrap samples; "
              f"MLlib: 32 bins a feature, bootstrap). Data: {FEATURES} standard normal features, label from a linear and "
              f"nonlinear rule with noise, seeded (bench/spark_scaling.py); 20,000 held-out rows; Parquet in row groups of "
              f"{ROW_GROUP:,} rows ({loads}). The cluster: `{ENGINES['cluster'][1]}`, a master and {WORKERS} workers of one "
              f"core each, as processes on this machine. Each measurement capped at {CAP // 60} minutes.", "",
              f"This run: {took / 60:.0f} min; load average {LOAD[0]:.1f} at its start, {os.getloadavg()[0]:.1f} at its end; "
              f"{time.strftime('%Y-%m-%d')}. Memory: {psutil.virtual_memory().total / 2**30:.0f} GiB; kernel heap {heap_size()} "
              "(from the kernelspec)."]
    return "\n".join(lines) + "\n"


def heap_size():
    spec = json.loads(pathlib.Path(sys.prefix, "share", "jupyter", "kernels", "jtrain", "kernel.json").read_text())
    return next((a[4:] for a in spec["argv"] if a.startswith("-Xmx")), "the JVM's default")


def heap_gb():
    m = re.fullmatch(r"(\d+)([mMgG])", heap_size())
    return int(m.group(1)) / (1024 if m and m.group(2) in "mM" else 1) if m else 4


LOAD = os.getloadavg()


def run(runs, sizes=None):
    global LOAD
    LOAD = os.getloadavg()
    t0 = time.perf_counter()
    sizes = sizes or list(SIZES)
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        raise SystemExit(f"--sizes: {', '.join(unknown)} unknown; give some of {', '.join(SIZES)}")
    sizes = [s for s in SIZES if s in sizes]
    files, val = make_data(sizes)
    results = {}
    for s in sizes:
        results[s] = {}
        for e in ENGINES:
            log(f"{s} rows, {ENGINES[e][0]}: fresh kernel")
            results[s][e] = measure(e, s, files[s], val, runs)
        (DATA / f"results_{s}.json").write_text(json.dumps(results[s], indent=1))  # raw figures, beside the data
    loads = ", ".join(f"{s}: {files[s].stat().st_size / 1e6:,.0f} MB" for s in sizes)
    return report(results, runs, time.perf_counter() - t0, loads)
