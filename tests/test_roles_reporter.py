"""Sources that the parse leaves to another clause: the reporter's own act ("X said ...,
accusing Y"), the subject of a passive that an infinitive continues ("the envoy was told to
sign a deal"), the partner of an infinitive's object ("agreed to resume contacts with Chile").
Hand-built parses (spaCy `Doc(vocab, words, heads, deps, pos, lemmas)`), independent of the
parser model."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.assign import (
    OWNER_NOTE,
    REPORTER_NOTE,
    RoleAssignment,
)
from eventwire.events.attribution import Reporter
from eventwire.events.roles import acts_as, inherited_subject, owners, verb_arguments
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef, Attribution

from .handbuilt import actor_ref, parse, roles_of


def _roles(
    kb: KnowledgeBase, doc: Doc, hits: list[ActorRef], reporter: Reporter | None
) -> dict[str, RoleAssignment]:
    """Each trigger of the sentence but the reporting verb -> its roles."""
    skip = reporter.verb.i if reporter and reporter.verb is not None else None
    return roles_of(kb, doc, hits, reporter=reporter, skip=skip)


def _reporter(doc: Doc, verb: int, words: set[int]) -> Reporter:
    return Reporter(
        Attribution(text=doc[min(words)].text, kind="official"), doc[verb], frozenset(words)
    )


def _accusing(attached_to: int) -> Doc:
    """'Chile said its envoys were expelled, accusing Peru': the participle under `attached_to`
    (1: the reporting verb, 5: the reported clause's verb, where parsers often hang it)."""
    return parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("envoys", 5, "nsubjpass", "NOUN", "envoy"),
            ("had", 5, "aux", "AUX", "have"),
            ("been", 5, "auxpass", "AUX", "be"),
            ("expelled", 1, "ccomp", "VERB", "expel"),
            (",", 5, "punct", "PUNCT", ","),
            ("accusing", attached_to, "advcl", "VERB", "accuse"),
            ("Peru", 7, "dobj", "PROPN", "Peru"),
        ]
    )


def test_a_reporter_is_the_source_of_its_own_further_act(kb: KnowledgeBase) -> None:
    for attached_to in (1, 5):
        doc = _accusing(attached_to)
        hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 8, "PER")]
        roles = _roles(kb, doc, hits, _reporter(doc, 1, {0}))["accusing"]
        assert [r.hit.country for r in roles.sources] == ["CHL"], attached_to
        assert [r.hit.country for r in roles.targets] == ["PER"]
        assert REPORTER_NOTE in roles.notes
        assert not roles.direct_source


def test_a_reporter_is_not_the_source_of_what_it_reports(kb: KnowledgeBase) -> None:
    doc = _accusing(5)
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 8, "PER")]
    roles = _roles(kb, doc, hits, _reporter(doc, 1, {0}))
    assert roles["expelled"].sources == ()  # Chile reports the expulsion, it did not expel


def test_only_a_speech_act_reaches_the_reporter_through_the_report() -> None:
    doc = _accusing(5)
    assert acts_as(doc[7], doc[1], through_report=True)
    assert not acts_as(doc[7], doc[1], through_report=False)
    assert not acts_as(doc[5], doc[1], through_report=True)  # the report itself
    assert acts_as(_accusing(1)[7], _accusing(1)[1])


def test_an_infinitive_of_a_passive_is_its_subjects_act() -> None:
    doc = parse(
        [
            ("Peru", 3, "nsubjpass", "PROPN", "Peru"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("then", 3, "advmod", "ADV", "then"),
            ("asked", 3, "ROOT", "VERB", "ask"),
            ("by", 3, "agent", "ADP", "by"),
            ("Chile", 4, "pobj", "PROPN", "Chile"),
            ("to", 7, "aux", "PART", "to"),
            ("sign", 3, "xcomp", "VERB", "sign"),
            ("a", 9, "det", "DET", "a"),
            ("deal", 7, "dobj", "NOUN", "deal"),
        ]
    )
    assert [t.text for t in inherited_subject(doc[7])] == ["Peru"]  # Peru signs, not Chile
    assert [t.text for t in inherited_subject(doc[9])] == ["Peru"]


def test_an_infinitives_object_partner_is_a_complement_target() -> None:
    doc = parse(
        [
            ("Peru", 1, "nsubj", "PROPN", "Peru"),
            ("agreed", 1, "ROOT", "VERB", "agree"),
            ("to", 3, "aux", "PART", "to"),
            ("resume", 1, "xcomp", "VERB", "resume"),
            ("contacts", 3, "dobj", "NOUN", "contact"),
            ("with", 4, "prep", "ADP", "with"),
            ("Chile", 5, "pobj", "PROPN", "Chile"),
        ]
    )
    args = verb_arguments(doc[1], None, None)
    assert [t.text for t in args.complement_targets] == ["contacts", "Chile"]


def _camp() -> Doc:
    """'a camp for Chilean refugees was shelled by Peru'."""
    return parse(
        [
            ("a", 1, "det", "DET", "a"),
            ("camp", 6, "nsubjpass", "NOUN", "camp"),
            ("for", 1, "prep", "ADP", "for"),
            ("Chilean", 4, "amod", "ADJ", "chilean"),
            ("refugees", 2, "pobj", "NOUN", "refugee"),
            ("was", 6, "auxpass", "AUX", "be"),
            ("shelled", 6, "ROOT", "VERB", "shell"),
            ("by", 6, "agent", "ADP", "by"),
            ("Peru", 7, "pobj", "PROPN", "Peru"),
        ]
    )


def test_a_role_noun_that_names_no_actor_is_its_owners() -> None:
    doc = _camp()
    args = verb_arguments(doc[6], None, None)
    assert [t.text for t in args.targets] == ["camp"]
    assert [t.text for t in args.target_owners] == ["refugees"]
    assert [t.text for t in owners([doc[4]], {"for"})] == []  # no owner of its own


def test_the_owner_is_the_target_where_the_noun_names_no_state(kb: KnowledgeBase) -> None:
    doc = _camp()
    refugees = actor_ref(doc, 4, "CHL", "REF", "group")
    camp = actor_ref(doc, 1, "ARG", "CVL", "group")
    roles = _roles(kb, doc, [actor_ref(doc, 8, "PER"), refugees], None)["shelled"]
    assert [r.hit.country for r in roles.targets] == ["CHL"]
    assert OWNER_NOTE in roles.targets[0].notes
    # a noun that names a state itself keeps it
    roles = _roles(kb, doc, [actor_ref(doc, 8, "PER"), refugees, camp], None)["shelled"]
    assert [r.hit.country for r in roles.targets] == ["ARG"]
