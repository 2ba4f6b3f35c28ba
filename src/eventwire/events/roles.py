"""Argument roles from the dependency parse: who is the source and who the target of a trigger.

Subjects, passive agents, objects, datives, prepositional partners, possessors of event nouns,
coordinated actors, relative pronouns and pronouns (resolved to the nearest fitting actor).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..kb import EventWords, in_force
from .phrases import (
    BETWEEN,
    NOUN_PARTNERS,
    background_partners,
    condition_clauses,
    coordinated,
    holders_of,
    object_partners,
    prep_objects,
    purpose_objects,
)

if TYPE_CHECKING:
    from .predicates import Predicate

SUBJECT_DEPS = {"nsubj", "csubj"}
_RELATIVE = {"which", "who", "that", "whom"}
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "acl", "pcomp", "ccomp"}
_NOMINAL_CLIMB = {"pobj", "prep", "dobj", "acomp", "attr", "oprd"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
_NOUNS = frozenset({"NOUN", "PROPN"})
# what no reduced participle has: a subject, or a direct object ("bandits stabbed to death a
# teacher", misparsed as a participle on 'bandits')
_OWN_CLAUSE = frozenset({*SUBJECT_DEPS, "dobj"})
# an event noun under these is one the governing event's actors take part in: "threw stones
# during demonstrations against X" (the stone throwers demonstrate)
_DURING = frozenset({"during", "amid"})
# whose a role noun that names no actor is: "doctors from two American aid groups", "members
# of the association"; "a camp for Congolese refugees", "the offices of the administrators"
_SOURCE_OWNER_PREPS = frozenset({"of", "from"})
_TARGET_OWNER_PREPS = frozenset({"of", "for"})
FROM_NOTE = "source from 'expelled from'"


@dataclass
class Arguments:
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fallback_sources: list[Token] = field(default_factory=list)  # subject of a governing clause
    objects: list[Token] = field(default_factory=list)  # direct objects, actors or not
    clause_subjects: list[Token] = field(default_factory=list)  # "demanded that the US cancel"
    complement_targets: list[Token] = field(default_factory=list)  # "offered to meet Armenia"
    # the subjects of the governing clauses above the first, nearest first: where the first
    # names no actor ("the talks aimed to ..."), a higher one may
    higher_fallbacks: list[list[Token]] = field(default_factory=list)
    # an actor named only on a verb's background event noun: "mobilized reservists for a war
    # against Iraq" (Iraq), read where the verb's own words name no target
    background_targets: list[Token] = field(default_factory=list)
    # the partners of the nouns in a verb's roles: "suspended aid to Bosnia", "reneged on his
    # commitment to the people", read where the roles name no other party (assign)
    object_partners: list[Token] = field(default_factory=list)
    # whom a purpose clause acts on ("opened fire to disperse protesters"): the act's target
    # where the clause is a hostile act itself (assign.arguments keeps only those)
    purpose_objects: list[Token] = field(default_factory=list)
    # "talks between X and Y": the first is the source where no other word names one (assign)
    partners: list[Token] = field(default_factory=list)
    source_owners: list[Token] = field(default_factory=list)  # "doctors from American groups"
    target_owners: list[Token] = field(default_factory=list)  # "the offices of the Palestinians"
    direct_source: bool = True
    direct_target: bool = True
    governor: Predicate | None = None  # the event whose content this one is (assign.py)


def _same(token: Token, other: Token | None) -> bool:
    return other is not None and token.i == other.i


def _subject(verb: Token) -> list[Token]:
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        return []
    if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return coordinated(_antecedent(subj, verb.head))
    return coordinated(subj)


def _antecedent(relative: Token, attached_to: Token) -> Token:
    """After a comma, 'which' refers to the noun just before it ("a customer in Moscow, which")."""
    doc = relative.doc
    if (
        relative.i >= 2
        and doc[relative.i - 1].text == ","
        and doc[relative.i - 2].pos_ in {"PROPN", "NOUN"}
    ):
        return doc[relative.i - 2]
    return attached_to


def _agent(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return coordinated(pobj)
    return _at_the_hands_of(verb)


def _at_the_hands_of(verb: Token) -> list[Token]:
    """ "were killed at the hands of X": X is the agent, not a partner "at" the verb."""
    return [t for h in _hands(verb) for t in prep_objects(h, {"of"})]


def _hands(verb: Token) -> list[Token]:
    """The "hands" of a verb's "at the hands of" phrase."""
    return [
        h
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "at"
        for h in p.children
        if h.dep_ == "pobj" and h.lower_ == "hands"
    ]


def _passive_subject(verb: Token) -> list[Token]:
    return [
        t for c in verb.children if c.dep_ == "nsubjpass" for t in coordinated(_unrelative(c, verb))
    ]


