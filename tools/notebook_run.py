"""./jtrain run and ./jtrain reproduce: run a notebook headless on the jtrain kernel with papermill-style parameters,
and check that a saved notebook's outputs reproduce. tests/test_notebooks.py runs and compares notebooks through the
same functions (execute, compare)."""
import argparse
import copy
import difflib
import hashlib
import os
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

REPRO_MIME = "application/vnd.jtrain.repro+json"
REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
SMOKE_NOTE = "smoke mode (JTRAIN_SMOKE=1)"
# The same computation summed in another order (other SIMD kernels in PyTorch and OpenBLAS, on another CPU) moved
# full-precision numbers by up to 3e-7 between the saved lessons (losses of float32 networks); a metric printed to 4
# digits that changes by one in its last digit moves by 1e-4 or more, so 1e-5 passes the first and never hides the other.
RTOL = 1e-5


class Refused(Exception):
    """A user's mistake: one line, exit status 2."""


# ---------------------------------------------------------------- comparing outputs

def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def texts(cell, errors=False):
    """A cell's text outputs, with durations, ids and hashes masked: what a re-run must reproduce. Stream text is
    joined as it was printed, however it was split into messages. With errors, an error output counts as its name and
    message (never its stack)."""
    text = ""
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            text += o.text
        elif o.output_type in ("execute_result", "display_data") and "text/plain" in o.data:
            text += "\n" + o.data["text/plain"] + "\n"
        elif o.output_type == "error" and errors:
            text += f"\n{o.ename}: {o.evalue}\n"
    # where the clone is differs between machines (the saved outputs name the folder they were saved in)
    text = re.sub(r"(/[\w.\-]+)+/(?=(notebooks|lessons|datasets)/)", "<repository>/", text)
    text = re.sub(r"(\d+\s*min\s*)?\d+(\.\d+)?\s*(µs|ms|s|min)\b", "<time>", text)
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", text)  # display ids
    text = re.sub(r"@[0-9a-f]{4,8}\b", "@<hash>", text)  # Object.toString
    # a model file's size: it holds the time it was written, so it compresses a few bytes differently each run
    text = re.sub(r"\(\d+(\.\d+)? (bytes|KB|MB)\)", "(<size>)", text)
    return re.sub(r"ETA [^,)\]]*", "ETA <time>", text)


# A number as jtrain prints one: 57,963 or -0.8361 or 1.5E-7; digits inside a word (avx512f, x28) are not numbers.
NUMBER = re.compile(r"(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])")


def split_numbers(text):
    """The text between the numbers and the numbers with the line they stand on. A wider number widens a table's
    padding and rules, so runs of blanks and of rule characters count as one."""
    def words_of(part):
        return re.sub(r"\s+", " ", re.sub(r"([-=─])\1{2,}", r"\1\1\1", part))
    words, numbers, last = [], [], 0
    for m in NUMBER.finditer(text):
        words.append(words_of(text[last:m.start()]))
        numbers.append((float(m.group().replace(",", "")), m.group(), text.count("\n", 0, m.start()) + 1))
        last = m.end()
    words.append(words_of(text[last:]))
    return words, numbers


LABELS = {"identical": "identical", "close": "within tolerance", "different": "different", "skipped": "skipped",
          "not-run": "not run"}


class Outcome:
    """How one code cell reproduced: identical, close (numbers within rtol), different, skipped or not-run."""

    def __init__(self, index, cell, kind, detail="", largest=0.0):
        self.index, self.cell, self.kind, self.detail, self.largest = index, cell, kind, detail, largest

    @property
    def ok(self):
        return self.kind in ("identical", "close", "skipped")

    def name(self):
        return cell_name(self.index, self.cell)


def cell_name(index, cell):
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    return f"cell {index + 1} ({first[:60] + ('...' if len(first) > 60 else '')})"


