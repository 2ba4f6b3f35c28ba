"""Quantities scored on two sets.

1. The project's dev set (bench/data/quantities_dev/dev.jsonl): sentences from the news articles
   in ../shared/data (GeoWebNews, LGL, re3d), annotated by the project with value, unit, counted
   noun and qualifier (see bench/data/quantities_dev/README.md). A system quantity matches a gold
   one when their character spans overlap and their values (and range tops) are equal; printed:
   value P/R/F1, value+unit F1, value+counted F1 (the counted noun's last word, case-insensitive;
   both empty counts as a match) and value+qualifier F1.
2. NewsQuant (../shared/data/qty/newsquant/NewsQuant.json, 590 sentences, 904 quantities), scored
   the way its authors scored CQE and quantulum3: for each gold quantity the system quantities
   are tried in turn, a value match counts once per gold quantity, a unit match (NewsQuant's unit
   names; for a count, the counted noun) takes the system quantity out; change (=, ~, >, <, up,
   down) and concept (the counted noun's words against the gold `referred_concepts`) are counted
   on value matches (concept: our `concept` against the gold `referred_concepts`; a range's two
   ends are compared in either order). NewsQuant is printed whole and in halves: even-numbered
   sentences (the rules were tuned on these) and odd-numbered ones (held out, only measured);
   then its four other test sets (age, currency, dimension, temperature: value, value+unit).
   The published scores of CQE, quantulum3 and others are printed beside ours.

Dates are found first and their tokens left out, as in the product.
Usage: python bench/quantities.py [--set dev|newsquant|both] [--dev-errors N] [--json]
       python bench/quantities.py --errors value|unit|change|concept  (NewsQuant's dev half)
           [--errors-in dev|age|currency|dimension|temperature] [--shown N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from eventwire import nlp
from eventwire.model import QuantityMention
from eventwire.quantities import date_tokens, find_quantities
from eventwire.quantities.lexicon import quantity_words
from eventwire.time import find_dates

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NEWSQUANT = SHARED / "qty" / "newsquant"
DEV = ROOT / "bench" / "data" / "quantities_dev" / "dev.jsonl"
ANCHOR = dt.date(2020, 1, 1)  # only the spans of dates matter here
SIGNS = {"~": "~", "~<": "~", ">": ">", ">=": ">", "<": "<", "<=": "<", "=": "="}
OTHER_SETS = ("age", "currency", "dimension", "temperature")
KINDS = ("value", "value+unit", "value+change", "value+concept_partial", "value+concept_complete")
SHORT = dict(zip(KINDS, ("value", "+unit", "+change", "+concept~", "+concept="), strict=True))
DEV_KINDS = {
    "value": "value",
    "unit": "value+unit",
    "change": "value+change",
    "counted": "value+counted",
    "partial": "value+concept_partial",
    "complete": "value+concept_complete",
    "qualifier": "value+qualifier",
}


def quantities_of(texts: list[str]) -> list[list[QuantityMention]]:
    """The product's quantities for each text (dates first, their tokens left out)."""
    model = nlp.load()
    results = []
    for doc in nlp.parse(model, texts):
        dates = find_dates(doc.text, ANCHOR)
        results.append(find_quantities(doc, *date_tokens(doc, dates)))
    return results


# ---- NewsQuant, scored as its authors scored CQE ---------------------------------------


def _gold_value(text: str) -> float | tuple[float, float]:
    if "-" in text and not text.startswith("-") and "E" not in text:
        low, high = text.split("-")[:2]
        return float(low), float(high)
    return float(text)


def _system_value(q: QuantityMention) -> float | tuple[float, float]:
    return (q.value, q.value_max) if q.value_max is not None else q.value


def _same(a: float | tuple[float, float], b: float | tuple[float, float]) -> bool:
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    # a range is its two ends, in either order: "fell from 4.8 to 4.7 percent" is 4.7..4.8
    pairs = (
        zip(sorted(a), sorted(b), strict=True)  # type: ignore[arg-type]
        if isinstance(a, tuple)
        else [(a, b)]
    )
    return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in pairs)


def newsquant_unit(q: QuantityMention) -> str:
    name = (q.unit_name or "-").lower()
    if q.unit == "GBX" and re.search(r"\d\s*p\.?$", q.text):
        # NewsQuant names a price in pence written "118.5p" or "68 p" 'point' (its scorer reads
        # the symbol p as a point); the product keeps 'penny', which is what the symbol means
        return "point"
    return "% -" if name == "%" else name  # a share of something unnamed: NewsQuant's '% -'


