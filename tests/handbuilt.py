"""Hand-built spaCy `Doc`s and actors for rule tests that need no parser model: the parse is
written out, so a test says exactly which construction it is about."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from eventwire.events.assign import Resolver, RoleAssignment, arguments, assign_roles
from eventwire.events.attribution import Reporter
from eventwire.events.dyads import SentenceState
from eventwire.events.lexicon import Lexicon
from eventwire.events.predicates import find_predicates
from eventwire.events.role_model import MODEL_FORMAT, ROLES, RoleModel
from eventwire.events.sentence import SentenceContext
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef, Document

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case), no model
Row = tuple[str, int, str, str, str]  # word, head index, dependency, POS, lemma


def parse(rows: list[Row]) -> Doc:
    """A parse from (word, head index, dep, POS, lemma) rows."""
    words, heads, deps, pos, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def actor_ref(
    doc: Doc, i: int, country: str | None, sector: str | None = "GOV", kind: str = "country"
) -> ActorRef:
    """The actor the actors stage would hand on for the one word `doc[i]`."""
    token = doc[i]
    return ActorRef(
        tokens=(i,),
        head=i,
        start=token.idx,
        end=token.idx + len(token),
        name=token.text,
        country=country,
        sector=sector,
        kind=kind,
    )


def roles_of(
    kb: KnowledgeBase,
    doc: Doc,
    hits: list[ActorRef],
    start: int = 0,
    groups: list[list[ActorRef]] | None = None,
    reporter: Reporter | None = None,
    skip: int | None = None,
    model: RoleModel | None = None,
) -> dict[str, RoleAssignment]:
    """Each trigger of the sentence from token `start` on (but token `skip`) -> its roles, as
    the coder assigns them before its checks (with the role `model`, when given)."""
    document = Document(id="d", text=doc.text, published_at=dt.date(2023, 1, 2))
    index = {i: h for h in hits for i in h.tokens}
    sent = doc[start:]
    ctx = SentenceContext(doc, document, 0, sent, index, reporter, None, [], [], [])
    predicates = find_predicates(sent, Lexicon(kb.lexicon), skip)
    resolve = Resolver({}, ctx, SentenceState(groups=groups or []))
    found = {}
    for pred in predicates.items:
        kind = kb.plover[pred.match.entry.type]
        found[pred.token.text], _ = assign_roles(
            pred, kind, arguments(pred, kind, predicates), resolve, model
        )
    return found


def countries(roles: RoleAssignment) -> tuple[list[str | None], list[str | None]]:
    """The countries of the sources and of the targets."""
    return [r.hit.country for r in roles.sources], [r.hit.country for r in roles.targets]


def stub_role_model(weights: dict[str, list[float]]) -> RoleModel:
    """A role model whose only evidence is the candidate's dependency label."""
    return RoleModel(
        {
            "format": MODEL_FORMAT,
            "classes": list(ROLES),
            "intercepts": [0, 0, 0],
            "weights": weights,
        }
    )
