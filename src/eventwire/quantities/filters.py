"""Numbers that are not quantities: years ("the 2019 election"), labels ("category 4",
"District 2", "iPhone 11 Pro"), addresses ("1935 Orchard St."), lone number words ("one of
them"), telephone numbers ("624-6622")."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import text_of
from .lexicon import Unit, quantity_words
from .runs import Run, number_token

Doc = Any  # spacy.tokens.Doc
Token = Any
_YEARS = (1800, 2200)  # "by 2120": sea-level forecasts reach past 2100
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_PHONE = re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}-)?\b\d{3}-\d{4}\b")


def not_a_quantity(doc: Doc, run: Run, unit: Unit | None, counted: Token | None) -> bool:
    if in_phone_number(doc, run):
        return True
    if unit is not None or run.end - run.start != 1 or run.unit:
        return False
    number = doc[run.start]
    if _is_year(number.text) and (counted is None or counted.tag_ in {"NN", "NNP"}):
        return True
    if _is_year(number.text) and _owned(doc, run.start):
        return True  # "the company's 2018 sales", "its 2019 deliveries"
    return _is_label(doc, run) or _is_address(doc, run.end)


def _owned(doc: Doc, start: int) -> bool:
    """A possessor right before the number: its year, not a count of its things."""
    before = doc[start - 1] if start else None
    return before is not None and (before.tag_ in {"POS", "PRP$"} or before.pos_ == "PROPN")


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and _YEARS[0] <= int(text) <= _YEARS[1]


def _is_label(doc: Doc, run: Run) -> bool:
    """A plain integer that names rather than counts: after a label noun ('category 4',
    'No. 5'), or next to a capitalised name it belongs to ('District 2', 'iPhone 11 Pro')."""
    number = doc[run.start]
    before = doc[run.start - 1] if run.start else None
    labels = quantity_words().labels
    two_before = doc[run.start - 2 : run.start].text.lower() if run.start > 1 else ""
    if (before is not None and before.lower_ in labels) or two_before in labels:
        return True  # "category 4", "No. 5"
    if _acronym(before) and number.text.startswith("-"):
        return True  # "COVID -19", "MH -17": a name with a stray space, not minus 19
    if "," in number.text or "." in number.text:
        return False
    after = run.end
    while after < len(doc) and doc[after].tag_ == "NNP" and doc[after].ent_type_ != "NORP":
        after += 1  # "706 Orange County residents" counts residents; "787 Dreamliner" names
    following = doc[after] if after < len(doc) else None
    if before is not None and before.pos_ == "PROPN":
        return not _plural_noun(following)
    if after > run.end and _counted_before(doc, run.start):
        return True  # "two new 737 Max jets": 'two' counts them, '737' names the model
    return after > run.end and not _plural_noun(following)


def _counted_before(doc: Doc, start: int) -> bool:
    """Another number counts the noun ahead: 'two new' before '737 Max jets'."""
    for token in reversed(list(doc[max(0, start - 3) : start])):
        if token.like_num or token.pos_ == "NUM":
            return True
        if token.pos_ != "ADJ":
            return False
    return False


def _acronym(token: Token | None) -> bool:
    return token is not None and token.is_alpha and token.is_upper and len(token) > 1


def _plural_noun(token: Token | None) -> bool:
    """'12 Hamas fighters' counts fighters; '787 Dreamliner' names a model."""
    return token is not None and token.tag_ in {"NNS", "NNPS"}


def in_phone_number(doc: Doc, run: Run) -> bool:
    """'624-6622', '(555) 123-4567': digits and hyphens with no spaces, not an amount."""
    start = doc[run.start].idx
    line = text_of(doc)[max(0, start - 6) : start + 12]
    return bool(_PHONE.search(line)) and any(
        m.start() <= start - max(0, start - 6) < m.end() for m in _PHONE.finditer(line)
    )


def _is_address(doc: Doc, after: int) -> bool:
    streets = quantity_words().addresses
    for token in doc[after : min(len(doc), after + 4)]:
        if token.lower_ in streets and token.text[:1].isupper():
            return True
        if not (token.text[:1].isupper() or _ORDINAL.fullmatch(token.lower_)):
            return False  # "9 E 71st St" runs on through the ordinal street number
    return False


def stray_word(doc: Doc, run: Run) -> bool:
    """A lone number word that counts nothing ("one of them", "the two") is not a quantity."""
    token = doc[run.start]
    return run.end - run.start == 1 and number_token(token) is None and not run.vague
