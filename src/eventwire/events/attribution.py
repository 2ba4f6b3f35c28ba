"""Attribution: who says so. "X said", "X report", "according to X", "citing X".

The reporter is the attribution of the events in the reported clause, never their source.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Attribution
from ..model import Span as CharSpan

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class ReportingCues:
    """The cues of `data/attribution.tsv`, by kind."""

    verbs: frozenset[str]
    preps: frozenset[str]
    anonymous: frozenset[str]  # in the reporter's phrase: "sources", "people familiar"
    anonymity: frozenset[str]  # anywhere in the sentence: "speaking on condition of anonymity"
    intelligence: frozenset[str]
    media: frozenset[str]

    @classmethod
    def from_table(cls, reporting: dict[str, str]) -> ReportingCues:
        def kind(name: str) -> frozenset[str]:
            return frozenset(cue for cue, k in reporting.items() if k == name)

        return cls(
            kind("verb"),
            kind("prep"),
            kind("anonymous"),
            kind("anonymity"),
            kind("intelligence"),
            kind("media"),
        )


@dataclass(frozen=True)
class Reporter:
    attribution: Attribution
    verb: Token | None
    tokens: frozenset[int]  # the reporter's words: never an event's source


def _phrase(head: Token) -> Span:
    """The noun phrase headed by `head`, without trailing clauses."""
    left = min((t.i for t in head.subtree if t.i <= head.i and t.dep_ != "punct"), default=head.i)
    right = head.i
    for t in head.rights:
        if t.dep_ in {"conj", "cc", "compound", "flat", "appos"}:
            right = max(right, max(x.i for x in t.subtree))
    return head.doc[left : right + 1]


def kind_of(phrase: Span, named_person: bool, media: bool, cues: ReportingCues) -> str:
    """What kind of reporter a phrase is; a sentence that mentions anonymity makes an unnamed
    reporter anonymous."""
    words = {t.lower_ for t in phrase}
    text = phrase.text.lower()
    if words & cues.intelligence:
        return "intelligence"
    if media or words & cues.media:
        return "media"
    if named_person:
        return "named_official"
    anonymous = words & cues.anonymous or any(" " in c and c in text for c in cues.anonymous)
    if anonymous or {t.lower_ for t in phrase.sent} & cues.anonymity:
        return "anonymous_source"
    return "official"


def find_reporter(
    sent: Span, cues: ReportingCues, person_tokens: set[int], media_tokens: set[int]
) -> Reporter | None:
    """The reporting clause of a sentence, if there is one."""
    for token in sent:
        if token.lemma_.lower() in cues.verbs and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
            # "it was reported (that)": the outlet's own, agentless report
            expletive = (
                subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubjpass"
            )
            if subject is not None and _reported_content(subject, token):
                subject = _agent_of(token)  # "the arrest was reported (by X)": not the reporter
                expletive = subject is None
            if subject is None or expletive:
                if token.dep_ == "ROOT" and any(c.dep_ == "auxpass" for c in token.children):
                    return _reporter(sent, token, None, "outlet", set())
                continue
            assert subject is not None
            if subject.lower_ in {"it", "which", "that"}:
                continue
            phrase = _phrase(subject)
            idx = {t.i for t in phrase}
            kind = kind_of(phrase, bool(idx & person_tokens), bool(idx & media_tokens), cues)
            return _reporter(sent, token, phrase, kind, idx)
        if _prep_cue(token, cues.preps):
            pobj = next(
                (g for c in token.children for g in [c, *c.children] if g.dep_ == "pobj"), None
            )
            if pobj is not None:
                phrase = _phrase(pobj)
                idx = {t.i for t in phrase}
                kind = kind_of(phrase, bool(idx & person_tokens), bool(idx & media_tokens), cues)
                return _reporter(sent, None, phrase, kind, idx)
    return None


def _reported_content(subject: Token, verb: Token) -> bool:
    """The passive subject of a reporting verb is what is reported ("the arrest was widely
    reported", "jets were reported to have fired"), unless the verb quotes it as saying
    ("the army was quoted as warning")."""
    quoted = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    return subject.dep_ == "nsubjpass" and subject.lower_ != "it" and not quoted


def _agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb: "was announced by the ministry"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None


def _prep_cue(token: Token, preps: frozenset[str]) -> bool:
    if token.lower_ == "according":
        return "according to" in preps
    return token.lower_ in preps


def _reporter(
    sent: Span, verb: Token | None, phrase: Span | None, kind: str, idx: set[int]
) -> Reporter:
    if phrase is None:
        text, span = (verb.text if verb is not None else ""), None
    else:
        text, span = phrase.text, CharSpan(start=phrase.start_char, end=phrase.end_char)
    return Reporter(Attribution(text=text, kind=kind, span=span), verb, frozenset(idx))
