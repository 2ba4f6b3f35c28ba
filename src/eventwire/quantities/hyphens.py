"""Numbers with a suspended hyphen: 'four-, five- and six-cylinder engines', '10- and 20-year
bonds'. The unit or the counted noun is written once, after the last number of the list; each
earlier number takes it from there."""

from __future__ import annotations

from typing import Any

from .lexicon import Unit, unit_of
from .runs import number_token_or_word, suspended

Doc = Any  # spacy.tokens.Doc
Token = Any
_BETWEEN = {",", "and", "or", "to"}
_MAX_LIST = 8  # tokens from a suspended number to the last number of its list


def shared_tail(doc: Doc, end: int) -> tuple[Unit | None, Token | None]:
    """For a number ending at token `end` (exclusive) with a suspended hyphen: the unit ('year')
    or else the counted noun ('cylinder') written after the last number of its list."""
    if end == 0 or not suspended(doc[end - 1]):
        return None, None
    i = end
    while i < min(len(doc), end + _MAX_LIST):
        token = doc[i]
        if token.lower_ in _BETWEEN or suspended(token):
            i += 1
            continue
        if number_token_or_word(token) and i + 2 < len(doc) and doc[i + 1].text == "-":
            word = doc[i + 2]
            unit = unit_of(word.text)
            if unit is not None:
                return unit, None
            return (None, word) if word.pos_ in {"NOUN", "PROPN"} else (None, None)
        return None, None
    return None, None
