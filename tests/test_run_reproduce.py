"""./jtrain run and ./jtrain reproduce, run as a user runs them (the real script, kernel and nbclient), on small
notebooks written here; the comparison and the environment notes also on their own. Every lesson reproducing in smoke
mode is test_notebooks.py's check: it runs and compares them through the same code (tools/notebook_run.py)."""
import re
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebook_run  # noqa: E402

SPEC = {"kernelspec": {"name": "jtrain", "display_name": "Java (jtrain)", "language": "java"}}


def jtrain(*args):
    return subprocess.run([str(ROOT / "jtrain"), *map(str, args)], capture_output=True, text=True, timeout=600)


def messages(result):
    """What the command said on stderr, without the progress bar."""
    return [line for line in result.stderr.splitlines() if not line.startswith("[")]


def notebook(path, *sources, parameters=None):
    cells = [nbformat.v4.new_markdown_cell("# A notebook for the tests")]
    if parameters:
        cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=SPEC), path)
    return path


PARAMETERS = 'int rows = 1000;\nfinal String name = "iris";\ndouble rate = 0.5;\nboolean big = false;'
PRINT = 'System.out.println(name + " | " + rows + " | " + big);'


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """A notebook run with -p, and what ./jtrain run said."""
    folder = tmp_path_factory.mktemp("run")
    path = notebook(folder / "params.ipynb", PRINT, "Math.sqrt(rows) * rate",
                    'new java.io.File(".").getCanonicalPath()', parameters=PARAMETERS)
    result = jtrain("run", path, "-p", "rows=500", "-p", 'name=say "hi"\\n', "-p", "big=true")
    return path, result


def test_run_sets_parameters_in_an_injected_cell(executed):
    path, result = executed
    assert result.returncode == 0, result.stderr
    out = nbformat.read(path.with_name("params.out.ipynb"), as_version=4)
    assert "injected-parameters" in out.cells[2].metadata.tags
    assert out.cells[2].source.splitlines()[1:] == ["int rows = 500;", 'String name = "say \\"hi\\"\\\\n";',
                                                    "boolean big = true;"]
    # the quoted string reached Java unchanged, and the defaults (1000, false) were replaced
    assert notebook_run.texts(out.cells[3]) == 'say "hi"\\n | 500 | true\n'
    assert notebook_run.texts(out.cells[4]).strip() == str(500 ** 0.5 * 0.5)
    assert notebook_run.texts(out.cells[5]).strip() == str(path.parent)  # it ran in the notebook's folder
    bar = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(bar) == 5 and bar[-1].startswith("[################----] 4/5 cells "), bar  # a line per cell, no TTY
    assert messages(result)[-1] == f"5 cells ran; wrote {path.with_name('params.out.ipynb')}"


def test_run_stops_at_the_failing_cell_and_names_it(tmp_path):
    path = notebook(tmp_path / "fails.ipynb", "int[] a = new int[2];", 'System.out.println("before");\na[5] = 1;',
                    'System.out.println("never");')
    result = jtrain("run", path, "--out", tmp_path / "ran.ipynb")
    assert result.returncode == 1
    said = messages(result)
    assert "jtrain run: cell 3 (System.out.println(\"before\");) failed: ArrayIndexOutOfBoundsException: " \
           "Index 5 out of bounds for length 2" in said, said
    assert not any("\tat " in line or "Traceback" in line for line in said), said
    ran = nbformat.read(tmp_path / "ran.ipynb", as_version=4)
    assert notebook_run.texts(ran.cells[2]) == "before\n" and ran.cells[3].outputs == []


def test_a_bad_parameter_is_one_line_and_exit_2(tmp_path):
    path = notebook(tmp_path / "p.ipynb", PRINT, parameters=PARAMETERS)
    result = jtrain("run", path, "-p", "row=5")
    assert result.returncode == 2, result.stderr
    assert messages(result) == ["jtrain run: -p row=5: the parameters cell of p.ipynb declares no 'row' (it declares "
                                "rows, name, rate, big); did you mean 'rows'?"]
    assert not (tmp_path / "p.out.ipynb").exists()


@pytest.mark.parametrize("given, said", [
    ("rows=1e3", "-p rows=1e3: rows is an int (default 1000); give a whole number from -2147483648 to 2147483647"),
    ("big=True", "-p big=True: big is a boolean (default false); give true or false; did you mean 'true'?"),
    ("rate=0.5x", "-p rate=0.5x: rate is a double (default 0.5); give a double such as 0.5, 3 or 1e-3"),
    ("rows", "-p rows: give NAME=VALUE, e.g. -p rows=500"),
], ids=lambda v: v if "=" in v or v == "rows" else "")
def test_a_bad_value_is_refused_before_running(tmp_path, capsys, given, said):
    # the same code as ./jtrain run (the script only starts it), without starting the script each time
    path = notebook(tmp_path / "p.ipynb", PRINT, parameters=PARAMETERS)
    assert notebook_run.main(["run", str(path), "-p", given]) == 2
    assert capsys.readouterr().err == f"jtrain run: {said}\n"


