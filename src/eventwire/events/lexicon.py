"""The event lexicon: predicates (verbs, light-verb phrases, event nouns) -> PLOVER type + CAMEO.

Entries are data (`data/event_lexicon.tsv`); this module only indexes them and picks, for a
token, the most specific entry whose particle and object are present in the parse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from ..kb import LexiconEntry

_PARTICLE_DEPS = {"prt", "prep", "agent", "dative", "advmod"}
_CLAUSE_DEPS = {"advcl", "acl", "ccomp", "xcomp"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "pobj"}
# The object of a pattern that holds only where its word has none: "thousands demonstrated"
# is a rally, "demonstrated the safety of the beef" shows; "rallied support" is no rally.
NO_OBJECT = "-"


@dataclass(frozen=True)
class Match:
    entry: LexiconEntry
    object_token: Token | None  # the light-verb object: part of the trigger, not the target
    particle_token: Token | None

    @property
    def specificity(self) -> int:
        return 2 * has_object(self.entry) + bool(self.entry.particle)


class Lexicon:
    def __init__(self, entries: Sequence[LexiconEntry]) -> None:
        self.by_key: dict[tuple[str, str], list[LexiconEntry]] = defaultdict(list)
        for entry in entries:
            self.by_key[(entry.pos, entry.lemma)].append(entry)

    def lemmas(self, pos: str) -> set[str]:
        return {lemma for p, lemma in self.by_key if p == pos}

    def match(self, token: Token, types: Collection[str] | None = None) -> Match | None:
        """The most specific entry for this token (of one of `types`, if given), or None."""
        best: Match | None = None
        for entry in self._entries(token):
            if types is not None and entry.type not in types:
                continue
            found = self._fits(token, entry)
            if found is not None and (best is None or found.specificity > best.specificity):
                best = found
        return best

    def candidates(self, token: Token) -> list[tuple[LexiconEntry, str | None]]:
        """Every entry for the token's lemma, with why it does not fit (None when it does)."""
        found = []
        for entry in self._entries(token):
            reason = None
            if self._fits(token, entry) is None:
                missing = f"particle '{entry.particle}'" if entry.particle else ""
                if entry.object == NO_OBJECT:
                    missing = " and ".join(p for p in (missing, "no object") if p)
                elif entry.object:
                    missing = " and ".join(p for p in (missing, f"object '{entry.object}'") if p)
                reason = f"needs {missing} in the parse"
            found.append((entry, reason))
        return found

    def _entries(self, token: Token) -> list[LexiconEntry]:
        """The entries of the token's word: of the hyphenated whole where the lexicon knows it
        ("cease-fire", which the tokenizer splits, is the lexicon's "ceasefire")."""
        pos = _pos(token)
        joined = hyphen_joined(token)
        if joined is not None and (pos, joined) in self.by_key:
            return self.by_key[(pos, joined)]
        return self.by_key.get((pos, _lemma(token)), [])

    @staticmethod
    def _fits(token: Token, entry: LexiconEntry) -> Match | None:
        particle = None
        if entry.particle:
            particle = next(
                (c for c in _particles(token) if c.lower_ == entry.particle),
                None,
            )
            if particle is None:
                return None
        obj = None
        if entry.object == NO_OBJECT:
            if any(c.dep_ in _OBJECT_DEPS - {"pobj"} for c in token.children):
                return None
        elif entry.object:
            # "go on strike": the object may hang off the particle
            extra = (
                [g for g in particle.children if g.dep_ == "pobj"] if particle is not None else []
            )
            obj = next((c for c in [*_objects(token), *extra] if entry.object in _forms(c)), None)
            if obj is None:
                return None
        return Match(entry, obj, particle)


def has_object(entry: LexiconEntry) -> bool:
    """A light-verb object of its own ("hold talks"), not the mark of an intransitive use."""
    return bool(entry.object) and entry.object != NO_OBJECT


_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _particles(token: Token) -> list[Token]:
    """The token's particles and prepositions, and the marker of a clause it governs: "called
    for Israel to open the crossing" parses "for" as the marker of "open", not of "called"."""
    own = [c for c in token.children if c.dep_ in _PARTICLE_DEPS and not _of_time(c)]
    marks = [
        g
        for c in token.children
        if c.dep_ in _CLAUSE_DEPS
        for g in c.children
        if g.dep_ == "mark" and g.i < c.i
    ]
    return own + marks


def _of_time(prep: Token) -> bool:
    """A preposition before a date is no particle: "called Putin on Tuesday" is no "call on",
    "agreed on Monday" no "agree on"."""
    return any(g.dep_ == "pobj" and g.ent_type_ in _TIME_ENTITIES for g in prep.children)


