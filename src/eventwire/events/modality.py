"""Modality and polarity of an event: asserted, planned, intended, threatened, feared,
hypothetical or denied; negated or not. One small module with its own tests.

Two layers. `marking` reads the predicate's own grammar, as TimeBank annotates it: a negation
on it ("did not attack", "no attack", "nobody attacked", "without approval"), a modal auxiliary
("could attack", "have to withdraw") and the future ("will attack", "is going to attack").
`modality_of` then decides what the text commits to about the event: the nearest cue wins,
walking up the parse from the trigger (plans *to* invade, fears *of* an attack, keen *on* a
deal), unless a denial, threat or fear governs further up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..kb import ModalityCue

_CLIMB_DEPS = {
    "xcomp",
    "ccomp",
    "pobj",
    "prep",
    "acl",
    "advcl",
    "dobj",
    "attr",
    "acomp",
    "pcomp",
    "conj",
    "relcl",
    "appos",
    "nsubjpass",
    "nsubj",
    "amod",
    "npadvmod",
}
_MAX_CLIMB = 6
_AUX_DEPS = {"aux", "auxpass"}
# Arguments whose negative word negates the predicate: "nobody came", "heard nothing".
_NEGATIVE_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
# Verbs whose complement or attribute carries their auxiliaries: "would be a travesty".
_COPULAS = {"be", "become", "remain", "seem", "appear"}
# A denial, threat or fear governing the clause outranks a nearer modal ("warned it would attack").
_OUTRANKING = ("denied", "threatened", "feared")


@dataclass
class Marking:
    """The predicate's own grammatical marking (TimeBank's polarity, modality and future)."""

    negated: bool = False
    modal: str | None = None
    future: bool = False
    cues: list[str] = field(default_factory=list)


@dataclass
class ModalityResult:
    modality: str = "asserted"
    negated: bool = False  # the event is said not to have happened (or not to happen)
    marking: Marking = field(default_factory=Marking)
    cues: list[str] = field(default_factory=list)


class ModalityCues:
    """The cue words of `data/modality.tsv`, by scope, and the reporting verbs."""

    def __init__(
        self, cues: Sequence[ModalityCue], reporting: frozenset[str] = frozenset()
    ) -> None:
        by_scope: dict[str, dict[str, str]] = {}
        for c in cues:
            by_scope.setdefault(c.scope, {})[c.cue] = c.modality
        self.aux = by_scope.get("aux", {})
        self.governor = by_scope.get("governor", {})
        self.modifier = by_scope.get("modifier", {})
        self.marker = by_scope.get("marker", {})
        self.periphrastic = by_scope.get("periphrastic", {})
        self.reported = by_scope.get("reported", {})
        self.negators = set(by_scope.get("negator", {}))
        self.reporting = reporting

    def modifier_cue(self, token: Token) -> tuple[str, str] | None:
        """A modifier or clause marker on the token ("imminent attack", "if Iran attacks")."""
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in self.marker:
                return self.marker[child.lower_], f"marker '{child.text}'"
            if child.dep_ in {"amod", "advmod", "compound", "nmod"}:
                for word in (child, *[g for g in child.children if g.dep_ == "advmod"]):
                    if word.lower_ in self.modifier:
                        return self.modifier[word.lower_], f"modifier '{word.text}'"
        return None

    def governor_cue(self, token: Token) -> tuple[str, str] | None:
        lemma = token.lemma_.lower()
        modality = self.governor.get(lemma) or self.governor.get(token.lower_)
        return (modality, f"governed by '{token.text}'") if modality else None

    def periphrasis(self, token: Token) -> str | None:
        """'going to attack', 'has to withdraw': the key of the periphrastic head, or None."""
        if token.dep_ != "xcomp" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            return None
        head = token.head
        for key in (f"{head.lower_} to", f"{head.lemma_.lower()} to"):
            if key in self.periphrastic:
                return key
        return None


def _is_negative(word: Token, negators: set[str]) -> bool:
    return word.lower_ in negators or any(
        c.dep_ == "det" and c.lower_ in negators for c in word.children
    )


def _negative_pronoun(word: Token, negators: set[str]) -> bool:
    """'nobody', 'nothing', 'no one', 'neither X nor Y'."""
    if word.lower_ in negators:
        return True
    if word.lower_ == "one" and _is_negative(word, negators):
        return True
    # "not only X but Y" is a preconjunction too, and affirms both
    return any(c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in word.children)


def _own_negation(token: Token, negators: set[str], quantified: bool = False) -> str | None:
    """A negation on the token; with `quantified`, also a negative determiner on one of its
    arguments ("no agreement was reached"), which TimeBank leaves to the argument."""
    for child in token.children:
        if child.dep_ == "neg":
            return f"negation '{child.text}'"
        if child.dep_ in {"det", "advmod"} and child.lower_ in negators:
            return f"negation '{child.text}'"
        if child.dep_ == "advmod" and any(g.lower_ in negators for g in child.children):
            return f"negation '{child.text}'"  # "no longer"
        if child.dep_ in _NEGATIVE_ARGUMENT_DEPS and (
            _negative_pronoun(child, negators) or (quantified and _is_negative(child, negators))
        ):
            return f"negative argument '{child.text}'"
    if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ in negators:
        return f"negation '{token.head.text}'"  # "without approval"
    return None


def _shares_auxiliaries(conjunct: Token) -> bool:
    """'may buy or sell': a second predicate with no subject or auxiliary of its own, not finite,
    and not set against the first by "but", takes the first one's auxiliaries and negation."""
    if conjunct.pos_ not in {"VERB", "AUX"}:
        return conjunct.pos_ == conjunct.head.pos_
    own = any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in conjunct.children)
    between = conjunct.doc[conjunct.head.i + 1 : conjunct.i]
    contrast = any(t.dep_ == "cc" and t.lower_ in {"but", "yet"} for t in between)
    return not own and not contrast and conjunct.tag_ in {"VB", "VBN", "VBG"}