def _unrelative(token: Token, verb: Token) -> Token:
    """A relative pronoun of a relative clause stands for its antecedent: "returnees, who were
    assisted by", "the refugees, whom the army expelled"."""
    if token.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return _antecedent(token, verb.head)
    return token


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def inherited_subject(
    token: Token, depth: int = 4, stop: frozenset[int] = frozenset()
) -> list[Token]:
    """The subject of a governing clause, for triggers that have none of their own; climbing stops
    at a verb in `stop` (another event's trigger: "praised X for its role in the talks"), but
    not at a reporting verb whose object the noun is ("Italy announced a suspension of flights":
    Italy suspends)."""
    found = inherited_subjects(token, depth, stop)
    return found[0] if found else []


def inherited_subjects(
    token: Token, depth: int = 4, stop: frozenset[int] = frozenset()
) -> list[list[Token]]:
    """The subjects of the governing clauses, nearest first (see `inherited_subject`); each
    next one is a fallback where a nearer one names no actor ("the Russian side's demand that
    the talks continue to ...")."""
    current, found = token, []
    for _ in range(depth):
        if current.dep_ not in _INHERIT_DEPS and current.dep_ not in _NOMINAL_CLIMB:
            break
        head = current.head
        if head.i in stop and not _announces(current, head) and current.lower_ not in _DURING:
            break
        if current.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            # "a declaration demanding that": the declaration, then whoever issued it
            found.append(coordinated(head))
            current = head
            continue
        if subject := _controller(current, head):
            found.append(subject)
        current = head
    return found


def _announces(noun: Token, verb: Token) -> bool:
    """A noun that is the direct object of a reporting verb: "announced a suspension"."""
    return noun.dep_ == "dobj" and verb.lemma_.lower() in _reporting_verbs()


def _controller(clause: Token, head: Token) -> list[Token]:
    """Who does what a clause under `head` says: the passive subject of a passive head whose
    infinitive it is ("the delegation was told to reach a deal": the delegation reaches it),
    else the head's agent or subject."""
    if (clause.dep_ == "xcomp" or _as_phrase(clause)) and is_passive(head):
        return _passive_subject(head) or _agent(head)
    return _agent(head) if is_passive(head) else _subject(head) or _shared_subject(head)


def _as_phrase(token: Token) -> bool:
    """ "was quoted as warning X", "is seen as backing X": the passive subject does it."""
    return token.dep_ == "prep" and token.lower_ == "as"


def _shared_subject(verb: Token) -> list[Token]:
    """A main clause the parse gives no subject shares that of the clause joined to it before
    it ("whereas Beijing is keen on a deal ..., is plans to invade": Beijing); a clause of its
    own subject, or one not the sentence's main clause, shares none."""
    if verb.dep_ != "ROOT" or any(
        c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"} for c in verb.children
    ):
        return []
    joined = [c for c in verb.children if c.dep_ in {"advcl", "conj"} and c.i < verb.i]
    return next((found for c in joined if (found := _subject(c))), [])


def acts_as(token: Token, verb: Token, through_report: bool = False, depth: int = 4) -> bool:
    """True when `token` is an act of `verb`'s own subject, joined to it as an adverbial clause,
    a conjunct or an infinitive ("X said ..., accusing Y", "X said ... and expelled Y"), not
    what the verb reports (its clause complement). With `through_report` (a speech act), the
    joined clause may hang off the reported clause, as the parser often attaches it there:
    "X said its members were detained, accusing the government". "X was quoted as warning Y"
    is X's act too."""
    current, joins = token, {"advcl", "conj", "xcomp"}
    above = joins | ({"ccomp"} if through_report else set())
    if current.dep_ == "pcomp" and _as_phrase(current.head):
        if current.head.head.i == verb.i:
            return True
        current = current.head.head
    for step in range(depth):
        if current.dep_ not in (above if step else joins):
            return False
        if current.head.i == verb.i:
            return True
        current = current.head
    return False


def owners(tokens: list[Token], preps: AbstractSet[str]) -> list[Token]:
    """The possessors and prepositional owners of role nouns: the actor a role names when its
    own words name none ("the offices of the Palestinian administrators", "Chile's embassy")."""
    found = [
        c for t in tokens if t.pos_ in {"NOUN", "PROPN"} for c in t.children if c.dep_ == "poss"
    ]
    return found + [
        t for n in tokens if n.pos_ in {"NOUN", "PROPN"} for t in prep_objects(n, preps)
    ]


def _reporting_verbs() -> frozenset[str]:
    """The reporting verbs of `attribution.tsv` ("announce", "declare")."""
    return frozenset(cue for cue, kind in in_force().reporting.items() if kind == "verb")


