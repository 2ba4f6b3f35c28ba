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
   on value matches. The published scores of CQE, quantulum3 and others are printed beside ours.

Dates are found first and their tokens left out, as in the product.
Usage: python bench/quantities.py [--set dev|newsquant|both] [--errors N] [--json]
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from eventwire import nlp
from eventwire.model import QuantityMention
from eventwire.quantities import find_quantities
from eventwire.time import find_dates

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NEWSQUANT = SHARED / "qty" / "newsquant"
DEV = ROOT / "bench" / "data" / "quantities_dev" / "dev.jsonl"
ANCHOR = dt.date(2020, 1, 1)  # only the spans of dates matter here
# eventwire's unit codes -> NewsQuant's normalised unit names
UNIT_NAMES = {
    "%": "percentage",
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "INR": "indian rupee",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "HKD": "hong kong dollar",
    "MYR": "malaysian ringgit",
    "ILS": "shekel",
    "km": "kilometre",
    "m": "metre",
    "cm": "centimetre",
    "mm": "millimetre",
    "ft": "foot",
    "ha": "hectare",
    "km2": "square kilometre",
    "m2": "square metre",
    "ft2": "square foot",
    "t": "metric ton",
    "kg": "kilogram",
    "g": "gram",
    "lb": "pound-mass",
    "oz": "ounce",
    "l": "litre",
    "gal": "gallon",
    "mph": "mile per hour",
    "km/h": "kilometre per hour",
    "MW": "megawatt",
    "GW": "gigawatt",
    "kW": "kilowatt",
    "kWh": "kilowatt hour",
    "hp": "horsepower",
    "°C": "celsius",
    "°F": "fahrenheit",
    "GB": "gigabyte",
    "MB": "megabyte",
    "TB": "terabyte",
    "W": "watt",
    "MWh": "megawatt hour",
    "GWh": "gigawatt hour",
    "TWh": "terawatt hour",
    "Hz": "hertz",
    "kHz": "kilohertz",
    "MHz": "megahertz",
    "GHz": "gigahertz",
    "mAh": "milliampere-hour",
    "ppm": "part per million",
    "ppb": "parts-per-billion",
    "μm": "micrometre",
    "nm": "nanometre",
    "mg": "milligram",
    "ml": "millilitre",
    "ft3": "cubic foot",
    "mi2": "square mile",
    "mpg": "mile per gallon",
    "age": "year of age",
    "month of age": "month of age",
}
SIGNS = {"~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<", "=": "="}


@dataclass(frozen=True)
class Found:
    mention: QuantityMention
    head_lemma: str | None  # the counted noun's head, lemmatised


def quantities_of(texts: list[str]) -> list[list[Found]]:
    """The product's quantities for each text (dates first, their tokens left out)."""
    model = nlp.load()
    results = []
    for doc in nlp.parse(model, texts):
        dates = find_dates(doc.text, ANCHOR)
        excluded = {
            t.i
            for d in dates
            if (s := doc.char_span(d.start, d.end, alignment_mode="expand"))
            for t in s
        }
        found = []
        for q in find_quantities(doc, excluded):
            head = None
            if q.counted:
                span = doc.char_span(q.start, q.end, alignment_mode="expand")
                head = _head_lemma(doc, q.counted, span.end if span is not None else 0)
            found.append(Found(q, head))
        results.append(found)
    return results


def _head_lemma(doc: Any, counted: str, after: int) -> str:
    last = counted.split()[-1]
    for token in doc[after:]:
        if token.text == last:
            return str(token.lemma_).lower()
    return last.lower()


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
    pairs = zip(a, b, strict=True) if isinstance(a, tuple) else [(a, b)]  # type: ignore[arg-type]
    return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in pairs)


def newsquant_unit(found: Found) -> str:
    q = found.mention
    if q.unit:
        base, _, per = q.unit.partition(" per ")
        name = UNIT_NAMES.get(base, base.lower())
        return f"{name} per {UNIT_NAMES.get(per, per)}" if per else name
    if q.counted and found.head_lemma:
        words = q.counted.split()
        return " ".join([*words[:-1], found.head_lemma]).lower()
    return "-"


def newsquant_change(q: QuantityMention) -> str:
    if q.change:
        return q.change
    sign = None
    if q.qualifier:
        from eventwire.quantities.lexicon import quantity_words

        sign = quantity_words().qualifiers.get(q.qualifier)
    return SIGNS.get(sign or "=", "=")


def _concepts(text: str) -> set[str]:
    return {w.lower() for w in re.split(r"[,\s]+", text) if w}


