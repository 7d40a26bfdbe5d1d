"""Training side by side, alternated in one run, each timed from execute_request to execute_reply:
- a random forest through `%train forest` against scikit-learn's RandomForestClassifier, same data and hyperparameters;
- three epochs of an MLP through `%train mlp` (DJL, PyTorch engine) against the same network in PyTorch on CPU;
- the overhead of `%train` over calling Smile and DJL directly in the same jtrain kernel."""
import pathlib
import statistics
import time

import numpy as np

from csv_load import Kernel

NAME = "training"
RESULTS = pathlib.Path(__file__).resolve().parent / "results"
RF_CSV = RESULTS / "rf_20k_x20.csv"
MLP_CSV = RESULTS / "mlp_50k_x64.csv"
RF = dict(trees=100, depth=20, leaf=5)
MLP = dict(epochs=8, batch=64, hidden=(128, 64), lr=0.001)


def make_files():
    RESULTS.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    if not RF_CSV.exists():
        x = rng.normal(size=(20_000, 20))
        y = (x @ rng.normal(size=20) + rng.normal(scale=2.0, size=20_000) > 0).astype(int)
        _write(RF_CSV, x, y, 20)
    if not MLP_CSV.exists():
        x = rng.normal(size=(50_000, 64))
        y = np.argmax(x @ rng.normal(size=(64, 10)) + rng.normal(scale=3.0, size=(50_000, 10)), axis=1)
        _write(MLP_CSV, x, y, 64)


def _write(path, x, y, d):
    header = ",".join(f"f{i}" for i in range(d)) + ",y"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header=header, comments="", fmt=["%.6f"] * d + ["%d"])


JAVA_SETUP = f"""
double[][] transpose(double[][] cols) {{
    double[][] rows = new double[cols[0].length][cols.length];
    for (int j = 0; j < cols.length; j++) for (int i = 0; i < rows.length; i++) rows[i][j] = cols[j][i];
    return rows;
}}
%data load {RF_CSV} --as rf
%data load {MLP_CSV} --as digits50k
double[][] rfX = rf.columns().stream().filter(c -> !c.name().equals("y")).map(c -> ((NumericColumn<?>) c).asDoubleArray()).toArray(double[][]::new);
smile.data.DataFrame rfFrame = smile.data.DataFrame.of(transpose(rfX), rf.columnNames().subList(0, 20).toArray(String[]::new))
    .add(new smile.data.vector.IntVector("y", rf.intColumn("y").asIntArray()));
float[] mlpX = new float[digits50k.rowCount() * 64];
float[] mlpY = new float[digits50k.rowCount()];
for (int j = 0; j < 64; j++) {{
    double[] c = digits50k.numberColumn("f" + j).asDoubleArray();
    double mean = java.util.Arrays.stream(c).average().orElse(0), sd = Math.sqrt(java.util.Arrays.stream(c).map(v -> (v - mean) * (v - mean)).average().orElse(1));
    for (int i = 0; i < c.length; i++) mlpX[i * 64 + j] = (float) ((c[i] - mean) / sd);
}}
for (int i = 0; i < mlpY.length; i++) mlpY[i] = digits50k.intColumn("y").getInt(i);
"""