def newsquant_change(q: QuantityMention) -> str:
    return SIGNS.get(q.change or "=", q.change or "=")


def _concepts(text: str) -> set[str]:
    return {w.lower() for w in re.split(r"[,\s]+", text) if w}


def score_newsquant(
    data: list[dict[str, Any]],
    systems: list[list[QuantityMention]],
    errors: list[tuple[str, str, str, str]] | None = None,
) -> dict[str, float]:
    """F1 of each measure; where `errors` is given, each miss is added to it as (kind, gold,
    ours, sentence)."""
    counts = dict.fromkeys(("value", "unit", "change", "partial", "complete"), 0)
    total_gold = sum(len(item["quantities"]) for item in data)
    total_system = sum(len(found) for found in systems)
    for item, found in zip(data, systems, strict=True):
        remaining = sorted(found, key=newsquant_unit)
        value_budget = len(item["quantities"])
        matched_ids: set[int] = set()
        for gold in sorted(item["quantities"], key=lambda g: g["normalized_unit"]):
            value = _gold_value(gold["value"])
            gold_concepts = _concepts(gold.get("referred_concepts", "-"))
            tried: list[QuantityMention] = []
            unit_found = False
            for candidate in list(remaining):
                if not _same(value, _system_value(candidate)):
                    continue
                tried.append(candidate)
                matched_ids.add(id(candidate))
                if value_budget > 0:
                    counts["value"] += 1
                    value_budget -= 1
                counts["change"] += newsquant_change(candidate) == gold.get("change", "=")
                ours = _concepts(candidate.concept or "-")
                counts["partial"] += bool(ours & gold_concepts)
                counts["complete"] += ours == gold_concepts
                if newsquant_unit(candidate) == gold["normalized_unit"].lower():
                    counts["unit"] += 1
                    remaining.remove(candidate)
                    unit_found = True
                    break
            if errors is not None:
                errors.extend(_gold_errors(gold, tried, unit_found, item["text"]))
        if errors is not None:
            errors.extend(
                ("value", "-", f"{q.text!r}={_system_value(q)}", item["text"])
                for q in found
                if id(q) not in matched_ids
            )
    names = {
        "value": "value",
        "unit": "value+unit",
        "change": "value+change",
        "partial": "value+concept_partial",
        "complete": "value+concept_complete",
    }
    return {names[k]: _f1(v, total_gold, total_system) for k, v in counts.items()}


def _gold_errors(
    gold: dict[str, Any], tried: list[QuantityMention], unit_found: bool, text: str
) -> list[tuple[str, str, str, str]]:
    """The misses of one gold quantity, as the scorer counts them: no value match; no unit
    match among the value matches; each value match with another change or no concept word
    in common."""
    if not tried:
        return [("value", f"{gold['value']} {gold['normalized_unit']}", "-", text)]
    found: list[tuple[str, str, str, str]] = []
    if not unit_found:
        found.append(
            (
                "unit",
                gold["normalized_unit"].lower(),
                newsquant_unit(tried[-1]),
                f"[{tried[-1].text}] {text}",
            )
        )
    gold_concepts = _concepts(gold.get("referred_concepts", "-"))
    for q in tried:
        if newsquant_change(q) != gold.get("change", "="):
            found.append(
                ("change", gold.get("change", "="), newsquant_change(q), f"[{q.text}] {text}")
            )
        if not _concepts(q.concept or "-") & gold_concepts:
            found.append(
                (
                    "concept",
                    gold.get("referred_concepts", "-"),
                    q.concept or "-",
                    f"[{q.text}] {text}",
                )
            )
    return found


def print_errors(kind: str, shown: int = 3, source: str = "dev") -> None:
    """The misses of one kind in NewsQuant's dev half (even sentences) or one of its four small
    test sets, counted by (gold, ours) pair, most frequent first, with a sentence of each; the
    held-out half is never printed."""
    if source == "dev":
        data = json.loads((NEWSQUANT / "NewsQuant.json").read_text(encoding="utf-8"))[::2]
    else:
        data = json.loads((NEWSQUANT / f"{source}-model.json").read_text(encoding="utf-8"))
    errors: list[tuple[str, str, str, str]] = []
    score_newsquant(data, quantities_of([d["text"] for d in data]), errors)
    pairs: dict[tuple[str, str], list[str]] = {}
    for got_kind, gold, ours, text in errors:
        if got_kind == kind:
            pairs.setdefault((gold, ours), []).append(text)
    name = "dev half" if source == "dev" else f"{source} set"
    print(f"NewsQuant {name}, {kind} errors: {sum(map(len, pairs.values()))}")
    for (gold, ours), texts in sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"{len(texts):4d}  gold={gold!r}  ours={ours!r}")
        for text in texts[:shown]:
            print(f"        {text[:200]}")


