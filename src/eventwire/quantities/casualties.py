"""Casualty figures written without a number: "the officer and her daughter died" (2), "a
soldier was wounded" (1), "he was killed" (1). The subject (or, for "killed", the object) of a
casualty word is counted when it names people one by one; each figure carries a note saying how
it was read. Figures with a number ("40 were killed", "dozens died") come from the number."""

from __future__ import annotations

from typing import Any

from ..model import QuantityMention
from .lexicon import quantity_words

Doc = Any  # spacy.tokens.Doc
Token = Any
_SUBJECTS = {"nsubj", "nsubjpass"}
_KINDS = {"killed", "wounded"}  # deaths and injuries; an arrest of "he" is no figure
_ONE = {"a", "an", "one", "the", "another"}
_SINGLE_PRONOUNS = {"he", "she"}
_COUNTING = {"amod", "det", "nummod", "predet"}
_BOTH = "both"  # two people, each named before: "both pilots died"
_ACTIVE_OBJECT = {"kill", "wound", "injure", "murder", "slay", "execute", "behead", "kidnap"}


def casualties_in_words(doc: Doc, taken: list[tuple[int, int]]) -> list[QuantityMention]:
    """Deaths and injuries stated without a number; `taken` holds the character spans of the
    quantities already found (their people are counted already)."""
    table = quantity_words().casualties
    found = []
    for token in doc:
        kind = table.get(token.lemma_.lower())
        if kind not in _KINDS or token.pos_ not in {"VERB", "ADJ"}:
            continue
        for people in _victims(token):
            mention = _counted(people, kind)
            if mention is not None and not _overlaps(mention, taken):
                found.append(mention)
                taken.append((mention.start, mention.end))
    return found


def _victims(word: Token) -> list[Token]:
    """Who the casualty word is about: the subject ('the officer died', 'a soldier was
    wounded'), the object of an active killing ('gunmen killed a guard'); a predicate adjective
    ('two were dead') takes the subject of its verb."""
    holder = word.head if word.dep_ in {"acomp", "oprd"} else word
    victims = [c for c in holder.children if c.dep_ in _SUBJECTS]
    if word.lemma_.lower() in _ACTIVE_OBJECT and not any(
        c.dep_ == "nsubjpass" for c in holder.children
    ):
        victims = [c for c in word.children if c.dep_ == "dobj"]
    return victims


def _counted(head: Token, kind: str) -> QuantityMention | None:
    people = [head, *_conjuncts(head)]
    if len(people) == 1 and (vague := _vague(head, kind)) is not None:
        return vague
    if any(any(t.like_num or t.pos_ == "NUM" for t in p.subtree) for p in people):
        return None  # "40 soldiers", "two of them": the number says it
    if not all(_one_person(p) for p in people):
        return None
    span = head.doc[head.left_edge.i : max(p.i for p in people) + 1]
    value = float(len(people))
    named = head.pos_ in {"PRON", "PROPN"}  # "he", "John Smith"
    counted = "people" if len(people) > 1 else ("person" if named else head.lemma_.lower())
    return QuantityMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=value,
        counted=counted,
        change="=",
        casualty=kind,
        unit_name="person" if len(people) == 1 else "people",
        note=f"counted {len(people)} named: {span.text}",
    )


def _vague(head: Token, kind: str) -> QuantityMention | None:
    """People counted by a word with no number: 'both pilots died' (2), 'several protesters were
    killed', 'several were wounded' (3 to 9, the range of data/quantities_numbers.tsv)."""
    words = [c for c in head.children if c.dep_ in _COUNTING and c.i < head.i]
    if head.pos_ in {"PRON", "ADJ", "NOUN", "DET"} and not list(head.children):
        words = [head]  # "several were wounded", "both died"
    elif head.tag_ != "NNS" or head.lemma_.lower() not in quantity_words().persons:
        return None
    for word in words:
        entry = quantity_words().numbers.get(word.lower_)
        low: float | None = 2.0 if word.lower_ == _BOTH else None
        high: float | None = None
        if entry is not None and entry.kind == "vague" and entry.high is not None:
            low, high = entry.value, entry.high
        if low is None:
            continue
        span = head.doc[head.left_edge.i : head.i + 1]
        return QuantityMention(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            value=low,
            value_max=high,
            counted=head.lemma_.lower() if head is not word else "people",
            change="=",
            casualty=kind,
            unit_name="people",
            note=f"{'vague' if high is not None else 'counted'}: {span.text}",
        )
    return None


def _conjuncts(head: Token) -> list[Token]:
    return [
        t
        for t in head.subtree
        if t.dep_ == "conj" and t.head.i in {head.i, *[c.i for c in head.subtree]}
    ]


def _one_person(token: Token) -> bool:
    """'a soldier', 'her daughter', 'the driver', 'he', 'John Smith': one person."""
    if token.lower_ in _SINGLE_PRONOUNS:
        return True
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return True
    if token.tag_ != "NN" or token.lemma_.lower() not in quantity_words().persons:
        return False
    determiners = [c for c in token.children if c.dep_ in {"det", "poss"}]
    return bool(determiners) and all(
        d.lower_ in _ONE or d.tag_ == "PRP$" or d.dep_ == "poss" for d in determiners
    )


def _overlaps(mention: QuantityMention, taken: list[tuple[int, int]]) -> bool:
    return any(mention.start < end and start < mention.end for start, end in taken)
