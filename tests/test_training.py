"""%train over the Jupyter protocol: live displays updated in place, and an interrupt that keeps what was learned."""
import time

import psutil


def _until_reply(kernel, msg_id, timeout=120):
    """The iopub outputs of one cell, and its execute_reply."""
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kernel.client.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        outputs.append(msg)
    while True:
        reply = kernel.client.get_shell_msg(timeout=10)
        if reply["parent_header"].get("msg_id") == msg_id:
            return outputs, reply["content"]


def test_progress_and_chart_update_in_place_and_end_with_a_png(kernel):
    assert kernel.run("%data load iris\n%split iris --target species --stratify --prefix i").ok
    msg_id = kernel.client.execute("%train mlp on i_train --target species --val i_val --epochs 20 --learning-rate 0.01")
    outputs, reply = _until_reply(kernel, msg_id)
    assert reply["status"] == "ok", reply
    shown = [o for o in outputs if o["msg_type"] == "display_data"]
    updates = [o for o in outputs if o["msg_type"] == "update_display_data"]
    assert len(shown) == 2, "one progress bar and one chart"
    bar_id, chart_id = (s["content"]["transient"]["display_id"] for s in shown)
    assert "<progress" in shown[0]["content"]["data"]["text/html"]
    assert set(shown[1]["content"]["data"]) == {"image/png", "text/plain"}, "a live chart is a PNG, which JupyterLab redraws" 
    final_bar = [u for u in updates if u["content"]["transient"]["display_id"] == bar_id][-1]["content"]["data"]
    assert "epoch 20/20" in final_bar["text/plain"] and "(finished)" in final_bar["text/plain"]
    chart_updates = [u["content"]["data"] for u in updates if u["content"]["transient"]["display_id"] == chart_id]
    assert set(chart_updates[-2]) == {"application/vnd.plotly.v1+json", "text/plain"}, "then the interactive figure"
    final_chart = chart_updates[-1]
    assert set(final_chart) == {"application/vnd.plotly.v1+json", "image/png", "text/plain"}, "which keeps a PNG for GitHub" 
    traces = final_chart["application/vnd.plotly.v1+json"]["data"]
    assert [t["name"] for t in traces] == ["loss", "val_loss", "accuracy", "val_accuracy"]
    assert len(traces[0]["x"]) == 20


def test_interrupting_a_network_keeps_the_model_and_the_history(kernel):
    assert kernel.run("%data load digits\n%split digits --target digit --stratify --prefix d").ok
    msg_id = kernel.client.execute("%train mlp on d_train --target digit --val d_val --epochs 100000 --as net --history hist")
    time.sleep(8)  # PyTorch starts, then some epochs run
    started = time.monotonic()
    kernel.manager.interrupt_kernel()
    outputs, reply = _until_reply(kernel, msg_id)
    assert time.monotonic() - started < 2.5, "training stops within about 2 s"
    stdout = "".join(o["content"]["text"] for o in outputs if o["msg_type"] == "stream")
    assert "Interrupted: net and hist keep what was learned so far." in stdout, (reply, [o["msg_type"] for o in outputs][-5:])
    epochs = kernel.run("hist.epochs()")
    assert epochs.ok and int(epochs.result["text/plain"]) >= 1, epochs.error
    assert "interrupted after" in kernel.run("hist.ended()").result["text/plain"]
    evaluated = kernel.run("%evaluate net on d_test")
    assert evaluated.ok, evaluated.error
    assert "accuracy 0.9" in evaluated.stdout, evaluated.stdout


def test_interrupting_a_smile_fit_stops_it_and_keeps_the_model_from_before(kernel):
    assert kernel.run("%data load iris --as flowers").ok
    assert kernel.run("%train logistic on flowers --target species --as lr").ok
    assert kernel.run("%data load fashion-mnist --as fashion").ok
    assert kernel.run('Table pixels = fashion.copy().removeColumns("split");').ok
    proc = psutil.Process(kernel.pid)
    # a gaussian SVM over 50 passes of 7,000 images runs for minutes; logistic regression, even with no penalty and no
    # cap, now converges on them in about 2 s on a quiet machine: too soon to be interrupted reliably
    msg_id = kernel.client.execute("%train svm on pixels --target label --kernel gaussian --epochs 50 --as lr")
    time.sleep(3)
    started = time.monotonic()
    kernel.manager.interrupt_kernel()
    outputs, reply = _until_reply(kernel, msg_id)
    assert time.monotonic() - started < 2.0, "the fit stops within about 2 s"
    assert reply["status"] == "ok", reply
    stdout = "".join(o["content"]["text"] for o in outputs if o["msg_type"] == "stream")
    assert "Interrupted before a model was complete, so none was kept (lr is the one from before)." in stdout, stdout
    assert "background" not in stdout, "the SVM's optimizer stops itself"
    time.sleep(0.3)
    assert proc.cpu_percent(interval=1.0) < 30, "the optimizer stopped rather than running on"
    kept = kernel.run("lr")
    assert kept.ok and "4 features" in kept.result["text/plain"], kept.result


def test_plots_go_out_interactive_then_with_their_png(kernel):
    assert kernel.run("%data load iris --as flowers").ok
    cell = kernel.run("%plot scatter flowers petal_length petal_width --color species")
    assert cell.ok, cell.error
    first = cell.of("display_data")[0]["content"]
    update = cell.of("update_display_data")[-1]["content"]
    assert set(first["data"]) == {"application/vnd.plotly.v1+json", "text/plain"}
    assert update["transient"]["display_id"] == first["transient"]["display_id"]
    assert set(update["data"]) == {"application/vnd.plotly.v1+json", "image/png", "text/plain"}
    assert [t["name"] for t in update["data"]["application/vnd.plotly.v1+json"]["data"]] == ["setosa", "versicolor", "virginica"]
