"""Casualty figures written without a number: "the officer and her daughter died" (2), "a
soldier was wounded" (1), "he was killed" (1). The subject (or, for "killed", the object) of a
casualty word is counted when it names people one by one; each figure carries a note saying how
it was read. Figures with a number ("40 were killed", "dozens died") come from the number; people
named one by one beside a number are added to it ("a soldier and two civilians were killed": 3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import QuantityMention
from .lexicon import quantity_words

Doc = Any  # spacy.tokens.Doc
Token = Any
_SUBJECTS = {"nsubj", "nsubjpass"}
_KINDS = {"killed", "wounded"}  # deaths and injuries; an arrest of "he" is no figure
_ONE = {"a", "an", "one", "the", "another"}
_SINGLE_PRONOUNS = {"he", "she", "himself", "herself"}  # "the gunman killed himself"
_PLURAL_PRONOUNS = {"them", "us", "you"}  # "both of them died"
# said of people with no number, and not a number word elsewhere ("many of the changes"): more
# than a few, read as a range as the vague words of data/quantities_numbers.tsv are
_MANY = {"many": (3.0, 100.0), "numerous": (3.0, 100.0)}
_COUNTING = {"amod", "det", "nummod", "predet"}
_BOTH = "both"  # two people, each named before: "both pilots died"
_ACTIVE_OBJECT = {"kill", "wound", "injure", "murder", "slay", "execute", "behead", "kidnap"}


def casualties_in_words(
    doc: Doc, taken: list[tuple[int, int]], found_before: Sequence[QuantityMention] = ()
) -> list[QuantityMention]:
    """Deaths and injuries stated without a number; `taken` holds the character spans of the
    quantities already found (their people are counted already), `found_before` those
    quantities (a number among people named one by one is added to them)."""
    table = quantity_words().casualties
    found = []
    for token in doc:
        kind = table.get(token.lemma_.lower())
        if kind not in _KINDS or token.pos_ not in {"VERB", "ADJ"}:
            continue
        victims = _victims(token)
        for people in victims[:1]:
            # two subjects of one verb are one list the parse split ('a guard, a driver and
            # three passengers were killed')
            mention = _counted(people, kind, found_before, victims[1:])
            inside = mention is not None and mention.note is not None and "+" in mention.note
            if mention is not None and (inside or not _overlaps(mention, taken)):
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


def _counted(
    head: Token,
    kind: str,
    found_before: Sequence[QuantityMention] = (),
    more: Sequence[Token] = (),
) -> QuantityMention | None:
    people = [head, *_conjuncts(head), *(t for m in more for t in (m, *_conjuncts(m)))]
    if len(people) == 1 and (vague := _vague(head, kind)) is not None:
        return vague
    if any(any(t.like_num or t.pos_ == "NUM" for t in p.subtree) for p in people):
        # "40 soldiers", "two of them": the number says it; "a soldier and two civilians": 3
        return _summed(head, people, kind, found_before) if len(people) > 1 else None
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


def _summed(
    head: Token, people: list[Token], kind: str, found_before: Sequence[QuantityMention]
) -> QuantityMention | None:
    """People named one by one and counted by a number, joined by 'and': 'a soldier and two
    civilians were killed' (1 + 2), 'two soldiers and a policeman were wounded' (2 + 1); the
    number's own figure stays as it is."""
    parts: list[float] = []
    for person in people:
        below = [q for q in people if q.i != person.i and person.is_ancestor(q)]
        others = {t.i for other in below for t in other.subtree}
        own = [t for t in person.subtree if t.i not in others or t.i == person.i]
        own = [t for t in own if t.dep_ != "cc" and t.text != ","]
        start = min(t.idx for t in own)
        end = max(t.idx + len(t) for t in own)
        numbered = [q for q in found_before if start <= q.start and q.end <= end]
        if len(numbered) == 1 and numbered[0].value_max is None and numbered[0].casualty == kind:
            parts.append(numbered[0].value)
        elif not numbered and _one_person(person):
            parts.append(1.0)
        else:
            return None
    if len(parts) < 2:
        return None
    span = head.doc[head.left_edge.i : max(p.i for p in people) + 1]
    total = sum(parts)
    return QuantityMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=total,
        counted="people",
        change="=",
        casualty=kind,
        unit_name="people",
        note=f"counted {' + '.join(f'{p:g}' for p in parts)}: {span.text}",
    )


def _vague(head: Token, kind: str) -> QuantityMention | None:
    """People counted by a word with no number: 'both pilots died', 'both of them died' (2),
    'several protesters were killed', 'several were wounded' (3 to 9, the range of
    data/quantities_numbers.tsv), 'many people were killed'."""
    words = [c for c in head.children if c.dep_ in _COUNTING and c.i < head.i]
    if head.pos_ in {"PRON", "ADJ", "NOUN", "DET"} and (
        not list(head.children) or _of_people(head)
    ):
        words = [head]  # "several were wounded", "both died", "both of them died"
    elif head.tag_ != "NNS" or head.lemma_.lower() not in quantity_words().persons:
        return None
    for word in words:
        entry = quantity_words().numbers.get(word.lower_)
        low: float | None = 2.0 if word.lower_ == _BOTH else None
        high: float | None = None
        if entry is not None and entry.kind == "vague" and entry.high is not None:
            low, high = entry.value, entry.high
        elif word.lower_ in _MANY:
            low, high = _MANY[word.lower_]
        if low is None:
            continue
        last = head.right_edge.i if _of_people(head) else head.i  # "both of them"
        span = head.doc[head.left_edge.i : last + 1]
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


def _of_people(head: Token) -> bool:
    """'both of them', 'several of the soldiers': the head's one child is 'of' with people."""
    children = list(head.children)
    if len(children) != 1 or children[0].lower_ != "of":
        return False
    pobj = next((c for c in children[0].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return False
    if pobj.lower_ in _PLURAL_PRONOUNS:
        return True
    return bool(pobj.tag_ == "NNS" and pobj.lemma_.lower() in quantity_words().persons)


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
