"""The model zoo: every model of `%train` against its scikit-learn or PyTorch peer, with the same hyperparameters
written side by side below, on the same rows. For each model, a fresh jtrain kernel and a fresh IPython kernel load
the data (untimed), then the model's first run in each is timed, then `runs` warm runs, alternated. Every time is from
execute_request to execute_reply and includes fitting and scoring the training and validation rows, as `%train` does
(a forest scores its out-of-bag rows instead, on both sides). Both sides' accuracy (or R²) is read after the runs."""
import gzip
import pathlib
import re
import statistics
import time

import numpy as np

from csv_load import Kernel

NAME = "zoo"
HERE = pathlib.Path(__file__).resolve().parent
RESULTS = HERE / "results"
FASHION = HERE.parent / "datasets" / "src" / "main" / "resources" / "org" / "jtrain" / "datasets" / "fashion-mnist.csv.gz"
SPAM = FASHION.with_name("spam.csv.gz")
SVM_ROWS = 10_000  # the svm and forest pairs train on the first 10,000: LASVM and libsvm grow faster than linearly with
# the rows, and a forest of 100 deep trees on all 80,000 took a minute a run (it is also in the training benchmark)

# name, data, jtrain cell, peer cell, what the peer is, note
MODELS = [
    ("logistic", "fashion", "%train logistic on train --target label --val val --as m --history h",
     "m = LogisticRegression().fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)",
     "`LogisticRegression()`", "each side's defaults: jtrain lambda 0.01 on standardized pixels, 100 L-BFGS iterations; "
                               "scikit-learn C=1.0 on raw pixels, 100 lbfgs iterations"),
    ("knn", "fashion", "%train knn on train --target label --val val --k 5 --as m --history h",
     "m = KNeighborsClassifier(5).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`KNeighborsClassifier(5)`", ""),
    ("naive-bayes", "fashion", "%train naive-bayes on train --target label --val val --smoothing 1e-9 --as m --history h",
     "m = GaussianNB(var_smoothing=1e-9).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`GaussianNB()`", ""),
    ("tree", "tabular", "%train tree on train --target label --val val --max-depth 20 --node-size 5 --as m --history h",
     "m = DecisionTreeClassifier(max_depth=20, min_samples_leaf=5, random_state=0).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)",
     "`DecisionTreeClassifier(max_depth=20, min_samples_leaf=5)`", ""),
    ("forest", "tabular-10k", "%train forest on train --target label --val val --trees 100 --max-depth 20 --node-size 5 --as m --history h",
     "m = RandomForestClassifier(100, max_depth=20, min_samples_leaf=5, max_features='sqrt', oob_score=True, n_jobs=-1, "
     "random_state=0).fit(X, y); tr, va = m.oob_score_, m.score(Xv, yv)",
     "`RandomForestClassifier(100, max_depth=20, min_samples_leaf=5, oob_score=True, n_jobs=-1)`",
     f"first {SVM_ROWS:,} training rows; train column: out-of-bag accuracy"),
    ("boosting", "tabular", "%train boosting on train --target label --val val --trees 100 --learning-rate 0.1 --max-depth 5 "
                            "--max-nodes 6 --subsample 0.7 --as m --history h",
     "m = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_depth=5, max_leaf_nodes=6, early_stopping=False, "
     "random_state=0).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)",
     "`HistGradientBoostingClassifier(max_iter=100, max_depth=5, max_leaf_nodes=6)`", "HistGradientBoosting bins features and has no row subsampling"),
    ("svm", "tabular-10k", "%train svm on train --target label --val val --c 1.0 --kernel linear --epochs 2 --as m --history h",
     "m = SVC(kernel='linear', C=1.0).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`SVC(kernel='linear', C=1.0)`",
     f"first {SVM_ROWS:,} training rows"),
    ("linear", "regression", "%train linear on train --target y --val val --as m --history h",
     "m = LinearRegression().fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`LinearRegression()`", ""),
    ("ridge", "regression", "%train ridge on train --target y --val val --lambda 1.0 --as m --history h",
     "m = Ridge(alpha=1.0).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`Ridge(alpha=1.0)`", ""),
    ("lasso", "regression", "%train lasso on train --target y --val val --lambda 1.0 --as m --history h",
     "m = Lasso(alpha=1.0 / (2 * len(y))).fit(X, y); tr, va = m.score(X, y), m.score(Xv, yv)", "`Lasso(alpha=λ/2n)`",
     "Smile's λ weighs the summed squared error, scikit-learn's alpha the mean over 2n rows"),
    ("mlp", "fashion", "%train mlp on train --target label --val val --epochs 3 --batch-size 64 --learning-rate 0.001 --hidden 64,32 "
                       "--as m --history h",
     "tr, va = torch_fit(mlp_net(784, (64, 32), 10), standardize(X, X), y, standardize(X, Xv), yv, 3, 64)",
     "PyTorch, same network and loop", "3 epochs, Adam 0.001, batches of 64, standardized pixels"),
    ("cnn", "fashion", "%train cnn on train --target label --val val --epochs 1 --batch-size 64 --filters 16 --as m --history h",
     "tr, va = torch_fit(cnn_net(16, 10), (X / X.max()).reshape(-1, 1, 28, 28), y, (Xv / X.max()).reshape(-1, 1, 28, 28), yv, 1, 64)",
     "PyTorch, same network and loop", "1 epoch, Adam 0.001, batches of 64, pixels / max"),
    ("text", "spam", "%train text on train --target label --val val --epochs 3 --batch-size 32 --vocabulary 2000 --hidden 64 --as m --history h",
     "tr, va = text_fit(train, val, 2000, 64, 3, 32)", "PyTorch, same bag of words and network", "3 epochs, Adam 0.001, batches of 32"),
]

