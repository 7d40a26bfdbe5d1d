"""Every notebook in notebooks/ and lessons/, executed top to bottom with nbclient against the jtrain kernel.

By default the kernel runs in smoke mode (JTRAIN_SMOKE=1: fewer rows and epochs, each change printed); `pytest --full`
(`./jtrain test --full`) runs the notebooks as a learner does and compares them with their saved outputs.

Conventions the tests hold the notebooks to:
- A cell tagged `raises-exception` must fail (it shows an error on purpose); every other cell must not.
- An exercise is a cell tagged `exercise`, holding an intended answer, with a wrong answer in its metadata
  (`jtrain.wrong`), followed by a cell tagged `check`. The check must pass after the intended answer and fail after the
  wrong one: the test runs both, in the same kernel, and then restores the intended answer.
- Every chart carries a PNG beside its Plotly JSON, and a saved lesson stays under a size bound.
- Outputs match the saved ones in a full run, and in a smoke run up to the first cell that prints its smoke-mode note
  (smoke mode changed what that cell and the later ones compute), as `./jtrain reproduce` compares them: durations, ids, hashes and paths masked, numbers equal
  within its default relative tolerance (floating-point noise of another CPU). A cell tagged `varies` (timings,
  paths) and a %repro cell (the environment) are left out of that comparison.
Set JTRAIN_SAVE_NOTEBOOKS=1 (with --full) to write the fresh outputs back into the notebooks.
"""
import copy
import os
import sys

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebook_run  # noqa: E402  (./jtrain run and reproduce: the same execution and comparison)
from notebook_run import SMOKE_NOTE, tags, texts  # noqa: E402

# NAME.out.ipynb is what ./jtrain run writes beside a notebook: not a notebook of the project
LESSONS = sorted(p for p in (ROOT / "lessons").glob("*.ipynb") if not p.name.endswith(".out.ipynb"))
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.name.endswith(".out.ipynb")) + LESSONS
MAX_BYTES = 1_500_000
PLOTLY = "application/vnd.plotly.v1+json"


def execute(nb, folder, smoke):
    # a notebook's runs go where a learner's would (mlruns beside it, ignored by git), so its output names no temp folder
    env = {k: v for k, v in os.environ.items() if k not in ("JTRAIN_SMOKE", "JTRAIN_RUNS")}
    if smoke:
        env["JTRAIN_SMOKE"] = "1"
    return notebook_run.execute(nb, folder, env)


def with_wrong_answers(nb):
    """A copy of the notebook where each check is followed by: the wrong answer, the check again (it must fail), then
    the intended answer again. Returns the copy and, per inserted cell, what it is."""
    cells, roles, exercise = [], [], None
    for cell in nb.cells:
        cells.append(cell)
        roles.append(None)
        if "exercise" in tags(cell):
            exercise = cell
        if "check" in tags(cell):
            assert exercise is not None, "a check cell needs an exercise cell before it: " + cell.source[:80]
            wrong = exercise.metadata.get("jtrain", {}).get("wrong")
            assert wrong, "the exercise before this check has no jtrain.wrong answer: " + exercise.source[:80]
            for source, role in ((wrong, "wrong"), (cell.source, "check-fails"), (exercise.source, "restore")):
                # the failing check is expected to raise; nbclient goes on past it
                cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": ["raises-exception"]} if role == "check-fails" else {}))
                roles.append(role)
            exercise = None
    out = copy.deepcopy(nb)
    out.cells = copy.deepcopy(cells)
    return out, roles


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_top_to_bottom(path, full):
    saved = nbformat.read(path, as_version=4)
    run, roles = with_wrong_answers(saved)
    execute(run, path.parent, smoke=not full)

    fresh = copy.deepcopy(saved)
    fresh.cells = [cell for cell, role in zip(run.cells, roles) if role is None]
    for index, (cell, role) in enumerate(zip(run.cells, roles)):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if role == "check-fails":
            assert errors, f"{path.name}: the check before cell {index} passed a wrong answer:\n{run.cells[index - 1].source}"
            continue
        expected = "raises-exception" in tags(cell)
        assert bool(errors) == expected, (path.name, index, cell.source, errors)
        assert not any(o.get("name") == "stderr" for o in cell.outputs), (path.name, index, cell.outputs)
        for o in cell.outputs:
            if PLOTLY in o.get("data", {}):
                assert "image/png" in o.data, f"{path.name}: a chart without its PNG in cell {index}: {cell.source[:80]}"

    if full and os.environ.get("JTRAIN_SAVE_NOTEBOOKS") == "1":
        nbformat.write(fresh, path)
    else:
        changed = [o for o in notebook_run.compare(saved, fresh, smoke=not full) if not o.ok]
        assert not changed, f"{path.name}: a re-run changed the output of " + "\n".join(
            f"{o.name()}:\n{o.detail}" for o in changed)
    size = len(nbformat.writes(fresh).encode())
    assert size < MAX_BYTES, f"{path.name} would be saved at {size:,} bytes; the bound is {MAX_BYTES:,}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_exercises_and_a_recap_and_is_linked(path):
    nb = nbformat.read(path, as_version=4)
    exercises = [c for c in nb.cells if "exercise" in tags(c)]
    checks = [c for c in nb.cells if "check" in tags(c)]
    assert 1 <= len(exercises) == len(checks), (path.name, len(exercises), len(checks))
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# " + path.name[:2]), path.name
    recap = [c.source for c in nb.cells if c.cell_type == "markdown" and "## Recap" in c.source]
    assert recap, path.name
    following = [p for p in LESSONS if p.name > path.name]
    if following:  # the recap points at the next lesson by its own title
        title = nbformat.read(following[0], as_version=4).cells[0].source.splitlines()[0].removeprefix("# ").strip()
        assert f"Next: **{title}**" in recap[-1], (path.name, title)
    assert f"(lessons/{path.name})" in (ROOT / "README.md").read_text(), f"README.md does not link {path.name}"


