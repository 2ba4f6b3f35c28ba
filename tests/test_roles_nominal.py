"""Roles of whole constructions (issue 11, round 3): the parties of "a truce between X and Y",
the agent of "aid from X to Y" and of "a curfew imposed by X on Y", the parties a verb of
occurrence carries ("fighting broke out between X and Y"), the subject of an event noun's
clause ("X's demand that Y withdraw"), the forces of a deployment, a main clause the parse gives
no subject, and the word the role model judges for a pronoun. Hand-built parses (spaCy
`Doc(vocab, words, heads, deps, pos, lemmas)`), independent of the parser model; sentences
written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.events.role_model import MODEL_FORMAT, ROLES, RoleModel
from eventwire.kb import KnowledgeBase
from eventwire.model import ActorRef

from .handbuilt import actor_ref, countries, parse, roles_of


def _stub_model(weights: dict[str, list[float]]) -> RoleModel:
    """A role model whose only evidence is the candidate's dependency label."""
    return RoleModel(
        {
            "format": MODEL_FORMAT,
            "classes": list(ROLES),
            "intercepts": [0, 0, 0],
            "weights": weights,
        }
    )


def test_the_parties_of_a_truce_between_two_sides(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("A", 2, "det", "DET", "a"),
            ("ceasefire", 2, "compound", "NOUN", "ceasefire"),  # a modifier that names no one
            ("agreement", 7, "nsubj", "NOUN", "agreement"),
            ("between", 2, "prep", "ADP", "between"),
            ("Chile", 3, "pobj", "PROPN", "Chile"),
            ("and", 4, "cc", "CCONJ", "and"),
            ("Peru", 4, "conj", "PROPN", "Peru"),
            ("held", 7, "ROOT", "VERB", "hold"),
        ]
    )
    hits = [actor_ref(doc, 4, "CHL"), actor_ref(doc, 6, "PER")]
    assert countries(roles_of(kb, doc, hits)["agreement"]) == (["CHL"], ["PER"])


def test_the_parties_a_verb_of_occurrence_carries(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Fighting", 1, "nsubj", "NOUN", "fighting"),
            ("broke", 1, "ROOT", "VERB", "break"),
            ("out", 1, "prt", "ADP", "out"),
            ("between", 1, "prep", "ADP", "between"),
            ("Chile", 3, "pobj", "PROPN", "Chile"),
            ("and", 4, "cc", "CCONJ", "and"),
            ("Peru", 4, "conj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 4, "CHL"), actor_ref(doc, 6, "PER")]
    assert countries(roles_of(kb, doc, hits)["Fighting"]) == (["CHL"], ["PER"])


def test_aid_from_one_state_to_another_is_the_givers(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("The", 2, "det", "DET", "the"),
            ("military", 2, "amod", "ADJ", "military"),
            ("aid", 7, "nsubj", "NOUN", "aid"),
            ("from", 2, "prep", "ADP", "from"),
            ("Chile", 3, "pobj", "PROPN", "Chile"),
            ("to", 2, "prep", "ADP", "to"),
            ("Peru", 5, "pobj", "PROPN", "Peru"),
            ("rose", 7, "ROOT", "VERB", "rise"),
        ]
    )
    # the modifier is a role of no country: the agent's phrase names the source
    hits = [
        actor_ref(doc, 1, None, "MIL", "role"),
        actor_ref(doc, 4, "CHL"),
        actor_ref(doc, 6, "PER"),
    ]
    assert countries(roles_of(kb, doc, hits)["aid"]) == (["CHL"], ["PER"])


def test_a_curfew_imposed_by_one_side_on_another(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("A", 1, "det", "DET", "a"),
            ("curfew", 7, "nsubj", "NOUN", "curfew"),
            ("imposed", 1, "acl", "VERB", "impose"),
            ("by", 2, "agent", "ADP", "by"),
            ("Chile", 3, "pobj", "PROPN", "Chile"),
            ("on", 2, "prep", "ADP", "on"),
            ("Peru", 5, "pobj", "PROPN", "Peru"),
            ("remained", 7, "ROOT", "VERB", "remain"),
        ]
    )
    doc[2].tag_ = "VBN"
    hits = [actor_ref(doc, 4, "CHL"), actor_ref(doc, 6, "PER")]
    assert countries(roles_of(kb, doc, hits)["curfew"]) == (["CHL"], ["PER"])