def _carrier(token: Token, cues: ModalityCues) -> tuple[Token, str | None] | None:
    """The word whose auxiliaries apply to this one, and the periphrasis that links them."""
    key = cues.periphrasis(token)
    if key is not None:
        return token.head, key
    copula = token.dep_ in {"acomp", "attr"} and token.head.lemma_.lower() in _COPULAS
    if copula or (token.dep_ == "conj" and _shares_auxiliaries(token)):
        return token.head, None
    return None


def _group(token: Token, cues: ModalityCues) -> list[tuple[Token, str | None]]:
    """The words whose auxiliaries and negation apply to the token: itself, the copula of an
    attribute, the periphrastic head ("going to"), the first of conjoined predicates that share
    one subject ("may buy or sell"); each with the periphrasis that links it, if any."""
    group: list[tuple[Token, str | None]] = [(token, None)]
    for _ in range(3):
        carrier = _carrier(group[-1][0], cues)
        if carrier is None:
            break
        group.append(carrier)
    return group


def marking(token: Token, cues: ModalityCues) -> Marking:
    """Negation, modal auxiliary and future tense of the predicate the token heads."""
    found = Marking()
    for word, periphrasis in _group(token, cues):
        if periphrasis is not None:
            _mark_modal(found, periphrasis, cues.periphrastic[periphrasis])
        negation = _own_negation(word, cues.negators)
        if negation is not None and not found.negated:
            found.negated = True
            found.cues.append(negation)
        for child in word.children:
            if child.dep_ not in _AUX_DEPS:
                continue
            for form in (child.lower_, child.lemma_.lower()):
                if form in cues.aux:
                    _mark_modal(found, form, cues.aux[form])
                    break
    return found


def _mark_modal(found: Marking, word: str, modality: str) -> None:
    if modality == "planned":
        found.future = True
        found.cues.append(f"future '{word}'")
    elif found.modal is None:
        found.modal = word
        found.cues.append(f"modal '{word}'")


def _reported(token: Token, cues: ModalityCues) -> bool:
    """The clause is the complement of a reporting verb in the past ("said it would")."""
    return (
        token.dep_ == "ccomp"
        and token.head.lemma_.lower() in cues.reporting
        and token.head.tag_ in {"VBD", "VBN"}
    )


def _grammatical_cue(trigger: Token, found: Marking, cues: ModalityCues) -> tuple[str, str] | None:
    if found.future:
        return "planned", "future"
    if found.modal is None:
        return None
    if found.modal in cues.reported and _reported(trigger, cues):
        return cues.reported[found.modal], f"reported '{found.modal}'"
    return cues.aux.get(found.modal) or cues.periphrastic[found.modal], f"modal '{found.modal}'"


