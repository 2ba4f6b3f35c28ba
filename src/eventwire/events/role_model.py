"""A learned role model: is a candidate token the source, the target or neither of a trigger?

`pair_features` turns a (trigger, candidate) pair of the spaCy parse into named indicator
features (dependency path, lemmas, voice, prepositions, entity labels, distance, reporting
verbs...). `RoleModel` scores them with a multinomial logistic regression shipped as plain JSON
(`data/role_model.json`, written by `training/events/train_roles.py`), so that running it needs
only Python: no scikit-learn, no pickle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ..errors import KnowledgeError
from ..kb import data_path, in_force
from ..kb.tables import read_json

ROLES = ("source", "target", "none")
MODEL_FORMAT = "eventwire-role-model/1"
MODEL_PATH = data_path("role_model.json")  # read on first use (`shipped_model`), not at import
CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
ACTOR_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "FAC", "LOC"})
MAX_PATH = 6  # longer paths are rare and say little beyond "far away"
# Groups whose pairwise conjunctions the "conjoined" design adds (trigger lemma x path, ...;
# "deep", the voice-free relation, too)
CONJOINED_GROUPS: tuple[str, ...] = (
    *("tlemma", "tpos", "voice", "path", "cdep", "prep", "side", "tnoun", "tsubj", "deep"),
)
_DISTANCE_BUCKETS = (1, 2, 3, 5, 8, 12)


def reporting_verbs() -> frozenset[str]:
    """Lemmas of reporting verbs ("say", "tell"): their subject reports, it is not a party
    (`attribution.tsv`, part of `kb.in_force()`)."""
    return frozenset(cue for cue, kind in in_force().reporting.items() if kind == "verb")


def _chain(token: Token) -> list[Token]:
    """The token and its ancestors up to the root of its sentence."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def dependency_path(candidate: Token, trigger: Token) -> tuple[list[str], list[Token]]:
    """Steps from the candidate up to the lowest common ancestor and down to the trigger
    ("nsubj^", "ccompv"), and the tokens strictly between the two ends."""
    up, down = _chain(candidate), _chain(trigger)
    down_ids = {t.i: k for k, t in enumerate(down)}
    lca_at = next((k for k, t in enumerate(up) if t.i in down_ids), len(up) - 1)
    rising = up[:lca_at]
    falling = list(reversed(down[: down_ids.get(up[lca_at].i, len(down))]))
    steps = [f"{t.dep_}^" for t in rising] + [f"{t.dep_}v" for t in falling]
    middle = [*up[1 : lca_at + 1], *falling[:-1]] if falling else up[1:lca_at]
    return steps, middle


def is_passive(verb: Token) -> bool:
    """Passive voice: an auxpass or nsubjpass child, or a participle modifying a noun."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _base(token: Token) -> Token:
    """The first conjunct or the noun an apposition explains: "Iran and Russia" -> Iran."""
    current = token
    for _ in range(8):
        if current.dep_ not in {"conj", "appos"} or current.head.i == current.i:
            break
        current = current.head
    return current


def _distance_bucket(distance: int) -> str:
    for limit in _DISTANCE_BUCKETS:
        if distance <= limit:
            return f"<={limit}"
    return f">{_DISTANCE_BUCKETS[-1]}"


def _reporter_of(trigger: Token, candidate: Token, verbs: frozenset[str]) -> bool:
    """The candidate is the subject of a reporting verb that governs the trigger."""
    for governor in _chain(trigger)[1:5]:
        if governor.lemma_.lower() in verbs and governor.pos_ in {"VERB", "AUX"}:
            subjects = {c.i for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}}
            return _base(candidate).i in subjects
    return False


def _path_features(prefix: str, candidate: Token, trigger: Token) -> dict[str, str]:
    steps, middle = dependency_path(candidate, trigger)
    if len(steps) > MAX_PATH:
        return {prefix: "LONG", f"{prefix}_len": "LONG"}
    path = "|".join(steps)
    lemmas = "|".join(t.lemma_.lower() for t in middle)
    return {prefix: path, f"{prefix}_lex": f"{path}/{lemmas}", f"{prefix}_len": str(len(steps))}


def _own_subject(trigger: Token) -> str:
    """What the trigger's own subject is: a pronoun points elsewhere ("the ministry said it
    would..." makes the ministry the source), a noun is a party, none sends one looking."""
    subject = next((c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return "none"
    return "pron" if subject.pos_ == "PRON" else "noun"


def _preposition(candidate: Token) -> str:
    """The preposition heading the candidate ("by", "against"), with where it attaches."""
    base = _base(candidate)
    if base.dep_ != "pobj" or base.head.i == base.i:
        return "-"
    return base.head.text.lower()  # not lower_: a blank Vocab has no lexical attributes


_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})
_RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose"})
# links through which a trigger shares its governor's subject: "agreed to open" (control),
# "struck a deal and agreed" (conjoined verbs), "launched an attack" (a light verb's object)
_SHARING = frozenset({"xcomp", "conj", "dobj", "pcomp", "advcl"})