def _words() -> EventWords:
    """The partner prepositions of verbs, and the verbs whose "from" partner acts when no agent
    is named ("expelled from the United States"): `event_words.tsv`."""
    return in_force().event_words


def verb_arguments(
    verb: Token,
    light_object: Token | None,
    particle: Token | None,
    extra_preps: frozenset[str] = frozenset(),
) -> Arguments:
    """Sources and targets of a verb trigger; `extra_preps` are the type's own partner
    prepositions ("withdrew from Lebanon")."""
    args = Arguments()
    if _passive_participle(verb):  # "diplomats expelled by Britain": the noun is the target
        args.sources = _agent(verb)
        args.targets = coordinated(verb.head)
    elif is_passive(verb):
        args.sources = _agent(verb)
        args.targets = [t for t in _passive_subject(verb) if not _same(t, light_object)]
    else:
        args.sources = _subject(verb)
        args.targets = _direct_objects(verb, light_object) or _shared_objects(verb, light_object)
    if (
        not args.sources
        and verb.lemma_.lower() in _words().from_is_source
        and is_passive_like(verb)
    ):
        args.sources = prep_objects(verb, {"from"})
        args.notes += [FROM_NOTE] if args.sources else []
    args.objects = list(args.targets)
    args.source_owners = owners(args.sources, _SOURCE_OWNER_PREPS)
    args.target_owners = owners(args.targets, _TARGET_OWNER_PREPS)
    if not _passive_participle(verb):
        chain = inherited_subjects(verb)
        args.fallback_sources = chain[0] if chain else []
        args.higher_fallbacks = chain[1:]
    args.background_targets = background_partners(verb, [*args.objects, *holders_of(light_object)])
    args.purpose_objects = purpose_objects(verb)
    # the verb's infinitive, or its light object's ("rejected an invitation to attend")
    complements = [c for c in verb.children if c.dep_ == "xcomp"] + [
        c for o in holders_of(light_object) for c in o.children if _infinitive(c, "acl")
    ]
    args.complement_targets = [t for c in complements for t in _complement_partners(c)]
    args.clause_subjects = [
        t for c in verb.children if c.dep_ == "ccomp" for t in _subject(c) or _passive_subject(c)
    ]
    # the party a condition is put to: "threatened to stop the talks if the US goes ahead"
    conditions = condition_clauses([verb, *complements], _condition_markers())
    args.clause_subjects += [t for c in conditions for t in _subject(c)]
    # prepositional partners come after the objects: "ceded villages to Azerbaijan"
    # a prepositional particle names the partner ("called on Iran"); an adverbial one does not
    phrasal = particle is not None and particle.dep_ != "prt"
    preps = (
        {particle.lower_}
        if phrasal and particle is not None
        else _words().verb_partner_preps | extra_preps
    )
    if FROM_NOTE in args.notes:  # "diplomats were expelled from Poland": Poland expels
        preps = preps - {"from"}
    holders = [verb] + ([light_object] if light_object is not None else [])
    hands = {h.i for h in _hands(verb)}  # the agent's phrase, no partner
    args.targets += [
        _unrelative(t, verb)  # a stranded preposition: "the envoy, whom Iran met with"
        for h in holders
        for t in prep_objects(h, preps | {"with"})
        if t.i not in hands
    ]
    if args.targets:  # "met with X, as well as Y": the parse joins Y to the verb
        args.targets += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _NOUNS]
    args.partners = [t for h in holders for t in prep_objects(h, BETWEEN)]
    if light_object is not None:
        # "rejected an offer from X", "evacuated the wounded from X": the light object's agent
        # or origin is the act's partner
        args.targets += prep_objects(
            light_object, {"of", "against", "on", "to", "toward", "towards", "from"}
        )
        args.targets += coordinated(light_object)  # "expelled the British ambassador": an actor too
    args.object_partners = object_partners([t for t in args.targets if t.pos_ == "NOUN"])
    return args


def is_passive_like(verb: Token) -> bool:
    """A passive verb or a passive participle modifying a noun ("diplomats expelled from")."""
    return is_passive(verb) or _passive_participle(verb)


