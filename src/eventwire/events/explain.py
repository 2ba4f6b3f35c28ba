"""Why a sentence was coded as it was: its parse, the lexicon patterns that matched (and those
that did not fit), the events with their roles, modality and attribution, and why the other
triggers gave no event. `explain(...)` returns the record; `render(...)` the text that
`eventwire explain FILE --sentence N` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InvalidOption
from ..model import Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

if TYPE_CHECKING:
    from ..pipeline import Coder


@dataclass(frozen=True)
class ParsedToken:
    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int


@dataclass(frozen=True)
class PatternCandidate:
    trigger: str
    pattern: str
    type: str
    cameo: str
    rejected: str | None  # why it does not fit; None for the pattern that was used


@dataclass
class Explanation:
    sentence: int
    text: str
    tokens: list[ParsedToken] = field(default_factory=list)
    patterns: list[PatternCandidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    # per trigger ("text@i"): the role model's likeliest sources and targets with P(source), P(target)
    alternatives: dict[str, list[RoleAlternative]] = field(default_factory=dict)


@dataclass(frozen=True)
class RoleAlternative:
    word: str
    source: float
    target: float


def explain(coder: Coder, document: Document, n: int) -> Explanation:
    """Code the document, keeping the events stage's trace, and explain sentence `n` (0-based,
    as `evidence.sentence`)."""
    doc = coder.nlp(document.text)
    sentences = list(doc.sents)
    if not 0 <= n < len(sentences):
        raise InvalidOption(
            f"--sentence {n} is out of range: the document has {len(sentences)} sentences "
            f"(0 to {len(sentences) - 1})"
        )
    traces: dict[int, list[str]] = {}
    coded = coder.code_doc(doc, document, trace=traces)
    trace = traces.get(n, [])
    sent = sentences[n]
    explanation = Explanation(sentence=n, text=sent.text, rejected=list(trace))
    explanation.tokens = [
        ParsedToken(t.i - sent.start, t.text, t.lemma_, t.pos_, t.dep_, t.head.i - sent.start)
        for t in sent
    ]
    for token in sent:
        chosen = coder.events.lexicon.match(token)
        for entry, reason in coder.events.lexicon.candidates(token):
            pattern = " ".join(p for p in (entry.lemma, entry.particle, entry.object) if p)
            if reason is None and chosen is not None and entry is not chosen.entry:
                reason = "fits, but a more specific pattern was used"
            explanation.patterns.append(
                PatternCandidate(token.text, pattern, entry.type, entry.cameo, reason)
            )
    explanation.events = [e for e in coded.events if e.evidence.sentence == n]
    explanation.alternatives = _alternatives(coder, doc, explanation.events)
    return explanation


def _alternatives(coder: Coder, doc: Doc, events: list[Event]) -> dict[str, list[RoleAlternative]]:
    """What the role model thinks of each candidate of each event's trigger, best first."""
    model = coder.events.roles
    if model is None:
        return {}
    found: dict[str, list[RoleAlternative]] = {}
    for event in events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        trigger = span.root
        scores = sorted(model.scores(trigger), key=lambda s: -max(s.source, s.target))[:4]
        found[f"{trigger.text}@{trigger.i - trigger.sent.start}"] = [
            RoleAlternative(s.token.text, round(s.source, 2), round(s.target, 2)) for s in scores
        ]
    return found


def render(explanation: Explanation) -> str:
    """A plain-text report of one sentence's coding."""
    lines = [f"sentence {explanation.sentence}: {explanation.text.strip()}", "", "parse:"]
    lines += [
        f"  {t.i:3d} {t.text:18s} {t.lemma:16s} {t.pos:6s} {t.dep:10s} -> {t.head}"
        for t in explanation.tokens
    ]
    lines += ["", "patterns:"]
    lines += [
        f"  {'+' if p.rejected is None else '-'} '{p.trigger}' ~ {p.pattern} -> {p.type} {p.cameo}"
        + (f"  ({p.rejected})" if p.rejected else "")
        for p in explanation.patterns
    ] or ["  (no lexicon pattern matches a word of this sentence)"]
    lines += ["", "events:"]
    lines += [line for e in explanation.events for line in _event_lines(e)] or ["  (none)"]
    lines += ["", "role model (P source / P target of the likeliest words, per trigger):"]
    lines += [
        f"  '{trigger}': " + ", ".join(f"{a.word} {a.source:.2f}/{a.target:.2f}" for a in options)
        for trigger, options in explanation.alternatives.items()
    ] or ["  (no event, or the model is off)"]
    lines += ["", "triggers without an event:"]
    lines += [f"  {r}" for r in explanation.rejected] or ["  (none)"]
    return "\n".join(lines) + "\n"


def explain_sentence(coder: Coder, document: Document, n: int) -> str:
    return render(explain(coder, document, n))


def _actor(actor: object) -> str:
    if actor is None:
        return "-"
    text, country, sector = (getattr(actor, k) for k in ("text", "country", "sector"))
    return f"{text!r} ({country or '?'}{'/' + sector if sector else ''})"


def _event_lines(e: Event) -> list[str]:
    who = e.attribution.text if e.attribution else "the article itself"
    kind = f" [{e.attribution.kind}, {e.attribution.scope}]" if e.attribution else ""
    return [
        f"  {e.type} ({e.cameo}) '{e.trigger.text}': {_actor(e.source)} -> {_actor(e.target)}",
        f"    modality {e.modality}{', negated' if e.negated else ''}; "
        f"according to {who}{kind}; confidence {e.confidence}",
        *[f"    - {note}" for note in e.notes],
    ]