def _relation(trigger: Token, word: Token) -> str | None:
    """The deep relation of a word to the trigger it hangs on, the same in either voice:
    the subject of an active verb and the "by" agent of a passive are "subj"; the object
    and the passive subject "obj"; a preposition's object "prep:<word>"; an event noun's
    possessor "poss". None when the word does not hang on the trigger."""
    head = word.head
    if head.i == trigger.i and word.i != trigger.i:
        if word.dep_ in _SUBJECTS:
            return "subj"
        if word.dep_ in _OBJECTS:
            return "obj"
        return word.dep_ if word.dep_ in {"poss", "compound", "amod", "nmod"} else "other"
    if word.dep_ == "pobj" and head.head.i == trigger.i and head.i != trigger.i:
        if head.dep_ == "agent" or head.text.lower() == "by":
            return "subj"
        return f"prep:{head.text.lower()}"
    return None


def _relative_relation(trigger: Token) -> str:
    """What the noun a relative clause or participle hangs on is to its trigger: "the army,
    whom X accused" (the pronoun is the object: "obj"), "the deal that China concluded",
    "villages shelled by the army" (a passive participle's noun: "obj")."""
    if trigger.dep_ == "acl":
        return "obj" if trigger.tag_ == "VBN" else "subj"
    pronoun = next(
        (t for t in trigger.subtree if t.text.lower() in _RELATIVE_WORDS and t.i < trigger.i),
        None,
    )
    if pronoun is not None:
        relation = _relation(trigger, pronoun)
        if relation == "subj" and any(
            c.dep_ == "nsubj" and c.i != pronoun.i for c in trigger.children
        ):
            relation = "obj"  # the parser's "whom ... X held talks with": X is the subject
        return relation or "other"
    return "obj" if any(c.dep_ in _SUBJECTS for c in trigger.children) else "subj"


def deep_relation(trigger: Token, candidate: Token) -> str:
    """The candidate's (first conjunct's) relation to the trigger, read through the voice, a
    relative clause's antecedent and the governor whose subject the trigger shares; "rel:",
    "inh:" mark the last two. "-" for none of these."""
    base = _base(candidate)
    own = _relation(trigger, base)
    if own is not None:
        return own
    if trigger.dep_ in {"relcl", "acl"} and base.i == _base(trigger.head).i:
        return "rel:" + _relative_relation(trigger)
    current = trigger
    for _ in range(4):
        if current.dep_ not in _SHARING or any(c.dep_ in _SUBJECTS for c in current.children):
            break
        current = current.head
        relation = _relation(current, base)
        if relation == "subj" or (relation == "obj" and base.dep_ == "nsubjpass"):
            return "inh:" + relation  # the subject is shared, a conjunct's object is not
        if relation is not None:
            return "-"
    return "-"


def _governor(trigger: Token, candidate: Token) -> str:
    """The lemma of the nearest word governing both (the trigger or the candidate itself, or
    a verb such as "say" or "urge" above both)."""
    up = {t.i for t in _chain(candidate)}
    common = next((t for t in _chain(trigger) if t.i in up), None)
    if common is None:
        return "-"
    if common.i == trigger.i:
        return "trigger"
    if common.i == candidate.i:
        return "candidate"
    return f"{common.pos_}:{common.lemma_.lower()}"


def feature_groups(trigger: Token, candidate: Token) -> dict[str, str]:
    """The categorical description of a pair, one value per named group."""
    base = _base(candidate)
    groups = {
        "tlemma": trigger.lemma_.lower(),
        "tpos": trigger.pos_,
        "voice": "passive" if is_passive(trigger) else "active",
        "cdep": candidate.dep_,
        "bdep": base.dep_,
        "cpos": candidate.pos_,
        "cent": candidate.ent_type_ or "-",
        "prep": _preposition(candidate),
        "side": "before" if candidate.i < trigger.i else "after",
        "dist": _distance_bucket(abs(candidate.i - trigger.i)),
        "coord": "conj" if base.i != candidate.i else "-",
        "tnoun": "noun" if trigger.pos_ in {"NOUN", "PROPN"} else "-",
        "chead": "trigger" if candidate.head.i == trigger.i else "-",
        "tsubj": _own_subject(trigger),
        "deep": deep_relation(trigger, candidate),
        "gov": _governor(trigger, candidate),
    }
    groups.update(_path_features("path", candidate, trigger))
    if base.i != candidate.i:
        groups.update(_path_features("bpath", base, trigger))
    if candidate.pos_ == "PRON":
        groups["pron"] = candidate.text.lower()
    if groups["tnoun"] == "noun" and base.head.i == trigger.i and base.dep_ in {"poss", "compound"}:
        groups["nominal"] = base.dep_
    return groups