PY_COMMON = """
import numpy as np, pandas as pd, re, torch
from collections import Counter
from sklearn.linear_model import LogisticRegression, LinearRegression, Ridge, Lasso
from sklearn.neighbors import KNeighborsClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier, HistGradientBoostingClassifier
from sklearn.svm import SVC

def xy(frame, target):
    return frame.drop(columns=target).to_numpy(float), frame[target].to_numpy()

def standardize(fit_on, x):
    sd = fit_on.std(0)
    return ((x - fit_on.mean(0)) / np.where(sd > 1e-12, sd, 1)).astype(np.float32)

def mlp_net(d, hidden, k):
    layers, last = [], d
    for h in hidden:
        layers += [torch.nn.Linear(last, h), torch.nn.ReLU()]
        last = h
    return torch.nn.Sequential(*layers, torch.nn.Linear(last, k))

def cnn_net(f, k):
    return torch.nn.Sequential(torch.nn.Conv2d(1, f, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                               torch.nn.Conv2d(f, 2 * f, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                               torch.nn.Linear(2 * f * 7 * 7, 64), torch.nn.ReLU(), torch.nn.Linear(64, k))

def torch_fit(net, x, y, xv, yv, epochs, batch):
    # %train's loop: shuffled batches, Adam 0.001, the epoch's loss and accuracy summed per batch, validation every epoch
    torch.manual_seed(1)
    classes = sorted(set(y)); index = {c: i for i, c in enumerate(classes)}
    x, xv = torch.tensor(np.asarray(x, np.float32)), torch.tensor(np.asarray(xv, np.float32))
    y, yv = torch.tensor([index[c] for c in y]), torch.tensor([index[c] for c in yv])
    opt, lossf = torch.optim.Adam(net.parameters(), lr=0.001), torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        order, right = torch.randperm(len(y)), 0
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            out = net(x[idx]); loss = lossf(out, y[idx])
            opt.zero_grad(); loss.backward(); opt.step()
            right += (out.argmax(1) == y[idx]).sum().item()
        net.eval()
        with torch.no_grad():
            out = net(xv); val_loss = lossf(out, yv).item(); val = (out.argmax(1) == yv).float().mean().item()
    return right / len(y), val

def words(text):
    return [w.lower() for w in re.findall(r"[^\\W\\d_]+", text if isinstance(text, str) else "") if 2 <= len(w) <= 30]

def bag(frame, vocab):
    index = {w: i for i, w in enumerate(vocab)}
    x = np.zeros((len(frame), len(vocab)), np.float32)
    for r, (s, b) in enumerate(zip(frame["subject"], frame["body"])):
        for w in words(s) + words(b):
            i = index.get(w)
            if i is not None: x[r, i] += 1
    return np.log1p(x)

def text_fit(train, val, size, hidden, epochs, batch):
    # jtrain's bag of words: the words in the most training documents (at least 2), log(1 + count)
    docs = Counter()
    for s, b in zip(train["subject"], train["body"]):
        docs.update(set(words(s) + words(b)))
    vocab = [w for w, n in sorted(docs.items(), key=lambda e: (-e[1], e[0])) if n >= 2][:size]
    net = torch.nn.Sequential(torch.nn.Linear(len(vocab), hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 2))
    return torch_fit(net, bag(train, vocab), train["label"].to_numpy(), bag(val, vocab), val["label"].to_numpy(), epochs, batch)
"""