def test_the_subject_of_a_demands_clause_is_its_target(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 2, "poss", "PROPN", "Chile"),
            ("'s", 0, "case", "PART", "'s"),
            ("demand", 6, "nsubj", "NOUN", "demand"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("Peru", 5, "nsubj", "PROPN", "Peru"),
            ("pay", 2, "acl", "VERB", "pay"),
            ("angered", 6, "ROOT", "VERB", "anger"),
            ("Lima", 6, "dobj", "PROPN", "Lima"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 4, "PER")]
    assert countries(roles_of(kb, doc, hits)["demand"]) == (["CHL"], ["PER"])


def test_a_deployment_with_no_agent_is_its_forces_own(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("The", 1, "det", "DET", "the"),
            ("deployment", 5, "nsubj", "NOUN", "deployment"),
            ("of", 1, "prep", "ADP", "of"),
            ("Chilean", 4, "amod", "ADJ", "chilean"),
            ("troops", 2, "pobj", "NOUN", "troop"),
            ("alarmed", 5, "ROOT", "VERB", "alarm"),
            ("Peru", 5, "dobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 4, "CHL", "MIL", "role"), actor_ref(doc, 6, "PER")]
    roles = roles_of(kb, doc, hits)["deployment"]
    assert countries(roles) == (["CHL"], [])  # the troops deployed are no target


def test_a_main_clause_without_a_subject_shares_its_adverbial_clauses(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Though", 2, "mark", "SCONJ", "though"),
            ("Chile", 2, "nsubj", "PROPN", "Chile"),
            ("is", 5, "advcl", "AUX", "be"),
            ("keen", 2, "acomp", "ADJ", "keen"),
            (",", 5, "punct", "PUNCT", ","),
            ("is", 5, "ROOT", "AUX", "be"),  # "[its] plans": the parse lost the subject
            ("plans", 5, "attr", "NOUN", "plan"),
            ("to", 8, "aux", "PART", "to"),
            ("invade", 6, "acl", "VERB", "invade"),
            ("Peru", 8, "dobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 1, "CHL"), actor_ref(doc, 9, "PER")]
    assert countries(roles_of(kb, doc, hits)["invade"]) == (["CHL"], ["PER"])


def _plan_to_invade() -> tuple[Doc, list[ActorRef], list[list[ActorRef]]]:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("backs", 1, "ROOT", "VERB", "back"),
            ("its", 3, "poss", "PRON", "its"),
            ("plan", 1, "dobj", "NOUN", "plan"),
            ("to", 5, "aux", "PART", "to"),
            ("invade", 3, "acl", "VERB", "invade"),
            ("Peru", 5, "dobj", "PROPN", "Peru"),
            ("with", 1, "prep", "ADP", "with"),
            ("Bolivia", 7, "pobj", "PROPN", "Bolivia"),
        ]
    )
    chile = actor_ref(doc, 0, "CHL")
    return doc, [chile, actor_ref(doc, 6, "PER"), actor_ref(doc, 8, "BOL")], [[chile]]


def test_the_model_judges_a_pronouns_antecedent_not_the_pronoun(kb: KnowledgeBase) -> None:
    doc, hits, groups = _plan_to_invade()
    # the model finds subjects likely sources (0.79), partners of "with" likelier, possessives
    # most unlikely: judging "its" itself, it would hand the invasion to Bolivia
    model = _stub_model({"cdep=nsubj": [2, 0, 0], "cdep=pobj": [9, 0, 0], "cdep=poss": [0, 0, 9]})
    roles = roles_of(kb, doc, hits, groups=groups, model=model)["invade"]
    assert countries(roles)[0] == ["CHL"]  # "its" is Chile, which the model finds likely


def test_the_partner_of_the_aid_a_state_suspends(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("suspended", 1, "ROOT", "VERB", "suspend"),
            ("part", 1, "dobj", "NOUN", "part"),
            ("of", 2, "prep", "ADP", "of"),
            ("its", 5, "poss", "PRON", "its"),
            ("program", 3, "pobj", "NOUN", "program"),
            ("for", 5, "prep", "ADP", "for"),
            ("Peru", 6, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 7, "PER")]
    assert countries(roles_of(kb, doc, hits)["suspended"]) == (["CHL"], ["PER"])


def test_reneging_on_ones_own_commitment_is_against_its_partner(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("reneged", 1, "ROOT", "VERB", "renege"),
            ("on", 1, "prep", "ADP", "on"),
            ("its", 4, "poss", "PRON", "its"),
            ("commitment", 2, "pobj", "NOUN", "commitment"),
            ("to", 4, "prep", "ADP", "to"),
            ("Peru", 5, "pobj", "PROPN", "Peru"),
        ]
    )
    chile = actor_ref(doc, 0, "CHL")
    roles = roles_of(kb, doc, [chile, actor_ref(doc, 6, "PER")], groups=[[chile]])["reneged"]
    assert countries(roles) == (["CHL"], ["PER"])  # not its own commitment's owner


def test_an_act_after_talks_with_a_party_is_towards_it(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("halted", 1, "ROOT", "VERB", "halt"),
            ("its", 3, "poss", "PRON", "its"),
            ("strikes", 1, "dobj", "NOUN", "strike"),
            ("after", 1, "prep", "ADP", "after"),
            ("talks", 4, "pobj", "NOUN", "talk"),
            ("with", 5, "prep", "ADP", "with"),
            ("Peru", 6, "pobj", "PROPN", "Peru"),
        ]
    )
    chile = actor_ref(doc, 0, "CHL")
    roles = roles_of(kb, doc, [chile, actor_ref(doc, 7, "PER")], groups=[[chile]])["halted"]
    assert countries(roles) == (["CHL"], ["PER"])


