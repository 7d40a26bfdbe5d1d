"""Loading a 1,000,000-row mixed CSV (numbers, text, dates, 5% missing): `%data load` in the jtrain kernel against
`pandas.read_csv` in the IPython kernel (told which column holds dates, since jtrain types them), alternated in one
run. The first load in each fresh kernel is reported beside the warm median."""
import pathlib
import random
import statistics

from csv_load import Kernel

NAME = "mixed-csv"
DATA = pathlib.Path(__file__).resolve().parent / "results" / "mixed_1m.csv"
CITIES = ["Lisbon", "Porto", "Madrid", "Seville", "Paris", "Lyon", "Berlin", "Munich", "Vienna", "Zurich"]


def make_file():
    """Seeded: an id, two numbers, a category, a city, a date and a flag; 5% of the numbers and categories missing."""
    if DATA.exists():
        return
    DATA.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    with open(DATA, "w") as f:
        f.write("id,price,quantity,category,city,day,returned\n")
        for i in range(1_000_000):
            price = "" if rng.random() < 0.05 else f"{rng.lognormvariate(3, 1):.2f}"
            qty = "" if rng.random() < 0.05 else str(rng.randrange(1, 50))
            cat = "" if rng.random() < 0.05 else rng.choice("ABCDEFGH") + str(rng.randrange(10))
            day = f"20{rng.randrange(15, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            f.write(f"{i},{price},{qty},{cat},{rng.choice(CITIES)},{day},{'true' if rng.random() < 0.1 else 'false'}\n")


def run(runs):
    make_file()
    times = {"jtrain %data load": [], "pandas.read_csv": []}
    jtrain = Kernel("jtrain", "1 + 1")
    ipython = Kernel("python3", "import pandas as pd")
    try:
        for _ in range(runs + 1):  # the first of each is the first run in a fresh kernel
            times["jtrain %data load"].append(jtrain.run(f"%data load {DATA} --as sales"))
            times["pandas.read_csv"].append(ipython.run(f"sales = pd.read_csv('{DATA}', parse_dates=['day'])"))
        jtrain.run('assert sales.rowCount() == 1_000_000 && sales.column("day").type().name().equals("LOCAL_DATE");')
        ipython.run("assert sales.shape == (1_000_000, 7) and str(sales['day'].dtype).startswith('datetime64')")
    finally:
        jtrain.close()
        ipython.close()
    return table(times, runs, "jtrain %data load", "pandas.read_csv",
                 f"File: {DATA.stat().st_size / 1e6:.0f} MB, 1,000,000 rows × 7 columns (integers, decimals, text, "
                 f"dates, booleans; 5% of numbers and categories missing). Goal (no slower than pandas): ", 1.0)


def table(times, runs, ours, theirs, note, goal):
    """first run, warm median of the rest, and the ratio of warm medians."""
    rows, med = [], {}
    for k, v in times.items():
        med[k] = statistics.median(v[1:])
        rows.append(f"| {k} | {v[0]:.2f} s | {med[k]:.2f} s | {min(v[1:]):.2f}–{max(v[1:]):.2f} s |")
    ratio = med[ours] / med[theirs]
    first = times[ours][0] / times[theirs][0]
    rows.append(f"| **{ours.split()[0]} / {theirs.split('.')[0].split()[0]}** | **{first:.2f}×** | **{ratio:.2f}×** | |")
    return ("| | first run | warm median | warm min–max |\n|---|---|---|---|\n" + "\n".join(rows)
            + f"\n\n{note}" + ("met" if ratio <= goal else "NOT met") + f" ({runs} warm runs each, alternated; every "
            + "time is from execute_request to execute_reply, so both include their kernel's messaging).\n")