def compare_texts(before, after, rtol):
    """('identical' | 'close' | 'different', detail, largest relative difference)."""
    if before == after:
        return "identical", "", 0.0
    (words_b, nums_b), (words_a, nums_a) = split_numbers(before), split_numbers(after)
    if words_b == words_a and len(nums_b) == len(nums_a):
        largest, where = 0.0, ""
        for (b, b_text, line), (a, a_text, _) in zip(nums_b, nums_a):
            scale = max(abs(a), abs(b))
            diff = abs(a - b) / scale if scale else 0.0
            if diff > largest:
                largest, where = diff, f"{b_text} saved, {a_text} now, on line {line}"
        if largest <= rtol:
            return "close", f"largest relative difference {largest:.1e}: {where}", largest
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), "saved", "this run", n=1, lineterm="")
    lines = list(diff)
    shown = lines[:24] + ([f"... {len(lines) - 24} more lines of diff"] if len(lines) > 24 else [])
    return "different", "\n".join(shown), 0.0


def compare(saved, fresh, rtol=RTOL, errors=False, upto=None, smoke=False):
    """Outcome per code cell of two runs of the same notebook (cells matched in order); cells from upto on did not
    run. Cells tagged `varies` are skipped, and so are cells holding a %repro record: that is compared as the
    environment, not as output. With errors, error outputs (name and message) are compared too. With smoke (the
    fresh run was in smoke mode, the saved one not), cells from the first one that prints a smoke note on are
    skipped: smoke mode changed what they compute, and every cell before it computed what a full run does."""
    outcomes = []
    smoke_from = smoked(fresh) if smoke else None
    for index, (before, after) in enumerate(zip(saved.cells, fresh.cells)):
        if after.cell_type != "code":
            continue
        if smoke_from is not None and index >= smoke_from:
            outcomes.append(Outcome(index, after, "skipped", "smoke mode changed it"))
        elif "varies" in tags(after):
            outcomes.append(Outcome(index, after, "skipped", "tagged varies"))
        elif repro_record(before) is not None:
            outcomes.append(Outcome(index, after, "skipped", "%repro: compared as the environment"))
        elif upto is not None and index >= upto:
            outcomes.append(Outcome(index, after, "not-run"))
        else:
            outcomes.append(Outcome(index, after, *compare_texts(texts(before, errors), texts(after, errors), rtol)))
    return outcomes


def smoked(nb):
    """The index of the first cell where smoke mode changed something (every change it makes is printed), or None."""
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and SMOKE_NOTE in texts(c)), None)