def test_the_partner_of_what_a_protest_is_for(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Protesters", 1, "nsubj", "NOUN", "protester"),
            ("blocked", 1, "ROOT", "VERB", "block"),
            ("roads", 1, "dobj", "NOUN", "road"),
            ("to", 4, "aux", "PART", "to"),
            ("show", 1, "advcl", "VERB", "show"),
            ("contempt", 4, "dobj", "NOUN", "contempt"),
            ("for", 5, "prep", "ADP", "for"),
            ("Chile", 6, "pobj", "PROPN", "Chile"),
        ]
    )
    hits = [actor_ref(doc, 0, "PER", "CVL", "role"), actor_ref(doc, 7, "CHL")]
    assert countries(roles_of(kb, doc, hits)["blocked"]) == (["PER"], ["CHL"])


def test_an_act_after_an_attack_by_others_is_not_towards_its_victim(kb: KnowledgeBase) -> None:
    doc = parse(
        [
            ("Chile", 1, "nsubj", "PROPN", "Chile"),
            ("mobilized", 1, "ROOT", "VERB", "mobilize"),
            ("reservists", 1, "dobj", "NOUN", "reservist"),
            ("after", 1, "prep", "ADP", "after"),
            ("a", 6, "det", "DET", "a"),
            ("Bolivian", 6, "amod", "ADJ", "bolivian"),
            ("attack", 3, "pobj", "NOUN", "attack"),
            ("on", 6, "prep", "ADP", "on"),
            ("Peru", 7, "pobj", "PROPN", "Peru"),
        ]
    )
    hits = [actor_ref(doc, 0, "CHL"), actor_ref(doc, 5, "BOL"), actor_ref(doc, 8, "PER")]
    assert countries(roles_of(kb, doc, hits)["mobilized"])[1] == []
