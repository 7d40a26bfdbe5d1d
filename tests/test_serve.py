"""%export/%import and %serve over the Jupyter protocol, with real files and real HTTP requests on the loopback."""
import hashlib
import io
import json
import re
import socket
import time
import subprocess
import urllib.error
import urllib.request
import zipfile
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


def _forged(exported, weights, to):
    """A model file that says it is `exported` but holds these weights, sealed as %export seals its files."""
    with zipfile.ZipFile(exported) as z:
        meta = json.loads(z.read("model.json"))
    meta["weights"] = {"sha256": hashlib.sha256(weights).hexdigest(), "bytes": len(weights)}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.comment = b"0" * 64
        z.writestr("model.json", json.dumps(meta))
        z.writestr("weights.bin", weights)
    data = buf.getvalue()
    to.write_bytes(data[:-64] + hashlib.sha256(data[:-64]).hexdigest().encode())


def test_a_model_file_built_to_never_finish_loading_is_refused_at_once(kernel, tmp_path):
    """Nested HashSets, each level twice: reading them back hashes 2^100 times (the classic deserialization bomb)."""
    assert kernel.run("%seed 42\n%data load iris\n%train logistic on iris --target species --as kept").ok
    assert kernel.run(f"%export kept --to {tmp_path}/kept.model").ok
    made = kernel.run(
        "java.util.Set<Object> root = new java.util.HashSet<>(), a = root, b = new java.util.HashSet<>();\n"
        "for (int i = 0; i < 100; i++) {\n"
        "    java.util.Set<Object> c = new java.util.HashSet<>(), d = new java.util.HashSet<>();\n"
        "    c.add(\"x\"); a.add(c); a.add(d); b.add(c); b.add(d); a = c; b = d;\n"
        "}\n"
        f"try (var out = new java.io.ObjectOutputStream(new java.io.FileOutputStream(\"{tmp_path}/bomb.bin\"))) {{ out.writeObject(root); }}")
    assert made.ok, made.error
    _forged(tmp_path / "kept.model", (tmp_path / "bomb.bin").read_bytes(), tmp_path / "bomb.model")
    assert (tmp_path / "bomb.model").stat().st_size < 10_000
    started = time.monotonic()
    cell = kernel.run(f"%import {tmp_path}/bomb.model --as bomb")
    assert time.monotonic() - started < 1.0, "refused within a second"
    assert cell.error["ename"] == "UsageError" and cell.error["evalue"].startswith("Refused to load"), cell.error
    assert len(cell.error["traceback"]) <= 3, cell.error["traceback"]
    assert kernel.run("kept.kind()").result["text/plain"] == "logistic"  # the session lost nothing
    assert not kernel.run("bomb").ok


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


def _serve(kernel, options):
    """Serves a fresh iris model with these options; returns the printed lines and the port."""
    assert kernel.run("%serve --stop").ok
    assert kernel.run("%seed 42\n%data load iris\n%train logistic on iris --target species --as guarded").ok
    port = free_port()
    out = kernel.run(f"%serve guarded --port {port} {options}")
    assert out.ok, out.error
    return out.stdout, port


def test_serving_beyond_this_machine_needs_a_token(kernel):
    printed, port = _serve(kernel, "--host 0.0.0.0")
    token = re.search(r"--token ([0-9a-f]{32})", printed)
    assert token, printed  # none was given: one is made and printed
    url = re.search(r"on (http://\S+?)(?: \(|: )", printed).group(1)
    assert "0:0:0:0" not in url and not url.startswith("http://0.0.0.0"), printed  # a URL others can use
    assert url.endswith(f":{port}")
    base = f"http://127.0.0.1:{port}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token.group(1)}):
        req = urllib.request.Request(base + "/health", headers=headers)
        try:
            urllib.request.urlopen(req, timeout=5)
            raise AssertionError(f"answered without the token: {headers}")
        except urllib.error.HTTPError as e:
            assert e.code == 401 and "Bearer" in e.headers.get("WWW-Authenticate", ""), (headers, e.code)
            assert "token" in json.loads(e.read())["error"]
    req = urllib.request.Request(base + "/health", headers={"Authorization": f"Bearer {token.group(1)}"})
    with urllib.request.urlopen(req, timeout=5) as r:
        assert json.loads(r.read())["model"] == "guarded"
    assert kernel.run("%serve --stop").ok


def test_a_large_body_gets_413_and_idle_connections_do_not_starve_the_server(kernel):
    _, port = _serve(kernel, "")
    big = b'{"sepal_length": ' + b"1" * (10 << 20) + b"}"  # 10 MB
    status, body = post(f"http://127.0.0.1:{port}/predict", big)
    assert status == 413 and "bytes" in body["error"], (status, body)
    # 200 connections that start a request and never finish it (slowloris)
    idle = []
    for _ in range(200):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n")
        idle.append(s)
    try:
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as r:
            assert r.status == 200
        status, _ = post(f"http://127.0.0.1:{port}/predict", {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2})
        assert status == 200
        assert time.monotonic() - started < 2, "the server answered late"
    finally:
        for s in idle:
            s.close()
    assert kernel.run("%serve --stop").ok
