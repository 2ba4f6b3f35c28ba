"""A learned type-and-mode model over a trigger in context: which of the lexicon's types (or
none: no event at all) a matched word has here, and the PLOVER mode of the event.

`trigger_features` describes a trigger of the spaCy parse by named indicator features: its
lemma, part of speech and dependency relation, its particles and prepositions, its object and
subject (lemmas and entity labels), its modifiers and governing word, the lexicon's candidate
types and the mode the cue table gives (the lexicon stays the transparent path and a feature).
`TypeModel` scores them with two multinomial logistic regressions shipped as plain JSON
(`data/type_model.json`, written by `training/events/train_types.py`), so that running it needs
only Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ..errors import KnowledgeError
from ..kb import data_path
from ..kb.tables import read_json
from .lexicon import Lexicon, Match
from .role_model import Softmax

MODEL_FORMAT = "eventwire-type-model/1"
MODEL_PATH = data_path("type_model.json")  # read on first use (`shipped_model`), not at import
NONE = "NONE"  # the class of a matched word that is no event here ("the storm hit the coast")
NO_MODE = "-"
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "attr", "oprd"})
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_PARTICLES = frozenset({"prt", "prep", "agent", "dative"})
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _argument(prefix: str, token: Token) -> dict[str, str]:
    """An argument's lemma and entity label ("obj=ban", "obj_ent=GPE")."""
    return {f"{prefix}={_lemma(token)}": "", f"{prefix}_ent={token.ent_type_ or '-'}": ""}


def context_groups(token: Token) -> dict[str, str]:
    """The trigger's syntactic context, one feature name per fact (values are unused)."""
    lemma = _lemma(token)
    found: dict[str, str] = {
        f"lemma={lemma}": "",
        f"pos={token.pos_}": "",
        f"dep={token.dep_}": "",
        f"head={_lemma(token.head)}" if token.head.i != token.i else "head=ROOT": "",
        f"head_pos={token.head.pos_}": "",
    }
    for child in token.children:
        dep, word = child.dep_, _lemma(child)
        if dep in _PARTICLES:
            found[f"prt={word}"] = ""
            found[f"lemma+prt={lemma}|{word}"] = ""
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.update(_argument(f"pobj_{word}", grand))
                    found[f"lemma+{word}={lemma}|{_lemma(grand)}"] = ""
        elif dep in _OBJECTS or (dep == "nsubjpass" and token.pos_ in {"VERB", "AUX"}):
            found.update(_argument("obj", child))
            found[f"lemma+obj={lemma}|{word}"] = ""
        elif dep in _SUBJECTS:
            found.update(_argument("subj", child))
        elif dep in _MODIFIERS:
            found[f"mod={word}"] = ""
            found[f"lemma+mod={lemma}|{word}"] = ""
        elif dep == "neg":
            found["neg"] = ""
        elif dep in _CLAUSES:
            found[f"clause={dep}"] = ""
    if token.pos_ in {"NOUN", "PROPN"} and token.head.i != token.i:
        found[f"lemma+head={lemma}|{_lemma(token.head)}"] = ""
        found[f"lemma+dep={lemma}|{token.dep_}"] = ""
    return found


def lexicon_groups(token: Token, lexicon: Lexicon, match: Match | None) -> dict[str, str]:
    """What the lexicon says: the chosen pattern's type and code, and every type the word's
    patterns could give (those that fit the parse, and those that do not)."""
    found: dict[str, str] = {}
    if match is not None:
        entry = match.entry
        found[f"lex={entry.type}"] = ""
        found[f"lex_cameo={entry.cameo}"] = ""
        found[f"lex_spec={match.specificity}"] = ""
        found[f"lex+lemma={entry.type}|{_lemma(token)}"] = ""
    for entry, reason in lexicon.candidates(token):
        found[f"cand={entry.type}" if reason is None else f"cand_unfit={entry.type}"] = ""
    return found


def trigger_features(
    token: Token, lexicon: Lexicon, match: Match | None, clause: Iterable[str] = ()
) -> dict[str, float]:
    """Indicator features of a trigger: its context, the lexicon's view and the lemmas of its
    own clause (`modes.clause_lemmas`, for the mode: "an air strike hit a market")."""
    names = {**context_groups(token), **lexicon_groups(token, lexicon, match)}
    features = dict.fromkeys(names, 1.0)
    features.update({f"clause_w={w}": 1.0 for w in clause if w.isalpha()})
    features["bias"] = 1.0
    return features


