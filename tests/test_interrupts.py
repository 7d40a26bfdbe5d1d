"""Interrupts over the Jupyter protocol: one stops the cell it was sent to and nothing else, and what a stopped cell
leaves behind is either nothing or said plainly."""
import time
import urllib.error
import urllib.request

from conftest import free_port


def test_a_burst_of_interrupts_stops_only_the_cell_that_was_running(kernel):
    msg_id = kernel.client.execute("while (true) {}")
    kernel.client.get_iopub_msg(timeout=30)  # busy
    for _ in range(20):  # the kernel reads them one per 50 ms: the last arrive after the next cell has started
        kernel.manager.interrupt_kernel()
    while (reply := kernel.client.get_shell_msg(timeout=30))["parent_header"].get("msg_id") != msg_id:
        pass
    assert reply["content"]["ename"] == "Interrupted"
    cell = kernel.run("long t0 = System.nanoTime(); while (System.nanoTime() - t0 < 2_000_000_000L) {} 42")
    assert cell.ok, cell.error
    assert cell.result["text/plain"] == "42"


def test_an_interrupted_magic_defines_nothing_or_says_it_ran_to_its_end(kernel):
    sent = 0
    for i, after in enumerate((0.01, 0.05, 0.15, 0.3, 0.5, 0.8, 1.2)):
        cell, interrupted = kernel.interrupted(f"%data load fashion-mnist --as f{i}", after)
        defined = kernel.run(f"f{i}.rowCount()")
        if not interrupted:
            assert cell.ok and defined.ok
            continue
        sent += 1
        if cell.ok:
            # said right after the magic, or, for an interrupt that came after it, as the cell ends; unless the
            # magic's last line had reached us before the interrupt left: then it may have come after the cell's code
            # ended, as the kernel sent the reply, and there was nothing left to stop
            late = any(o["msg_type"] == "stream" and f"f{i} = " in o["content"]["text"] for o in cell.before_interrupt)
            assert ("%data ran to its end despite the interrupt, so what it did stands: f" in cell.stdout
                    or cell.stdout.endswith("The interrupt came as the cell was finishing: it ran to its end.\n") or late), cell.stdout
            assert defined.ok and defined.result["text/plain"] == "7000"
        else:
            assert cell.error["ename"] == "Interrupted", cell.error
            assert not defined.ok and "cannot find symbol" in defined.error["evalue"], f"f{i} was defined by a cell that says it stopped"
        assert kernel.run("1 + 1").ok
    assert sent >= 3, "the loads ended before the interrupts: the test needs a slower load"


def test_an_interrupt_while_serving_starts_stops_the_server_or_leaves_it_answering(kernel):
    assert kernel.run("%data load iris\n%train logistic on iris --target species --as lr").ok
    for after in (0.0, 0.005, 0.02, 0.05):
        port = free_port()
        cell, _ = kernel.interrupted(f"%serve lr --port {port}", after)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                answering = r.status == 200
        except urllib.error.URLError:
            answering = False
        assert answering == cell.ok, (cell.reply, cell.stdout, answering)
        assert kernel.run("%serve --stop").ok


def test_no_output_from_an_interrupted_fit_appears_under_later_cells(kernel):
    assert kernel.run('%data load fashion-mnist --as fm\nTable pixels = fm.copy().removeColumns("split");').ok
    # trees on all 784 features take seconds each, and a forest grows several at once: those still growing when the
    # interrupt stops the fit finish afterwards, on threads of their own
    cell, interrupted = kernel.interrupted("%train forest on pixels --target label --trees 40 --mtry 784 --as rf", after=3)
    assert interrupted and cell.ok, cell.reply
    assert "Interrupted before a model was complete" in cell.stdout, cell.stdout
    started = time.monotonic()
    while time.monotonic() - started < 8:
        later = kernel.run("Thread.sleep(200); 1")
        shown = [o["msg_type"] for o in later.outputs if o["msg_type"] not in ("status", "execute_input")]
        assert shown == ["execute_result"], later.outputs
    assert not kernel.run("rf").ok, "an interrupted forest is not kept"
