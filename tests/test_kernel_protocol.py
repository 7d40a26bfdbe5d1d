"""The kernel driven over the Jupyter protocol (jupyter_client), as JupyterLab drives it."""
import json
import re
import pathlib
import subprocess
import sys
import time

import nbformat
import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from conftest import ROOT


def test_kernelspec_is_inside_the_venv_with_absolute_java_25():
    spec = KernelSpecManager().get_kernel_spec("jtrain")
    assert pathlib.Path(spec.resource_dir).is_relative_to(pathlib.Path(sys.prefix))
    assert spec.display_name == "Java (jtrain)"
    assert spec.interrupt_mode == "message"
    java = pathlib.Path(spec.argv[0])
    assert java.is_absolute() and java.name == "java"
    release = (java.parent.parent / "release").read_text()
    assert 'JAVA_VERSION="25' in release


def test_the_kernel_ends_when_the_process_that_started_it_dies():
    """As ipykernel does: a Jupyter server that is killed cannot shut its kernels down, so each watches it."""
    server = subprocess.Popen([sys.executable, "-c", (
        "import time\n"
        "from jupyter_client.manager import KernelManager\n"
        "km = KernelManager(kernel_name='jtrain'); km.start_kernel()\n"
        "c = km.client(); c.start_channels(); c.wait_for_ready(timeout=60)\n"
        "print(km.provisioner.process.pid, flush=True)\n"
        "time.sleep(600)\n")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    kernel = psutil.Process(int(server.stdout.readline()))
    try:
        assert kernel.is_running() and "org.jtrain.kernel.Main" in kernel.cmdline()
        server.kill()  # no chance to shut anything down
        server.wait(timeout=10)
        kernel.wait(timeout=5)  # raises psutil.TimeoutExpired if the kernel outlives it
    finally:
        if kernel.is_running():
            kernel.kill()


@pytest.mark.parametrize("attempt", range(6))
def test_the_kernel_exits_when_asked_even_if_its_client_hangs_up_at_once(attempt, tmp_path):
    """A script's client asks for the shutdown and leaves without the reply. The kernel once hung in ZeroMQ's
    Context.term() waiting to send it (1 exit in 6), and the JVM's exit is when the start-up cache is written."""
    km = KernelManager(kernel_name="jtrain")
    km.start_kernel(cwd=str(tmp_path))
    kernel = psutil.Process(km.provisioner.process.pid)
    try:
        c = km.client()
        c.start_channels()
        c.wait_for_ready(timeout=120)
        assert c.execute_interactive('System.out.println("bye")', timeout=60, output_hook=lambda m: None)["content"]["status"] == "ok"
        c.shutdown()
        c.stop_channels()
        kernel.wait(timeout=20)  # raises psutil.TimeoutExpired while the kernel hangs on
    finally:
        if kernel.is_running():
            kernel.kill()
        km.cleanup_resources()


def test_expression_value_is_the_cell_result(kernel):
    assert kernel.run("int x = 20;").ok
    cell = kernel.run("x * 2 + 2")
    assert cell.ok and cell.result["text/plain"] == "42"


def test_statements_declarations_imports_and_output(kernel):
    cell = kernel.run('import java.time.*;\nString greet(String n) { return "hi " + n; }\n'
                      'System.out.println(greet("ada"));\nLocalDate.of(2026, 1, 2).getYear()')
    assert cell.ok, cell.error
    assert cell.stdout == "hi ada\n"
    assert cell.result["text/plain"] == "2026"


def test_compile_error_names_the_line(kernel):
    cell = kernel.run('int a = 1;\nint b = 2;\nint c = "three";')
    assert not cell.ok
    assert cell.error["ename"] == "CompileError"
    assert cell.error["evalue"].startswith("line 3:")
    assert 'int c = "three";' in "\n".join(cell.error["traceback"])


def test_runtime_exception_shows_user_frames_only(kernel):
    cell = kernel.run('void inner() { throw new IllegalStateException("boom"); }\n'
                      'void outer() { inner(); }\nouter();')
    assert cell.error["ename"] == "IllegalStateException"
    assert cell.error["evalue"] == "boom"
    tb = "\n".join(cell.error["traceback"])
    assert "at inner(cell)" in tb and "at outer(cell)" in tb
    for internal in ("jdk.jshell", "org.jtrain", "org.dflib", "java.lang.reflect", "jdk.internal"):
        assert internal not in tb


def test_interrupt_stops_a_busy_loop_and_the_next_cell_runs(kernel):
    assert kernel.run("int before = 7;").ok
    proc = psutil.Process(kernel.pid)
    msg_id = kernel.client.execute("while (true) {}")
    time.sleep(1.0)
    assert proc.cpu_percent(interval=1.0) > 50  # really spinning
    started = time.monotonic()
    kernel.manager.interrupt_kernel()
    while True:
        reply = kernel.client.get_shell_msg(timeout=10)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    assert time.monotonic() - started < 2.0
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    time.sleep(0.3)
    assert proc.cpu_percent(interval=1.0) < 30  # the loop's thread is gone, not left spinning
    cell = kernel.run("before + 1")
    assert cell.ok and cell.result["text/plain"] == "8"


def test_maven_then_tablesaw_code(kernel):
    cell = kernel.run("%maven tech.tablesaw:tablesaw-core:0.44.4")
    assert cell.ok, cell.error
    assert "tech.tablesaw:tablesaw-core is already on the classpath" in cell.stdout  # the kernel's own, not a second copy
    cell = kernel.run('import tech.tablesaw.api.*;\n'
                      'Table t = Table.create("pets", StringColumn.create("name", "rex", "tom"), '
                      'IntColumn.create("age", 3, 5));\n'
                      't.intColumn("age").sum()')
    assert cell.ok, cell.error
    assert cell.result["text/plain"] == "8.0"
    shown = kernel.run("t").result
    assert "<table" in shown["text/html"] and "rex" in shown["text/html"]
    assert "2 rows × 2 columns" in shown["text/plain"]


def test_load_a_jsh_file_and_a_notebook(kernel, tmp_path):
    jsh = tmp_path / "helpers.jsh"
    jsh.write_text('int twice(int n) { return 2 * n; }\nString fromJsh = "jsh";\n')
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("not code"),
        nbformat.v4.new_code_cell("int fromNotebook = twice(21);"),
    ])
    path = tmp_path / "other.ipynb"
    nbformat.write(nb, path)
    assert kernel.run(f"%load {jsh}").ok
    cell = kernel.run(f"%load {path}")
    assert cell.ok, cell.error
    cell = kernel.run("fromJsh + fromNotebook")
    assert cell.result["text/plain"] == "jsh42"