def _f1(correct: int, gold: int, system: int) -> float:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def published_scores(path: Path) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            kind = row["type"].replace("compelete", "complete")
            table.setdefault(row["model"], {})[kind] = float(row["F1"]) / 100
    return table


# ---- the project's dev set -------------------------------------------------------------


def _last_word(text: str | None) -> str:
    return text.split()[-1].lower() if text else ""


def _dev_sign(q: QuantityMention) -> str:
    """The dev set marks approximations (qualifiers), not rises and falls: a rise or a fall is
    compared by its qualifier's sign."""
    if q.qualifier:
        sign = quantity_words().qualifiers.get(q.qualifier.lower(), "=")
        return SIGNS.get(sign, "=")
    return "=" if q.change in {None, "up", "down"} else str(q.change)


def _dev_counts(gold: dict[str, Any], q: QuantityMention) -> dict[str, bool]:
    gold_sign = "="
    if gold.get("qualifier"):
        gold_sign = SIGNS.get(quantity_words().qualifiers.get(gold["qualifier"].lower(), "="), "=")
    ours, theirs = _concepts(q.counted or "-"), _concepts(gold.get("counted") or "-")
    return {
        "value": True,
        "unit": (q.unit or None) == (gold.get("unit") or None),
        "change": _dev_sign(q) == gold_sign,
        "counted": _last_word(q.counted) == _last_word(gold.get("counted")),
        "partial": bool(ours & theirs),
        "complete": ours == theirs,
        "qualifier": (q.qualifier or None) == (gold.get("qualifier") or None),
    }


def score_dev(
    items: list[dict[str, Any]], systems: list[list[QuantityMention]], show_errors: int
) -> dict[str, float]:
    counts = dict.fromkeys(DEV_KINDS, 0)
    total_gold = sum(len(item["quantities"]) for item in items)
    total_system = sum(len(found) for found in systems)
    errors = []
    for item, found in zip(items, systems, strict=True):
        unused = list(found)
        for gold in item["quantities"]:
            match = next((q for q in unused if _dev_match(item["text"], gold, q)), None)
            if match is None:
                errors.append(f"missed {gold} | {item['text']}")
                continue
            unused.remove(match)
            matched = _dev_counts(gold, match)
            for key, ok in matched.items():
                counts[key] += ok
            if not matched["counted"] or not matched["unit"]:
                errors.append(
                    f"attr {gold} got unit={match.unit} counted={match.counted} | {item['text']}"
                )
        errors.extend(f"spurious {q.text!r} {q.value} | {item['text']}" for q in unused)
    for line in errors[:show_errors]:
        print(line, file=sys.stderr)
    result = {DEV_KINDS[k]: _f1(v, total_gold, total_system) for k, v in counts.items()}
    result["value_p"] = counts["value"] / total_system if total_system else 0.0
    result["value_r"] = counts["value"] / total_gold if total_gold else 0.0
    result["gold"], result["system"], result["sentences"] = total_gold, total_system, len(items)
    return result


def _dev_match(text: str, gold: dict[str, Any], q: QuantityMention) -> bool:
    start = text.find(gold["text"])
    overlaps = start >= 0 and q.start < start + len(gold["text"]) and start < q.end
    return overlaps and _same(
        (gold["value"], gold["value_max"]) if gold.get("value_max") else gold["value"],
        _system_value(q),
    )


def source_texts() -> dict[tuple[str, str], str]:
    """The article texts the dev set points into, by (source, document id): LGL and GeoWebNews
    articles, and re3d documents (not BBC Online, whose licence is for tests only)."""
    texts: dict[tuple[str, str], str] = {}
    for article in ElementTree.parse(SHARED / "geo" / "lgl.xml").getroot().iter("article"):
        texts[("lgl", article.get("docid", ""))] = article.findtext("text") or ""
    for article in ElementTree.parse(SHARED / "geo" / "GWN.xml").getroot().iter("article"):
        texts[("gwn", article.get("file", ""))] = article.findtext("text") or ""
    for path in sorted((SHARED / "re3d").glob("*/documents.json")):
        if path.parent.name == "BBC_Online":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                document = json.loads(line)
                texts[("re3d", document["_id"])] = document["text"]
    return texts


