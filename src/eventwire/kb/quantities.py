"""Knowledge of quantities: units, currencies, the words around numbers and number words
(`quantities_units.tsv`, `quantities_words.tsv`, `quantities_unit_names.tsv`,
`quantities_numbers.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .tables import data_path, read_tsv

NUMBER_KINDS = {"cardinal", "scale", "ordinal", "vague", "approx", "fraction"}
WORD_KINDS = {
    *("qualifier", "change", "casualty", "person", "modifier", "address", "label"),
    *("race", "collect", "scaled_money", "rate"),
}
SIGNS = {"~", "~<", ">", "<", ">=", "<=", "="}  # "~<": approximately, from below ("nearly")


@dataclass(frozen=True)
class Unit:
    code: str  # what eventwire outputs: "km", "USD", "%"
    kind: str  # length, currency, currency_prefix, percent, time, age, ...


@dataclass
class QuantityWords:
    units: dict[str, Unit] = field(default_factory=dict)  # lower-case word -> unit
    cased_units: dict[str, Unit] = field(default_factory=dict)  # as written: "Nm", "PS", "C"
    qualifiers: dict[str, str] = field(default_factory=dict)  # phrase -> sign (~, >, <, ...)
    changes: dict[str, str] = field(default_factory=dict)  # lemma -> up | down
    casualties: dict[str, str] = field(default_factory=dict)  # lemma -> killed, wounded, ...
    persons: set[str] = field(default_factory=set)
    modifiers: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    races: set[str] = field(default_factory=set)  # "400m runners": the "m" is metres
    collects: set[str] = field(default_factory=set)  # "raised $3 billion": no rise
    scaled_money: dict[str, str] = field(default_factory=dict)  # "5 million pounds": GBP
    rates: set[str] = field(default_factory=set)  # "$1.20 a share": a rate, as "per share"
    longest_unit: int = 1  # in words
    unit_names: dict[str, str] = field(default_factory=dict)  # code -> normalised name
    numbers: dict[str, NumberWord] = field(default_factory=dict)  # quantities_numbers.tsv


@dataclass(frozen=True)
class NumberWord:
    value: float
    high: float | None  # for vague words: the top of the range ("hundreds": 100..1000)
    kind: str


def load_units(path: Path, words: QuantityWords) -> None:
    """A unit's word matches in any case, or (case "exact") only as written: "Nm" is a newton
    metre, "nm" a nanometre; "12 C" is Celsius, "12 c" nothing."""
    for row in read_tsv(path, ("word", "unit", "kind", "case")):
        if not row["unit"] or not row["kind"]:
            raise KnowledgeError(f"{path}: unit {row['word']!r} needs a code and a kind")
        if row["case"] not in {"", "exact"}:
            raise KnowledgeError(f"{path}: unit {row['word']!r}: case must be empty or 'exact'")
        table = words.cased_units if row["case"] else words.units
        table[row["word"] if row["case"] else row["word"].lower()] = Unit(row["unit"], row["kind"])
        words.longest_unit = max(words.longest_unit, len(row["word"].split()))


def load_unit_names(path: Path, words: QuantityWords) -> None:
    for row in read_tsv(path, ("code", "name")):
        if not row["name"]:
            raise KnowledgeError(f"{path}: unit {row['code']!r} needs a name")
        words.unit_names[row["code"]] = row["name"]


def load_words(path: Path, words: QuantityWords) -> None:
    for row in read_tsv(path, ("word", "kind", "value")):
        word, kind, value = row["word"].lower(), row["kind"], row["value"]
        if kind not in WORD_KINDS:
            raise KnowledgeError(f"{path}: unknown kind {kind!r} for {word!r}")
        if kind == "qualifier" and value not in SIGNS:
            raise KnowledgeError(f"{path}: qualifier {word!r} needs a sign, one of {SIGNS}")
        if kind == "change" and value not in {"up", "down"}:
            raise KnowledgeError(f"{path}: change {word!r} must be up or down")
        if kind in {"casualty", "scaled_money"} and not value:
            raise KnowledgeError(f"{path}: {kind} word {word!r} needs a value")
        table = {
            "qualifier": words.qualifiers,
            "change": words.changes,
            "casualty": words.casualties,
            "scaled_money": words.scaled_money,
        }.get(kind)
        if table is not None:
            table[word] = value
        else:
            sets = {"person": words.persons, "modifier": words.modifiers}
            sets |= {"address": words.addresses, "label": words.labels}
            sets |= {"race": words.races, "collect": words.collects, "rate": words.rates}
            sets[kind].add(word)


def load_number_words(path: Path) -> dict[str, NumberWord]:
    words = {}
    for row in read_tsv(path, ("word", "value", "high", "kind")):
        if row["kind"] not in NUMBER_KINDS:
            raise KnowledgeError(f"{path}: unknown kind {row['kind']!r} for {row['word']!r}")
        try:
            value = float(row["value"])
            high = float(row["high"]) if row["high"] else None
        except ValueError:
            raise KnowledgeError(f"{path}: bad number for {row['word']!r}") from None
        words[row["word"].lower()] = NumberWord(value, high, row["kind"])
    return words


def load_quantity_words() -> QuantityWords:
    """The package's units, quantity words and number words."""
    words = QuantityWords()
    load_units(data_path("quantities_units.tsv"), words)
    load_words(data_path("quantities_words.tsv"), words)
    load_unit_names(data_path("quantities_unit_names.tsv"), words)
    words.numbers.update(load_number_words(data_path("quantities_numbers.tsv")))
    return words