def score_newsquant(data: list[dict[str, Any]], systems: list[list[Found]]) -> dict[str, float]:
    counts = dict.fromkeys(("value", "unit", "change", "partial", "complete"), 0)
    total_gold = sum(len(item["quantities"]) for item in data)
    total_system = sum(len(found) for found in systems)
    for item, found in zip(data, systems, strict=True):
        remaining = sorted(found, key=newsquant_unit)
        value_budget = len(item["quantities"])
        for gold in sorted(item["quantities"], key=lambda g: g["normalized_unit"]):
            value = _gold_value(gold["value"])
            gold_concepts = _concepts(gold["referred_concepts"])
            for candidate in list(remaining):
                if not _same(value, _system_value(candidate.mention)):
                    continue
                if value_budget > 0:
                    counts["value"] += 1
                    value_budget -= 1
                counts["change"] += newsquant_change(candidate.mention) == gold["change"]
                ours = _concepts(candidate.mention.counted or "-")
                counts["partial"] += bool(ours & gold_concepts)
                counts["complete"] += ours == gold_concepts
                if newsquant_unit(candidate) == gold["normalized_unit"].lower():
                    counts["unit"] += 1
                    remaining.remove(candidate)
                    break
    names = {
        "value": "value",
        "unit": "value+unit",
        "change": "value+change",
        "partial": "value+concept_partial",
        "complete": "value+concept_complete",
    }
    return {names[k]: _f1(v, total_gold, total_system) for k, v in counts.items()}


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


def score_dev(
    items: list[dict[str, Any]], systems: list[list[Found]], show_errors: int
) -> dict[str, float]:
    counts = dict.fromkeys(("value", "unit", "counted", "qualifier"), 0)
    total_gold = sum(len(item["quantities"]) for item in items)
    total_system = sum(len(found) for found in systems)
    errors = []
    for item, found in zip(items, systems, strict=True):
        unused = list(found)
        for gold in item["quantities"]:
            match = next((f for f in unused if _dev_match(item["text"], gold, f.mention)), None)
            if match is None:
                errors.append(f"missed {gold} | {item['text']}")
                continue
            unused.remove(match)
            q = match.mention
            counts["value"] += 1
            counts["unit"] += (q.unit or None) == (gold.get("unit") or None)
            counted_ok = _last_word(q.counted) == _last_word(gold.get("counted"))
            counts["counted"] += counted_ok
            counts["qualifier"] += (q.qualifier or None) == (gold.get("qualifier") or None)
            if not counted_ok or (q.unit or None) != (gold.get("unit") or None):
                errors.append(f"attr {gold} got unit={q.unit} counted={q.counted} | {item['text']}")
        errors.extend(
            f"spurious {f.mention.text!r} {f.mention.value} | {item['text']}" for f in unused
        )
    for line in errors[:show_errors]:
        print(line, file=sys.stderr)
    result = {"value": _f1(counts["value"], total_gold, total_system)}
    result["value_p"] = counts["value"] / total_system if total_system else 0.0
    result["value_r"] = counts["value"] / total_gold if total_gold else 0.0
    for key in ("unit", "counted", "qualifier"):
        result[f"value+{key}"] = _f1(counts[key], total_gold, total_system)
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


def _print_newsquant(ours: dict[str, float], published: dict[str, dict[str, float]]) -> None:
    kinds = [
        "value",
        "value+unit",
        "value+change",
        "value+concept_partial",
        "value+concept_complete",
    ]
    print("\nNewsQuant (590 sentences, 904 quantities): F1")
    print(f"{'system':16s}" + "".join(f"{k:>24s}" for k in kinds))
    rows: Iterable[tuple[str, dict[str, float]]] = [("eventwire", ours), *published.items()]
    for name, scores in rows:
        cells = "".join(f"{scores[k]:24.3f}" if k in scores else f"{'-':>24s}" for k in kinds)
        print(f"{name:16s}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("dev", "newsquant", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print N dev-set errors to stderr")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if args.set in {"dev", "both"}:
        items = load_dev(DEV)
        results["dev"] = score_dev(items, quantities_of([i["text"] for i in items]), args.errors)
    if args.set in {"newsquant", "both"}:
        data = json.loads((NEWSQUANT / "NewsQuant.json").read_text(encoding="utf-8"))
        ours = score_newsquant(data, quantities_of([d["text"] for d in data]))
        results["newsquant"] = ours
        results["newsquant_published"] = published_scores(
            NEWSQUANT / "NewsQuant_published_scores.csv"
        )
    if args.json:
        print(json.dumps(results, indent=2))
        return
    if "dev" in results:
        dev = results["dev"]
        print(
            f"\ndev set ({dev['sentences']} sentences, {dev['gold']} quantities, {dev['system']} found)"
        )
        print(f"value P/R/F1 {dev['value_p']:.3f}/{dev['value_r']:.3f}/{dev['value']:.3f}")
        for key in ("value+unit", "value+counted", "value+qualifier"):
            print(f"{key:16s} F1 {dev[key]:.3f}")
    if "newsquant" in results:
        _print_newsquant(results["newsquant"], results["newsquant_published"])


if __name__ == "__main__":
    main()