def repro_record(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") in ("display_data", "execute_result") and REPRO_MIME in o.get("data", {}):
            return o.data[REPRO_MIME]
    return None


# ---------------------------------------------------------------- the environment (%repro records)

def first_record(nb):
    return next((r for r in map(repro_record, nb.cells) if r is not None), None)


def cpu_is_different(saved, here):
    return set(saved.get("cpu", {}).get("instructions") or []) != set(here.get("cpu", {}).get("instructions") or []) \
        or saved.get("os", {}).get("arch") != here.get("os", {}).get("arch")


def environment_differences(saved, here, fields):
    """Lines saying what differs between two %repro records, each with what it may change. Only the given fields."""
    notes = []

    def pair(field, key):
        return (saved.get(field) or {}).get(key), (here.get(field) or {}).get(key)

    if "jtrain" in fields and saved.get("jtrain") != here.get("jtrain"):
        (v1, v2), (c1, c2) = pair("jtrain", "version"), pair("jtrain", "commit")
        notes.append(f"jtrain {v1} ({c1}) saved, {v2} ({c2}) here: any output may change (models, defaults, how results print)")
    if "jdk" in fields and saved.get("jdk") != here.get("jdk"):
        s, h = saved.get("jdk", {}), here.get("jdk", {})
        notes.append(f"JDK {s.get('vendor')} {s.get('version')} saved, {h.get('vendor')} {h.get('version')} here: "
                     "Math functions may differ in their last bit, the order of hash sets and maps may differ")
    if "os" in fields and saved.get("os") != here.get("os"):
        s, h = saved.get("os", {}), here.get("os", {})
        notes.append(f"OS {s.get('name')} {s.get('version')} {s.get('arch')} saved, {h.get('name')} {h.get('version')} "
                     f"{h.get('arch')} here: " + ("another architecture: floating-point noise in native libraries"
                                                  if s.get("arch") != h.get("arch") else "file paths and native libraries"))
    if "cpu" in fields:
        s, h = saved.get("cpu", {}), here.get("cpu", {})
        s_set, h_set = set(s.get("instructions") or []), set(h.get("instructions") or [])
        if s_set != h_set:
            only_here, only_saved = sorted(h_set - s_set), sorted(s_set - h_set)
            what = "; ".join(part for part in (f"only here: {', '.join(only_here)}" if only_here else "",
                                               f"only where saved: {', '.join(only_saved)}" if only_saved else "") if part)
            notes.append(f"CPU {s.get('model')} saved, {h.get('model')} here, instruction sets differ ({what}): PyTorch "
                         "and OpenBLAS pick other kernels, so results computed through them (networks, linear models) "
                         "differ in their low digits, and training can carry that into metrics")
        elif s.get("model") != h.get("model"):
            notes.append(f"CPU {s.get('model')} saved, {h.get('model')} here, same instruction set: results should not differ")
    if "threads" in fields:
        s, h = saved.get("threads") or {}, here.get("threads") or {}
        for key, name in (("processors", "processors"), ("openblas", "OpenBLAS threads"), ("pytorch", "PyTorch threads")):
            # null: the library was not loaded yet when the record was made
            if s.get(key) is not None and h.get(key) is not None and s[key] != h[key]:
                notes.append(f"{name} {s[key]} saved, {h[key]} here: parallel sums add in another order, so PyTorch "
                             "and OpenBLAS results may differ in their low digits")
    if "libraries" in fields:
        s, h = saved.get("libraries") or {}, here.get("libraries") or {}
        for name in sorted(set(s) | set(h)):
            if s.get(name) != h.get(name):
                notes.append(f"{name} {s.get(name)} saved, {h.get(name)} here: anything computed with {name} may change")
    if "maven" in fields:
        s = {a.get("artifact", "").rsplit(":", 1)[0]: a for a in saved.get("maven") or []}
        h = {a.get("artifact", "").rsplit(":", 1)[0]: a for a in here.get("maven") or []}
        for name in sorted(set(s) | set(h)):
            a, b = s.get(name), h.get(name)
            if a is None or b is None or a.get("artifact") != b.get("artifact") or a.get("sha256") != b.get("sha256"):
                was = a.get("artifact") if a else "not added"
                now = b.get("artifact") if b else "not added"
                if a and b and a.get("artifact") == b.get("artifact"):
                    was, now = f"{was} sha256 {str(a.get('sha256'))[:12]}", f"sha256 {str(b.get('sha256'))[:12]}"
                notes.append(f"%maven {was} saved, {now} here: results of the code that uses it may change")
    if "seed" in fields and saved.get("seed") != here.get("seed"):
        notes.append(f"seed {saved.get('seed')} saved, {here.get('seed')} here: splits, models and anything random change")
    if "data" in fields:
        s = {d.get("file") or d.get("name"): d for d in saved.get("data") or []}
        h = {d.get("file") or d.get("name"): d for d in here.get("data") or []}
        for name in sorted(set(s) | set(h)):
            a, b = s.get(name), h.get(name)
            if a is None or b is None:
                notes.append(f"data {name}: {'loaded here only' if a is None else 'not loaded here'}: results on it change")
            elif a.get("sha256") != b.get("sha256") or a.get("rows") != b.get("rows"):
                rows = (f" ({a.get('rows')} rows)", f" ({b.get('rows')} rows)") if a.get("rows") != b.get("rows") else ("", "")
                notes.append(f"data {name}: sha256 {str(a.get('sha256'))[:12]}{rows[0]} saved, "
                             f"{str(b.get('sha256'))[:12]}{rows[1]} here: results on that data change")
    return notes


def data_files_differences(saved, folder):
    """The saved record's data files checked before running: those found (beside the notebook, or in this repository
    for a bundled dataset), hashed here."""
    notes = []
    for d in saved.get("data") or []:
        found = [p for p in (pathlib.Path(folder, d.get("file") or ""), REPOSITORY / (d.get("file") or "")) if p.is_file()]
        path = found[0] if found else None
        if d.get("file") and path and d.get("sha256"):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != d["sha256"]:
                notes.append(f"data {d['file']}: sha256 {d['sha256'][:12]} saved, {digest[:12]} here: results "
                             "on that data change")
    return notes


# ---------------------------------------------------------------- parameters (papermill's convention)

JAVA_TYPES = ("int", "long", "short", "byte", "double", "float", "boolean", "char", "String")
# int rows = 1000;   final String name = "x";   var epochs = 5;   (one declaration per statement)
DECLARATION = re.compile(r"^[ \t]*(?:final\s+)?([\w.$<>\[\]]+)\s+([A-Za-z_$][\w$]*)\s*=\s*(.+?);[ \t]*(?://.*)?$", re.M)
INTEGER_RANGES = {"int": 31, "long": 63, "short": 15, "byte": 7}
DECIMAL = re.compile(r"[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?")


def parameters(nb):
    """(index of the cell tagged `parameters`, {name: (Java type, default as written)}), or (None, {})."""
    for index, cell in enumerate(nb.cells):
        if "parameters" in tags(cell):
            source = re.sub(r"/\*.*?\*/", "", cell.source, flags=re.S)
            found = {}
            for java_type, name, value in DECLARATION.findall(source):
                found[name] = (inferred_type(value.strip()) if java_type == "var" else java_type, value.strip())
            return index, found
    return None, {}


def inferred_type(literal):
    if literal in ("true", "false"):
        return "boolean"
    if literal.startswith('"'):
        return "String"
    if literal.startswith("'"):
        return "char"
    if re.fullmatch(r"-?[\d_]+[lL]", literal):
        return "long"
    if re.fullmatch(r"-?[\d_]+", literal):
        return "int"
    if re.fullmatch(r"\S+[fF]", literal):
        return "float"
    return "double"


def java_string(value, quote='"'):
    out = []
    for ch in value:
        if ch in ('\\', quote):
            out.append("\\" + ch)
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\%o" % ord(ch))  # octal: a \\u escape would be read before the string is
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def java_literal(java_type, value):
    """The Java literal of value as java_type, or Refused with what is allowed."""
    if java_type in INTEGER_RANGES:
        bits = INTEGER_RANGES[java_type]
        text = value[:-1] if java_type == "long" and value[-1:] in "lL" else value
        if not re.fullmatch(r"[+-]?\d+(_+\d+)*", text) or not -2 ** bits <= int(text.replace("_", "")) < 2 ** bits:
            raise Refused(f"a whole number from {-2 ** bits} to {2 ** bits - 1}")
        number = int(text.replace("_", ""))
        return {"long": f"{number}L", "short": f"(short) {number}", "byte": f"(byte) {number}"}.get(java_type, str(number))
    if java_type in ("double", "float"):
        text = value[:-1] if value[-1:] in ("dD" if java_type == "double" else "fF") else value
        limit = 1.7976931348623157e308 if java_type == "double" else 3.4028235e38
        if not DECIMAL.fullmatch(text) or "_." in text or "._" in text or abs(float(text.replace("_", ""))) > limit:
            raise Refused(f"a {java_type} such as 0.5, 3 or 1e-3")
        text = text.lstrip("+")
        return text + "f" if java_type == "float" else text
    if java_type == "boolean":
        if value not in ("true", "false"):
            hint = f"; did you mean '{value.lower()}'?" if value.lower() in ("true", "false") else ""
            raise Refused("true or false" + hint)
        return value
    if java_type == "char":
        if len(value) != 1 or ord(value) > 0xFFFF:
            raise Refused("exactly one character")
        return java_string(value, "'")
    if java_type == "String":
        return java_string(value)
    raise Refused(f"nothing: -p sets only {', '.join(JAVA_TYPES)} parameters")


def inject(nb, given, path):
    """nb with a cell tagged `injected-parameters` after the parameters cell, declaring the -p values again (a
    redeclaration replaces the default, final or not). A notebook written by an earlier run loses its injected cell."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if "injected-parameters" not in tags(c)]
    if not given:
        return nb
    index, declared = parameters(nb)
    if index is None:
        raise Refused(f"{path.name} has no cell tagged 'parameters', so -p {given[0][0]}=... has nothing to set. Tag the "
                      "cell that declares the defaults 'parameters' (in JupyterLab: the property inspector, Common Tools)")
    lines = ["// Parameters given to ./jtrain run; they replace the defaults in the cell above."]
    for name, value in given:
        if name not in declared:
            close = difflib.get_close_matches(name, declared, n=1, cutoff=0.6) or \
                [d for d in declared if d.lower() == name.lower()]
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise Refused(f"-p {name}={value}: the parameters cell of {path.name} declares no '{name}' "
                          f"(it declares {', '.join(declared) or 'nothing'}){hint}")
        java_type, default = declared[name]
        try:
            literal = java_literal(java_type, value)
        except Refused as e:
            raise Refused(f"-p {name}={value}: {name} is {java_type_phrase(java_type)} (default {default}); give {e}")
        lines.append(f"{java_type} {name} = {literal};")
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, cell)
    return nb


def java_type_phrase(java_type):
    return ("an " if java_type[0] in "aeiou" else "a ") + java_type


def parse_assignments(items):
    given = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_$][\w$]*", name.strip()):
            raise Refused(f"-p {item}: give NAME=VALUE, e.g. -p rows=500")
        given.append((name.strip(), value))
    return given


# ---------------------------------------------------------------- running

class Progress:
    """A bar of cells on stderr: redrawn in place on a terminal, one line per cell otherwise (logs, CI)."""

    def __init__(self, nb, stream=sys.stderr, skip=0):
        self.stream, self.skip, self.tty = stream, skip, stream.isatty()
        self.total = sum(1 for c in nb.cells[skip:] if c.cell_type == "code" and c.source.strip())  # what nbclient runs
        self.done, self.current, self.started = 0, None, time.monotonic()

    def draw(self, text, end=""):
        width = 20
        filled = width * self.done // max(1, self.total)
        elapsed = int(time.monotonic() - self.started)
        line = f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} cells {elapsed // 60}:{elapsed % 60:02d}  {text}"
        if self.tty:
            columns = os.get_terminal_size(self.stream.fileno()).columns
            self.stream.write("\r" + line[:columns - 1].ljust(columns - 1) + end)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def on_execute(self, cell, cell_index, **_):
        self.current = cell_index
        if cell_index >= self.skip:
            self.draw(cell_name(cell_index - self.skip, cell))

    def on_executed(self, cell, cell_index, **_):
        if cell_index >= self.skip:
            self.done += 1
            if self.tty:
                self.draw(cell_name(cell_index - self.skip, cell))

    def finish(self, text):
        if self.tty:
            self.draw("", end="\n")
        self.stream.write(text + "\n")


def kernel_for(nb):
    # notebooks saved for IJava or JJava name the "java" kernelspec: jtrain's, in IJava's ways
    name = nb.metadata.get("kernelspec", {}).get("name")
    return name if name in ("jtrain", "java") else "jtrain"


def execute(nb, folder, env=None, progress=None, timeout=900):
    """Runs every cell of nb in place in a fresh kernel started in folder (with env, default this process's).
    Raises nbclient's CellExecutionError at the first cell that fails and is not tagged `raises-exception`."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # a cell never reached must not keep its saved outputs
    hooks = {"on_cell_execute": progress.on_execute, "on_cell_executed": progress.on_executed} if progress else {}
    NotebookClient(nb, kernel_name=kernel_for(nb), timeout=timeout, resources={"metadata": {"path": str(folder)}},
                   **hooks).execute(**({"env": env} if env is not None else {}))
    return nb


def environment(smoke):
    env = dict(os.environ)
    if smoke:
        env["JTRAIN_SMOKE"] = "1"
    return env


def failure_line(e, index, cell):
    """The failing cell and its error's name and message, never its stack (a compile error's message points at the
    column in a few lines)."""
    lines = e.evalue.strip().splitlines()
    message = "\n    ".join(lines[:6] + (["..."] if len(lines) > 6 else []))
    return f"{cell_name(index, cell)} failed: {e.ename}: {message}"


# ---------------------------------------------------------------- the commands

def output_path(path, out):
    return pathlib.Path(out) if out else path.with_name(path.name.removesuffix(".ipynb") + ".out.ipynb")


def read_notebook(path):
    if not path.is_file():
        raise Refused(f"{path}: no such notebook")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as e:
        raise Refused(f"{path}: not a notebook ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})")


def run_command(args):
    path = pathlib.Path(args.notebook)
    saved = read_notebook(path)
    nb = inject(saved, parse_assignments(args.p or []), path)
    out = output_path(path, args.out)
    progress = Progress(nb)
    failed = None
    try:
        execute(nb, path.parent.resolve(), environment(args.smoke), progress)
    except CellExecutionError as e:
        failed = e
    nbformat.write(nb, out)
    if failed is not None:
        progress.finish(f"stopped at cell {progress.current + 1} of {len(nb.cells)}")
        print(f"jtrain run: {failure_line(failed, progress.current, nb.cells[progress.current])}", file=sys.stderr)
        print(f"jtrain run: the notebook as far as it ran: {out}", file=sys.stderr)
        return 1
    progress.finish(f"{progress.done} cells ran; wrote {out}")
    return 0


def reproduce_command(args):
    path = pathlib.Path(args.notebook)
    saved = read_notebook(path)
    if not any(c.get("outputs") for c in saved.cells if c.cell_type == "code"):
        raise Refused(f"{path} holds no outputs to compare with: save it with its outputs, or run it first with ./jtrain run")
    folder = path.parent.resolve()
    record = first_record(saved)
    run = copy.deepcopy(saved)
    skip = 0
    if record is not None:  # what this machine is, before the notebook loads anything
        run.cells.insert(0, nbformat.v4.new_code_cell("%repro", metadata={"tags": ["raises-exception"]}))
        skip = 1
    print(f"Reproducing {path} in a fresh kernel{' in smoke mode' if args.smoke else ''}; numbers may differ by a "
          f"relative {args.rtol:g}")
    progress = Progress(run, skip=skip)
    failed = None
    try:
        execute(run, folder, environment(args.smoke), progress)
    except CellExecutionError as e:
        failed = e
    progress.finish(f"{progress.done} cells ran")
    notes, here = [], None
    if record is not None:
        here = repro_record(run.cells[0])
        run.cells.pop(0)
        if here is None:
            notes.append("this jtrain could not record its environment (%repro gave no record): not compared")
        else:
            notes += environment_differences(record, here, ("jtrain", "jdk", "os", "cpu", "threads", "libraries"))
        notes += data_files_differences(record, folder)
        # what the notebook used (%maven, seed, data, threads of the libraries it loaded): its own %repro cell knows
        fresh_record = first_record(run)
        if fresh_record is not None:
            notes += [n for n in environment_differences(record, fresh_record, ("threads", "maven", "seed", "data"))
                      if n not in notes]
        print("Environment, saved and here:" if notes else "Environment: the same as the saved %repro record")
        for note in notes:
            print("  - " + note)
    upto = len(run.cells) if failed is None else progress.current - skip + 1
    outcomes = compare(saved, run, args.rtol, errors=True, upto=upto, smoke=args.smoke)
    if args.smoke and smoked(run) is not None:
        print(f"Smoke mode changed what the notebook computes from cell {smoked(run) + 1} on (it says '{SMOKE_NOTE}'): "
              "the cells before it are compared, the rest only run.")
    for o in outcomes:
        print(f"{o.name()}: {LABELS[o.kind]}" + (f" ({o.detail})" if o.kind != "different" and o.detail else ""))
        if o.kind == "different":
            print("    " + o.detail.replace("\n", "\n    "))
    if failed is not None:
        cell = run.cells[upto - 1]
        print(failure_line(failed, upto - 1, cell))
    bad = [o for o in outcomes if o.kind == "different"]
    close = [o for o in outcomes if o.kind == "close"]
    counts = {k: sum(1 for o in outcomes if o.kind == k) for k in ("identical", "close", "different", "skipped", "not-run")}
    summary = ", ".join(f"{n} {LABELS[k]}" for k, n in counts.items() if n)
    if close:
        top = max(close, key=lambda o: o.largest)
        summary += f"; largest relative difference {top.largest:.1e} in cell {top.index + 1}"
    print("Summary: " + summary)
    if failed is None and not bad:
        print("Reproduced.")
        if close and here is not None and cpu_is_different(record, here):
            print("The numbers within tolerance are consistent with the floating-point noise of the CPU difference above.")
        return 0
    if bad:
        names = ", ".join(str(o.index + 1) for o in bad)
        print(f"Not reproduced: cell{'s' if len(bad) > 1 else ''} {names} differ{'s' if len(bad) == 1 else ''}. "
              + explain(record, notes))
    if failed is not None:
        print(f"Not reproduced: cell {upto} failed" + (f"; {counts['not-run']} cells after it did not run." if counts["not-run"] else "."))
    return 1


def explain(record, notes):
    if record is None:
        return "The notebook holds no %repro record, so what else differs here is not known."
    if not notes:
        return "The environment is the same as the saved record, so it does not explain these changes."
    return "The differences in the environment listed above may explain them."


def main(argv=None):
    parser = argparse.ArgumentParser(prog="./jtrain", description="Run a notebook headless, or check that it reproduces.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a notebook headless with parameters, write the executed notebook",
                              description="Runs NOTEBOOK top to bottom in a fresh jtrain kernel, in the notebook's "
                                          "folder, with a bar of cells on stderr, and writes the executed notebook. "
                                          "Stops at the first failing cell (exit 1).")
    run.add_argument("notebook", metavar="NOTEBOOK")
    run.add_argument("-p", action="append", metavar="NAME=VALUE",
                     help="set a parameter declared in the cell tagged 'parameters' (int rows = 1000;), checked "
                          "against its Java type; a cell tagged 'injected-parameters' after it declares the values "
                          "again, as papermill does")
    run.add_argument("--out", metavar="OUT.ipynb", help="where the executed notebook goes (default: NOTEBOOK.out.ipynb "
                                                        "beside it; give NOTEBOOK itself to overwrite it)")
    run.add_argument("--smoke", action="store_true", help="smoke mode (JTRAIN_SMOKE=1): fewer rows and epochs")
    rep = commands.add_parser("reproduce", help="run a saved notebook afresh and compare its outputs cell by cell",
                              description="Runs NOTEBOOK in a fresh kernel and compares each code cell's text outputs "
                                          "with the saved ones (times, ids, hashes and paths masked): identical, "
                                          "within tolerance, or different with a diff. Cells tagged 'varies' are "
                                          "skipped. A saved %%repro record is compared with this machine first. Exit "
                                          "0 when every output reproduced, 1 otherwise.")
    rep.add_argument("notebook", metavar="NOTEBOOK")
    rep.add_argument("--rtol", type=float, default=RTOL, metavar="R",
                     help="numbers may differ by this relative amount, as printed (default %(default)g: the "
                          "floating-point noise of PyTorch and OpenBLAS on another CPU; networks trained on another "
                          "CPU can differ more, e.g. 1e-2 in accuracy)")
    rep.add_argument("--smoke", action="store_true", help="smoke mode (JTRAIN_SMOKE=1); the outputs are compared up to "
                                                          "the first cell where smoke mode changes something")
    args = parser.parse_args(argv)
    try:
        return run_command(args) if args.command == "run" else reproduce_command(args)
    except Refused as e:
        print(f"jtrain {args.command}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # nbclient has shut the kernel down
        print(f"\njtrain {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
