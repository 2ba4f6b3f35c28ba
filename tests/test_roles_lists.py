"""Partners the parse lists apart: a preposition conjoined to the verb's own ("spoke to X and to
Y"), a noun the parse joins to the verb ("met with X, as well as Y"), and the subject of the
passive verb whose agent an event noun is ("fighters were hit by air strikes"). Hand-built
parses; sentences written for these tests."""

from __future__ import annotations

from eventwire.kb import KnowledgeBase

from .handbuilt import actor_ref, parse
from .handbuilt import countries as _countries
from .handbuilt import roles_of as _roles


def test_a_conjoined_preposition_names_another_partner(kb: KnowledgeBase) -> None:
    # "Kenya spoke to Uganda and to Rwanda"
    doc = parse(
        [
            ("Kenya", 1, "nsubj", "PROPN", "Kenya"),
            ("spoke", 1, "ROOT", "VERB", "speak"),
            ("to", 1, "prep", "ADP", "to"),
            ("Uganda", 2, "pobj", "PROPN", "Uganda"),
            ("and", 2, "cc", "CCONJ", "and"),
            ("to", 2, "conj", "ADP", "to"),
            ("Rwanda", 5, "pobj", "PROPN", "Rwanda"),
        ]
    )
    hits = [actor_ref(doc, 0, "KEN"), actor_ref(doc, 3, "UGA"), actor_ref(doc, 6, "RWA")]
    sources, targets = _countries(_roles(kb, doc, hits)["spoke"])
    assert (sources, targets) == (["KEN"], ["UGA", "RWA"])


def test_a_noun_joined_to_the_verb_is_another_partner(kb: KnowledgeBase) -> None:
    # "Chile met with Peru, as well as Bolivia"
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("met", 1, "ROOT", "VERB", "meet"),
            ("with", 1, "prep", "ADP", "with"),
            ("Peru", 2, "pobj", "PROPN", "Peru"),
            (",", 1, "punct", "PUNCT", ","),
            ("as", 6, "advmod", "ADV", "as"),
            ("well", 8, "advmod", "ADV", "well"),
            ("as", 1, "cc", "SCONJ", "as"),
            ("Bolivia", 1, "conj", "PROPN", "Bolivia"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 3, "PER"), actor_ref(doc, 8, "BOL")]
    sources, targets = _countries(_roles(kb, doc, hits)["met"])
    assert (sources, targets) == (["CHL"], ["PER", "BOL"])


def test_an_event_noun_agent_of_a_passive_acts_on_its_subject(kb: KnowledgeBase) -> None:
    # "Kurdish fighters were hit by Turkish strikes"
    doc = parse(
        [
            ("Kurdish", 1, "amod", "ADJ", "kurdish"),
            ("fighters", 3, "nsubjpass", "NOUN", "fighter"),
            ("were", 3, "auxpass", "AUX", "be"),
            ("hit", 3, "ROOT", "VERB", "hit"),
            ("by", 3, "agent", "ADP", "by"),
            ("Turkish", 6, "amod", "ADJ", "turkish"),
            ("strikes", 4, "pobj", "NOUN", "strike"),
        ]
    )
    hits = [actor_ref(doc, 1, None, "REB", "group"), actor_ref(doc, 5, "TUR", None)]
    roles = _roles(kb, doc, hits)
    assert "strikes" in roles
    assert [r.hit.name for r in roles["strikes"].targets] == ["fighters"]
    assert _countries(roles["strikes"])[0] == ["TUR"]
