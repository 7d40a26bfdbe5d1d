"""A GROUP BY over a 10,000,000-row Parquet file: `%%sql` in the jtrain kernel (embedded DuckDB over JDBC) against
DuckDB's own Python client and pandas with pyarrow, in the IPython kernel, alternated in one run. The first query in
each fresh kernel is reported beside the warm median."""
import pathlib
import statistics

from csv_load import Kernel

NAME = "sql"
DATA = pathlib.Path(__file__).resolve().parent / "results" / "sales_10m.parquet"
QUERY = f"SELECT store, count(*) AS n, avg(amount) AS mean, max(amount) AS top FROM '{DATA}' GROUP BY store ORDER BY store"


def make_file():
    """Deterministic without a random generator: values from DuckDB's hash of the row number."""
    if DATA.exists():
        return
    import duckdb
    DATA.parent.mkdir(parents=True, exist_ok=True)
    duckdb.sql(f"""COPY (SELECT i AS id, hash(i) % 1000 AS store, (hash(i * 7) % 100000) / 100.0 AS amount,
                        DATE '2020-01-01' + CAST(hash(i * 13) % 2000 AS INTEGER) AS day
                        FROM range(10000000) t(i)) TO '{DATA}' (FORMAT parquet)""")


def run(runs):
    make_file()
    peers = {
        "jtrain %%sql": "%%sql --as per_store\n" + QUERY,
        "DuckDB Python": f'per_store = duckdb.sql("{QUERY}").df()',
        "pandas + pyarrow": f"s = pd.read_parquet('{DATA}', columns=['store', 'amount']); "
                            "per_store = s.groupby('store')['amount'].agg(['count', 'mean', 'max']).reset_index()",
    }
    times = {k: [] for k in peers}
    jtrain = Kernel("jtrain", "1 + 1")
    ipython = Kernel("python3", "import duckdb, pandas as pd")
    try:
        for _ in range(runs + 1):  # the first of each is the first query in a fresh kernel
            for name, code in peers.items():
                times[name].append((jtrain if name.startswith("jtrain") else ipython).run(code))
        jtrain.run("assert per_store.rowCount() == 1000;")
        ipython.run("assert len(per_store) == 1000")
    finally:
        jtrain.close()
        ipython.close()
    rows, med = [], {k: statistics.median(v[1:]) for k, v in times.items()}
    for k, v in times.items():
        rows.append(f"| {k} | {v[0]:.2f} s | {med[k]:.2f} s | {min(v[1:]):.2f}–{max(v[1:]):.2f} s |")
    ratio = med["jtrain %%sql"] / med["DuckDB Python"]
    rows.append(f"| **jtrain / DuckDB Python** | **{times['jtrain %%sql'][0] / times['DuckDB Python'][0]:.2f}×** | **{ratio:.2f}×** | |")
    rows.append(f"| **jtrain / pandas** | **{times['jtrain %%sql'][0] / times['pandas + pyarrow'][0]:.2f}×** "
                f"| **{med['jtrain %%sql'] / med['pandas + pyarrow']:.2f}×** | |")
    return ("| | first run | warm median | warm min–max |\n|---|---|---|---|\n" + "\n".join(rows)
            + f"\n\nFile: {DATA.stat().st_size / 1e6:.0f} MB of Parquet, 10,000,000 rows; the query groups them into "
            + "1,000 stores and leaves a table (Tablesaw in jtrain, a DataFrame in Python). Goal (within 1.2× of DuckDB "
            + "Python, the same engine): " + ("met" if ratio <= 1.2 else "NOT met")
            + f" ({runs} warm runs each, alternated; every time is from execute_request to execute_reply).\n")
