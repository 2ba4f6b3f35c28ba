"""The mode of an event (an ASSAULT by air strike, a PROTEST as a strike) and its contexts (what
it is about: military, economic, election...), from the pattern's CAMEO code and cue words in
the trigger's clause; the tables are `event_modes.tsv` and `event_contexts.tsv`."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..kb import EventContext, EventMode
from ..kb.events import longest_cue
from .type_model import TypeModel

# Clauses of their own under a trigger: their words tell of other events
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl"})
_AGENT_DEPS = frozenset({"nsubj", "csubj"})  # a passive subject is what was hit
REMOTE = "Explosions/Remote violence"  # ACLED's type of violence by weapons that act alone
MAX_CONTEXTS = 3


def clause_lemmas(trigger: Token) -> list[str]:
    """Lower-case lemmas of the trigger's own clause in text order: the trigger, its dependents
    and theirs, without clauses of their own; an event noun's governing verb too."""
    keep: list[Token] = []
    stack = [trigger]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _OWN_CLAUSES)
    if trigger.pos_ == "NOUN" and trigger.head.i != trigger.i:
        keep.append(trigger.head)
    subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)
    if trigger.dep_ in {"advcl", "xcomp", "conj"} and not subject:  # "hit a market, killing 14"
        keep.extend(
            t for c in trigger.head.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree
        )
    return [t.lemma_.lower() for t in sorted(keep, key=lambda t: t.i)]


def _grams(lemmas: Sequence[str], longest: int = 4) -> frozenset[tuple[str, ...]]:
    """Every run of up to `longest` lemmas: a cue fits when it is one of them."""
    return frozenset(
        tuple(lemmas[i : i + n]) for n in range(1, longest + 1) for i in range(len(lemmas) - n + 1)
    )


def mode_of(event_type: str, cameo: str, lemmas: Sequence[str], modes: Sequence[EventMode]) -> str:
    """The first mode of the type (in the table's order, specific first) whose CAMEO codes hold
    the pattern's code or whose cue words are in the clause; "" when none fits."""
    grams = _grams(lemmas, longest_cue(modes))
    for row in modes:
        if row.type != event_type:
            continue
        if cameo in row.cameo or any(cue in grams for cue in row.cues):
            return row.mode
    return ""


def agent_mode(trigger: Token, event_type: str, modes: Sequence[EventMode]) -> str:
    """The mode a cue word in the trigger's subject or passive agent names, when it is a weapon
    of remote violence (a mode whose ACLED type is `REMOTE`): the weapon that did it, with no
    one at hand ("an IED killed three soldiers", "were killed by a roadside bomb", "a drone
    strike hit a car"); "" when none does. People named by a mode's cue ("gunmen",
    "protesters") are the table's and the model's to weigh."""
    agents = [c for c in trigger.children if c.dep_ in _AGENT_DEPS]
    agents += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    lemmas = [t.lemma_.lower() for a in agents for t in a.subtree]
    grams = _grams(lemmas, longest_cue(modes))
    for row in modes:
        remote = row.acled is not None and row.acled.event_type == REMOTE
        if row.type == event_type and remote and any(cue in grams for cue in row.cues):
            return row.mode
    return ""


def contexts_of(cameo: str, lemmas: Sequence[str], contexts: Sequence[EventContext]) -> list[str]:
    """The contexts whose CAMEO codes hold the pattern's code, then those whose cue words are in
    the sentence, in the table's order; at most `MAX_CONTEXTS`."""
    grams = _grams(lemmas, longest_cue(contexts))
    by_code = [c.context for c in contexts if cameo in c.cameo]
    by_cue = [c.context for c in contexts if any(cue in grams for cue in c.cues)]
    return list(dict.fromkeys(by_code + by_cue))[:MAX_CONTEXTS]


def event_mode(
    trigger: Token,
    event_type: str,
    cameo: str,
    modes: Sequence[EventMode],
    model: TypeModel | None = None,
    features: dict[str, float] | None = None,
) -> tuple[str, str | None]:
    """The event's mode ("" for none) and a note saying what decided it: the cue table
    (`mode_of`), or the type model's mode model, which reads the table's choice as a feature
    and may overrule it, unless the weapon that did it is the subject or agent (`agent_mode`):
    what did it is no guess."""
    rule = mode_of(event_type, cameo, clause_lemmas(trigger), modes)
    if model is None or features is None:
        return rule, None
    weapon = agent_mode(trigger, event_type, modes)
    if weapon:
        return weapon, f"mode {weapon}: named by the event's subject or agent"
    mode, p = model.mode(features, event_type, rule)
    table = f"the cue table's {rule or 'none'}"
    if mode == rule:
        return mode, f"mode {mode or 'none'}: the mode model agrees with {table} (p={p:.2f})"
    return mode, f"mode {mode or 'none'}: the mode model (p={p:.2f}) over {table}"
