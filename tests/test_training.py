"""%train over the Jupyter protocol: live displays updated in place, and an interrupt that keeps what was learned."""
import time


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
    assert "application/vnd.plotly.v1+json" in shown[1]["content"]["data"]
    final_bar = [u for u in updates if u["content"]["transient"]["display_id"] == bar_id][-1]["content"]["data"]
    assert "epoch 20/20" in final_bar["text/plain"] and "(finished)" in final_bar["text/plain"]
    final_chart = [u for u in updates if u["content"]["transient"]["display_id"] == chart_id][-1]["content"]["data"]
    assert set(final_chart) == {"application/vnd.plotly.v1+json", "image/png", "text/plain"}
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
