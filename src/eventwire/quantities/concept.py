"""What a quantity is about, as a noun phrase (NewsQuant's "referred concept"): the noun after
"of" ("60 per cent of its revenue"), the noun it modifies ("a $5 million deal") or belongs to
("a fine of $10 million"), the object a change applies to ("boost the driving range by 35
miles"), or the subject of the clause ("Ford has 13,000 workers", "the index rose 5%")."""

from __future__ import annotations

from typing import Any

from ..nlp import text_of
from .lexicon import quantity_words

Doc = Any  # spacy.tokens.Doc
Token = Any
_NOUNS = {"NOUN", "PROPN"}
_MODIFIERS = {"compound", "amod", "nmod", "poss", "npadvmod", "advmod", "punct", "case"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_ATTACHED = {"compound", "nmod", "amod", "nummod", "quantmod", "npadvmod"}
_RELATIVE = {"WDT", "WP"}
_MAX_CLIMB = 4


def concept_of(doc: Doc, start: int, end: int, counted: Token | None) -> str | None:
    """The concept of the quantity made of tokens start..end (exclusive), counting `counted`."""
    after = doc[end] if end < len(doc) else None
    if counted is None and after is not None and after.lower_ == "of":
        pobj = next((c for c in after.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in _NOUNS:
            return _phrase(pobj, (start, end))
    top = _top(doc, start, end, counted)
    found = _owner(top, (start, end))
    return found if found is not None else _next_noun(doc, start, end if counted is None else -1)


def _next_noun(doc: Doc, start: int, end: int) -> str | None:
    """When the parse gives nothing: the noun right after the quantity ('a 352 μm pixel
    pitch') or the name right before it ('MacBook Pro 16 inch')."""
    if end > 0:
        last = None
        for token in doc[end : min(len(doc), end + 4)]:
            if (
                token.pos_ not in {"NOUN", "PROPN", "ADJ"}
                or token.sent.start != doc[start].sent.start
            ):
                break
            last = token
        if last is not None and last.pos_ in _NOUNS:
            return _phrase(last, (start, end))
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.sent.start == doc[start].sent.start:
        return _phrase(before, (start, start))
    return None


def _top(doc: Doc, start: int, end: int, counted: Token | None) -> Token:
    """The token of the mention (or its counted noun) whose head lies outside it."""
    inside = set(range(start, end))
    if counted is not None:
        inside |= {counted.i, *range(end, counted.i)}
    token = counted if counted is not None else doc[end - 1]
    for _ in range(len(inside) + 1):
        if token.head.i not in inside or token.head.i == token.i:
            break
        token = token.head
    if token.head.i in inside and token.head.i != token.i:
        return token
    # the climb may start on a word below the top: try every word of the mention
    tops = [t for t in (doc[i] for i in inside) if t.head.i not in inside or t.head.i == t.i]
    return tops[0] if tops else token


def _owner(top: Token, span: tuple[int, int], depth: int = 0) -> str | None:
    head, dep = top.head, top.dep_
    if head.i == top.i:
        return None
    if dep == "appos" and head.pos_ == "PROPN":
        return _phrase(head, span)  # "Maddon, 66,"
    if dep == "appos" and depth < 2:  # "seven miles (11 km)": what the first one is about
        return _owner(head, span, depth + 1)
    if dep in _ATTACHED and head.pos_ in _NOUNS:
        return _phrase(head, span)  # "a $5 million deal"
    if dep == "pobj":
        governor = head.head
        if governor.pos_ in _NOUNS and governor.i != head.i:
            return _phrase(governor, span)  # "a fine of $10 million", "a survey of 7 countries"
        if head.lower_ == "by":
            thing = _child(governor, {"dobj"})
            if thing is not None:
                return _phrase(thing, span)  # "boost the driving range by 35 miles"
        return _subject(governor, span)
    return _subject(head, span) if dep not in _SUBJECTS else None


def _subject(verb: Token, span: tuple[int, int]) -> str | None:
    """The subject of the clause `verb` heads, or of the clause above it ('has agreed to pay
    $5m', 'shares were up 5%'); for a relative clause, the noun it describes ('Ford, which has
    13,000 workers')."""
    for _ in range(_MAX_CLIMB):
        subject = _child(verb, _SUBJECTS)
        if subject is not None and subject.tag_ in _RELATIVE and verb.dep_ == "relcl":
            return _phrase(verb.head, span)
        if subject is not None:
            return None if subject.pos_ == "PRON" else _phrase(subject, span)
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.pos_ in _NOUNS:  # "a 30% fuming acid": the noun the words describe
            return _phrase(verb, span)
    return None


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _phrase(head: Token, span: tuple[int, int]) -> str | None:
    """The noun with its modifiers, possessors and compounds, without determiners and
    possessive pronouns: 'the S&P/TSX index' -> 'S&P/TSX index'."""
    if head.pos_ not in _NOUNS and not head.text[:1].isupper():
        return None
    doc = head.doc
    first = head.i
    for token in reversed(list(doc[max(head.sent.start, 0) : head.i])):
        if token.dep_ not in _MODIFIERS or not _below(token, head):
            break
        first = token.i
    units = quantity_words().units
    words = [
        t
        for t in doc[first : head.i + 1]
        if t.tag_ not in {"DT", "PRP$", "POS", "CD", "$"}
        and not span[0] <= t.i < span[1]  # the quantity inside: "a $5 million deal"
        and not (t.i == head.i and t.lower_ in units)  # "MacBook Pro 16 inch"
    ]
    while words and words[0].is_punct:
        words = words[1:]
    if not words:
        return None
    text = text_of(doc)  # not doc.text: spaCy rebuilds it on every call
    return text[words[0].idx : words[-1].idx + len(words[-1])].strip() or None


def _below(token: Token, head: Token) -> bool:
    for _ in range(_MAX_CLIMB):
        if token.head.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False
