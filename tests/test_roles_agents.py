"""Agents and partners the parse hides: a clause of its own subject hung on a noun is no reduced
participle ("reports that the rebels have killed ..."); "at the hands of X" names the agent of a
passive verb, not a partner; a stranded preposition's object is the relative clause's
antecedent; a clause on the reporter's words, and "was quoted as warning", tell of the
reporter's own act. Hand-built parses; sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.attribution import Reporter, ReportingCues, find_reporter
from eventwire.events.roles import inherited_subjects
from eventwire.kb import KnowledgeBase
from eventwire.model import Attribution

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def test_a_clause_of_its_own_subject_on_a_noun_keeps_its_subject(kb: KnowledgeBase) -> None:
    # "Officials denied reports that Chadian troops have killed Sudanese villagers"
    doc = parse(
        [
            ("Officials", 1, "nsubj", "NOUN", "official"),
            ("denied", 1, "ROOT", "VERB", "deny"),
            ("reports", 1, "dobj", "NOUN", "report"),
            ("that", 7, "mark", "SCONJ", "that"),
            ("Chadian", 5, "amod", "ADJ", "chadian"),
            ("troops", 7, "nsubj", "NOUN", "troop"),
            ("have", 7, "aux", "AUX", "have"),
            ("killed", 2, "acl", "VERB", "kill"),
            ("Sudanese", 9, "amod", "ADJ", "sudanese"),
            ("villagers", 7, "dobj", "NOUN", "villager"),
        ]
    )
    doc[7].tag_ = "VBN"
    hits = [
        actor_ref(doc, 5, "TCD", "MIL", "group"),
        actor_ref(doc, 9, "SDN", "CVL", "group"),
    ]
    sources, targets = _countries(_roles(kb, doc, hits)["killed"])
    assert (sources, targets) == (["TCD"], ["SDN"])


def test_a_reduced_participle_still_makes_its_noun_the_target(kb: KnowledgeBase) -> None:
    # "villagers killed by Chadian troops": the noun is whom the act is done to
    doc = parse(
        [
            ("Sudanese", 1, "amod", "ADJ", "sudanese"),
            ("villagers", 1, "ROOT", "NOUN", "villager"),
            ("killed", 1, "acl", "VERB", "kill"),
            ("by", 2, "agent", "ADP", "by"),
            ("Chadian", 5, "amod", "ADJ", "chadian"),
            ("troops", 3, "pobj", "NOUN", "troop"),
        ]
    )
    doc[2].tag_ = "VBN"
    hits = [
        actor_ref(doc, 1, "SDN", "CVL", "group"),
        actor_ref(doc, 5, "TCD", "MIL", "group"),
    ]
    sources, targets = _countries(_roles(kb, doc, hits)["killed"])
    assert (sources, targets) == (["TCD"], ["SDN"])


def test_at_the_hands_of_names_the_agent(kb: KnowledgeBase) -> None:
    # "Dozens of Malians were killed at the hands of the militia"
    doc = parse(
        [
            ("Dozens", 3, "nsubjpass", "NOUN", "dozen"),
            ("of", 0, "prep", "ADP", "of"),
            ("Malians", 1, "pobj", "PROPN", "Malians"),
            ("killed", 3, "ROOT", "VERB", "kill"),
            ("at", 3, "prep", "ADP", "at"),
            ("the", 6, "det", "DET", "the"),
            ("hands", 4, "pobj", "NOUN", "hand"),
            ("of", 6, "prep", "ADP", "of"),
            ("the", 9, "det", "DET", "the"),
            ("militia", 7, "pobj", "NOUN", "militia"),
        ]
    )
    hits = [
        actor_ref(doc, 2, "MLI", "CVL", "group"),
        actor_ref(doc, 9, "MLI", "REB", "group"),
    ]
    roles = _roles(kb, doc, hits)["killed"]
    assert [r.hit.name for r in roles.sources] == ["militia"]
    assert [r.hit.name for r in roles.targets] == ["Malians"]


def _reporter(doc: Doc, verb: int, words: set[int]) -> Reporter:
    return Reporter(
        Attribution(text=doc[min(words)].text, kind="official"), doc[verb], frozenset(words)
    )


def test_a_stranded_preposition_names_the_relative_clauses_antecedent(kb: KnowledgeBase) -> None:
    # "the Omani envoy, whom the Iranian minister met with, left"
    doc = parse(
        [
            ("the", 1, "det", "DET", "the"),
            ("envoy", 1, "ROOT", "NOUN", "envoy"),
            (",", 1, "punct", "PUNCT", ","),
            ("whom", 7, "pobj", "PRON", "whom"),
            ("the", 5, "det", "DET", "the"),
            ("minister", 6, "nsubj", "NOUN", "minister"),
            ("met", 1, "relcl", "VERB", "meet"),
            ("with", 6, "prep", "ADP", "with"),
        ]
    )
    hits = [actor_ref(doc, 1, "OMN", "GOV", "role"), actor_ref(doc, 5, "IRN", "GOV", "role")]
    sources, targets = _countries(_roles(kb, doc, hits)["met"])
    assert (sources, targets) == (["IRN"], ["OMN"])


def test_a_participle_on_the_reporters_words_is_the_reporters_act(kb: KnowledgeBase) -> None:
    # "the coalition bombing rebel positions said ..."
    doc = parse(
        [
            ("the", 1, "det", "DET", "the"),
            ("coalition", 5, "nsubj", "NOUN", "coalition"),
            ("bombing", 1, "acl", "VERB", "bomb"),
            ("rebel", 4, "compound", "NOUN", "rebel"),
            ("positions", 2, "dobj", "NOUN", "position"),
            ("said", 5, "ROOT", "VERB", "say"),
        ]
    )
    hits = [actor_ref(doc, 1, "SAU", "MIL", "group"), actor_ref(doc, 3, "YEM", "REB", "group")]
    roles = _roles(kb, doc, hits, reporter=_reporter(doc, 5, {0, 1}))["bombing"]
    assert _countries(roles) == (["SAU"], ["YEM"])


def test_quoted_as_warning_is_the_quoted_actors_warning(kb: KnowledgeBase) -> None:
    # "the army was quoted as warning Turkey"
    doc = parse(
        [
            ("the", 1, "det", "DET", "the"),
            ("army", 3, "nsubjpass", "NOUN", "army"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("quoted", 3, "ROOT", "VERB", "quote"),
            ("as", 3, "prep", "ADP", "as"),
            ("warning", 4, "pcomp", "VERB", "warn"),
            ("Turkey", 5, "dobj", "PROPN", "Turkey"),
        ]
    )
    hits = [actor_ref(doc, 1, "SYR", "MIL", "group"), actor_ref(doc, 6, "TUR")]
    assert inherited_subjects(doc[5]) == [[doc[1]]]
    roles = _roles(kb, doc, hits, reporter=_reporter(doc, 3, {0, 1}))["warning"]
    assert _countries(roles) == (["SYR"], ["TUR"])


def test_a_participle_with_an_object_is_no_reduced_passive(kb: KnowledgeBase) -> None:
    # "bandits stabbed a teacher", misparsed as a participle on 'bandits'
    doc = parse(
        [
            ("bandits", 0, "ROOT", "NOUN", "bandit"),
            ("stabbed", 0, "acl", "VERB", "stab"),
            ("a", 3, "det", "DET", "a"),
            ("teacher", 1, "dobj", "NOUN", "teacher"),
        ]
    )
    doc[1].tag_ = "VBN"
    hits = [actor_ref(doc, 0, "MLI", "CRM", "group"), actor_ref(doc, 3, "MLI", "EDU", "group")]
    roles = _roles(kb, doc, hits)["stabbed"]
    assert [r.hit.name for r in roles.sources] == ["bandits"]
    assert [r.hit.name for r in roles.targets] == ["teacher"]


def test_the_passive_subject_of_a_reporting_verb_is_what_is_reported() -> None:
    # "the arrest was reported" (no reporter named) / "the army was quoted as saying"
    cues = ReportingCues(frozenset({"report", "quote"}), *[frozenset()] * 5)
    arrest = parse(
        [
            ("the", 1, "det", "DET", "the"),
            ("arrest", 3, "nsubjpass", "NOUN", "arrest"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("reported", 3, "ROOT", "VERB", "report"),
        ]
    )
    reporter = find_reporter(arrest[:], cues, set(), set())
    assert reporter is not None and reporter.tokens == frozenset()
    quoted = parse(
        [
            ("the", 1, "det", "DET", "the"),
            ("army", 3, "nsubjpass", "NOUN", "army"),
            ("was", 3, "auxpass", "AUX", "be"),
            ("quoted", 3, "ROOT", "VERB", "quote"),
            ("as", 3, "prep", "ADP", "as"),
            ("saying", 4, "pcomp", "VERB", "say"),
        ]
    )
    reporter = find_reporter(quoted[:], cues, set(), set())
    assert reporter is not None and reporter.tokens == frozenset({0, 1})