def _passive_participle(verb: Token) -> bool:
    """A participle modifying a noun ("diplomats expelled by Britain"); not a clause of its own
    subject that the parser hung on a noun ("reports that ISIL has killed 70 members")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in {"NOUN", "PROPN"}
        and not any(c.dep_ in _OWN_CLAUSE or _perfect(c) for c in verb.children)
    )


def _perfect(aux: Token) -> bool:
    """The auxiliary of a perfect tense ("has killed"), which no reduced participle has."""
    return aux.dep_ == "aux" and (
        aux.lemma_.lower() == "have" or aux.lower_ in {"has", "have", "had", "'s", "'ve", "'d"}
    )


def _direct_objects(verb: Token, light_object: Token | None) -> list[Token]:
    return [
        t
        for c in verb.children
        if c.dep_ in {"dobj", "dative"} and not _same(c, light_object)
        for t in coordinated(_unrelative(c, verb))
    ]


def _shared_objects(verb: Token, light_object: Token | None) -> list[Token]:
    """'condemned and rejected the annexation': conjoined verbs share the last one's object; a
    verb with an object of its own, if only its light object ("cut ties with X and expelled its
    ambassador"), shares none."""
    partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    own_subject = any(c.dep_ in SUBJECT_DEPS for p in partners for c in p.children)
    if own_subject or any(c.dep_ == "dobj" for c in verb.children):
        return []
    return [t for p in partners for t in _direct_objects(p, light_object)]


def _complement_partners(verb: Token) -> list[Token]:
    """The objects and partners of an infinitive ("offered to negotiate with Armenia")."""
    preps = _words().verb_partner_preps
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    objects = [t for c in direct for t in coordinated(c)]
    # the partner of the infinitive's object: "agreed to resume contacts with Moscow", "to
    # attend a meeting of the factions"
    of_objects = [t for c in direct for t in prep_objects(c, {"with", "between", "of"})]
    return objects + prep_objects(verb, preps) + of_objects


def _infinitive(token: Token, dep: str) -> bool:
    """A "to" infinitive of that dependency: "an invitation to attend" (acl)."""
    return token.dep_ == dep and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def noun_arguments(
    noun: Token, triggers: frozenset[int] = frozenset(), from_is_partner: bool = False
) -> Arguments:
    """Event nouns: "Tehran's deal with Moscow", "the US-Israeli offensive against Iran", "aid
    from Japan to Peru" ("from" names the agent, unless the type reads it as its partner:
    `from_is_partner`, "the withdrawal from Lebanon"), "a curfew imposed by the mayor on X"."""
    args = Arguments()
    participle = _participle(noun)
    agent_preps = {"by"} if from_is_partner else {"by", "from"}
    agents = prep_objects(noun, agent_preps) + (_agent(participle) if participle else [])
    # the possessor, else the agent's phrase ("the military aid from Japan": Japan), else the
    # modifiers and theirs ("the US-Israeli offensive")
    args.sources = [c for c in noun.children if c.dep_ == "poss"] or agents or _modifiers(noun)
    args.partners = prep_objects(noun, BETWEEN) + _occurrence_partners(noun)
    args.targets = prep_objects(noun, NOUN_PARTNERS) + _struck_by(noun)
    if participle is not None:  # "sanctions imposed by the US on Iran"
        args.targets += prep_objects(participle, NOUN_PARTNERS - {"of", "in", "at", "for"})
    args.clause_subjects = [
        t for c in noun.children if c.dep_ in {"acl", "ccomp"} for t in _clause_subject(c)
    ]
    chain = inherited_subjects(noun, stop=triggers)
    args.fallback_sources = chain[0] if chain else []
    args.higher_fallbacks = chain[1:]
    return args


def _struck_by(noun: Token) -> list[Token]:
    """An event noun that is the agent of a passive verb acts on the verb's subject: "Kurdish
    fighters were hit by Turkish air strikes"."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent":
        return []
    # "it was hit by an explosion": the thing hit, not a state
    return [t for t in _passive_subject(noun.head.head) if t.lower_ != "it"]


def _modifiers(noun: Token) -> list[Token]:
    """The modifiers of an event noun, and theirs: "the US-Israeli offensive"."""
    modifiers = [t for c in noun.children if c.dep_ in _MODIFIER_DEPS for t in coordinated(c)]
    return modifiers + [g for m in modifiers for g in m.children if g.dep_ in _MODIFIER_DEPS]


def _participle(noun: Token) -> Token | None:
    """The passive participle that says who made the noun's event: "a curfew imposed by"."""
    return next(
        (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"),
        None,
    )


def _occurrence_partners(noun: Token) -> list[Token]:
    """The parties of an event noun that is the subject of the verb saying it happened, where
    the parse hangs them on that verb: "fighting broke out in Beni between X and Y"."""
    if noun.dep_ != "nsubj" or noun.head.pos_ != "VERB":
        return []
    return prep_objects(noun.head, BETWEEN)


def _clause_subject(clause: Token) -> list[Token]:
    """The subject of an event noun's clause: "its demand that Israel ease restrictions"."""
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return []
    return _subject(clause) or _passive_subject(clause)


def _condition_markers() -> frozenset[str]:
    """The markers of a conditional clause: `modality.tsv`'s hypothetical markers (if, unless)."""
    return frozenset(
        c.cue
        for c in in_force().modality_cues
        if c.scope == "marker" and c.modality == "hypothetical"
    )
