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
    and may overrule it."""
    rule = mode_of(event_type, cameo, clause_lemmas(trigger), modes)
    if model is None or features is None:
        return rule, None
    mode, p = model.mode(features, event_type, rule)
    table = f"the cue table's {rule or 'none'}"
    if mode == rule:
        return mode, f"mode {mode or 'none'}: the mode model agrees with {table} (p={p:.2f})"
    return mode, f"mode {mode or 'none'}: the mode model (p={p:.2f}) over {table}"
