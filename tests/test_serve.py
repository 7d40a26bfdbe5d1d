"""%export/%import and %serve over the Jupyter protocol, with real files and real HTTP requests on the loopback."""
import json
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from conftest import ROOT, free_port


def post(url, body, timeout=10):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_export_import_round_trip_gives_identical_predictions(kernel, tmp_path):
    assert kernel.run("%seed 42\n%data load iris\n%split iris --target species --stratify").ok
    assert kernel.run("%train forest on train --target species --trees 30 --as rf").ok
    out = kernel.run(f"%export rf --to {tmp_path}/rf.model")
    assert out.ok, out.error
    assert "rf.model.json" in out.stdout and "seed 42" in out.stdout
    assert (tmp_path / "rf.model").stat().st_size > 1000
    sidecar = json.loads((tmp_path / "rf.model.json").read_text())
    assert sidecar["params"]["trees"] == "30" and sidecar["training"]["rows"] == 105
    assert kernel.run(f"%import {tmp_path}/rf.model --as back").ok
    same = kernel.run("java.util.Arrays.equals(rf.predict(test).labels(), back.predict(test).labels()) && "
                      "java.util.Arrays.deepEquals(rf.predict(test).probabilities(), back.predict(test).probabilities())")
    assert same.result["text/plain"] == "true"
    bad = kernel.run(f"%import {tmp_path}/nothing.model --as back")
    assert bad.error["ename"] == "UsageError" and "No model file at" in bad.error["evalue"]
    assert kernel.run("back.kind()").result["text/plain"] == "forest"


def test_a_plain_java_program_loads_the_exported_model(kernel, tmp_path):
    """Outside the notebook: a single-file Java program with jtrain's jars on its classpath."""
    assert kernel.run("%seed 42\n%data load iris\n%train logistic on iris --target species --as lr").ok
    assert kernel.run(f"%export lr --to {tmp_path}/lr.model").ok
    program = tmp_path / "Predict.java"
    program.write_text(
        "import org.jtrain.train.*; import org.jtrain.train.files.ModelFiles; import tech.tablesaw.api.*; import java.nio.file.Path;\n"
        "public class Predict { public static void main(String[] a) throws Exception {\n"
        "  Model m = ModelFiles.read(Path.of(a[0]));\n"
        "  Table t = Table.create(\"new\", DoubleColumn.create(\"sepal_length\", 6.3), DoubleColumn.create(\"sepal_width\", 3.3),\n"
        "      DoubleColumn.create(\"petal_length\", 6.0), DoubleColumn.create(\"petal_width\", 2.5));\n"
        "  System.out.println(m.classes().get(m.predict(t).labels()[0])); } }\n")
    spec = json.loads((ROOT / ".venv/share/jupyter/kernels/jtrain/kernel.json").read_text())
    java, cp = spec["argv"][0], spec["argv"][spec["argv"].index("-cp") + 1]
    run = subprocess.run([java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, str(program), str(tmp_path / "lr.model")],
                         capture_output=True, text=True, timeout=120, env={**spec["env"], "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "virginica"


def test_serve_answers_validates_and_stops(kernel):
    assert kernel.run("%seed 42\n%data load iris\n%train logistic on iris --target species --as served").ok
    port = free_port()
    out = kernel.run(f"%serve served --port {port}")
    assert out.ok, out.error
    base = f"http://127.0.0.1:{port}"
    assert f"Serving served (logistic) on {base}" in out.stdout
    with urllib.request.urlopen(base + "/health", timeout=5) as r:
        health = json.loads(r.read())
    assert health["status"] == "ok" and list(health["features"]) == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    row = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}
    status, body = post(base + "/predict", row)
    assert status == 200 and body["predictions"][0]["label"] == "setosa"
    assert abs(sum(body["predictions"][0]["probabilities"].values()) - 1) < 1e-9
    # the same answer as the model in the notebook gives
    p = kernel.run("served.predict(iris.first(3)).labels()[0] + \" \" + served.predict(iris.first(3)).probabilities()[0][0]")
    status, body = post(base + "/predict", [dict(zip(row, v)) for v in ([5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5])])
    assert status == 200 and [b["label"] for b in body["predictions"]] == ["setosa", "virginica"]
    assert p.result["text/plain"].strip('"') == f"0 {body['predictions'][0]['probabilities']['setosa']}"

    for bad, message in [(b"{not json", "the body is not valid JSON"),
                         ({"sepal_length": 5.1}, "missing field 'sepal_width'"),
                         ({**row, "sepal_width": "wide"}, "field 'sepal_width' must be a number, got \"wide\""),
                         ({**row, "petal_lenght": 1}, "unknown field 'petal_lenght'"),
                         ([], "send a JSON object of features")]:
        status, body = post(base + "/predict", bad)
        assert status == 400 and message in body["error"], (bad, status, body)
    status, body = post(base + "/predict", {**row, "petal_lenght": 1})
    assert "Did you mean 'petal_length'?" in body["error"]

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: post(base + "/predict", row)[0], range(400)))
    assert statuses == [200] * 400

    again = kernel.run(f"%serve served --port {port}")
    assert again.error["ename"] == "UsageError" and "already serving served" in again.error["evalue"]
    assert "Stopped serving served" in kernel.run("%serve --stop").stdout
    try:
        urllib.request.urlopen(base + "/health", timeout=2)
        raise AssertionError("still serving after --stop")
    except urllib.error.URLError:
        pass