def pair_features(
    trigger: Token, candidate: Token, reporting: frozenset[str] | None = None
) -> dict[str, float]:
    """Indicator features of a (trigger, candidate) pair, named "group=value"."""
    features = {f"{k}={v}": 1.0 for k, v in feature_groups(trigger, candidate).items()}
    verbs = reporting_verbs() if reporting is None else reporting
    if _reporter_of(trigger, candidate, verbs):
        features["reporter_subject"] = 1.0
    features["bias"] = 1.0
    return features


def conjoin(groups: dict[str, str]) -> dict[str, float]:
    """Pairwise conjunctions of the main groups ("tlemma=attack&path=nsubj^")."""
    present = [g for g in CONJOINED_GROUPS if g in groups]
    return {
        f"{a}={groups[a]}&{b}={groups[b]}": 1.0
        for k, a in enumerate(present)
        for b in present[k + 1 :]
    }


def model_features(trigger: Token, candidate: Token, conjunctions: bool) -> dict[str, float]:
    """The features a model uses: the pair's own, and its conjunctions if it was trained so."""
    features = pair_features(trigger, candidate)
    if conjunctions:
        features.update(conjoin(feature_groups(trigger, candidate)))
    return features


def candidates(trigger: Token) -> list[Token]:
    """The tokens of the trigger's sentence that could be an actor: nouns, names, pronouns and
    nationality words ("Hungarian officials")."""
    return [
        t
        for t in trigger.sent
        if t.i != trigger.i and (t.pos_ in CANDIDATE_POS or t.ent_type_ in ACTOR_ENTITIES)
    ]


@dataclass(frozen=True)
class RoleScore:
    token: Token
    source: float
    target: float
    none: float


class Softmax:
    """One multinomial logistic regression: weights per feature and class."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: list[str] = list(data["classes"])
        self.intercepts: list[float] = [float(x) for x in data["intercepts"]]
        self.weights: dict[str, list[float]] = data["weights"]
        if len(self.intercepts) != len(self.classes):
            raise ValueError("one intercept per class")
        self._index = list(range(len(self.classes)))
        self.position = {c: k for k, c in enumerate(self.classes)}

    def probabilities(
        self, features: dict[str, float], among: Iterable[str] | None = None
    ) -> dict[str, float]:
        """P(class) for every class, or (renormalised) for the classes `among` only: the
        other classes' weights are not read (a type's few modes of the fifty)."""
        index = self._index if among is None else [self.position[c] for c in among]
        logits = [self.intercepts[k] for k in index]
        for name, value in features.items():
            weights = self.weights.get(name)
            if weights is not None:
                for j, k in enumerate(index):
                    logits[j] += value * weights[k]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return {self.classes[k]: e / total for k, e in zip(index, exps, strict=True)}


class RoleModel:
    """A multinomial logistic regression read from JSON: weights per feature and class."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT or list(data.get("classes", [])) != list(ROLES):
            raise KnowledgeError(f"role model: format must be {MODEL_FORMAT} with {ROLES}")
        self.softmax = Softmax(data)
        self.metadata: dict[str, Any] = data.get("metadata", {})
        self.conjunctions = bool(self.metadata.get("conjunctions", False))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RoleModel:
        data = read_json(path, "role model")
        try:
            return cls(data)
        except (ValueError, KeyError, TypeError) as exc:
            raise KnowledgeError(f"{path}: cannot read the role model ({exc})") from None

    def probabilities(self, features: dict[str, float]) -> tuple[float, float, float]:
        """P(source), P(target), P(none) for one pair's features."""
        p = self.softmax.probabilities(features)
        return p["source"], p["target"], p["none"]

    def score(self, trigger: Token, candidate: Token) -> RoleScore:
        source, target, none = self.probabilities(
            model_features(trigger, candidate, self.conjunctions)
        )
        return RoleScore(candidate, source, target, none)

    def scores(self, trigger: Token, tokens: Iterable[Token] | None = None) -> list[RoleScore]:
        """Scores of every candidate of the trigger (or of the given tokens)."""
        pool = candidates(trigger) if tokens is None else tokens
        return [self.score(trigger, t) for t in pool]


def best_roles(
    scores: Sequence[RoleScore], threshold: float = 0.5
) -> tuple[RoleScore | None, RoleScore | None]:
    """The likeliest source and target (each None below `threshold`), never the same token."""
    source = max(scores, key=lambda s: s.source, default=None)
    if source is not None and source.source < threshold:
        source = None
    others = [s for s in scores if source is None or s.token.i != source.token.i]
    target = max(others, key=lambda s: s.target, default=None)
    if target is not None and target.target < threshold:
        target = None
    return source, target


@lru_cache(maxsize=1)
def shipped_model() -> RoleModel:
    """The model that ships in the package, loaded once."""
    return RoleModel.load()
