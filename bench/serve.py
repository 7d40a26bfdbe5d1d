"""A bounded loopback load test of %serve: 10,000 POST /predict requests from several client threads, each on its own
keep-alive connection, against a forest served from a jtrain kernel. It fails on any 5xx or connection error, and
reports throughput and latency percentiles. No peer runs here: the figure to watch is the error count."""
import http.client
import json
import socket
import statistics
import threading
import time

from csv_load import Kernel

NAME = "serve"
REQUESTS = 10_000
CLIENTS = 8


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port, n, row, latencies, statuses):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps(row)
    for _ in range(n):
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/predict", body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            statuses.append(r.status)
        except (OSError, http.client.HTTPException):
            statuses.append(-1)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - t0)
    conn.close()


def run(runs):
    jtrain = Kernel("jtrain", "%seed 42\n%data load iris\n%train forest on iris --target species --trees 100 --as served")
    port = free_port()
    jtrain.run(f"%serve served --port {port}")
    row = {"sepal_length": 6.3, "sepal_width": 3.3, "petal_length": 6.0, "petal_width": 2.5}
    results = []
    try:
        for _ in range(runs):
            latencies, statuses = [], []
            threads = [threading.Thread(target=client, args=(port, REQUESTS // CLIENTS, row, latencies, statuses)) for _ in range(CLIENTS)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            errors = sum(1 for s in statuses if s >= 500 or s < 0)
            assert len(statuses) == REQUESTS and errors == 0, f"{errors} errors in {len(statuses)} requests"
            assert all(s == 200 for s in statuses), sorted(set(statuses))
            q = statistics.quantiles(latencies, n=100)
            results.append((REQUESTS / wall, q[49] * 1000, q[98] * 1000))
        jtrain.run("%serve --stop")
    finally:
        jtrain.close()
    rps = statistics.median(r[0] for r in results)
    p50 = statistics.median(r[1] for r in results)
    p99 = statistics.median(r[2] for r in results)
    return (f"| requests | clients | errors (5xx or refused) | throughput | p50 latency | p99 latency |\n|---|---|---|---|---|---|\n"
            f"| {REQUESTS:,} | {CLIENTS} | 0 | {rps:,.0f} req/s | {p50:.2f} ms | {p99:.2f} ms |\n\n"
            f"Medians of {runs} runs of {REQUESTS:,} requests each; a 100-tree forest on iris served by `%serve` (JDK HttpServer: "
            f"4 platform threads, then a virtual thread per request when they are busy) from a jtrain kernel, one keep-alive connection per client thread. All runs "
            f"(req/s, p50 ms, p99 ms): {[tuple(round(v, 2) for v in r) for r in results]}.\n")
