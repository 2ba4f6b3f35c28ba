"""Toponym recognition: spaCy's GPE, LOC and FAC entities, plus gazetteer names the model
missed when the words around them say they are places ("near Bakhmut and Soledar").
Demonyms ("Iranian") are not places; they only tell resolution which countries matter."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .cues import NAME_PARTICLES
from .gazetteer import Gazetteer, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
GAZETTEER_LABEL = "GAZ"  # a span found by the gazetteer, not by the model
_LOCATIVE = {
    "in", "at", "near", "from", "to", "outside", "inside", "around", "across", "into",
    "towards", "toward", "through", "via", "between", "nearby", "throughout",
}  # fmt: skip
_COORDINATION = {"and", "or", ",", "&"}
_LARGE_FEATURES = {"continent", "region", "country", "admin"}
_MIN_TOWN = 1000  # smaller namesakes of common words are too often wrong ("Mark", "Hope")
_MAX_WORDS = 4
_WORD = r"[A-Z][\w'’\-]*"
_NAME = rf"{_WORD}(?: (?:(?:{NAME_PARTICLES}) )?{_WORD}){{0,3}}"
# A wire note's place: "in Kidal town (Kidal, Kidal region)", "near Djibo (Djibo, Soum)": the
# name, a settlement word perhaps, then its district and province in brackets.
_WIRE_PLACE = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_NAME})(?: (?:town|city|village))? "
    rf"\((?P<inside>{_WORD}[^()\n]{{0,60}}, ?{_WORD}[^()\n]{{0,60}})\)"
)


def _name_word(doc: Doc, i: int) -> bool:
    """A proper noun, or a capitalised noun inside a sentence (the tagger calls some unknown
    town names nouns: "near Bakhmut and Soledar")."""
    token = doc[i]
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and token.is_title and not token.is_sent_start


def _trim(span: Span) -> Span:
    """Without a leading article or a trailing possessive ("the Kremlin's" -> "Kremlin")."""
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def model_toponyms(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """The model's place entities, trimmed, with their labels."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _trim(ent)
        if name_key(span.text) in gaz.demonyms and not gaz.lookup(span.text):
            continue  # "Russian" tagged as a place
        spans.append((span, ent.label_))
    return spans


def _is_place_name(gaz: Gazetteer, text: str) -> bool:
    t = gaz.table
    if name_key(text) in gaz.demonyms:
        return False
    return any(
        t.features[r] in _LARGE_FEATURES or t.populations[r] >= _MIN_TOWN for r in gaz.lookup(text)
    )


def _cued(doc: Doc, start: int, found: set[int]) -> bool:
    """A locative preposition before the name, or "and"/"," after another place."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in _LOCATIVE:
        return True
    return before.lower_ in _COORDINATION and start >= 2 and (start - 2) in found


def gazetteer_toponyms(doc: Doc, gaz: Gazetteer, taken: list[Span]) -> list[Span]:
    """Runs of proper nouns that the model did not tag as places but that name a place, right
    after a locative preposition or in a list of places."""
    found = {i for span in taken for i in range(span.start, span.end)}
    entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < _MAX_WORDS and _name_word(doc, end):
            end += 1
        span = doc[i:end]
        ent = entity_of.get(i)
        fits = ent is None or (ent.start, ent.end) == (i, end)
        free = end > i and not found & set(range(i, end)) and fits
        if free and _cued(doc, i, found) and _is_place_name(gaz, span.text):
            spans.append(span)
            found |= set(range(i, end))
        i = max(end, i + 1)
    return spans


def wire_toponyms(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Character spans of the places that wire and event-data notes cite with their district
    and province in brackets ("in Kidal town (Kidal, Kidal region)"), whatever the model tagged
    them as; the bracket is read as their qualifier when they are resolved."""
    spans = []
    for match in _WIRE_PLACE.finditer(text):
        name = match.group("name")
        words = name.split()
        for n in range(len(words)):  # "Huwara near Nablus" is one run of capitals only here
            tail = " ".join(words[n:])
            if _is_place_name(gaz, tail):
                spans.append((match.end("name") - len(tail), match.end("name")))
                break
    return spans


def find_toponyms(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of the place names in the document."""
    wire = wire_toponyms(doc.text, gaz)
    labelled = model_toponyms(doc, gaz)
    extra = gazetteer_toponyms(doc, gaz, [span for span, _ in labelled])
    found = [(s.start_char, s.end_char, label) for s, label in labelled]
    found += [(s.start_char, s.end_char, GAZETTEER_LABEL) for s in extra]
    found = [f for f in found if not any(f[0] < e and s < f[1] for s, e in wire)]
    found += [(s, e, GAZETTEER_LABEL) for s, e in wire]
    return sorted(found)