def test_java_literals_by_type():
    assert notebook_run.java_literal("long", "5") == "5L"
    assert notebook_run.java_literal("float", "2.5") == "2.5f"
    assert notebook_run.java_literal("char", "'") == "'\\''"
    assert notebook_run.java_literal("String", "a\tb\x01") == '"a\\tb\\1"'
    for java_type, value in [("int", "2147483648"), ("byte", "128"), ("float", "1e39"), ("char", ""), ("double", "1e")]:
        with pytest.raises(notebook_run.Refused):
            notebook_run.java_literal(java_type, value)
    index, declared = notebook_run.parameters(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "var epochs = 5; // how long\n/* long seed = 1L; */\nString label = \"a;b\";", metadata={"tags": ["parameters"]})]))
    assert declared == {"epochs": ("int", "5"), "label": ("String", '"a;b"')}


def test_reproduce_passes_on_a_re_run_and_names_an_edited_cell(executed):
    path, _ = executed
    out = path.with_name("params.out.ipynb")
    result = jtrain("reproduce", out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Summary: 5 identical" in result.stdout and result.stdout.rstrip().endswith("Reproduced.")

    nb = nbformat.read(out, as_version=4)
    nb.cells[3].outputs[0].text = nb.cells[3].outputs[0].text.replace("500", "499")  # edited by hand
    value = nb.cells[4].outputs[0].data["text/plain"]
    nb.cells[4].outputs[0].data["text/plain"] = value[:-3] + ("111" if value[-3:] != "111" else "222")  # noise
    edited = path.with_name("edited.ipynb")  # beside it: the last cell prints the folder it runs in
    nbformat.write(nb, edited)
    result = jtrain("reproduce", edited)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    assert "cell 4 (System.out.println(name + \" | \" + rows + \" | \" + big);): different" in lines, result.stdout
    assert '    -say "hi"\\n | 499 | true' in lines and '    +say "hi"\\n | 500 | true' in lines
    noise = next(line for line in lines if line.startswith("cell 5 "))
    assert noise.startswith("cell 5 (Math.sqrt(rows) * rate): within tolerance (largest relative difference "), noise
    assert "now, on line 2)" in noise and value in noise
    assert "Not reproduced: cell 4 differs. The notebook holds no %repro record" in result.stdout


def test_reproduce_passes_on_a_lesson_in_smoke_mode():
    # every lesson is run and compared this way by test_notebooks.py; here the command itself, on the lesson whose
    # cells include one that fails on purpose (its error is compared too)
    result = jtrain("reproduce", ROOT / "lessons/00-welcome.ipynb", "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^Summary: \d+ identical(, 1 skipped)?$", result.stdout, re.M) and result.stdout.rstrip().endswith("Reproduced.")


def test_smoke_mode_compares_the_cells_before_its_first_change():
    def cell(text):
        return nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("stream", name="stdout", text=text)])
    note = notebook_run.SMOKE_NOTE + ": 2,000 of the 7,000 rows\n"
    saved = nbformat.v4.new_notebook(cells=[cell("a\n"), cell("7000 rows\n"), cell("accuracy 0.91\n")])
    fresh = nbformat.v4.new_notebook(cells=[cell("a\n"), cell(note + "2000 rows\n"), cell("accuracy 0.88\n")])
    assert [o.kind for o in notebook_run.compare(saved, fresh, smoke=True)] == ["identical", "skipped", "skipped"]
    assert [o.kind for o in notebook_run.compare(saved, fresh)] == ["identical", "different", "different"]
    fresh.cells[0] = cell("b\n")  # before smoke mode changed anything, a difference is a difference
    assert notebook_run.compare(saved, fresh, smoke=True)[0].kind == "different"


def test_compare_masks_and_tolerates_noise_only():
    def outcome(before, after, rtol=notebook_run.RTOL):
        return notebook_run.compare_texts(before, after, rtol)[:2]
    assert outcome("took 1.2 s, ETA 3 s\n", "took 9 ms, ETA 1 min\n")[0] != "identical"  # texts() masks, not this
    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("stream", text="took 1.2 s at @1a2b3c4d\n")])
    assert notebook_run.texts(cell) == "took <time> at @<hash>\n"
    table = " metric | value |\n--------------\n   RMSE | 57967.3895 |\n"
    wider = " metric |  value   |\n----------------\n   RMSE | 57967.38951 |\n"
    kind, detail = outcome(table, wider)
    assert kind == "close" and "57967.3895 saved, 57967.38951 now, on line 3" in detail
    assert outcome("loss 0.0037626828998327255", "loss 0.0037626839553316434")[0] == "close"  # 2.8e-7: two CPUs
    assert outcome("RMSE 57,967", "RMSE 57,963")[0] == "different"  # 7e-5: more than noise
    assert outcome("RMSE 57,967", "RMSE 57,963", rtol=1e-4)[0] == "close"
    assert outcome("accuracy 0.8360", "accuracy 0.8361")[0] == "different"  # one in the 4th digit is a change
    assert outcome("3 rows", "4 rows")[0] == "different" and outcome("avx512f", "avx2")[0] == "different"
    assert outcome("a 1.0", "a 1.0 b")[0] == "different"


