"""The model zoo: every model of `%train` against its scikit-learn or PyTorch peer, with the same hyperparameters
written side by side below, on the same rows. For each model, a fresh jtrain kernel and a fresh IPython kernel load
the data (untimed), then the model's first run in each is timed, then `runs` warm runs, alternated. Every time is from
execute_request to execute_reply and includes fitting and scoring the training and validation rows, as `%train` does
(a forest scores its out-of-bag rows instead, on both sides). Both sides' quality is read after the runs: accuracy or
R² for classes and numbers, and for the newer tasks what `%train` records for them (QUALITY below): average precision
for anomaly detectors, validation loss and NDCG@10 for matrix factorization, perplexity for the language model."""
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
SENSORS = FASHION.with_name("sensors.csv.gz")
RATINGS = FASHION.with_name("lecture-ratings.csv.gz")
MOBY = FASHION.with_name("moby-dick.csv.gz")
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
    # the detectors read every numeric column but the target (reading, mote, indoor, humidity, temperature) and never the target
    ("isolation-forest", "sensors", "%train isolation-forest on train --target anomaly --val val --trees 100 --sample-size 256 "
                                    "--extension-level 0 --as m --history h",
     "m = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(X); s, sv = -m.score_samples(X), -m.score_samples(Xv); "
     "mean_score, tr, va, auc = s.mean(), average_precision_score(y, s), average_precision_score(yv, sv), roc_auc_score(yv, sv)",
     "`IsolationForest(n_estimators=100, max_samples=256)`",
     "both fit on all 5 numeric columns of every training row (the anomalies too) and score the training rows (jtrain's "
     "mean_score) and the validation rows (average precision and ROC AUC); trees as deep as log2(256) = 8 on both sides; "
     "quality: average precision of the scores on the training / validation rows, jtrain's training figure from "
     "`%evaluate m on train` after the runs"),
    ("autoencoder", "sensors", "%train autoencoder on train --target anomaly --val val --epochs 5 --batch-size 64 --learning-rate 0.001 "
                               "--hidden 8,2 --as m --history h",
     "errors, va = ae_fit(X, Xv, yv, (8, 2), 5, 64, 0.001)", "PyTorch, same network and loop",
     "5 → 8 → 2 → 8 → 5 on standardized columns, 5 epochs, Adam 0.001, batches of 64, mean squared error; after each epoch "
     "both score the validation rows (val_loss, average precision, ROC AUC; jtrain scores them twice, once for val_loss and "
     "once for the other two); weights initialized as DJL does (normal, sd √(2/fan-in), zero biases) on both sides; "
     "quality: average precision on the training / validation rows, as for isolation-forest"),
    ("mf", "ratings", "%train mf on train --target rating --val val --user student --item lecturer --feedback implicit --factors 32 "
                      "--epochs 2 --batch-size 1024 --learning-rate 0.01 --optimizer adam --negatives 4 --weight-decay 0.01 --as m --history h",
     "tr, va = mf_fit(train, val, 32, 2, 1024, 0.01, 4, 0.01)", "PyTorch, same model and loop",
     "implicit feedback: each training pair as 1 with 4 sampled unchosen lecturers as 0, drawn afresh each epoch, logistic "
     "loss plus 0.01 × the pair's squared vectors and biases, 2 epochs, Adam 0.01, batches of 1,024, one PyTorch thread on "
     "both sides (as jtrain sets it for mf); vectors start N(0, 0.1), biases 0; after each epoch both compute the "
     "validation log-loss on the validation pairs with 4 negatives each (drawn once) and NDCG@10 of the lecturers a "
     "student has in the validation rows, training lecturers left out of the ranking; quality: validation log-loss / NDCG@10 "
     "(not train / val)"),
    ("gpt", "moby", "%train gpt on train --target text --val val --epochs 1 --steps 50 --batch-size 32 --learning-rate 0.003 --context 64 "
                    "--layers 2 --heads 4 --embedding 64 --as m --history h",
     "tr, va = gpt_fit(train, val, 1, 50, 32, 0.003, 64, 2, 4, 64)", "PyTorch, same transformer and loop",
     "character-level, pre-norm, 2 layers of 4 heads, 64 channels, context 64 (about 116,000 parameters); 1 epoch of 50 steps "
     "of 32 windows drawn at random, gradients clipped to a global norm of 1, Adam 0.003; tokens "
     "looked up with torch's embedding op on both sides; weights initialized as DJL does; validation: "
     "256 windows of 64 spread over the validation text; quality: perplexity on the training batches (the epoch's mean "
     "loss) / on the validation windows"),
]

