"""Runs the benchmarks in bench/ and prints their results; --write also puts them into bench/README.md.

Each benchmark module has NAME and run(runs) -> markdown. README sections sit between
<!-- NAME:begin --> and <!-- NAME:end --> markers.
"""
import argparse
import os
import pathlib
import platform
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["JUPYTER_PATH"] = str(pathlib.Path(sys.prefix, "share", "jupyter"))  # the project's kernelspec

import cold_start  # noqa: E402
import csv_load  # noqa: E402
import first_run  # noqa: E402
import mixed_csv  # noqa: E402
import serve  # noqa: E402
import spark_scaling  # noqa: E402
import sql  # noqa: E402
import training  # noqa: E402
import zoo  # noqa: E402

BENCHMARKS = {m.NAME: m for m in (cold_start, first_run, csv_load, mixed_csv, sql, training, serve, zoo, spark_scaling)}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    java = subprocess.run([os.environ.get("JAVA", "java"), "-version"], capture_output=True, text=True).stderr.splitlines()
    return f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {java[0] if java else ''}"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--only", choices=sorted(BENCHMARKS))
    p.add_argument("--write", action="store_true", help="update bench/README.md")
    p.add_argument("--models", help="zoo only: a comma-separated subset of its models, e.g. knn,logistic")
    p.add_argument("--sizes", help="spark only: a comma-separated subset of its sizes, 100k,1M,10M (default: all; about an hour)")
    args = p.parse_args()
    readme = HERE / "README.md"
    for name, bench in BENCHMARKS.items():
        if args.only and name != args.only:
            continue
        if args.models and name == "zoo":
            result = bench.run(args.runs, args.models.split(","))
        elif args.sizes and name == "spark":
            result = bench.run(args.runs, args.sizes.split(","))
        else:
            result = bench.run(args.runs)
        result += f"\nMachine: {machine()}.\n"
        print(f"## {name}\n\n{result}")
        if args.write:
            text = readme.read_text()
            pattern = re.compile(f"(<!-- {name}:begin -->\n).*?(<!-- {name}:end -->)", re.S)
            readme.write_text(pattern.sub(lambda m: m.group(1) + result + m.group(2), text))


if __name__ == "__main__":
    main()
