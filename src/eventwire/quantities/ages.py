"""Ages said by their decade: 'in his 20s', 'in her early 30s', 'in their 70s' is an age of
20 to 29 (30 to 39, 70 to 79) years. The decade alone ('the 1990s', 'temperatures in the 30s')
is no age: a possessive pronoun says whose age it is."""

from __future__ import annotations

import re
from typing import Any

from ..model import QuantityMention

Doc = Any  # spacy.tokens.Doc
_DECADE = re.compile(r"^(?:mid-)?([1-9]0)'?s$")  # "20s", "30's", "mid-40s" (one token)
_OWNERS = {"his", "her", "their", "my", "your", "our"}
_PARTS = {"early", "mid", "late", "mid-"}


def decade_ages(doc: Doc, taken: list[tuple[int, int]]) -> list[QuantityMention]:
    """Each 'in his 20s' of the document, none over a character span already `taken`."""
    found = []
    for token in doc:
        decade = _DECADE.match(token.text)
        if decade is None or not _owned(doc, token.i):
            continue
        if any(start < token.idx + len(token) and token.idx < end for start, end in taken):
            continue
        low = float(decade[1])
        found.append(
            QuantityMention(
                text=token.text,
                start=token.idx,
                end=token.idx + len(token),
                value=low,
                value_max=low + 9,
                unit="age",
                unit_name="year of age",
                change="=",
            )
        )
    return found


def _owned(doc: Doc, i: int) -> bool:
    """'in his 20s', 'in her early 30s', 'in their mid-40s': 'in', a possessive pronoun and
    maybe a word for the part of the decade, right before it."""
    j = i - 1
    while j >= 0 and (doc[j].lower_ in _PARTS or doc[j].text == "-"):
        j -= 1
    return j >= 1 and doc[j].lower_ in _OWNERS and doc[j - 1].lower_ == "in"
