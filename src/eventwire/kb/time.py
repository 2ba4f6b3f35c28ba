"""Knowledge of time: the words of temporal expressions (`time_words.tsv`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .tables import read_table

COLUMNS = ("kind", "words", "code", "extra")


@dataclass(frozen=True)
class Reference:
    value: str  # PRESENT_REF, PAST_REF, FUTURE_REF
    low: int  # days from the publication date
    high: int


@dataclass(frozen=True)
class Unit:
    designator: str  # ISO 8601 duration letter(s): D, W, M, Y, H (hours or halves), ...
    granularity: str


@dataclass
class TimeWords:
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    seasons: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    parts_of_day: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    clock: dict[str, int] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    relative: dict[str, int] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)
    approx: dict[str, str] = field(default_factory=dict)
    deictic: dict[str, int] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)
    # a weekday's place in a month: (month, ISO weekday, nth; -1 the last) ("Labor Day")
    nth_weekday_holidays: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    easter_holidays: dict[str, int] = field(default_factory=dict)  # days from Easter Sunday
    sets: dict[str, str] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)
    future_cues: set[str] = field(default_factory=set)
    deadline_cues: set[str] = field(default_factory=set)
    count_cues: list[str] = field(default_factory=list)  # before a number: a count, not a year
    counted: set[str] = field(default_factory=set)  # nouns counted that have no plural -s
    not_counted: set[str] = field(default_factory=set)  # words in -s after a year, not counted
    set_adjectives: set[str] = field(default_factory=set)  # "quarterly results": not a set
    set_adverb_before: set[str] = field(default_factory=set)  # "quarterly and", not "results"


def _pair(text: str, sep: str, where: str) -> tuple[int, int]:
    low, _, high = text.rpartition(sep) if sep == ":" else text.partition(sep)
    try:
        return int(low), int(high)
    except ValueError:
        raise KnowledgeError(
            f"{where}: expected two numbers joined by {sep!r}, got {text!r}"
        ) from None


def _triple(text: str, where: str) -> tuple[int, int, int]:
    parts = text.split(":")
    if len(parts) != 3:
        raise KnowledgeError(f"{where}: expected three numbers joined by ':', got {text!r}")
    month, weekday, nth = (_int(part, where) for part in parts)
    return month, weekday, nth


def _int(text: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise KnowledgeError(f"{where}: not a whole number: {text!r}") from None


def _adders(words: TimeWords, where: str) -> dict[str, Callable[[str, str, str], None]]:
    """For each kind, how one word of a row is stored."""

    def season(w: str, code: str, extra: str) -> None:
        words.seasons[w] = (code, *_pair(extra, "-", where))

    def part(w: str, code: str, extra: str) -> None:
        words.parts_of_day[w] = (code, *_pair(extra, "-", where))

    def reference(w: str, code: str, extra: str) -> None:
        words.references[w] = Reference(code, *_pair(extra, ":", where))

    def holiday(w: str, code: str, extra: str) -> None:
        words.holidays[w] = _pair(code, "-", where)

    return {
        "month": lambda w, c, e: words.months.__setitem__(w, _int(c, where)),
        "weekday": lambda w, c, e: words.weekdays.__setitem__(w, _int(c, where)),
        "season": season,
        "part_of_day": part,
        "clock": lambda w, c, e: words.clock.__setitem__(w, _int(c, where)),
        "unit": lambda w, c, e: words.units.__setitem__(w, Unit(c, e)),
        "relative": lambda w, c, e: words.relative.__setitem__(w, _int(c, where)),
        "modifier": lambda w, c, e: words.modifiers.__setitem__(w, c),
        "approx": lambda w, c, e: words.approx.__setitem__(w, c),
        "deictic": lambda w, c, e: words.deictic.__setitem__(w, _int(c, where)),
        "reference": reference,
        "holiday": holiday,
        "holiday_nth": lambda w, c, e: words.nth_weekday_holidays.__setitem__(w, _triple(c, where)),
        "holiday_easter": lambda w, c, e: words.easter_holidays.__setitem__(w, _int(c, where)),
        "set": lambda w, c, e: words.sets.__setitem__(w, c),
        "blocked": lambda w, c, e: words.blocked.append(w),
        "future_cue": lambda w, c, e: words.future_cues.add(w),
        "deadline_cue": lambda w, c, e: words.deadline_cues.add(w),
        "count_cue": lambda w, c, e: words.count_cues.append(w),
        "counted": lambda w, c, e: words.counted.add(w),
        "not_counted": lambda w, c, e: words.not_counted.add(w),
        "set_adjective": lambda w, c, e: words.set_adjectives.add(w),
        "set_adverb_before": lambda w, c, e: words.set_adverb_before.add(w),
    }


def load_time_words(path: Path) -> TimeWords:
    words = TimeWords()
    for line, row in read_table(path, COLUMNS):
        where = f"{line}: {row['kind']} {row['words'][:40]!r}"
        adders = _adders(words, where)
        if row["kind"] not in adders:
            raise KnowledgeError(f"{where}: unknown kind")
        for word in row["words"].split("|"):
            if word.strip():
                adders[row["kind"]](word.strip().lower(), row["code"], row["extra"])
    return words