def _governing_cue(token: Token, path: list[str], cues: ModalityCues) -> tuple[str, str] | None:
    """A governor's cue, where it reaches the event: a negating verb ("refused to withdraw")
    only its own infinitive; a denial a clause or a reported thing ("denied that it attacked",
    "dismissed reports of an attack"), not a thing it rejects ("rejected the objections")."""
    cue = cues.governor_cue(token)
    if cue is None:
        return None
    if cue[0] == "negated" and path != ["xcomp"]:
        return None
    denial_reaches = "ccomp" in path or "pobj" in path or token.lemma_.lower() in {"deny", "denial"}
    if cue[0] == "denied" and not denial_reaches:
        return None
    return cue


def _cue_at(
    token: Token, path: list[str], own: Marking, cues: ModalityCues
) -> tuple[str, str] | None:
    if not path:
        return _grammatical_cue(token, own, cues) or cues.modifier_cue(token)
    return (
        _grammatical_cue(token, marking(token, cues), cues)
        or cues.modifier_cue(token)
        or _governing_cue(token, path, cues)
    )


def modality_of(trigger: Token, cues: ModalityCues) -> ModalityResult:
    """Walk from the trigger up the parse; the nearest cue decides, unless a denial, threat or
    fear governs further up. `negated` says the event did not (or will not) happen."""
    own = marking(trigger, cues)
    result = ModalityResult(negated=own.negated, marking=own, cues=list(own.cues))
    quantified = _own_negation(trigger, cues.negators, quantified=True)
    if quantified is not None and not own.negated:  # "no agreement was reached"
        result.negated = True
        result.cues.append(quantified)
    found: list[tuple[str, str]] = []
    path: list[str] = []
    token = trigger
    for _ in range(_MAX_CLIMB):
        cue = _cue_at(token, path, own, cues)
        if cue and cue[0] == "negated":  # "refused to withdraw": the event did not happen
            result.negated = True
            result.cues.append(cue[1])
        elif cue:
            found.append(cue)
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            break
        if token.dep_ == "xcomp" and marking(token.head, cues).negated:
            result.negated = True  # "did not plan to attack"
            result.cues.append(f"negated '{token.head.text}'")
        path.append(token.dep_)
        token = token.head
    if found:
        strong = [c for c in found if c[0] in _OUTRANKING]
        result.modality, cue_text = (
            min(strong, key=lambda c: _OUTRANKING.index(c[0])) if strong else found[0]
        )
        result.cues.append(cue_text)
        result.negated = result.negated or result.modality == "denied"
    if trigger.sent.text.rstrip().endswith("?") and result.modality == "asserted":
        result.modality, result.cues = "hypothetical", [*result.cues, "question"]
    return result


# The subject of an announced act that is the speaker's own side: "they said they would strike"
_OWN_SIDE = frozenset({"i", "we", "he", "she", "it", "they"})


def _clause_subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _announced_by_own_side(trigger: Token, cues: ModalityCues) -> bool:
    """'they said they would boycott', 'it announced it will expel': the clause is the
    complement of a reporting verb and its subject is the speaker (a pronoun, or none)."""
    clause = trigger
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head  # "said they would march and blockade", "vowed to fight"
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in cues.reporting:
        return False
    subject = _clause_subject(clause)
    return subject is None or subject.lower_ in _OWN_SIDE


def _ultimatum(trigger: Token, cues: ModalityCues) -> str | None:
    """'will boycott the vote unless the president resigns': a conditional the other side
    must meet; the marker of the condition, or None."""
    for word, _ in _group(trigger, cues):
        for child in word.children:
            marker = next((m for m in child.children if m.dep_ == "mark"), None)
            if child.dep_ == "advcl" and marker is not None and marker.lower_ == "unless":
                return marker.text
    return None


def announced_threat(
    result: ModalityResult, trigger: Token, cues: ModalityCues, hostile: bool
) -> ModalityResult:
    """A hostile act (material conflict, a sanction or a protest) that the text says will
    happen, announced by the side that will do it or made conditional on the other side
    ("said they would blockade the port", "will expel the envoys unless"), is a threat, as
    CAMEO codes it (13x); any other modality is left as it is."""
    if not hostile or result.negated or result.modality not in {"planned", "intended"}:
        return result
    marker = _ultimatum(trigger, cues)
    if marker is not None:
        cue = f"condition '{marker}': a threat"
    elif _announced_by_own_side(trigger, cues):
        cue = "announced by its own side: a threat"
    else:
        return result
    return ModalityResult("threatened", False, result.marking, [*result.cues, cue])