def files(data):
    return RESULTS / f"zoo_{data}_train.csv", RESULTS / f"zoo_{data}_val.csv"


def make_files():
    """Seeded: the same rows for both sides, split 80/20 (stratified for classes) once, into bench/results/."""
    import pandas as pd
    from sklearn.model_selection import train_test_split
    RESULTS.mkdir(parents=True, exist_ok=True)
    if not files("fashion")[0].exists():
        d = pd.read_csv(FASHION).drop(columns="split")
        a, b = train_test_split(d, test_size=0.2, stratify=d["label"], random_state=42)
        a.to_csv(files("fashion")[0], index=False)
        b.to_csv(files("fashion")[1], index=False)
    if not files("spam")[0].exists():
        d = pd.read_csv(SPAM)
        a, b = train_test_split(d, test_size=0.2, stratify=d["label"], random_state=42)
        a.to_csv(files("spam")[0], index=False)
        b.to_csv(files("spam")[1], index=False)
    rng = np.random.default_rng(17)
    if not files("tabular")[0].exists():
        n = 100_000
        x = rng.normal(size=(n, 20))
        z = x @ rng.normal(size=20) + 1.5 * np.sin(2 * x[:, 0]) * x[:, 1] + rng.normal(scale=2.0, size=n)
        cols = {f"f{j}": np.round(x[:, j], 5) for j in range(20)}
        d = pd.DataFrame(cols).assign(label=np.where(z > 0, "yes", "no"))
        d.iloc[:80_000].to_csv(files("tabular")[0], index=False)
        d.iloc[80_000:].to_csv(files("tabular")[1], index=False)
        d.iloc[:SVM_ROWS].to_csv(files("tabular-10k")[0], index=False)
        d.iloc[80_000:].to_csv(files("tabular-10k")[1], index=False)
    if not files("regression")[0].exists():
        n = 50_000
        x = rng.normal(size=(n, 10))
        y = x @ rng.normal(scale=3, size=10) + 2 * np.sin(x[:, 0]) + rng.normal(scale=1.0, size=n)
        d = pd.DataFrame({f"f{j}": np.round(x[:, j], 5) for j in range(10)}).assign(y=np.round(y, 5))
        d.iloc[:40_000].to_csv(files("regression")[0], index=False)
        d.iloc[40_000:].to_csv(files("regression")[1], index=False)


def py_setup(data):
    train, val = files(data)
    target = "y" if data == "regression" else "label"
    return PY_COMMON + f'train, val = pd.read_csv("{train}"), pd.read_csv("{val}")\n'


def py_cell(data, cell):
    """The peer starts from its DataFrames, as %train starts from its tables: taking the arrays out is timed on both sides."""
    target = "y" if data == "regression" else "label"
    return cell if data == "spam" else f'X, y = xy(train, "{target}"); Xv, yv = xy(val, "{target}")\n' + cell


def jtrain_setup(data):
    train, val = files(data)
    return f"%data load {train} --as train\n%data load {val} --as val"


def output(kernel, code):
    out = []
    reply = kernel.kc.execute_interactive(code, timeout=600, output_hook=lambda m: out.append(m["content"].get("text", ""))
                                          if m["msg_type"] == "stream" else None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out).strip()


def scores(name, data, jtrain, python):
    """(train, val) accuracy or R² of each side: jtrain's from its History, the peer's from its cell."""
    j = output(jtrain, 'var last = h.last(); System.out.println(last.getOrDefault("oob_accuracy", last.getOrDefault("accuracy", '
                       'last.get("loss"))) + " " + last.getOrDefault("val_accuracy", last.get("val_loss")))').split()
    jt, jv = float(j[0]), float(j[1])
    if data == "regression":  # MSE to R², with each split's own variance
        var = output(python, "print(y.var(), yv.var())").split()
        jt, jv = 1 - jt / float(var[0]), 1 - jv / float(var[1])
    p = output(python, "print(tr, va)").split()
    return (jt, jv), (float(p[0]), float(p[1]))


