"""How many of the event lexicon's own example sentences come out with the pattern's type?

A consistency check of lexicon + argument roles, not an accuracy figure (we wrote the examples).
Usage: python bench/lexicon_selfcheck.py [--json] [--misses]  (--misses: list the examples that miss)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from eventwire.ingest import make_document
from eventwire.pipeline import coder


def main() -> None:
    c = coder()
    entries = c.kb.lexicon
    start = time.perf_counter()
    docs = [make_document(e.example) for e in entries]
    hit, with_actor, total = Counter(), Counter(), Counter()
    misses: list[str] = []
    for entry, coded in zip(entries, c.code_documents(docs), strict=True):
        total[entry.type] += 1
        types = {e.type for e in coded.events}
        hit[entry.type] += entry.type in types
        if entry.type not in types:
            pattern = " ".join(p for p in (entry.lemma, entry.particle, entry.object) if p)
            misses.append(
                f"{entry.type} {entry.cameo} {pattern!r}: {sorted(types)} {entry.example}"
            )
        with_actor[entry.type] += any(e.type == entry.type and e.source for e in coded.events)
    elapsed = time.perf_counter() - start
    rows = {
        t: {
            "examples": total[t],
            "type_found": hit[t] / total[t],
            "with_source": with_actor[t] / total[t],
        }
        for t in sorted(total)
    }
    overall = sum(hit.values()) / sum(total.values())
    if "--json" in sys.argv:
        print(json.dumps({"per_type": rows, "overall": overall, "seconds": elapsed}, indent=2))
        return
    if "--misses" in sys.argv:
        print("\n".join(misses))
    for t, r in rows.items():
        print(
            f"{t:10s} {r['examples']:4d} examples  type found {r['type_found']:.2f}  with source {r['with_source']:.2f}"
        )
    print(
        f"overall: {overall:.3f} of {sum(total.values())} examples coded with their own type ({elapsed:.1f}s)"
    )


if __name__ == "__main__":
    main()