def record(**changes):
    base = {"jtrain": {"version": "0.1", "commit": "abc"}, "jdk": {"vendor": "Eclipse Adoptium", "version": "25.0.1"},
            "os": {"name": "Linux", "version": "6.1", "arch": "amd64"},
            "cpu": {"model": "Xeon", "instructions": ["avx2", "fma"]},
            "threads": {"processors": 2, "openblas": 2, "pytorch": 2},
            "libraries": {"tablesaw": "0.44.4", "smile": "6.3.0", "djl": "0.35.1", "pytorch": "2.7.1"},
            "maven": [{"artifact": "org.x:y:1.0", "file": "y-1.0.jar", "sha256": "aa" * 32}], "seed": 42,
            "data": [{"name": "iris", "file": "iris.csv", "sha256": "bb" * 32, "rows": 150}]}
    base.update(changes)
    return base


def test_environment_differences_say_what_they_may_change(tmp_path):
    fields = ("jtrain", "jdk", "os", "cpu", "threads", "libraries", "maven", "seed", "data")
    assert notebook_run.environment_differences(record(), record(), fields) == []
    here = record(cpu={"model": "Xeon 8480", "instructions": ["avx2", "avx512f", "fma"]},
                  libraries={"tablesaw": "0.44.4", "smile": "6.4.0", "djl": "0.35.1", "pytorch": "2.7.1"},
                  maven=[{"artifact": "org.x:y:1.1", "file": "y-1.1.jar", "sha256": "cc" * 32}], seed=7,
                  data=[{"name": "iris", "file": "iris.csv", "sha256": "dd" * 32, "rows": 149}])
    notes = notebook_run.environment_differences(record(), here, fields)
    assert notes == [
        "CPU Xeon saved, Xeon 8480 here, instruction sets differ (only here: avx512f): PyTorch and OpenBLAS pick other "
        "kernels, so results computed through them (networks, linear models) differ in their low digits, and training "
        "can carry that into metrics",
        "smile 6.3.0 saved, 6.4.0 here: anything computed with smile may change",
        "%maven org.x:y:1.0 saved, org.x:y:1.1 here: results of the code that uses it may change",
        "seed 42 saved, 7 here: splits, models and anything random change",
        f"data iris.csv: sha256 {'bb' * 6} (150 rows) saved, {'dd' * 6} (149 rows) here: results on that data change"]
    # only the fields asked for: before a run, the notebook has loaded nothing yet
    assert len(notebook_run.environment_differences(record(), here, ("jtrain", "cpu"))) == 1
    (tmp_path / "iris.csv").write_text("a,b\n1,2\n")
    assert notebook_run.data_files_differences(record(), tmp_path)[0].startswith(
        f"data iris.csv: sha256 {'bb' * 6} saved, ")


@pytest.mark.skipif(not (ROOT / "magics/src/main/java/org/jtrain/magics/ReproMagic.java").exists(),
                    reason="this branch has no %repro magic yet")
def test_reproduce_compares_the_saved_repro_record_with_this_machine(tmp_path):
    path = notebook(tmp_path / "env.ipynb", "%seed 42\n%data load iris", "iris.rowCount()", "%repro")
    assert jtrain("run", path, "--out", path).returncode == 0
    nb = nbformat.read(path, as_version=4)
    saved = notebook_run.first_record(nb)
    iris = saved["data"][0]["file"]
    assert saved["seed"] == 42 and iris.endswith("iris.csv.gz")
    # as if saved on another machine: another instruction set, another Smile, another iris file
    saved["cpu"]["instructions"] = [i for i in saved["cpu"]["instructions"] if i != "avx2"] + ["sve"]
    saved["libraries"]["smile"] = "6.2.0"
    saved["data"][0]["sha256"] = "0" * 64
    nbformat.write(nb, path)
    result = jtrain("reproduce", path)
    assert result.returncode == 0, result.stdout + result.stderr  # the outputs are the same: only the record differs
    lines = result.stdout.splitlines()
    assert lines[1] == "Environment, saved and here:", result.stdout
    cpu = next(line for line in lines if line.startswith("  - CPU "))
    assert "only here: avx2" in cpu and "only where saved: sve" in cpu and "PyTorch and OpenBLAS" in cpu
    assert any(line.startswith("  - smile 6.2.0 saved, ") and "anything computed with smile" in line for line in lines)
    # found in this repository before the run, and read by the run: said once
    assert len([line for line in lines if line.startswith(f"  - data {iris}: sha256 000000000000 saved, ")]) == 1, lines
    assert "cell 4 (%repro): skipped (%repro: compared as the environment)" in lines