def load_dev(path: Path) -> list[dict[str, Any]]:
    """The dev set: each line points to a sentence (source, document, character offsets) and
    gives its quantities (offsets within the sentence and the annotation); the sentence text is
    read from ../shared/data, never copied into the project."""
    texts = source_texts()
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            item = json.loads(line)
            item["text"] = texts[(item["source"], item["doc"])][item["start"] : item["end"]]
            for q in item["quantities"]:
                q["text"] = item["text"][q["at"] : q["at"] + q["len"]]
            items.append(item)
    return items


def _print_table(title: str, rows: Iterable[tuple[str, dict[str, float]]]) -> None:
    print(f"\n{title}: F1")
    print(f"{'':30s}" + "".join(f"{SHORT[k]:>10s}" for k in KINDS))
    for name, scores in rows:
        cells = "".join(f"{scores[k]:10.3f}" if k in scores else f"{'-':>10s}" for k in KINDS)
        print(f"{name:30s}{cells}")


def newsquant_results() -> dict[str, Any]:
    """NewsQuant scored whole and in its two halves: even-numbered sentences (the half the rules
    were tuned on) and odd-numbered ones (held out: measured, never read)."""
    data = json.loads((NEWSQUANT / "NewsQuant.json").read_text(encoding="utf-8"))
    systems = quantities_of([d["text"] for d in data])
    results: dict[str, Any] = {"whole": score_newsquant(data, systems)}
    for name, parity in (("dev half (even)", 0), ("held-out half (odd)", 1)):
        part = [i for i in range(len(data)) if i % 2 == parity]
        results[name] = score_newsquant([data[i] for i in part], [systems[i] for i in part])
    results["published"] = published_scores(NEWSQUANT / "NewsQuant_published_scores.csv")
    for name in OTHER_SETS:
        other = json.loads((NEWSQUANT / f"{name}-model.json").read_text(encoding="utf-8"))
        results[name] = score_newsquant(other, quantities_of([d["text"] for d in other]))
        results[f"{name} published"] = published_scores(
            NEWSQUANT / f"{name}-model_published_scores.csv"
        )
    return results


def _print_results(results: dict[str, Any]) -> None:
    if "dev" in results:
        dev = results["dev"]
        print(
            f"\ndev set ({dev['sentences']} sentences, {dev['gold']} quantities, "
            f"{dev['system']} found): value P/R {dev['value_p']:.3f}/{dev['value_r']:.3f}; "
            f"value+qualifier {dev['value+qualifier']:.3f}, value+counted (last word) "
            f"{dev['value+counted']:.3f}; its 'concept' is the counted noun, its 'change' the "
            "qualifier's sign"
        )
        _print_table("dev set", [("eventwire", dev)])
    if "newsquant" in results:
        nq = results["newsquant"]
        rows = [
            (f"eventwire {k}", nq[k]) for k in ("whole", "dev half (even)", "held-out half (odd)")
        ]
        _print_table("NewsQuant (590 sentences, 904 quantities)", [*rows, *nq["published"].items()])
        for name in OTHER_SETS:
            scores = {k: v for k, v in nq[name].items() if k in {"value", "value+unit"}}
            _print_table(
                f"NewsQuant {name}", [("eventwire", scores), *nq[f"{name} published"].items()]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("dev", "newsquant", "both"), default="both")
    parser.add_argument(
        "--dev-errors", type=int, default=0, help="print N dev-set errors to stderr"
    )
    parser.add_argument(
        "--errors",
        choices=("value", "unit", "change", "concept"),
        help="print NewsQuant's dev half's errors of one kind (gold vs ours), and stop",
    )
    parser.add_argument(
        "--errors-in",
        choices=("dev", *OTHER_SETS),
        default="dev",
        help="with --errors: NewsQuant's dev half (default) or one of its four small test sets",
    )
    parser.add_argument("--shown", type=int, default=3, help="with --errors: sentences per pair")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.errors:
        print_errors(args.errors, args.shown, args.errors_in)
        return
    results: dict[str, Any] = {}
    if args.set in {"dev", "both"}:
        items = load_dev(DEV)
        results["dev"] = score_dev(
            items, quantities_of([i["text"] for i in items]), args.dev_errors
        )
    if args.set in {"newsquant", "both"}:
        results["newsquant"] = newsquant_results()
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print_results(results)


if __name__ == "__main__":
    main()
