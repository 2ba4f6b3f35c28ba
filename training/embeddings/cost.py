"""What the story embedding costs at run time (project virtualenv, no torch): the time to load
the shipped static model, and per 1,000 documents the time to embed their leads (the story
model's `lead_tokens`) and whole texts (up to 512 tokens), and `story_score.document_terms`
with and without the embedding. Documents: the ECB+ texts in shared/data/ecbplus (or --data).

Usage: python training/embeddings/cost.py [--data DIR]"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "ecbplus"


def per_thousand(seconds: float, n: int) -> float:
    return 1000.0 * seconds / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in (args.data / "documents.jsonl").open()]
    from eventwire.analysis import embed
    from eventwire.analysis.story_model import shipped_model
    from eventwire.analysis.story_score import document_terms

    started = time.perf_counter()
    embed.shipped()
    print(f"load: {time.perf_counter() - started:.3f} s")
    lead = shipped_model().lead_tokens
    for name, most in ((f"leads ({lead} tokens)", lead), ("whole texts (512 tokens)", 512)):
        embed._pieces.cache_clear()  # a cold cache of word pieces, as in a fresh process
        started = time.perf_counter()
        embed.embed(texts, most)
        took = time.perf_counter() - started
        print(f"embed {name}: {per_thousand(took, len(texts)):.2f} s per 1,000 documents")
    for with_embedding in (False, True):
        started = time.perf_counter()
        for text in texts:
            document_terms(text, with_embedding)
        took = time.perf_counter() - started
        print(f"document_terms, embedding {with_embedding}: "
              f"{per_thousand(took, len(texts)):.2f} s per 1,000 documents")  # fmt: skip
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"({len(texts)} documents, {words:.0f} words each on average)")


if __name__ == "__main__":
    main()
