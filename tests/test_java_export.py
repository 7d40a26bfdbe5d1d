"""./jtrain java: a notebook as one Java program.

Lessons 05, 08 and 15 to 19 and the three projects convert, and the program's --run prints the same metrics, digit for
digit, as the notebook run on the kernel under the same seed (both in smoke mode, JTRAIN_SMOKE=1, which the library
reads in either). A notebook with a cell that cannot be translated is refused: exit status 2, the cell named, nothing
written, no stack trace.
"""
import concurrent.futures
import os
import re
import subprocess

import nbformat
import pytest

from conftest import ROOT
from test_notebooks import execute, tags

CONVERTED = ["lessons/05-choose-a-model.ipynb", "lessons/08-evaluate.ipynb", "notebooks/house-prices.ipynb",
             "notebooks/spam-filter.ipynb", "notebooks/image-classifier.ipynb",
             "lessons/15-forecasting.ipynb", "lessons/16-recommendation.ipynb", "lessons/17-text-generation.ipynb",
             "lessons/18-anomalies.ipynb", "lessons/19-federated-learning.ipynb"]
METRIC = re.compile(r"\b(accuracy|F1|R²|RMSE|MAE|MSE|val_loss|precision|recall|AUC|perplexity)\b")


def jtrain_java(*args, smoke=False):
    env = {k: v for k, v in os.environ.items() if k != "JTRAIN_SMOKE"}
    if smoke:
        env["JTRAIN_SMOKE"] = "1"
    return subprocess.run([str(ROOT / "jtrain"), "java", *map(str, args)], env=env, capture_output=True, text=True, timeout=900)


def metric_lines(text):
    """Lines that state metrics. Tables are left out (the kernel and the terminal lay them out differently), and so are
    the lines that describe a chart's traces."""
    return [line.strip() for line in text.splitlines()
            if METRIC.search(line) and "|" not in line and not re.search(r": (xy|heatmap|bar) ", line)]


def notebook_text(nb):
    text = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "varies" in tags(cell) and not cell.source.lstrip().startswith("%train"):
            continue  # timings; a %train cell is tagged varies for its duration, but its metrics must repeat
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                text.append(o.text)
            elif o.output_type in ("execute_result", "display_data") and "text/plain" in o.data:
                text.append(o.data["text/plain"].strip('"'))
    return "\n".join(text)


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: p.split("/")[-1].removesuffix(".ipynb"))
def test_the_program_prints_the_notebooks_metrics(path, tmp_path):
    notebook = ROOT / path
    program = tmp_path / "Main.java"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # the kernel runs the notebook while the program runs
        ran = pool.submit(jtrain_java, notebook, "--out", program, "--run", smoke=True)
        nb = execute(nbformat.read(notebook, as_version=4), notebook.parent, smoke=True)
        result = ran.result()
    assert result.returncode == 0, result.stderr[-3000:]
    source = program.read_text()
    assert not [line for line in source.splitlines() if line.lstrip().startswith("%")], "no magic is left in the program"

    expected = metric_lines(notebook_text(nb))
    printed = metric_lines(result.stdout)
    assert len(expected) >= 3, "the notebook states metrics: " + "\n".join(expected)
    missing = [line for line in expected if line not in printed]  # the same digits: one machine, one seed
    assert not missing, "the notebook printed these and the program did not:\n" + "\n".join(missing) \
                        + "\n--- the program printed:\n" + "\n".join(sorted(printed))


def test_an_untranslatable_cell_is_refused_and_named(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# serving"),
                nbformat.v4.new_code_cell("%seed 42\n%data load iris"),
                nbformat.v4.new_code_cell("%train tree on iris --target species"),
                nbformat.v4.new_code_cell("%serve model --port 8765"),
                nbformat.v4.new_code_cell("%lsmagic")]
    path = tmp_path / "serving.ipynb"
    nbformat.write(nb, path)
    result = jtrain_java(path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"jtrain java: {path} cannot become a program; nothing was written:", result.stderr
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["cell 4", "cell 5"], result.stderr
    assert "%serve runs an HTTP server" in lines[1] and "%lsmagic is not one of jtrain's magics" in lines[2], result.stderr
    assert "Exception" not in result.stderr and "\tat " not in result.stderr
    assert not (tmp_path / "Main.java").exists()


def test_the_program_is_written_beside_the_notebook_and_reads_like_it(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("%seed 7\n%data load wine"),
                nbformat.v4.new_code_cell("double share(Table t) {\n    return (double) t.rowCount() / wine.rowCount();\n}\n"
                                          "Table half = wine.first(89);\nshare(half)")]
    path = tmp_path / "wine.ipynb"
    nbformat.write(nb, path)
    result = jtrain_java(path, "--run")
    assert result.returncode == 0, result.stderr
    source = (tmp_path / "Main.java").read_text()
    assert "\nTable wine;\nTable half;\n" in source and "wine = Load.source(\"wine\");" in source, source
    assert "void main() throws Exception {" in source and "\ndouble share(Table t) {" in source, source
    assert result.stdout.splitlines()[-1] == "0.5", result.stdout


def test_maven_artifacts_are_listed_in_the_header_and_run_puts_them_on_the_classpath(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("%maven info.picocli:picocli:4.6.3"),  # jtrain's own picocli is renamed in its jars
                nbformat.v4.new_code_cell("picocli.CommandLine.VERSION")]
    path = tmp_path / "cli.ipynb"
    nbformat.write(nb, path)
    result = jtrain_java(path, "--out", tmp_path / "Cli.java", "--run")
    assert result.returncode == 0, result.stderr
    assert "// Dependencies (%maven), resolved by ./jtrain java --run:\n//   info.picocli:picocli:4.6.3\n" in (tmp_path / "Cli.java").read_text()
    assert result.stdout.strip() == "4.6.3", result.stdout
