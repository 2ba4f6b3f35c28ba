"""Names in a folded form, looked up exactly or, for misspellings and transliterations, by fuzzy
match (rapidfuzz): "Khameini" -> Ali Khamenei, "Zelenskiy" -> Volodymyr Zelensky."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..kb import Person, weight
from .hits import Entry

# Below the similarities (0-100) of actors.names.* in data/weights.tsv a fuzzy match is not
# trusted. Full names carry more evidence than a surname alone; organisation and country names
# are matched only when long (short acronyms differ by one letter from unrelated ones).
PERSON_CUTOFF = "actors.names.person_cutoff"
SURNAME_CUTOFF = "actors.names.surname_cutoff"
NAME_CUTOFF = "actors.names.name_cutoff"
MIN_SURNAME = 5
MIN_NAME = 8
MEMO_SIZE = 4096  # names looked up again in one run (the same people recur across articles)
_PUNCT = re.compile(r"[^\w\s]")
_POSSESSIVE = re.compile(r"[’']s?$")


def fold(text: str) -> str:
    """Case, accents, apostrophes and hyphens folded away: "Al-Ja’afari" -> "al jaafari"."""
    text = _POSSESSIVE.sub("", text.strip())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _PUNCT.sub(lambda m: "" if m.group() in "’'`" else " ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class FuzzyMatch:
    key: str
    similarity: float  # 0-100
    entries: tuple[Entry, ...]
    how: str  # "full name" | "surname" | "name"


@dataclass
class NameIndex:
    """Folded names of countries, organisations and people, for exact and fuzzy lookups."""

    exact: dict[str, list[Entry]] = field(default_factory=dict)
    people: dict[str, list[Entry]] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    others: dict[str, list[Entry]] = field(default_factory=dict)
    _buckets: dict[tuple[str, str, int], list[str]] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, int], list[FuzzyMatch]] = field(default_factory=dict, repr=False)

    def freeze(self) -> None:
        """Fix the key lists the fuzzy matcher scans (call once, after the last `add`)."""
        for name, keys in (("people", self.people), ("surnames", self.surnames)):
            for key in keys:
                self._buckets.setdefault((name, key[0], len(key)), []).append(key)
        for key in self.others:
            self._buckets.setdefault(("others", "", len(key)), []).append(key)

    def _candidates(self, name: str, query: str, cutoff: float) -> list[str]:
        """Keys that can reach the cutoff: same initial, length close enough (fuzz.ratio is at
        most 2*shorter/(shorter+longer))."""
        ratio = cutoff / (200 - cutoff)
        lengths = range(math.ceil(len(query) * ratio), math.floor(len(query) / ratio) + 1)
        initial = "" if name == "others" else query[0]  # "UN Security Council" ~ "Security ..."
        return [k for n in lengths for k in self._buckets.get((name, initial, n), [])]

    def add(self, phrase: str, entry: Entry) -> None:
        key = fold(phrase)
        if not key:
            return
        self.exact.setdefault(key, []).append(entry)
        if entry.kind == "person":
            self.people.setdefault(key, []).append(entry)
        elif len(key) >= MIN_NAME:
            self.others.setdefault(key, []).append(entry)

    def add_surname(self, person: Person, entry: Entry) -> None:
        surname = fold(person.name).split()[-1]
        if len(surname) >= MIN_SURNAME:
            self.surnames.setdefault(surname, []).append(entry)

    def lookup(self, text: str) -> list[Entry]:
        return self.exact.get(fold(text), [])

    def fuzzy_person(self, text: str, limit: int = 1) -> list[FuzzyMatch]:
        """Close full names, else close surnames (with a fitting first name, if one is given);
        a close person's name shares its initial with the mention."""
        key = fold(text)
        cached = self._memo.get((key, limit))
        if cached is None:
            cached = self._memo[(key, limit)] = self._fuzzy_person(key, limit)
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
        return cached

    def forget(self) -> None:
        """Drop remembered fuzzy lookups (for cold timings)."""
        self._memo.clear()

    def _fuzzy_person(self, key: str, limit: int) -> list[FuzzyMatch]:
        if not key:
            return []
        person, surname = weight(PERSON_CUTOFF), weight(SURNAME_CUTOFF)
        found = [
            FuzzyMatch(k, score, tuple(self.people[k]), "full name")
            for k, score in _closest(key, self._candidates("people", key, person), limit, person)
        ]
        words = key.split()
        if found or not words or len(words[-1]) < MIN_SURNAME - 1:  # "Asad" may be Assad
            return found
        return [
            FuzzyMatch(k, score, fitting, "surname")
            for k, score in _closest(
                words[-1],
                self._candidates("surnames", words[-1], surname),
                3 * limit,
                surname,
            )
            if (fitting := tuple(e for e in self.surnames[k] if _first_name_fits(words, e)))
        ][:limit]

    def fuzzy_name(self, text: str, limit: int = 1) -> list[FuzzyMatch]:
        """Close organisation or country names (long ones only)."""
        key = fold(text)
        if len(key) < MIN_NAME:
            return []
        cutoff = weight(NAME_CUTOFF)
        return [
            FuzzyMatch(k, score, tuple(self.others[k]), "name")
            for k, score in _closest(key, self._candidates("others", key, cutoff), limit, cutoff)
        ]


def _closest(query: str, keys: list[str], limit: int, cutoff: float) -> list[tuple[str, float]]:
    if limit == 1:
        best = process.extractOne(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return [(best[0], best[1])] if best else []
    found = process.extract(query, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [(k, score) for k, score, _ in found]


def _first_name_fits(words: list[str], entry: Entry) -> bool:
    """'Ali Khameini' may be Ali Khamenei, 'Mojtaba Khameini' may not; a bare surname may be."""
    if len(words) < 2 or entry.person is None:
        return True
    first = fold(entry.person.name).split()[0]
    return fuzz.ratio(words[0], first) >= weight(SURNAME_CUTOFF) or len(words[0]) <= 2
