"""Apache Spark through the kernel, as a user drives it: %spark start, load, sql and sample, then --engine spark on
%train, %tune, %evaluate, %export and %import; mistakes, an interrupt, and real clusters of worker processes.

Starting Spark costs seconds and a cluster tens of them on a small machine: one kernel with one local[*] session serves
every test but the clusters', which get a kernel of their own."""
import json
import re
import subprocess
import time
import types

import pandas as pd
import psutil
import pytest

from conftest import ROOT, Kernel, get

DATASETS = ROOT / "datasets" / "src" / "main" / "resources" / "org" / "jtrain" / "datasets"
MLLIB_MODELS = "logistic, tree, forest, boosting, linear, ridge, lasso, naive-bayes, mlp"
# The jars the kernel loaded Spark from (JShell's loader, which %spark start adds them to) and the kernel's own: what
# %spark start --workers starts its daemons from, so a cluster on this machine runs on them. (./mvnw -pl spark
# dependency:build-classpath would need jtrain's modules installed in ~/.m2, which ./jtrain test never does.)
CLASSPATH = """String.join(java.io.File.pathSeparator, java.util.stream.Stream.concat(
        java.util.Arrays.stream(((java.net.URLClassLoader) org.apache.spark.SparkContext.class.getClassLoader()).getURLs())
                .map(u -> java.nio.file.Path.of(java.net.URI.create(u.toString())).toString()),
        java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)))
    .filter(p -> p.endsWith(".jar")).distinct().toList())"""


def ok(kernel, code, timeout=180):
    cell = kernel.run(code, timeout)
    assert cell.ok, (code, cell.error)
    return cell


def value(kernel, expression):
    """A Java expression's value, as the kernel shows it."""
    return ok(kernel, expression).result["text/plain"]


def refused(cell, *says):
    """A user's mistake: one UsageError line that says what to do, and no Java stack trace."""
    assert not cell.ok, cell.stdout
    assert cell.error["ename"] == "UsageError", cell.error
    assert "\n" not in cell.error["evalue"].strip(), cell.error["evalue"]
    shown = "\n".join(cell.error["traceback"])
    assert "\tat " not in shown and "    at " not in shown and "Exception" not in shown, shown
    for s in says:
        assert s in shown, shown


def accuracy(cell):
    return float(re.search(r": accuracy (\d\.\d+),", cell.stdout).group(1))