PROJECTS = [ROOT / "notebooks" / f"{name}.ipynb" for name in
            ("spam-filter", "house-prices", "image-classifier", "your-own-data")]


@pytest.mark.parametrize("path", LESSONS + PROJECTS, ids=lambda p: p.name)
def test_lessons_and_projects_end_with_their_environment(path):
    # the record ./jtrain reproduce compares with the receiver's machine; its output differs by machine, hence varies
    last = nbformat.read(path, as_version=4).cells[-1]
    assert last.cell_type == "code" and last.source.strip() == "%repro" and "varies" in tags(last), path.name
    assert any(notebook_run.REPRO_MIME in o.get("data", {}) for o in last.get("outputs", [])), \
        f"{path.name}: the %repro cell holds no saved record"


def test_the_course_has_every_lesson():
    assert [p.name[:2] for p in LESSONS] == [f"{i:02d}" for i in range(20)]


def test_a_wrong_answer_fails_its_check(tmp_path):
    exercise = nbformat.v4.new_code_cell("int answer = 42;", metadata={"tags": ["exercise"], "jtrain": {"wrong": "int answer = 41;"}})
    check = nbformat.v4.new_code_cell('assert answer == 42 : "the answer is 42";', metadata={"tags": ["check"]})
    run, roles = with_wrong_answers(nbformat.v4.new_notebook(cells=[exercise, check]))
    assert roles == [None, None, "wrong", "check-fails", "restore"]
    execute(run, tmp_path, smoke=True)
    assert not [o for o in run.cells[1].outputs if o.output_type == "error"]
    assert "the answer is 42" in str([o for o in run.cells[3].outputs if o.output_type == "error"])


def test_smoke_mode_is_printed_where_it_changes_something(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("%data load fashion-mnist --as f\nf.rowCount()")])
    execute(nb, tmp_path, smoke=True)
    assert SMOKE_NOTE + ": 2,000 of the 7,000 rows of fashion-mnist" in texts(nb.cells[0])
    execute(nb, tmp_path, smoke=False)
    assert SMOKE_NOTE not in texts(nb.cells[0]) and "7000" in texts(nb.cells[0])


def test_a_cell_that_asserts_wrongly_fails_the_run(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('int x = 1;\nassert x == 2 : "x should be 2";')])
    with pytest.raises(CellExecutionError, match="x should be 2"):
        execute(nb, tmp_path, smoke=True)


def test_kernel_tour_exists_and_covers_the_kernel():
    tour = (ROOT / "notebooks" / "kernel-tour.ipynb").read_text()
    for feature in ("display(", "updateDisplay(", "%maven", "%classpath", "%load", "%%time", "%time", "%help",
                    "raises-exception", "BufferedImage", "Table.create"):
        assert feature in tour, feature
