"""A noun with the words that say which one it is ('the median price of a house in the town'),
as the concept of a quantity is written: without determiners, the quantity itself, or units of
another quantity it starts with."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import text_of
from .lexicon import quantity_words

Doc = Any  # spacy.tokens.Doc
Token = Any  # spacy.tokens.Token
NOUNS = {"NOUN", "PROPN"}
# an amount whose sign the tokenizer split off: "A12,810,626" of "$A12,810,626"
_AMOUNT = re.compile(r"^[A-Za-z]{1,3}\d{1,3}(,\d{3})+(\.\d+)?$")
_WORD = re.compile(r"[^\W\d_]")  # a letter
_MODIFIERS = {"compound", "amod", "nmod", "poss", "npadvmod", "advmod", "punct", "case", "nummod"}
_TAIL_PREPS = {"of", "for", "in", "on", "at"}
_MAX_TAIL = 8  # tokens after the noun
_MAX_CLIMB = 4
_BREAKS = {",", ";", ":", "(", ")", "-", "–"}
_SUBJECTS = {"nsubj", "nsubjpass"}


def phrase(head: Token, span: tuple[int, int]) -> str | None:
    """The noun with its modifiers, possessors and compounds, without determiners and
    possessive pronouns: 'the S&P/TSX index' -> 'S&P/TSX index'."""
    if head.pos_ not in NOUNS and not head.text[:1].isupper() and head.tag_ != "VBG":
        return None  # a noun, a name, or a gerund subject ("sampling came back at 4 ppb")
    if _AMOUNT.match(head.text) or not _WORD.search(head.text):
        return None  # another amount ("$A12,810,626" split at its sign), a sign ("≈")
    doc = head.doc
    first = head.i
    for token in reversed(list(doc[max(head.sent.start, 0) : head.i])):
        if token.dep_ not in _MODIFIERS or not _below(token, head):
            break
        first = token.i
    units = quantity_words().units
    words = [
        t
        for t in doc[first : _hyphened(doc, _tail(head, span), span) + 1]
        if t.tag_ not in {"DT", "PRP$", "POS", "CD", "$"}
        and not span[0] <= t.i < span[1]  # the quantity inside: "a $5 million deal"
        and not (t.i == head.i and t.lower_ in units)  # "MacBook Pro 16 inch"
    ]
    words = _without_leading_units(words, units)
    if not words and head.lower_ in units and head.dep_ in _SUBJECTS:
        words = [head]  # "Horsepower jumped from 240 to 273": a unit's name as the subject
    if not words:
        return None
    text = text_of(doc)  # not doc.text: spaCy rebuilds it on every call
    return text[words[0].idx : words[-1].idx + len(words[-1])].strip() or None


def _without_leading_units(words: list[Token], units: dict[str, Any]) -> list[Token]:
    """A phrase less the punctuation and the units of another quantity it starts with: 'inch'
    of 'the 6.1-inch display', 'year-old' of 'a 2,900 year-old site', 'page' of 'the 300-page
    book' (their numbers are left out already)."""
    while words:
        if words[0].is_punct:
            words = words[1:]
        elif len(words) > 2 and "".join(t.lower_ for t in words[:3]) in units:
            words = words[3:]  # "year-old"
        elif len(words) > 1 and words[1].pos_ in NOUNS and _counts(words[0], units):
            words = words[1:]
        else:
            break
    return words


def _counts(token: Token, units: dict[str, Any]) -> bool:
    """A unit of measure (not a currency word: 'US' of 'a US fluid ounce'), or the noun of
    another number hyphened to it ('page' of 'the 300-page book')."""
    unit = units.get(token.lower_)
    if unit is not None and not unit.kind.startswith("currency"):
        return True
    doc, i = token.doc, token.i
    return i > 1 and doc[i - 1].text == "-" and doc[i - 2].like_num and not doc[i - 2].whitespace_


def _tail(head: Token, span: tuple[int, int]) -> int:
    """The last token of the phrases after the noun that say which one it is: 'the price of the
    West Texas Intermediate benchmark', 'life expectancy for men in Glasgow', 'a skull found in
    Dali County'; none that holds the quantity ('a fine of $10 million') or a comma."""
    last = int(head.i)
    for child in head.rights:
        tokens = list(child.subtree)
        fits = child.left_edge.i == last + 1 and tokens[-1].i - head.i <= _MAX_TAIL
        kind = (child.dep_ == "prep" and child.lower_ in _TAIL_PREPS) or (
            child.dep_ == "acl" and child.tag_ == "VBN"
        )
        inside = any(span[0] <= t.i < span[1] or t.text in _BREAKS for t in tokens)
        if not (fits and kind) or inside:
            break
        last = int(tokens[-1].i)
    return last


def _hyphened(doc: Doc, last: int, span: tuple[int, int]) -> int:
    """The last token of a word the parse split at its hyphen: 'Ben-Moshe' whose 'Ben' heads
    the phrase; not into the quantity."""
    while (
        last + 2 < len(doc)
        and not doc[last].whitespace_
        and doc[last + 1].text == "-"
        and not doc[last + 1].whitespace_
        and doc[last + 2].is_alpha
        and not span[0] <= last + 2 < span[1]
    ):
        last += 2
    return last


def _below(token: Token, head: Token) -> bool:
    for _ in range(_MAX_CLIMB):
        if token.head.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False