def final_progress(cell):
    """The progress bar as the fit left it."""
    return cell.of("update_display_data")[-1]["content"]["data"]["text/plain"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """breast_cancer as the rows to train on (all but every fourth) and the held-out rows, and iris, in files."""
    folder = tmp_path_factory.mktemp("spark-data")
    cancer = pd.read_csv(DATASETS / "breast_cancer.csv.gz")
    held = cancer.iloc[::4]
    cells = cancer.drop(held.index)
    cells.to_csv(folder / "cells.csv", index=False)
    held.to_csv(folder / "held_out.csv", index=False)  # the kernel writes it as Parquet: pyarrow is not in requirements.txt
    flowers = pd.read_csv(DATASETS / "iris.csv.gz")
    flowers.to_json(folder / "flowers.json", orient="records", lines=True)
    return types.SimpleNamespace(folder=folder, cells=len(cells), held=len(held), flowers=len(flowers),
                                 big=int((cells.mean_radius > 15).sum()))


@pytest.fixture(scope="module")
def spark(data):
    """A kernel with a local[*] session, cells (CSV), held_out (Parquet) and flowers (JSON) loaded into it, and held_t,
    the held-out rows as a table."""
    k = Kernel()
    try:
        d = data.folder
        ok(k, f"%data load {d}/held_out.csv --as held_t\n%data save held_t --to {d}/held_out.parquet")
        started = ok(k, "%spark start", timeout=300)  # the first start may fetch Spark's jars into ~/.m2
        loaded = {name: ok(k, f"%spark load {d}/{file} --as {name}")
                  for name, file in [("cells", "cells.csv"), ("held_out", "held_out.parquet"), ("flowers", "flowers.json")]}
        yield types.SimpleNamespace(kernel=k, started=started, loaded=loaded)
    finally:
        k.close()


@pytest.fixture(scope="module")
def forest(spark):
    """rf: a forest that MLlib fitted on the cells dataset; the cell that trained it."""
    return ok(spark.kernel, "%train forest on cells --target diagnosis --trees 20 --engine spark --as rf")


def test_spark_start_leaves_a_local_session_with_its_web_ui_off(spark):
    k = spark.kernel
    assert "spark = Spark session on local[*], started in " in spark.started.stdout, spark.started.stdout
    assert value(k, "spark instanceof org.apache.spark.sql.SparkSession") == "true"
    assert value(k, "spark.version()") == "4.2.0"
    assert value(k, "spark.sparkContext().master()") == "local[*]"
    assert value(k, 'spark.conf().get("spark.ui.enabled")') == "false"
    assert value(k, "spark.sparkContext().uiWebUrl().isEmpty()") == "true", "no web server runs"


def test_csv_parquet_and_json_load_as_datasets_and_sql_and_samples_come_back_as_tables(spark, data):
    k = spark.kernel
    for name in spark.loaded:
        assert value(k, f"{name} instanceof org.apache.spark.sql.Dataset") == "true"
        assert f"{name} (first 10 rows)" in spark.loaded[name].result["text/plain"]
    assert value(k, 'cells.count() + " " + held_out.count() + " " + flowers.count()') == f"{data.cells} {data.held} {data.flowers}"
    assert "species" in spark.loaded["flowers"].result["text/plain"]

    ok(k, "%spark sql --as big SELECT * FROM cells WHERE mean_radius > 15")
    assert value(k, "big.count()") == str(data.big)
    by_class = ok(k, "%spark sql SELECT diagnosis, count(*) AS n FROM held_out GROUP BY diagnosis ORDER BY diagnosis")
    assert re.search(r"benign\s*\|\s*\d+", by_class.result["text/plain"]), by_class.result["text/plain"]

    sampled = ok(k, "%spark sample cells --rows 100 --as s")
    assert sampled.stdout.startswith("s = 100 rows of cells, drawn with seed "), sampled.stdout
    assert value(k, 's.getClass().getName() + " " + s.rowCount()') == "tech.tablesaw.api.Table 100"
    ok(k, "%spark sample flowers --rows 1000 --as fl")
    assert value(k, "fl.rowCount()") == str(data.flowers), "all the rows of a smaller dataset"

    profile = ok(k, "%data profile s")
    assert profile.stdout.startswith("s: 100 rows × 31 columns"), profile.stdout
    smile = ok(k, "%train logistic on s --target diagnosis --as smile_lr")
    assert "smile_lr = logistic (classification, 30 features, classes benign/malignant" in smile.stdout, smile.stdout
    scored = ok(k, "%evaluate smile_lr on held_t")
    assert f"smile_lr on held_t ({data.held} rows)" in scored.stdout
    assert accuracy(scored) >= 0.92, scored.stdout  # 0.9720 measured; the sample's 100 rows make it vary


def test_a_forest_on_a_dataset_and_on_a_table_shows_spark_progress_and_scores_well(spark, forest, data):
    k = spark.kernel
    assert "rf = forest on Spark (classification, 30 features, classes benign/malignant; trees=20" in forest.stdout, forest.stdout
    done = re.search(r"forest \(Spark\): (\d+) stages done, tasks (\d+)/(\d+), .* elapsed \(finished\)", final_progress(forest))
    assert done and int(done[1]) > 0 and int(done[2]) == int(done[3]) > 0, final_progress(forest)
    scored = ok(k, "%evaluate rf on held_out --engine spark")
    assert f"rf on held_out ({data.held} rows): accuracy" in scored.stdout, scored.stdout
    assert accuracy(scored) >= 0.92, scored.stdout  # 0.9441 measured

    ok(k, "%spark sample cells --rows 100 --as few")
    on_table = ok(k, "%train forest on few --target diagnosis --trees 20 --engine spark --as rf_few")
    assert "rf_few = forest on Spark (classification, 30 features" in on_table.stdout, on_table.stdout
    assert re.search(r"stages done, tasks (\d+)/\1, .* \(finished\)", final_progress(on_table)), final_progress(on_table)
    scored = ok(k, "%evaluate rf_few on held_t --engine spark")  # a table, scored on Spark
    assert accuracy(scored) >= 0.90, scored.stdout  # 0.9441 measured, from 100 rows


def test_tune_on_spark_ranks_the_grid_and_refits_the_best(spark):
    k = spark.kernel
    tuned = ok(k, "%tune forest on cells --target diagnosis --param trees=5,15 --param max-depth=2,6 --cv 2 --engine spark --as tuned")
    assert "4 of 4 candidates scored by 2-fold cross-validation on cells" in tuned.stdout, tuned.stdout
    best = re.search(r"best: --trees (\d+), --max-depth (\d+) → accuracy (\d\.\d+)", tuned.stdout)
    assert best, tuned.stdout
    means = [float(m) for m in value(k, 'tuning.ranked().stream().map(c -> String.valueOf(c.mean()))'
                                        '.collect(java.util.stream.Collectors.joining(" "))').split()]
    assert len(means) == 4 and means == sorted(means, reverse=True), means
    assert means[0] > means[-1], f"the grid's candidates differ: {means}"
    assert abs(means[0] - float(best[3])) < 1e-4
    assert f"tuned = forest on Spark (classification, 30 features, classes benign/malignant; trees={best[1]}, mtry=0, max-depth={best[2]}," \
           in tuned.stdout, tuned.stdout


def test_export_writes_an_mllib_folder_that_import_reads_back_to_the_same_predictions(spark, forest, tmp_path):
    k = spark.kernel
    folder = tmp_path / "rf"
    written = ok(k, f"%export rf --to {folder} --engine spark")
    assert written.stdout.startswith(f"Wrote {folder} (MLlib's format, a folder) and rf.json: forest, 30 features."), written.stdout
    assert (folder / "metadata").is_dir() and (folder / "stages").is_dir(), list(folder.iterdir())
    sidecar = json.loads((tmp_path / "rf.json").read_text())
    assert (sidecar["format"], sidecar["engine"], sidecar["kind"], sidecar["target"], len(sidecar["features"])) == \
           ("jtrain-spark-model/1", "spark", "forest", "diagnosis", 30)

    read = ok(k, f"%import {folder} --as rf_back")
    assert read.stdout.startswith("rf_back = forest on Spark (classification, 30 features"), read.stdout
    labels = value(k, "java.util.Arrays.toString(rf.predict(held_t).labels())")
    assert labels == value(k, "java.util.Arrays.toString(rf_back.predict(held_t).labels())")
    assert "0" in labels and "1" in labels, labels
    probabilities = "java.util.Arrays.deepToString({}.predict(held_t).probabilities())"
    assert value(k, probabilities.format("rf")) == value(k, probabilities.format("rf_back"))


def test_mistakes_are_one_line_and_leave_the_variables_alone(spark, forest, data):
    k = spark.kernel
    identities = 'System.identityHashCode(rf) + " " + System.identityHashCode(cells) + " " + cells.count()'
    before = value(k, identities)
    refused(k.run("%train forest on cells --target diagnosis --engine sparc --as rf"), "--engine sparc", "Did you mean 'spark'?")
    refused(k.run("%train knn on cells --target diagnosis --engine spark --as rf"), "knn", MLLIB_MODELS)
    refused(k.run(f"%spark load {data.folder}/missing.csv --as cells"), "missing.csv")
    # a store Spark reaches itself: here one that is not there (a folder without an extension is read as Parquet)
    (data.folder / "corrupt.parquet").write_bytes(b"\x00\x01 not a parquet file \xff")
    refused(k.run(f"%spark load {data.folder}/corrupt.parquet --as cells"), "Spark could not read", "corrupt.parquet")
    refused(k.run("%spark load hdfs://127.0.0.1:1/flights --as cells"), "Spark could not read hdfs://127.0.0.1:1/flights", "Connection refused")
    refused(k.run("%spark sql SELECT diagnosys FROM cells"), "Spark SQL: [UNRESOLVED_COLUMN.WITH_SUGGESTION]", "`diagnosis`")
    refused(k.run("%spark sample rf --rows 5 --as cells"), "'rf' is a SparkModel, not a Spark dataset", "Datasets: cells, held_out, flowers")
    ok(k, "%train logistic on held_t --target diagnosis --as local_lr")
    refused(k.run("%evaluate local_lr on held_out --engine spark"), "trained on this machine", "drop --engine spark")
    assert value(k, identities) == before


def spark_daemons(process):
    """The Spark master, worker and executor processes below a process, by their main class."""
    found = {}
    for p in process.children(recursive=True):
        try:
            main = [a for a in p.cmdline() if a.startswith("org.apache.spark.")]
        except psutil.NoSuchProcess:
            continue
        if main:
            found[p] = main[0]
    return found


def test_clusters_of_worker_processes_run_the_tasks_and_stop_with_their_session(data, tmp_path):
    k = Kernel()
    cluster = None
    try:
        ok(k, "int keep = 7;")
        refused(k.run(f"%spark load {data.folder}/cells.csv --as keep"), "No Spark session is running: %spark start")
        # without the cluster's configuration, YARN's client would retry 0.0.0.0:8032 for many minutes
        refused(k.run("%spark start --master yarn --as keep"), "--master yarn needs HADOOP_CONF_DIR")
        assert value(k, "keep") == "7"

        # --workers: a master and workers that the kernel starts, and %spark stop stops
        started = ok(k, "%spark start --workers 2", timeout=300)
        assert "spark = Spark session on a cluster of 2 worker processes on this machine" in started.stdout, started.stdout
        assert value(k, "spark.range(0, 1000, 1, 4).count()") == "1000"
        ok(k, "%spark sql --as few SELECT 1 AS x")
        daemons = spark_daemons(psutil.Process(k.pid))
        assert sorted(daemons.values()) == ["org.apache.spark.deploy.master.Master", "org.apache.spark.deploy.worker.Worker",
                                            "org.apache.spark.deploy.worker.Worker",
                                            "org.apache.spark.executor.CoarseGrainedExecutorBackend",
                                            "org.apache.spark.executor.CoarseGrainedExecutorBackend"], daemons
        assert ok(k, "%spark stop").stdout == "Stopped the Spark session.\n"
        _, alive = psutil.wait_procs(list(daemons), timeout=15)
        assert not alive, f"left running: {alive}"
        refused(k.run("%spark sql SELECT 1"), "No Spark session is running")
        stale = k.run("spark.range(3).count()")
        assert not stale.ok and stale.error["evalue"].startswith("Cannot call methods on a stopped SparkContext."), stale.error

        # a standalone cluster in a process of its own, as another machine's would be
        with open(tmp_path / "cluster.log", "w") as log:
            cluster = subprocess.Popen([value(k, 'System.getProperty("java.home")') + "/bin/java", "-cp", value(k, CLASSPATH),
                                        "org.jtrain.spark.SparkCluster", "2", "1", "1g"],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
        first = cluster.stdout.readline().split()
        assert len(first) == 2, (tmp_path / "cluster.log").read_text()[-3000:]
        master, web = first
        ok(k, f"%spark start --master {master} --memory 512m --conf spark.ui.enabled=true --conf spark.ui.port=0 "
              "--conf spark.cores.max=2 --conf spark.scheduler.minRegisteredResourcesRatio=1.0", timeout=120)
        ok(k, f"%spark load {data.folder}/cells.csv --as cells")
        refused(k.run("%spark sample few --rows 1 --as t"), "That dataset belongs to a Spark session that was stopped")
        trained = ok(k, "%train forest on cells --target diagnosis --trees 10 --engine spark --as rf")
        assert "rf = forest on Spark (classification, 30 features" in trained.stdout, trained.stdout
        tuned = ok(k, "%tune tree on cells --target diagnosis --param max-depth=2,4 --cv 2 --engine spark --as tuned", timeout=300)
        assert "2 of 2 candidates scored by 2-fold cross-validation on cells" in tuned.stdout, tuned.stdout

        app = value(k, "spark.sparkContext().applicationId()")
        _, state = get(f"{web}/json/")
        assert [w["state"] for w in state["workers"]] == ["ALIVE", "ALIVE"], state["workers"]
        assert app in [a["id"] for a in state["activeapps"]], state["activeapps"]
        _, executors = get(f"{value(k, 'spark.sparkContext().uiWebUrl().get()')}/api/v1/applications/{app}/executors")
        tasks = {e["id"]: e["totalTasks"] for e in executors if e["id"] != "driver"}
        assert len(tasks) == 2 and all(n > 0 for n in tasks.values()), f"tasks per executor: {tasks}"
        ok(k, "%spark stop")
    finally:
        k.close()
        if cluster is not None:
            cluster.stdin.close()  # the cluster stops when its standard input closes
            try:
                cluster.wait(timeout=30)
            except subprocess.TimeoutExpired:
                cluster.kill()
                raise
    assert cluster.returncode == 0, (tmp_path / "cluster.log").read_text()[-3000:]


def test_an_interrupt_stops_a_spark_fit_and_its_jobs(spark, forest):
    k = spark.kernel
    ok(k, "import org.apache.spark.sql.Dataset;\nimport org.apache.spark.sql.Row;\n"
          'Dataset<Row> noise = spark.range(0, 400000, 1, 4).selectExpr("rand(1) AS a", "rand(2) AS b", "rand(3) AS c", '
          '"IF(rand(4) > 0.5, \'yes\', \'no\') AS y");')
    before = value(k, "System.identityHashCode(rf)")
    cell, interrupted = k.interrupted("%train forest on noise --target y --trees 300 --max-depth 15 --engine spark --as rf",
                                      after=3, timeout=30)
    assert interrupted, "the fit ended within 3 s: the test needs a longer one"
    assert cell.ok, cell.error
    assert "Interrupted before a model was complete, so none was kept (rf is the one from before)." in cell.stdout, cell.stdout
    # the jobs of a cancelled job group leave Spark's status tracker as its listener bus catches up
    deadline = time.monotonic() + 3
    while (active := value(k, "spark.sparkContext().statusTracker().getActiveJobIds().length")) != "0" \
            and time.monotonic() < deadline:
        time.sleep(0.2)
    assert active == "0", "Spark jobs still run after the interrupt"
    assert value(k, "System.identityHashCode(rf)") == before
    assert value(k, "1 + 1") == "2"
    # jtrain bug (JTrainKernel.evalRaw): a magic that polls the interrupt says what became of it, yet the kernel then adds
    # "The interrupt came as the cell was finishing: it ran to its end.", contradicting %train
    assert "ran to its end" not in cell.stdout, cell.stdout