def mode_features(features: dict[str, float], event_type: str, rule_mode: str) -> dict[str, float]:
    """The mode model's features: the trigger's, each also joined to the event type, and the
    mode the cue table gives."""
    joined = {f"{event_type}&{name}": v for name, v in features.items()}
    return {**features, **joined, f"rule_mode={event_type}|{rule_mode or NO_MODE}": 1.0}


@dataclass(frozen=True)
class TypeScores:
    """The model's probabilities for one trigger, best first."""

    probabilities: tuple[tuple[str, float], ...]

    def of(self, event_type: str) -> float:
        return dict(self.probabilities).get(event_type, 0.0)

    def best(self, among: Iterable[str] | None = None) -> tuple[str, float]:
        allowed = None if among is None else set(among)
        return next(
            ((t, p) for t, p in self.probabilities if allowed is None or t in allowed),
            (NONE, 0.0),
        )

    def summary(self, k: int = 3) -> str:
        return ", ".join(f"{t} {p:.2f}" for t, p in self.probabilities[:k])


class TypeModel:
    """The type model (the sixteen types and NONE) and the mode model, read from JSON."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise KnowledgeError(f"type model: format must be {MODEL_FORMAT}")
        self.types = Softmax(data["type"])
        self.modes = Softmax(data["mode"])
        self.metadata: dict[str, Any] = data.get("metadata", {})
        self.modes_of: dict[str, list[str]] = data["modes_of"]
        self.limits = THRESHOLDS  # when its word beats the lexicon's (see `decide`)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TypeModel:
        data = read_json(path, "type model")
        try:
            return cls(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise KnowledgeError(f"{path}: cannot read the type model ({exc})") from None

    def type_scores(self, features: dict[str, float]) -> TypeScores:
        probs = self.types.probabilities(features)
        return TypeScores(tuple(sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))))

    def mode(
        self, features: dict[str, float], event_type: str, rule_mode: str
    ) -> tuple[str, float]:
        """The likeliest mode of the type ("" for none) and its probability, renormalised over
        the modes the type has."""
        known = self.modes.position
        allowed = [m for m in (*self.modes_of.get(event_type, []), NO_MODE) if m in known]
        if len(allowed) <= 1:  # AGREE, SUPPORT...: no mode to choose
            return "", 1.0
        probs = self.modes.probabilities(mode_features(features, event_type, rule_mode), allowed)
        best = max(allowed, key=lambda m: probs[m])
        return ("" if best == NO_MODE else best), probs[best]


@dataclass(frozen=True)
class Thresholds:
    """When the model's word beats the lexicon's first pattern (set on the corpus' held-out
    families and the PLOVER GSR dev half; see `training/events/train_types.py`)."""

    switch: float = 0.0  # another type the word's patterns fit, this much likelier
    overrule: float = 0.7  # a type none of its patterns gives, at least this likely...
    overrule_margin: float = 0.5  # ...and this much likelier than the best they give
    # no event at all, at least this likely: never. The corpus marks every event of its
    # sentences, but on news its no-event class drops real ones ("during demonstrations"):
    # at 0.95 own-article dyadic F1 fell 0.464 -> 0.442 and PLOVER GSR type 0.726 -> 0.707
    # (events per sentence 1.67 -> 1.52). P(type) feeds `confidence` instead.
    no_event: float = 1.01


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Decision:
    """The type the model settles on for a matched word (NONE: no event), and why."""

    type: str
    probability: float
    how: str  # "lexicon" (the model agrees), "switch", "overrule", "no event"


def decide(
    scores: TypeScores,
    lexicon_type: str,
    fitting: Iterable[str],
    specific: bool = False,
    limits: Thresholds = THRESHOLDS,
) -> Decision:
    """The lexicon's first pattern, unless the model gives another type of the word's fitting
    patterns a clear lead, or a type none of them gives (or no event) a high margin. A
    `specific` pattern (with its particle or light-verb object: "sign ... treaty") is the
    lexicon's deliberate word, and only another fitting pattern may replace it."""
    fitting = set(fitting) | {lexicon_type}
    lexicon_p = scores.of(lexicon_type)
    best, best_p = scores.best()
    inside, inside_p = scores.best(fitting)
    if best == NONE and best_p >= limits.no_event:
        return Decision(NONE, best_p, "no event")
    clear = best_p >= limits.overrule and best_p - inside_p >= limits.overrule_margin
    if best not in fitting and best != NONE and clear and not specific:
        return Decision(best, best_p, "overrule")
    if inside != lexicon_type and inside_p - lexicon_p >= limits.switch:
        return Decision(inside, inside_p, "switch")
    return Decision(lexicon_type, lexicon_p, "lexicon")


@lru_cache(maxsize=1)
def shipped_model() -> TypeModel:
    """The model that ships in the package, loaded once."""
    return TypeModel.load()
