"""Numbers written in digits or words: "1,200", "1.2", "2 1/2", "twenty-four", "a hundred and
five", "two thousand". Pure text, shared by the time and quantities stages; the words live in
`data/quantities_numbers.tsv`."""

from __future__ import annotations

import re

from ..kb import in_force
from ..kb.quantities import NUMBER_KINDS as KINDS
from ..kb.quantities import NumberWord, load_number_words

__all__ = ["KINDS", "NumberWord", "load_number_words", "number_words", "words_of"]
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_FRACTION = re.compile(r"^(?:(\d+)[ -])?(\d+)/(\d+)$")
_SPLIT = re.compile(r"[\s-]+")
_SUFFIXES = ("st", "nd", "rd", "th")
# a unit stuck to the digits may end in a power: "32m2", "5cm3"
_ATTACHED = re.compile(
    r"^([+~±\-−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)([^\d\s]*(?:(?<=[a-z])[23])?)$"
)
_RANGE = re.compile(
    r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[-–]([$€£¥]?)"
    r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([^\d\s]*)$"
)
# "1.99×10−30", "6.02x10^23", "2.5e6": a mantissa and a power of ten, in one token
_SCIENTIFIC = re.compile(r"^(\d+(?:\.\d+)?)(?:×10\^?|[x*]10\^|[eE])([+\-−]?)(\d{1,3})$")


def number_words() -> dict[str, NumberWord]:
    """The package's number words: part of the knowledge in force (`kb.in_force()`)."""
    return in_force().quantities.numbers


def words_of(kind: str) -> list[str]:
    """The number words of one kind, longest first (for building patterns)."""
    return sorted((w for w, n in number_words().items() if n.kind == kind), key=len, reverse=True)


def parse_digits(text: str) -> float | None:
    """'1,200' -> 1200.0, '2 1/2' -> 2.5, '3.5' -> 3.5; None if not a number in digits."""
    text = text.strip()
    if DIGITS.match(text):
        return float(text.replace(",", ""))
    fraction = _FRACTION.match(text)
    if fraction and int(fraction[3]):
        whole = int(fraction[1] or 0)
        return whole + int(fraction[2]) / int(fraction[3])
    return None


def split_range(text: str) -> tuple[float, float, str] | None:
    """A range in one token: '5–7' (an en dash), '10-$20', '1.5-$2', '5-£10%'; its ends and the
    unit stuck to it; the top must be above the bottom (not a score, '3–1')."""
    found = _RANGE.match(text)
    if found is None:
        return None
    low, high = float(found[1].replace(",", "")), float(found[3].replace(",", ""))
    return (low, high, found[4]) if low < high else None


def split_number(text: str) -> tuple[str, float, str] | None:
    """A number token with a sign or a unit stuck to it: '+0.2' -> ('+', 0.2, ''),
    '10kW' -> ('', 10.0, 'kW'), '1.7bn' -> ('', 1.7, 'bn'); None if it does not start so."""
    science = _SCIENTIFIC.match(text)
    if science is not None:
        power = int(science[3]) * (-1 if science[2] in {"-", "−"} else 1)
        return "", float(science[1]) * 10.0**power, ""
    found = _ATTACHED.match(text)
    if found is None:
        return None
    sign = "-" if found[1] == "−" else found[1]  # the minus sign U+2212: "−5 °C"
    return sign, float(found[2].replace(",", "")), found[3]


def parse_words(text: str) -> float | None:
    """A cardinal in words: 'twenty-four', 'a hundred and five', 'two thousand', 'one million'.

    Returns None when any word is not a cardinal or scale word."""
    tokens = [t for t in _SPLIT.split(text.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    if tokens[0] in {"a", "an"} and len(tokens) > 1:
        tokens[0] = "one"
    table = number_words()
    total = current = 0.0
    for token in tokens:
        word = table.get(token)
        if word is None or word.kind not in {"cardinal", "scale"}:
            return None
        if word.kind == "scale":
            current = (current or 1.0) * word.value
            if word.value >= 1000:
                total, current = total + current, 0.0
        else:
            current += word.value
    return total + current


def parse_number(text: str) -> float | None:
    """Digits or words; 'a'/'an' alone is one."""
    lowered = text.lower().strip()
    if lowered in {"a", "an"}:
        return 1.0
    return parse_digits(text) if lowered[:1].isdigit() or lowered[:1] == "." else parse_words(text)


def parse_ordinal(text: str) -> int | None:
    """'third' -> 3, '3rd' -> 3, 'twenty-first' -> 21."""
    lowered = text.lower().strip()
    if lowered[:1].isdigit():
        digits = lowered[:-2] if lowered.endswith(_SUFFIXES) else lowered
        return int(digits) if digits.isdigit() else None
    parts = [p for p in _SPLIT.split(lowered) if p]
    table = number_words()
    if not parts or table.get(parts[-1], NumberWord(0, None, "")).kind != "ordinal":
        return None
    head = parse_words(" ".join(parts[:-1])) if len(parts) > 1 else 0.0
    if head is None:
        return None
    return int(head + table[parts[-1]].value)