# The same loop as %train's, written by hand: shuffled batches of 64, Adam, softmax cross-entropy, and the epoch's
# loss and accuracy summed per batch (as the PyTorch loop does), without jtrain's progress, charts or History.
# It is a method declared once, so that the JIT compiles it across runs as it does jtrain's own loop (a cell's
# code is a new class each time it runs, and would stay interpreted for part of every run).
JAVA_DJL_METHOD = f"""
void djlDirect() throws Exception {{
ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(1);
try (ai.djl.Model m = ai.djl.Model.newInstance("direct", "PyTorch")) {{
    var net = new ai.djl.nn.SequentialBlock()
        .add(ai.djl.nn.core.Linear.builder().setUnits({MLP['hidden'][0]}).build()).add(ai.djl.nn.Activation.reluBlock())
        .add(ai.djl.nn.core.Linear.builder().setUnits({MLP['hidden'][1]}).build()).add(ai.djl.nn.Activation.reluBlock())
        .add(ai.djl.nn.core.Linear.builder().setUnits(10).build());
    m.setBlock(net);
    var loss = ai.djl.training.loss.Loss.softmaxCrossEntropyLoss();
    var config = new ai.djl.training.DefaultTrainingConfig(loss).optOptimizer(ai.djl.training.optimizer.Optimizer.adam()
        .optLearningRateTracker(ai.djl.training.tracker.Tracker.fixed({MLP['lr']}f)).build());
    try (var trainer = m.newTrainer(config)) {{
        trainer.initialize(new ai.djl.ndarray.types.Shape(1, 64));
        int n = mlpY.length, b = {MLP['batch']};
        var rng = new java.util.Random(1);
        for (int epoch = 0; epoch < {MLP['epochs']}; epoch++) {{
            int[] order = java.util.stream.IntStream.range(0, n).toArray();
            double total = 0;
            int right = 0;
            for (int i = n - 1; i > 0; i--) {{ int j = rng.nextInt(i + 1), t = order[i]; order[i] = order[j]; order[j] = t; }}
            for (int from = 0; from < n; from += b) {{
                int to = Math.min(n, from + b);
                float[] xb = new float[(to - from) * 64], yb = new float[to - from];
                for (int i = from; i < to; i++) {{ System.arraycopy(mlpX, order[i] * 64, xb, (i - from) * 64, 64); yb[i - from] = mlpY[order[i]]; }}
                try (var sub = trainer.getManager().newSubManager()) {{
                    var x = sub.create(xb, new ai.djl.ndarray.types.Shape(to - from, 64));
                    var y = sub.create(yb);
                    try (var gc = trainer.newGradientCollector()) {{
                        var out = trainer.forward(new ai.djl.ndarray.NDList(x)).singletonOrThrow();
                        var l = loss.evaluate(new ai.djl.ndarray.NDList(y), new ai.djl.ndarray.NDList(out));
                        gc.backward(l);
                        total += l.getFloat() * (to - from);
                        right += (int) out.argMax(1).eq(y.toType(ai.djl.ndarray.types.DataType.INT64, false)).sum().getLong();
                    }}
                    trainer.step();
                }}
            }}
        }}
    }}
}}
}}
"""

PY_SETUP = f"""
import numpy as np, pandas as pd, torch
from sklearn.ensemble import RandomForestClassifier
rf = pd.read_csv("{RF_CSV}"); rfX, rfY = rf.drop(columns="y").to_numpy(), rf["y"].to_numpy()
d = pd.read_csv("{MLP_CSV}"); X = d.drop(columns="y").to_numpy(np.float32); X = (X - X.mean(0)) / X.std(0)
mlpX, mlpY = torch.tensor(X), torch.tensor(d["y"].to_numpy())
"""

PY_MLP = f"""
torch.manual_seed(1)
net = torch.nn.Sequential(torch.nn.Linear(64, {MLP['hidden'][0]}), torch.nn.ReLU(), torch.nn.Linear({MLP['hidden'][0]}, {MLP['hidden'][1]}),
                          torch.nn.ReLU(), torch.nn.Linear({MLP['hidden'][1]}, 10))
opt = torch.optim.Adam(net.parameters(), lr={MLP['lr']})
lossf = torch.nn.CrossEntropyLoss()
for epoch in range({MLP['epochs']}):
    order = torch.randperm(len(mlpY))
    total, right = 0.0, 0
    for i in range(0, len(order), {MLP['batch']}):
        idx = order[i:i + {MLP['batch']}]
        out = net(mlpX[idx]); loss = lossf(out, mlpY[idx])
        opt.zero_grad(); loss.backward(); opt.step()
        total += loss.item() * len(idx); right += (out.argmax(1) == mlpY[idx]).sum().item()
"""

