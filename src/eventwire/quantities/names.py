"""The normalised name of a quantity's unit ("USD" -> "dollar", "km per hour" -> "kilometre per
hour", a count of "European countries" -> "european country") and its NewsQuant change sign
(=, ~, >, <, up, down)."""

from __future__ import annotations

from typing import Any

from ..model import QuantityChange
from .lexicon import quantity_words

Span = Any  # spacy.tokens.Span
_DESCRIBING = {"ADJ", "NOUN", "PROPN", "NUM", "VERB", "DET", "PRON"}
# "300 recorded songs" counts songs, "517 rushing yards" yards, "two-thirds of the 4.3M sales" sales
_LEFT_OUT = {"VBN", "VBG", "CD"}
_LEFT_DEPS = {"amod", "nmod", "compound"}
_SIGNS: dict[str, QuantityChange] = {"~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<", "=": "="}
_SIGNS["~<"] = "~"  # "nearly 100": about 100, from below
_OVER_CHANGE = {"~", ">"}


def unit_name(code: str | None, counted: Span | None) -> str | None:
    """A unit code's name from data/quantities_unit_names.tsv; for a count, the words that say
    what is counted, each in its dictionary form, lower case ('four different bosses' ->
    'different boss')."""
    if code == "fraction":  # NewsQuant names a fraction by what it is part of: '% Germans'
        part = unit_name(None, counted)
        return f"% {part}" if part else "%"
    if code:
        names = quantity_words().unit_names
        base, _, per = code.partition(" per ")
        name = names.get(base, base.lower())
        return f"{name} per {names.get(per, per.lower())}" if per else name
    if counted is None or not len(counted):
        return None
    words = list(counted)
    while words and words[0].text == "-":
        words = words[1:]  # "six-cylinder": "cylinder"
    words = [t for t in words[:-1] if t.tag_ not in _LEFT_OUT and t.pos_ != "CCONJ"] + words[-1:]
    text = "".join(_lemma(t) + t.whitespace_ for t in words)
    return text.strip().lower() or None


def number_of(doc: Any, start: int) -> str | None:
    """A bare figure said of 'the number of X' counts X: 'the number of cases rose to 30,000'
    ('case'), 'the number of jobless claims fell by 12,000' ('jobless claim'); the phrase is
    the subject of the figure's clause, before it in its sentence."""
    sentence = doc[start].sent
    for token in doc[sentence.start : start]:
        if token.lower_ != "number" or token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        of = next((c for c in token.rights if c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if noun is not None and noun.tag_ in {"NNS", "NNPS"} and noun.i < start:
            return unit_name(None, doc[of.i + 1 : noun.i + 1] if of else None)
    return None


def _lemma(token: Any) -> str:
    """A word in its dictionary form; a name as written, but in the singular ('World Cups')."""
    if token.tag_ == "NNPS" and token.text.endswith("s") and len(token.text) > 3:
        return str(token.text[:-1])
    return str(token.text if token.pos_ == "PROPN" else token.lemma_)


def counted_words(doc: Any, end: int, head: Any, begin: int | None = None) -> Span:
    """The words between a number and the noun it counts, with the noun: 'different bosses' in
    'four different bosses', 'first-team players'; the counted phrase alone if not adjacent.
    With the number's first token `begin`, the noun's describing words just before the number
    come too ('a record 32 goals': 'record goals', 'the top three seeds': 'top seeds')."""
    start = end + 1 if end < len(doc) and doc[end].lower_ == "of" else end
    between = doc[start : head.i]
    if head.i < start or any(not _describing(t) for t in between):
        return doc[head.i : head.i + 1]
    while start < head.i and doc[start].tag_ in {"DT", "PRP$", "POS"}:
        start += 1  # "thousands of the protesters"
    left = _left_describing(doc, begin, head) if begin is not None and start == end else []
    return doc[left[0].i if left else start : head.i + 1]


def _describing(token: Any) -> bool:
    """A word that can stand between a number and its noun: 'different', 'first-team', the
    'and' of 'digital and physical sales'."""
    if token.pos_ == "CCONJ":  # between two adjectives only: not 'four-, five- and six-cylinder'
        doc = token.doc
        return 0 < token.i < len(doc) - 1 and {doc[token.i - 1].pos_, doc[token.i + 1].pos_} == {
            "ADJ"
        }
    return token.pos_ in _DESCRIBING or token.text == "-"


def _left_describing(doc: Any, begin: int, head: Any) -> list[Any]:
    """The counted noun's own describing words right before its number ('record' in 'a record
    32 goals'); none that is a participle or another number ('an estimated 300 people')."""
    words: list[Any] = []
    i = begin - 1
    while i >= 0 and doc[i].head.i == head.i and doc[i].dep_ in _LEFT_DEPS:
        if doc[i].tag_ in _LEFT_OUT or _participle(doc[i]):
            break
        words.insert(0, doc[i])
        i -= 1
    return words


def _participle(token: Any) -> bool:
    """A participle tagged as an adjective: 'an estimated 300', 'the combined 4.3M'."""
    text = token.lower_
    return token.tag_ == "JJ" and len(text) > 5 and text.endswith("ed")


def change_sign(change: str | None, qualifier: str | None, sign: str) -> QuantityChange:
    """An approximation or a floor wins ('up about 19 per cent' ~, 'climbed more than 3%' >);
    then a rise or a fall ('rose 4%' up); else the qualifier's sign ('up to' <); else
    '='."""
    written = quantity_words().qualifiers.get(qualifier.lower(), "=") if qualifier else "="
    bound = _SIGNS.get(written, "=")
    if bound in _OVER_CHANGE and written != "~<":  # 'up nearly 57%' is up
        return bound
    if change in {"up", "down"}:
        return "up" if change == "up" else "down"
    if qualifier:
        return bound
    return "~" if sign == "~" else "="
