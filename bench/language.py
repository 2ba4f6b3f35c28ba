"""Language detection: its cost per document and how often English is taken for another language.

On the geo corpus (788 English news articles from GeoWebNews and LGL, ../shared/data/geo) it
prints the model's load time, the detection time per document, the documents detected as another
language (whole texts, and their first 40 to 200 characters, where identification is least
reliable), with the raw best guess of the model beside eventwire's decision.

Usage: python bench/language.py
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from pathlib import Path

from eventwire import lang

GEO = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "geo"
PREFIXES = (20, 40, 60, 80, 120, 200)


def geo_texts() -> list[str]:
    texts = []
    for name in ("GWN.xml", "lgl.xml"):
        xml = (GEO / name).read_text(encoding="utf-8")
        for match in re.finditer(r"<text>(.*?)</text>", xml, re.S):
            texts.append(html.unescape(match[1].replace("<![CDATA[", "").replace("]]>", "")))
    return texts


def main() -> None:
    start = time.perf_counter()
    identifier = lang._identifier()
    print(f"model load: {time.perf_counter() - start:.2f} s (once per process)")
    texts = geo_texts()
    mean_chars = sum(map(len, texts)) // len(texts)
    start = time.perf_counter()
    found = [lang.detect(t) for t in texts]
    seconds = time.perf_counter() - start
    print(f"{len(texts)} documents, {mean_chars} characters on average")
    print(f"detection: {1000 * seconds / len(texts):.2f} ms per document ({seconds:.2f} s in all)")
    print(f"decisions: {dict(Counter(d.reason for d in found))}")
    print(f"taken as another language: {sum(d.language != 'en' for d in found)}")
    for n in PREFIXES:
        raw = sum(identifier.classify(t[:n])[0] != "en" for t in texts)
        decided = sum(lang.language_of(t[:n]) != "en" for t in texts)
        print(
            f"first {n:3d} characters: model's best guess not English {raw:3d}, decided {decided}"
        )


if __name__ == "__main__":
    main()