def test_display_and_update_display(kernel):
    cell = kernel.run('String id = display("first");\nupdateDisplay(id, "second");')
    assert cell.ok, cell.error
    shown, updated = cell.of("display_data"), cell.of("update_display_data")
    assert shown and updated
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert updated[0]["content"]["transient"]["display_id"] == display_id
    assert updated[0]["content"]["data"]["text/plain"] == "second"


def test_display_of_an_image_is_png(kernel):
    cell = kernel.run("var img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                      "display(img);")
    assert cell.ok, cell.error
    assert "image/png" in cell.of("display_data")[0]["content"]["data"]


def _reply(kernel, msg_id):
    while True:
        reply = kernel.client.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def test_completion_offers_println(kernel):
    code = "System.out.pri"
    content = _reply(kernel, kernel.client.complete(code, len(code)))
    assert any(m.startswith("println") for m in content["matches"])
    assert content["cursor_start"] == len("System.out.")


def test_completion_of_magic_names_and_options(kernel):
    content = _reply(kernel, kernel.client.complete("%ti", 3))
    assert "%time" in content["matches"]
    content = _reply(kernel, kernel.client.complete("%load --he", 10))
    assert "--help" in content["matches"]


def test_inspect_shows_the_signature(kernel):
    code = "Math.max(1, 2)"
    content = _reply(kernel, kernel.client.inspect(code, 6))
    assert content["found"]
    assert "max(" in content["data"]["text/plain"]


@pytest.mark.parametrize("code,status", [
    ("for (int i = 0; i < 3; i++) {", "incomplete"),
    ("1 + 1", "complete"),
    ("%%time\nint x = 1", "complete"),
])
def test_is_complete(kernel, code, status):
    assert _reply(kernel, kernel.client.is_complete(code))["status"] == status


def test_magic_value_can_be_assigned(kernel):
    cell = kernel.run("var answer = %time 6 * 7")
    assert cell.ok, cell.error
    assert "Wall time" in cell.stdout
    assert kernel.run("answer + 0").result["text/plain"] == "42"


def test_cell_magic_with_an_empty_body(kernel):
    cell = kernel.run("%%time")
    assert cell.ok, cell.error
    assert "Wall time" in cell.stdout


def test_unknown_magic_suggests_the_closest(kernel):
    cell = kernel.run("%tme 1")
    assert cell.error["ename"] == "UsageError"
    assert cell.error["traceback"][-1] == "Did you mean '%time'?"


def _magic_names(kernel):
    """Every name a magic answers to: its own, and IJava's names for it."""
    listing = kernel.run("%help").stdout
    names = []
    for line in listing.splitlines()[1:]:
        if line.strip():
            names.append(line.split()[0][1:])
            names += re.findall(r"%(\w+)", line.split("IJava's names for it:")[1]) if "IJava's names for it:" in line else []
    return names


def test_help_lists_every_magic(kernel):
    names = _magic_names(kernel)
    assert {"help", "maven", "classpath", "load", "time", "mavenRepo", "loadFromPOM", "jars", "addMavenDependency"} <= set(names)


def test_every_magic_has_help_and_rejects_a_bad_option(kernel):
    """The contract, walked over every registered magic."""
    assert kernel.run('String keep = "kept";').ok
    listing = kernel.run("%help").stdout
    for name in _magic_names(kernel):
        helped = kernel.run(f"%{name} --help")
        assert helped.ok, (name, helped.error)
        shown = helped.stdout.split()[1]  # an alias (IJava's %addMavenDependency) shows its magic's help
        assert shown == f"%{name}" or re.search(rf"^  {shown} .*IJava's names for it: .*%{name}\b", listing, re.M), (name, shown)
        assert kernel.run(f"%help {name}").stdout == helped.stdout
        bad = kernel.run(f"%{name} --no-such-option")
        assert bad.error["ename"] == "UsageError", name
        tb = bad.error["traceback"]
        assert tb[0].startswith("UsageError: ") and any(line.startswith("Usage: %") for line in tb)
        assert not any(line.lstrip().startswith("at ") for line in tb), tb  # no stack trace
    assert kernel.run("keep").result["text/plain"] == "kept"  # nothing in the session was lost


def test_printf_arrives_as_one_line_and_before_a_display(kernel):
    cell = kernel.run('System.out.printf("%d rows, %s%n", 5, "ok");\nSystem.out.print("before ");\ndisplay("shown");\nSystem.out.print("tail")')
    streams = [o["content"]["text"] for o in cell.outputs if o["msg_type"] == "stream"]
    assert streams[0] == "5 rows, ok\n", streams
    kinds = [o["msg_type"] for o in cell.outputs if o["msg_type"] in ("stream", "display_data")]
    assert kinds == ["stream", "stream", "display_data", "stream"], kinds
    assert "".join(streams) == "5 rows, ok\nbefore tail"
