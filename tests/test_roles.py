"""Roles and checks on hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos, lemmas)`),
independent of the parser model: what the rules do with a construction, not what the model
parses."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from eventwire.events.assign import Resolver, RoleAssignment, arguments, assign_roles
from eventwire.events.checks import rejections
from eventwire.events.dyads import SentenceState
from eventwire.events.lexicon import Lexicon
from eventwire.events.predicates import find_predicates
from eventwire.events.roles import noun_arguments, verb_arguments
from eventwire.events.sentence import SentenceContext
from eventwire.kb import KnowledgeBase, LexiconEntry
from eventwire.model import ActorRef, Document

from .handbuilt import actor_ref, parse, stub_role_model


def test_active_verb_subject_is_source_object_is_target() -> None:
    doc = parse(
        [
            ("Russia", 1, "nsubj", "PROPN", "Russia"),
            ("attacked", 1, "ROOT", "VERB", "attack"),
            ("Ukraine", 1, "dobj", "PROPN", "Ukraine"),
        ]
    )
    args = verb_arguments(doc[1], None, None)
    assert [t.text for t in args.sources] == ["Russia"]
    assert [t.text for t in args.targets] == ["Ukraine"]


def test_passive_agent_is_source_subject_is_target() -> None:
    doc = parse(
        [
            ("Ukraine", 2, "nsubjpass", "PROPN", "Ukraine"),
            ("was", 2, "auxpass", "AUX", "be"),
            ("attacked", 2, "ROOT", "VERB", "attack"),
            ("by", 2, "agent", "ADP", "by"),
            ("Russia", 3, "pobj", "PROPN", "Russia"),
        ]
    )
    args = verb_arguments(doc[2], None, None)
    assert [t.text for t in args.sources] == ["Russia"]
    assert [t.text for t in args.targets] == ["Ukraine"]


def test_coordinated_subjects_are_both_sources() -> None:
    doc = parse(
        [
            ("Iran", 3, "nsubj", "PROPN", "Iran"),
            ("and", 0, "cc", "CCONJ", "and"),
            ("Russia", 0, "conj", "PROPN", "Russia"),
            ("signed", 3, "ROOT", "VERB", "sign"),
            ("a", 5, "det", "DET", "a"),
            ("deal", 3, "dobj", "NOUN", "deal"),
        ]
    )
    args = verb_arguments(doc[3], doc[5], None)
    assert [t.text for t in args.sources] == ["Iran", "Russia"]
    assert args.objects == []  # "signed a deal": the light object is part of the trigger


def test_event_noun_possessor_is_source_on_object_is_target() -> None:
    doc = parse(
        [
            ("Israel", 2, "poss", "PROPN", "Israel"),
            ("'s", 0, "case", "PART", "'s"),
            ("strike", 2, "ROOT", "NOUN", "strike"),
            ("on", 2, "prep", "ADP", "on"),
            ("Gaza", 3, "pobj", "PROPN", "Gaza"),
        ]
    )
    args = noun_arguments(doc[2])
    assert [t.text for t in args.sources] == ["Israel"]
    assert [t.text for t in args.targets] == ["Gaza"]


def test_relative_pronoun_subject_is_its_antecedent() -> None:
    doc = parse(
        [
            ("Hamas", 0, "ROOT", "PROPN", "Hamas"),
            (",", 0, "punct", "PUNCT", ","),
            ("which", 3, "nsubj", "PRON", "which"),
            ("attacked", 0, "relcl", "VERB", "attack"),
            ("Israel", 3, "dobj", "PROPN", "Israel"),
        ]
    )
    args = verb_arguments(doc[3], None, None)
    assert [t.text for t in args.sources] == ["Hamas"]


def test_relative_pronoun_passive_subject_is_its_antecedent() -> None:
    doc = parse(
        [
            ("Returnees", 0, "ROOT", "NOUN", "returnee"),
            (",", 0, "punct", "PUNCT", ","),
            ("who", 4, "nsubjpass", "PRON", "who"),
            ("were", 4, "auxpass", "AUX", "be"),
            ("assisted", 0, "relcl", "VERB", "assist"),
            ("by", 4, "agent", "ADP", "by"),
            ("UNICEF", 5, "pobj", "PROPN", "UNICEF"),
        ]
    )
    args = verb_arguments(doc[4], None, None)
    assert [t.text for t in args.sources] == ["UNICEF"]
    assert [t.text for t in args.targets] == ["Returnees"]


def test_relative_pronoun_object_is_its_antecedent() -> None:
    doc = parse(
        [
            ("refugees", 0, "ROOT", "NOUN", "refugee"),
            (",", 0, "punct", "PUNCT", ","),
            ("whom", 5, "dobj", "PRON", "whom"),
            ("the", 4, "det", "DET", "the"),
            ("army", 5, "nsubj", "NOUN", "army"),
            ("expelled", 0, "relcl", "VERB", "expel"),
        ]
    )
    args = verb_arguments(doc[5], None, None)
    assert [t.text for t in args.sources] == ["army"]
    assert [t.text for t in args.targets] == ["refugees"]


def _context(doc: Doc, hits: list[ActorRef]) -> SentenceContext:
    document = Document(id="d", text=doc.text, published_at=dt.date(2023, 1, 2))
    index = {i: h for h in hits for i in h.tokens}
    return SentenceContext(doc, document, 0, doc[:], index, None, None, [], [], [])


def _roles(kb: KnowledgeBase, doc: Doc, hits: list[ActorRef]) -> tuple[RoleAssignment, str]:
    lexicon = Lexicon(kb.lexicon)
    predicates = find_predicates(doc[:], lexicon)
    (pred,) = predicates.items
    kind = kb.plover[pred.match.entry.type]
    ctx = _context(doc, hits)
    resolve = Resolver({}, ctx, SentenceState())
    roles, _ = assign_roles(pred, kind, arguments(pred, kind, predicates), resolve)
    return roles, "; ".join(rejections(pred, kind, roles))


def test_assign_roles_keeps_actors_without_a_country(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Gunmen", 1, "nsubj", "NOUN", "gunman"),
            ("attacked", 1, "ROOT", "VERB", "attack"),
            ("villagers", 1, "dobj", "NOUN", "villager"),
        ]
    )
    hits = [actor_ref(doc, 0, None, "UAF", "role"), actor_ref(doc, 2, None, "CVL", "role")]
    roles, rejected = _roles(kb, doc, hits)
    assert [r.hit.sector for r in roles.sources] == ["UAF"]
    assert [r.hit.sector for r in roles.targets] == ["CVL"]
    assert rejected == ""  # no country anywhere, and still an event


def test_a_meeting_needs_an_actor_to_meet(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("met", 1, "ROOT", "VERB", "meet"),
            ("the", 3, "det", "DET", "the"),
            ("challenge", 1, "dobj", "NOUN", "challenge"),
        ]
    )
    roles, rejected = _roles(kb, doc, [actor_ref(doc, 0, "IRN", "GOV", "country")])
    assert [r.hit.country for r in roles.sources] == ["IRN"]
    assert rejected == "its object is not an actor"


def test_no_actor_at_all_is_rejected_with_its_reason(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("It", 1, "nsubj", "PRON", "it"),
            ("attacked", 1, "ROOT", "VERB", "attack"),
            ("nothing", 1, "dobj", "PRON", "nothing"),
        ]
    )
    roles, rejected = _roles(kb, doc, [])
    assert roles.sources == () and roles.targets == ()
    assert rejected == "no actor among its arguments"


def test_find_predicates_skips_the_reporting_verb(kb: KnowledgeBase) -> None:
    lexicon = Lexicon([*kb.lexicon, LexiconEntry("ACCUSE", "111", "VERB", "say", "", "", "")])
    doc = parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("said", 1, "ROOT", "VERB", "say"),
        ]
    )
    assert [p.token.text for p in find_predicates(doc[:], lexicon).items] == ["said"]
    assert find_predicates(doc[:], lexicon, skip=1).items == ()


def test_the_role_model_overrules_a_target_it_finds_most_unlikely(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Iran", 1, "nsubj", "PROPN", "Iran"),
            ("attacked", 1, "ROOT", "VERB", "attack"),
            ("Iraq", 1, "dobj", "PROPN", "Iraq"),
            ("near", 1, "prep", "ADP", "near"),
            ("Kurds", 3, "pobj", "PROPN", "Kurds"),
        ]
    )
    hits = [
        actor_ref(doc, 0, "IRN", "GOV", "country"),
        actor_ref(doc, 2, "IRQ", "GOV", "country"),
        actor_ref(doc, 4, "IRQ", "CVL", "role"),
    ]
    lexicon = Lexicon(kb.lexicon)
    predicates = find_predicates(doc[:], lexicon)
    (pred,) = predicates.items
    kind = kb.plover[pred.match.entry.type]
    resolve = Resolver({}, _context(doc, hits), SentenceState())
    args = arguments(pred, kind, predicates)
    sure = stub_role_model(
        {"cdep=nsubj": [9, 0, 0], "cdep=dobj": [0, 9, 0], "cdep=pobj": [0, 0, 9]}
    )
    roles, _ = assign_roles(pred, kind, args, resolve, sure)
    assert [r.token.text for r in roles.targets] == ["Iraq"]  # the rules' target stands
    doubt = stub_role_model(
        {"cdep=nsubj": [9, 0, 0], "cdep=dobj": [0, 0, 9], "cdep=pobj": [0, 9, 0]}
    )
    roles, _ = assign_roles(pred, kind, args, resolve, doubt)
    assert [r.token.text for r in roles.targets] == ["Kurds"]
    assert any("over the parse rules' choice" in n for n in roles.targets[0].notes)


def test_a_group_in_an_event_without_a_place_takes_the_documents_setting(kb: KnowledgeBase) -> None:
    from eventwire.events.build import document_setting
    from eventwire.events.coder import EventCoder

    doc = parse(
        [
            ("China", 1, "nsubj", "PROPN", "China"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("China", 3, "nsubj", "PROPN", "China"),
            ("arrested", 1, "ccomp", "VERB", "arrest"),
            ("lawyers", 3, "dobj", "NOUN", "lawyer"),
        ]
    )
    china = [actor_ref(doc, i, "CHN", "GOV", "country") for i in (0, 2)]
    lawyers = actor_ref(doc, 4, None, "CVL", "role")
    builder = EventCoder(kb, use_model=False).builder
    setting = document_setting(_context(doc, [*china, lawyers]).index.values(), kb)
    assert setting == "CHN"
    actor, note = builder._placed(
        Resolver({}, _context(doc, [lawyers]), SentenceState())([doc[4]])[0], None, doc, setting
    )
    assert actor is not None and actor.country == "CHN" and actor.country_inferred
    assert note is not None and "setting" in note
    once = _context(doc, [china[0], lawyers])  # named once: no setting
    assert document_setting(once.index.values(), kb) is None
    # a country the actors stage lent or inferred is not counted again
    lent = china[1].model_copy(update={"rules": ("possessor:CHN",)})
    assert document_setting(_context(doc, [china[0], lent]).index.values(), kb) is None
    inferred = lawyers.model_copy(update={"country": "CHN", "rules": ("setting:CHN",)})
    assert document_setting(_context(doc, [china[0], inferred]).index.values(), kb) is None
    # an aid agency belongs to no state, whatever the document is about
    agency = actor_ref(doc, 4, None, "NGO", "role")
    resolved = Resolver({}, _context(doc, [agency]), SentenceState())([doc[4]])[0]
    actor, note = builder._placed(resolved, None, doc, "CHN")
    assert actor is not None and actor.country is None and note is None