def one(model, runs):
    name, data, jcell, pcell = model[:4]
    pcell = py_cell(data, pcell)
    jtrain = Kernel("jtrain", jtrain_setup(data))
    python = Kernel("python3", py_setup(data))
    try:
        first = (jtrain.run(jcell), python.run(pcell))
        warm = ([], [])
        for _ in range(runs):
            time.sleep(1)  # PyTorch's and DJL's OpenMP threads spin for a while after a cell
            warm[0].append(jtrain.run(jcell))
            time.sleep(1)
            warm[1].append(python.run(pcell))
        quality = scores(name, data, jtrain, python)
    finally:
        jtrain.close()
        python.close()
    return first, warm, quality


DATA = {"fashion": "fashion-mnist 5,600 / 1,400 rows × 784 pixels, 10 classes",
        "tabular": "tabular 80,000 / 20,000 rows × 20, 2 classes",
        "tabular-10k": f"tabular {SVM_ROWS:,} / 20,000 rows × 20, 2 classes",
        "regression": "regression 40,000 / 10,000 rows × 10",
        "spam": "spam 4,836 / 1,210 emails, 2 classes"}


def previous():
    """The rows, notes and warm times of the zoo table now in bench/README.md, by model, so that --models redoes a few."""
    m = re.search(r"<!-- zoo:begin -->\n(.*?)<!-- zoo:end -->", (HERE / "README.md").read_text(), re.S)
    names = [model[0] for model in MODELS]
    rows, notes, warm, again = {}, {}, {}, []
    for line in (m.group(1).splitlines() if m else []):
        if line.startswith("Rows measured again"):
            again = line.rstrip(".").split(": ")[-1].split(", ")
        cells = line.split("|")
        if line.startswith("| ") and len(cells) > 2 and cells[1].strip() in names:
            rows[cells[1].strip()] = line
        elif line.startswith("- ") and line[2:].split(":")[0] in names:
            notes[line[2:].split(":")[0]] = line
        elif line.startswith("Warm times: "):
            for part in line[len("Warm times: "):].rstrip(".").split("; "):
                warm[part.split(" ")[0]] = part
    return rows, notes, warm, again


def run(runs, only=None):
    make_files()
    rows, notes, raw, again = previous() if only else ({}, {}, {}, [])
    again = [n for n in again if n not in (only or [])] + list(only or [])
    for model in MODELS:
        if only and model[0] not in only:
            continue
        name, data, jcell, pcell, peer, note = model
        first, warm, (jq, pq) = one(model, runs)
        wj, wp = statistics.median(warm[0]), statistics.median(warm[1])
        metric = "R²" if data == "regression" else "acc."
        rows[name] = (f"| {name} | {DATA[data]} | {peer} | {first[0]:.2f} s | {first[1]:.2f} s | **{first[0] / first[1]:.2f}×** "
                      f"| {wj:.2f} s | {wp:.2f} s | **{wj / wp:.2f}×** | {metric} {jq[0]:.3f} / {jq[1]:.3f} | {pq[0]:.3f} / {pq[1]:.3f} |")
        if note:
            notes[name] = f"- {name}: {note}."
        raw[name] = f"{name} jtrain {[round(t, 2) for t in warm[0]]} peer {[round(t, 2) for t in warm[1]]}"
        print(rows[name], flush=True)
    order = [model[0] for model in MODELS]
    header = ("| model | data (train / val) | peer | jtrain first run | peer first run | ratio | jtrain warm median | peer warm median "
              "| ratio | jtrain train / val | peer train / val |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
    again = (f"\nRows measured again in later runs (`--models ...`), the others kept from the run before: "
             f"{', '.join(again)}.\n") if again else ""
    return (f"Each model: a fresh jtrain kernel and a fresh IPython kernel, data loaded untimed, then the first run and {runs} warm "
            "runs of each, alternated; seconds from execute_request to execute_reply, fitting and scoring the training and "
            "validation rows, from the table (`%train`) or the DataFrame (the peer: `X, y = train.drop(...).to_numpy(), ...` is "
            "part of its cell). `%train` is run with each hyperparameter written out, as in `bench/zoo.py`.\n\n"
            + header + "\n".join(rows[n] for n in order if n in rows) + "\n\n" + "\n".join(notes[n] for n in order if n in notes)
            + "\n\nWarm times: " + "; ".join(raw[n] for n in order if n in raw) + ".\n" + again)
