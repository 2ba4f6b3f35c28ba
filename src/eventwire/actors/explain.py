"""Why a mention resolves as it does: `explain_actor("IDF chief of staff Herzi Halevi",
date(2023, 2, 12), coder)` lists each actor found, the readings weighed (people's dated roles,
close names and their similarity) and the rules that decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from spacy.language import Language

from .hits import ActorHit, Candidate
from .matcher import ActorMatcher

_BECAUSE = {
    "person": "a known person, with the role held on the date",
    "fuzzy": "the closest known name (fuzzy match)",
    "metonym": "a capital or seat of government standing for the state",
    "country-name": "a country's name",
    "demonym": "a country's adjective or demonym",
    "org": "a known organisation",
    "role": "a role word (gives the sector)",
    "ner-person": "a person not in the knowledge base (country and sector from titles only)",
    "same-name": "the same person named earlier in the text",
    "anaphor": "a phrase standing for an actor named before or beside it",
    "title-holder": "the one known holder of this title on the date",
    "possessor": "the owner named by a possessive (noun or pronoun)",
    "shared": "a country shared by coordinated nouns ('the government and people of Iraq')",
    "coordinated": "one of two countries sharing one group noun",
    "people": "a plural demonym: the people, not the state",
    "locative": "a capital used as a place (lower confidence)",
    "setting": "no country of its own: the state the text is mostly about (inferred)",
    "place": "no country of its own: the one state its sentence names as a place (inferred)",
    "context-actor": "no country of its own: that of the actor of its sector named just before "
    "(inferred)",
    "region": "a region or people of one state qualifies the group ('Rakhine rebels')",
    "religion": "a religion qualifies leaders or a community: the religious sector",
    "party": "a party's adjective gives its state ('Republican lawmakers')",
    "former": "'former' or 'ex-' before a title or name: out of office, one of the elites",
    "ordinary": "'ordinary' before a demonym: the people, civilians",
    "person:ambiguous": "namesakes of several states in office and none named by the text",
    "context-conflict": "a close name of a state the text does not name: a namesake, unresolved",
}


class HasActors(Protocol):
    """What `explain_actor` needs of a coder (the pipeline's `Coder` has it)."""

    nlp: Language
    actors: ActorMatcher


@dataclass(frozen=True)
class ActorExplanation:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    sector: str | None
    kind: str
    score: float
    rules: list[str]
    because: list[str]
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Explanation:
    text: str
    date: dt.date | None
    actors: list[ActorExplanation]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    def lines(self) -> list[str]:
        """A readable account, one actor after another."""
        out = [f"{self.text!r} as of {self.date or 'today (no date given)'}"]
        if not self.actors:
            out.append("  no actor found")
        for a in self.actors:
            out.append(
                f"  {a.text!r} -> {a.name} | country {a.country or '-'} | sector "
                f"{a.sector or '-'} | {a.kind} | score {a.score:.2f}"
            )
            out += [f"      rule {r}: {b}" for r, b in zip(a.rules, a.because, strict=True)]
            for c in a.candidates:
                mark = "*" if c.chosen else " "
                out.append(
                    f"    {mark} candidate {c.name} ({c.country or '-'} {c.sector or '-'}) "
                    f"{c.rule} {c.score:.2f} {c.note}".rstrip()
                )
        return out


def explain_actor(text: str, day: dt.date | None, coder: HasActors) -> Explanation:
    """Resolve the actors in a short text (a mention, or a sentence around it) and say why."""
    from . import find_actors  # the stage's entry point, defined beside this module

    doc = coder.nlp(text)
    hits = find_actors(doc, coder.actors, day)
    return Explanation(text, day, [_explain(h, doc.text, coder.actors) for h in hits])


def _explain(hit: ActorHit, text: str, am: ActorMatcher) -> ActorExplanation:
    words = text[hit.start : hit.end]
    candidates = list(hit.candidates)
    if not candidates or any(r.startswith("fuzzy") for r in hit.rules):
        candidates += _close_names(words, hit, am)  # the near misses, with their similarity
    return ActorExplanation(
        text=words,
        start=hit.start,
        end=hit.end,
        name=hit.name,
        country=hit.country,
        sector=hit.sector,
        kind=hit.kind,
        score=round(hit.score, 3),
        rules=list(hit.rules),
        because=[_because(rule) for rule in hit.rules],
        candidates=candidates,
    )


def _close_names(words: str, hit: ActorHit, am: ActorMatcher) -> list[Candidate]:
    """The known names nearest the mention's words, for mentions resolved without a person."""
    if hit.kind not in {"person", "organisation"}:
        return []
    matches = am.index.fuzzy_person(words, limit=5) if hit.kind == "person" else []
    matches = matches or am.index.fuzzy_name(words, limit=5)
    return [
        Candidate(
            e.name,
            e.country,
            e.sector,
            round(m.similarity / 100, 3),
            f"fuzzy {m.how}",
            m.key,
            e.name == hit.name,
        )
        for m in matches
        for e in m.entries
    ]


def _because(rule: str) -> str:
    if rule in _BECAUSE:
        return _BECAUSE[rule]
    key = rule.split(":", 1)[0]
    if key.startswith("fuzzy"):
        key = "fuzzy"
    return _BECAUSE.get(key, rule)