def _pos(token: Token) -> str:
    if token.pos_ in {"VERB", "AUX"}:
        return "VERB"
    return "NOUN" if token.pos_ in {"NOUN", "PROPN"} else ""


# Object heads that name an amount or an undertaking of what their "of" or compound names:
# "launch a series of strikes", "handed over 700 kg of medicine", "received a mission of
# observers", "launched a mediation effort".
_PARTITIVES = {"series", "wave", "round", "kg", "kilogram", "ton", "tonne", "batch", "load"}
_PARTITIVES |= {"consignment", "shipment", "convoy", "lot", "quantity", "amount", "number"}
_UNDERTAKINGS = {"effort", "bid", "mission", "initiative", "attempt", "operation", "process"}


def _objects(token: Token) -> list[Token]:
    direct = [c for c in token.children if c.dep_ in _OBJECT_DEPS - {"pobj"}]
    # "hold talks", "launch a series of strikes": the object or the object of its "of"
    nested = [
        g
        for c in direct
        if _lemma(c) in _PARTITIVES | _UNDERTAKINGS
        for p in c.children
        if p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    compounds = [
        g for c in direct if _lemma(c) in _UNDERTAKINGS for g in c.children if g.dep_ == "compound"
    ]
    conj = [g for c in direct for g in c.conjuncts]
    # "dispatched Foreign Minister Sameh Shoukry": the title of a named object says what it is
    titles = [
        g
        for c in direct
        if c.pos_ == "PROPN"
        for g in c.children
        if g.dep_ == "compound" and g.i < c.i and g.ent_type_ != "PERSON"
    ]
    return direct + nested + compounds + conj + titles + predicatives(token)


_JUDGEMENT_POS = frozenset({"NOUN", "ADJ"})  # not a name: "met the defence secretary Des Browne"


def predicatives(verb: Token, loose: bool = True) -> list[Token]:
    """The object predicatives of a verb ("called Japan a partner", "called the decision
    unacceptable"): an 'oprd' beside a direct object, or an adjective or a quotation (a lone
    noun 'oprd' is the small model's misparse of the object: "called the Detention Centre"),
    or a quoted apposition of the object ('called the ruling "a travesty"'). `loose`: also the
    second noun phrase the small model hangs on the object as its apposition or object ('called
    the vote a sham', 'called the visit a provocation'), not one after a comma ("called Macron,
    the French president,") and not a name ("met the defence secretary Des Browne"); enough to
    pick a pattern's object, not to say that a verb judges."""
    children = list(verb.children)
    has_direct_object = any(c.dep_ == "dobj" for c in children)
    found = [
        c
        for c in children
        if c.dep_ == "oprd" and (has_direct_object or c.pos_ == "ADJ" or quoted(c))
    ]
    for obj in (c for c in children if c.dep_ == "dobj"):
        found += [
            g
            for g in obj.children
            if g.i > obj.i
            and (
                (g.dep_ == "appos" and quoted(g))
                or (
                    loose
                    and g.pos_ in _JUDGEMENT_POS
                    and (g.dep_ == "dobj" or (g.dep_ == "appos" and not _after_comma(g)))
                )
            )
        ]
    return found


def _after_comma(token: Token) -> bool:
    first = token.left_edge
    return first.i > 0 and token.doc[first.i - 1].text == ","


_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


def quoted(token: Token) -> bool:
    """A phrase that opens with a quotation mark ('"a travesty"')."""
    first = token.left_edge  # the quotation mark may be in the phrase's parse, or before it
    return first.text in _QUOTES or (first.i > 0 and token.doc[first.i - 1].text in _QUOTES)


# Lemmas the small English model gets wrong ("staged" -> "stag"), mapped back for matching.
_LEMMA_FIXES = {"stag": "stage", "fin": "fine", "rap": "rape", "unbanne": "unban"}


def hyphen_joined(token: Token) -> str | None:
    """The lemma of the word the tokenizer split at a hyphen, written whole: "cease-fire" ->
    "ceasefire" (on the last part; None for a word not written with a hyphen before it)."""
    if token.i < 2 or token.pos_ == "PROPN":
        return None
    hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return first.lower_ + _lemma(token)


def _forms(token: Token) -> tuple[str, ...]:
    """The lemmas a pattern's object may be written as: whole ("ceasefire"), and the last part."""
    joined = hyphen_joined(token)
    return (_lemma(token),) if joined is None else (joined, _lemma(token))


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return _LEMMA_FIXES.get(lemma, lemma) if token.lower_ != lemma else lemma