CELLS = {
    "jtrain %train forest": ("jtrain", f"%train forest on rf --target y --trees {RF['trees']} --max-depth {RF['depth']} --as f"),
    "scikit-learn RandomForestClassifier": ("python", f"RandomForestClassifier(n_estimators={RF['trees']}, max_depth={RF['depth']}, "
                                                      f"min_samples_leaf={RF['leaf']}, max_features='sqrt', n_jobs=-1, random_state=0).fit(rfX, rfY)"),
    "Smile RandomForest.fit, called directly": ("jtrain", f"smile.classification.RandomForest.fit(smile.data.formula.Formula.lhs(\"y\"), rfFrame, "
                                                        f"new smile.classification.RandomForest.Options({RF['trees']}, 0, smile.model.cart.SplitRule.GINI, "
                                                        f"{RF['depth']}, 0, {RF['leaf']}, 1.0, null, null, null)); 0"),
    "DJL loop, called directly": ("jtrain", "djlDirect();"),
    "jtrain %train mlp": ("jtrain", f"%train mlp on digits50k --target y --epochs {MLP['epochs']} --batch-size {MLP['batch']} "
                                    f"--hidden {MLP['hidden'][0]},{MLP['hidden'][1]} --learning-rate {MLP['lr']} --as n"),
    "PyTorch, same network and loop": ("python", PY_MLP),
}


def run(runs):
    make_files()
    jtrain = Kernel("jtrain", "1 + 1")
    python = Kernel("python3", PY_SETUP)
    kernels = {"jtrain": jtrain, "python": python}
    try:
        jtrain.run(JAVA_SETUP)
        jtrain.run(JAVA_DJL_METHOD)
        for code in (CELLS["jtrain %train mlp"][1], CELLS["DJL loop, called directly"][1]):
            jtrain.run(code)  # warm-up: PyTorch's native library loads once per kernel
        python.run(PY_MLP)
        times = {name: [] for name in CELLS}
        for _ in range(runs):
            for name, (kernel, code) in CELLS.items():
                time.sleep(1)  # PyTorch's and DJL's OpenMP threads spin for a while after a cell: let them settle
                times[name].append(kernels[kernel].run(code))
    finally:
        jtrain.close()
        python.close()
    med = {k: statistics.median(v) for k, v in times.items()}

    def row(a, b, what):
        return f"| {what} | {a} {med[a]:.2f} s | {b} {med[b]:.2f} s | {med[a] / med[b]:.2f}× |"

    return "\n".join([
        f"Medians of {runs} alternated runs, seconds from execute_request to execute_reply (so `%train` includes its "
        "progress bar and charts). Forest: 20,000 × 20 numeric rows, 2 classes, 100 trees, max depth 20, "
        "5 rows per leaf, √features per split. MLP: 50,000 × 64 rows, 10 classes, 64→128→64→10, ReLU, Adam 0.001, "
        f"batches of 64, {MLP['epochs']} epochs.",
        "",
        "| comparison | jtrain | peer | ratio |",
        "|---|---|---|---|",
        row("jtrain %train forest", "scikit-learn RandomForestClassifier", "random forest vs scikit-learn (n_jobs=-1)"),
        row("jtrain %train mlp", "PyTorch, same network and loop", f"MLP, {MLP['epochs']} epochs, vs PyTorch on CPU"),
        row("jtrain %train forest", "Smile RandomForest.fit, called directly", "`%train forest` overhead over Smile"),
        row("jtrain %train mlp", "DJL loop, called directly", "`%train mlp` overhead over DJL"),
        "",
        "All times: " + ", ".join(f"{k} {[round(t, 2) for t in v]}" for k, v in times.items()) + ".",
    ])
