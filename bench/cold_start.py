"""Kernel cold start: from launching the kernel process to kernel_info_reply, and to the reply of a first `1+1`.

jtrain and the IPython kernel are started alternately in the same run, so the machine's noise hits both alike.
"""
import statistics
import time

from jupyter_client.manager import KernelManager

NAME = "cold-start"
KERNELS = {"jtrain": "jtrain", "ipython": "python3"}


def one_start(kernel_name, graceful=False):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)  # sends kernel_info_request until the reply arrives
        ready = time.perf_counter() - t0
        reply = kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
        first = time.perf_counter() - t0
        assert reply["content"]["status"] == "ok", reply["content"]
        return ready, first
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=not graceful)


def run(runs):
    # A warm-up start of each, untimed, so that both read their files from the page cache. (jtrain's AOT cache is made
    # by ./jtrain setup, which ./jtrain bench runs first.)
    for kernel in KERNELS.values():
        one_start(kernel, graceful=True)
    samples = {label: [] for label in KERNELS}
    for _ in range(runs):
        for label, kernel in KERNELS.items():
            samples[label].append(one_start(kernel))
    rows = []
    med = {}
    for label, values in samples.items():
        ready = [v[0] for v in values]
        first = [v[1] for v in values]
        med[label] = (statistics.median(ready), statistics.median(first))
        rows.append(f"| {label} | {med[label][0]:.2f} s ({min(ready):.2f}–{max(ready):.2f}) "
                    f"| {med[label][1]:.2f} s ({min(first):.2f}–{max(first):.2f}) |")
    ratio = (med["jtrain"][0] / med["ipython"][0], med["jtrain"][1] / med["ipython"][1])
    rows.append(f"| **jtrain / IPython** | **{ratio[0]:.2f}×** | **{ratio[1]:.2f}×** |")
    header = ("| kernel | start → kernel_info_reply, median (min–max) | start → first `1+1` reply, median (min–max) |\n"
              "|---|---|---|\n")
    goal_met = ratio[1] <= 1.5
    verdict = (f"Goal (cold start to the first result ≤ 1.5× IPython): "
               f"{'met' if goal_met else 'NOT met'} ({runs} runs each, after one untimed warm-up start of each kernel).")
    return header + "\n".join(rows) + "\n\n" + verdict + "\n"