# How each newer model's quality is read after the runs: (label, jtrain cells whose last prints two numbers, peer code that
# prints two). The models not listed here print accuracy (or MSE, turned into R²) from their History and tr, va.
DETECTOR_QUALITY = ["%evaluate m on train --as e", 'System.out.println(((org.jtrain.train.evaluate.Anomaly) e).averagePrecision() '
                                                   '+ " " + h.last().get("val_average_precision"))']
QUALITY = {
    "isolation-forest": ("AP", DETECTOR_QUALITY, "print(tr, va)"),
    "autoencoder": ("AP", DETECTOR_QUALITY, "print(average_precision_score(y, errors(X)), va)"),
    "mf": ("val loss / NDCG@10", ['System.out.println(h.last().get("val_loss") + " " + h.last().get("val_ndcg@10"))'], "print(tr, va)"),
    "gpt": ("perplexity", ['System.out.println(h.last().get("perplexity") + " " + h.last().get("val_perplexity"))'], "print(tr, va)"),
}

PY_COMMON = """
import numpy as np, pandas as pd, re, torch
from collections import Counter
from sklearn.linear_model import LogisticRegression, LinearRegression, Ridge, Lasso
from sklearn.neighbors import KNeighborsClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier, HistGradientBoostingClassifier, IsolationForest
from sklearn.svm import SVC
from sklearn.metrics import average_precision_score, roc_auc_score

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

def djl_init(net):
    # DJL's defaults: a weight from N(0, 2 / fan-in) (Xavier, gaussian, by fan-in, magnitude 2), a bias 0
    for layer in net.modules():
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.normal_(layer.weight, 0, (2 / layer.in_features) ** 0.5)
            torch.nn.init.zeros_(layer.bias)
    return net

def ae_fit(x, xv, yv, hidden, epochs, batch, lr):
    # jtrain's autoencoder: encoder down to the bottleneck (ReLU between, a linear code), its mirror back, mean squared error
    # on standardized columns; after each epoch val_loss (the mean error of the validation rows) and their AP and ROC AUC
    torch.manual_seed(1)
    d, layers, last = x.shape[1], [], x.shape[1]
    for i, h in enumerate(hidden):
        layers += [torch.nn.Linear(last, h)] + ([torch.nn.ReLU()] if i < len(hidden) - 1 else [])
        last = h
    for h in reversed(hidden[:-1]):
        layers += [torch.nn.Linear(last, h), torch.nn.ReLU()]
        last = h
    net = djl_init(torch.nn.Sequential(*layers, torch.nn.Linear(last, d)))
    xs, xvs = torch.from_numpy(standardize(x, x)), torch.from_numpy(standardize(x, xv))
    opt, lossf = torch.optim.Adam(net.parameters(), lr=lr), torch.nn.MSELoss()

    def errors(rows):
        with torch.no_grad():
            z = rows if torch.is_tensor(rows) else torch.from_numpy(standardize(x, rows))
            return ((net(z) - z) ** 2).mean(1).double().numpy()

    for epoch in range(epochs):
        order, loss_sum = torch.randperm(len(xs)), 0.0
        for i in range(0, len(order), batch):
            xb = xs[order[i:i + batch]]
            loss = lossf(net(xb), xb)
            opt.zero_grad(); loss.backward(); opt.step()
            loss_sum += loss.item() * len(xb)
        err = errors(xvs)
        val_loss, val_ap, val_auc = err.mean(), average_precision_score(yv, err), roc_auc_score(yv, err)
    return errors, val_ap

def mf_fit(train, val, k, epochs, batch, lr, negatives, decay):
    # jtrain's mf on implicit feedback: users and items by first appearance, a vector and a bias each; every training pair
    # as 1 with `negatives` items the user did not choose (drawn afresh each epoch, up to 10 tries) as 0, shuffled; logistic
    # loss plus decay × the mean of each pair's squared vectors and biases; after each epoch the validation log-loss on the
    # validation pairs with negatives drawn once, and NDCG@10 ranking every item but the user's training ones
    torch.manual_seed(1); rng = np.random.default_rng(1)
    threads = torch.get_num_threads(); torch.set_num_threads(1)
    try:
        u, users = pd.factorize(train["student"]); i, items = pd.factorize(train["lecturer"])
        nu, ni, per = len(users), len(items), 1 + negatives
        seen = np.unique(u.astype(np.int64) * ni + i)

        def unchosen(who):
            drawn = rng.integers(ni, size=len(who))
            for _ in range(10):
                code = who.astype(np.int64) * ni + drawn
                at = np.minimum(np.searchsorted(seen, code), len(seen) - 1)
                bad = seen[at] == code
                if not bad.any(): break
                drawn[bad] = rng.integers(ni, size=int(bad.sum()))
            return drawn

        def examples(users_, items_):
            eu, ei = np.repeat(users_, per), np.repeat(items_, per)
            ey = np.tile(np.array([1] + [0] * negatives, np.float32), len(users_))
            ei[ey == 0] = unchosen(eu[ey == 0])
            return eu, ei, ey

        uv, iv = users.get_indexer(val["student"]), items.get_indexer(val["lecturer"])
        known = (uv >= 0) & (iv >= 0)
        vu, vi, vy = examples(uv[known], iv[known])
        P = torch.nn.Parameter(torch.randn(nu, k) * 0.1); Q = torch.nn.Parameter(torch.randn(ni, k) * 0.1)
        bu = torch.nn.Parameter(torch.zeros(nu)); bi = torch.nn.Parameter(torch.zeros(ni))
        opt = torch.optim.Adam([P, Q, bu, bi], lr=lr)
        for epoch in range(epochs):
            eu, ei, ey = examples(u, i)
            order = rng.permutation(len(ey))
            eu, ei, ey = torch.from_numpy(eu[order]), torch.from_numpy(ei[order]), torch.from_numpy(ey[order])
            loss_sum = 0.0
            for s in range(0, len(ey), batch):
                bu_, bi_ = eu[s:s + batch], ei[s:s + batch]
                p, q, b1, b2 = P[bu_], Q[bi_], bu[bu_], bi[bi_]
                score = (p * q).sum(1) + b1 + b2
                squares = p.square().sum(1) + q.square().sum(1) + b1.square() + b2.square()
                loss = torch.nn.functional.binary_cross_entropy_with_logits(score, ey[s:s + batch])
                opt.zero_grad(); (loss + decay * squares.mean()).backward(); opt.step()
                loss_sum += loss.item() * len(bu_)
            Pn, Qn = P.detach().double().numpy(), Q.detach().double().numpy()
            bun, bin_ = bu.detach().double().numpy(), bi.detach().double().numpy()
            x = (Pn[vu] * Qn[vi]).sum(1) + bun[vu] + bin_[vi]
            val_loss = np.mean(np.maximum(x, 0) - x * vy + np.log1p(np.exp(-np.abs(x))))
            # NDCG@10: per validation user known in training, the distinct items they have there (each row of an item
            # never trained on counts as one more relevant item, which no ranking can hold)
            ranked = np.unique(uv[uv >= 0])
            row = np.full(nu, -1); row[ranked] = np.arange(len(ranked))
            relevant = {}
            for p_, (a, b) in enumerate(zip(uv, iv)):
                if a >= 0: relevant.setdefault(a, set()).add(b if b >= 0 else -1 - p_)
            scores = Pn[ranked] @ Qn.T + bun[ranked, None] + bin_[None, :]
            mine = row[u] >= 0
            scores[row[u[mine]], i[mine]] = -np.inf
            top = np.argpartition(-scores, 10, axis=1)[:, :10]
            top = np.take_along_axis(top, np.argsort(-np.take_along_axis(scores, top, 1), 1, kind="stable"), 1)
            gain = 1 / np.log2(np.arange(2, 12))
            ndcg = np.mean([sum(gain[r] for r, item in enumerate(top[n]) if item in relevant[user])
                            / gain[:min(10, len(relevant[user]))].sum() for n, user in enumerate(ranked)])
        return val_loss, ndcg
    finally:
        torch.set_num_threads(threads)

class Attention(torch.nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.heads, self.qkv, self.out = heads, torch.nn.Linear(c, 3 * c), torch.nn.Linear(c, c)

    def forward(self, x, mask):
        b, t, c = x.shape; d = c // self.heads
        q, k, v = (z.reshape(b, t, self.heads, d).transpose(1, 2) for z in self.qkv(x).split(c, 2))
        w = (q @ k.transpose(2, 3) / d ** 0.5 + mask[:t, :t]).softmax(-1)
        return self.out((w @ v).transpose(1, 2).reshape(b, t, c))

class Layer(torch.nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.norm1, self.attention, self.norm2 = torch.nn.LayerNorm(c), Attention(c, heads), torch.nn.LayerNorm(c)
        self.expand, self.contract = torch.nn.Linear(c, 4 * c), torch.nn.Linear(4 * c, c)

    def forward(self, x, mask):
        x = x + self.attention(self.norm1(x), mask)
        return x + self.contract(torch.nn.functional.gelu(self.expand(self.norm2(x))))

class Gpt(torch.nn.Module):
    # jtrain's TransformerNet as a decoder: token (torch's embedding op) and position embeddings from N(0, 0.02),
    # pre-norm layers, a final layer norm and a linear head; the causal mask is -inf above the diagonal
    def __init__(self, vocabulary, context, c, layers, heads):
        super().__init__()
        self.tokens = torch.nn.Parameter(torch.randn(vocabulary, c) * 0.02)
        self.positions = torch.nn.Parameter(torch.randn(context, c) * 0.02)
        self.layers = torch.nn.ModuleList(Layer(c, heads) for _ in range(layers))
        self.norm, self.head = torch.nn.LayerNorm(c), torch.nn.Linear(c, vocabulary)
        self.register_buffer("mask", torch.full((context, context), float("-inf")).triu(1))
        djl_init(self)

    def forward(self, ids):
        t = ids.shape[1]
        x = torch.nn.functional.embedding(ids, self.tokens) + self.positions[:t]
        for layer in self.layers:
            x = layer(x, self.mask)
        return self.head(self.norm(x))

def encode(text, alphabet):
    # characters as ids from 1 in the sorted alphabet of the training text; 0 for any other
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    at = np.minimum(np.searchsorted(alphabet, codes), len(alphabet) - 1)
    return np.where(alphabet[at] == codes, at + 1, 0)

def gpt_fit(train, val, epochs, steps, batch, lr, t, layers, heads, c):
    # jtrain's gpt loop: each step `batch` windows at random, cross-entropy at every position, gradients clipped to a
    # global norm of 1, Adam; after each epoch the perplexity of 256 windows spread over the validation text
    torch.manual_seed(1); rng = np.random.default_rng(1)
    text, val_text = "\\n".join(train["text"].dropna()), "\\n".join(val["text"].dropna())
    alphabet = np.unique(np.frombuffer(text.encode("utf-32-le"), np.uint32))
    ids, vids, v = encode(text, alphabet), encode(val_text, alphabet), len(alphabet) + 1
    net = Gpt(v, t, c, layers, heads)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    span = np.arange(t)
    for epoch in range(epochs):
        loss_sum = 0.0
        for step in range(steps):
            at = rng.integers(len(ids) - t, size=batch)[:, None] + span
            x, y = torch.from_numpy(ids[at]), torch.from_numpy(ids[at + 1])
            loss = torch.nn.functional.cross_entropy(net(x).reshape(-1, v), y.reshape(-1))
            opt.zero_grad(); loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            loss_sum += loss.item()
        windows = (len(vids) - 1) // t; used = min(windows, 256)
        starts = (np.arange(used) * windows // used) * t
        nats = 0.0
        with torch.no_grad():
            for f in range(0, used, 128):
                at = starts[f:f + 128, None] + span
                logp = net(torch.from_numpy(vids[at])).log_softmax(2)
                nats -= logp.gather(2, torch.from_numpy(vids[at + 1])[..., None]).sum().item()
    return np.exp(loss_sum / steps), np.exp(nats / (used * t))
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
    if not files("sensors")[0].exists():
        d = pd.read_csv(SENSORS)
        a, b = train_test_split(d, test_size=0.2, stratify=d["anomaly"], random_state=42)
        a.to_csv(files("sensors")[0], index=False)
        b.to_csv(files("sensors")[1], index=False)
    if not files("ratings")[0].exists():  # per student, as `%split --per student`: a fifth of each one's rows (rounded down)
        d = pd.read_csv(RATINGS).sample(frac=1, random_state=42)
        held = d.groupby("student").cumcount() < np.floor(0.2 * d.groupby("student")["student"].transform("size"))
        d[~held].sort_index().to_csv(files("ratings")[0], index=False)
        d[held].sort_index().to_csv(files("ratings")[1], index=False)
    if not files("moby")[0].exists():  # by chapter, as `%split --by-time chapter`: the first 80% of the chapters, then the rest
        d = pd.read_csv(MOBY)
        chapters = np.sort(d["chapter"].unique())
        cut = chapters[int(0.8 * len(chapters))]
        d[d["chapter"] < cut].to_csv(files("moby")[0], index=False)
        d[d["chapter"] >= cut].to_csv(files("moby")[1], index=False)
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
    target = {"regression": "y", "sensors": "anomaly"}.get(data, "label")
    return cell if data in ("spam", "ratings", "moby") else f'X, y = xy(train, "{target}"); Xv, yv = xy(val, "{target}")\n' + cell


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
    """(train, val) accuracy or R² of each side: jtrain's from its History, the peer's from its cell; for the models in
    QUALITY, the two numbers it names."""
    if name in QUALITY:
        _, cells, peer = QUALITY[name]
        for cell in cells[:-1]:
            output(jtrain, cell)
        j, p = output(jtrain, cells[-1]).split(), output(python, peer).split()
        return (float(j[0]), float(j[1])), (float(p[0]), float(p[1]))
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


def describe(data):
    """What DATA says, for the data sets whose sizes are read from their files."""
    if data in DATA:
        return DATA[data]
    import pandas as pd
    a, b = (pd.read_csv(f) for f in files(data))
    if data == "sensors":
        DATA[data] = (f"sensors {len(a):,} / {len(b):,} readings × 5, {int(a['anomaly'].sum())} / {int(b['anomaly'].sum())} "
                      "anomalies")
    elif data == "ratings":
        DATA[data] = (f"lecture-ratings {len(a):,} / {len(b):,} ratings, {a['student'].nunique():,} students × "
                      f"{a['lecturer'].nunique():,} lecturers")
    else:
        chars = [len("\n".join(t["text"].dropna())) for t in (a, b)]
        DATA[data] = (f"moby-dick chapters {a['chapter'].min()}–{a['chapter'].max()} / {b['chapter'].min()}–{b['chapter'].max()}, "
                      f"{chars[0]:,} / {chars[1]:,} characters")
    return DATA[data]


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
        metric = QUALITY[name][0] if name in QUALITY else "R²" if data == "regression" else "acc."
        rows[name] = (f"| {name} | {describe(data)} | {peer} | {first[0]:.2f} s | {first[1]:.2f} s | **{first[0] / first[1]:.2f}×** "
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
            "part of its cell). `%train` is run with each hyperparameter written out, as in `bench/zoo.py`. The last two columns: "
            "accuracy or R² on the training / validation rows; for the newer tasks (anomalies, recommendation, text), what the "
            "row's label and note say.\n\n"
            + header + "\n".join(rows[n] for n in order if n in rows) + "\n\n" + "\n".join(notes[n] for n in order if n in notes)
            + "\n\nWarm times: " + "; ".join(raw[n] for n in order if n in raw) + ".\n" + again)
