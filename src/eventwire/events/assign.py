"""Roles: who is the source and who the target of a predicate, from its parse arguments and the
actors the tokens name. Returns a new `RoleAssignment`; the arguments are not changed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..kb import PloverType, in_force, weight
from .context import event_place
from .dyads import Resolved, SentenceState, split_forces, topic_country
from .naming import PRONOUNS
from .phrases import coordinated
from .places import agentless_source, place_target
from .predicates import Predicate, Predicates
from .resolver import AGENT_NOTE as AGENT_NOTE
from .resolver import Resolver as Resolver
from .role_model import RoleModel, candidates
from .roles import FROM_NOTE, Arguments, noun_arguments, verb_arguments

HOST_NOTE = "target: the state of the place visited"
OWNER_NOTE = "actor: the owner of the role's noun"
REPORTER_NOTE = "source: the reporter, whose own act this is"
BACKGROUND_NOTE = "target: the partner of the event the act is for"
PURPOSE_NOTE = "target: whom the act's purpose clause acts on"
PARTNER_NOTE = "target: the partner of the role's noun ('suspended aid to Bosnia')"
# visits (CAMEO 042 make a visit, 043 host a visit): PLOVER codes the host state as the target
_VISITS = frozenset({"042", "043"})
_VERBAL = frozenset({1, 3})  # PLOVER's verbal cooperation and verbal conflict
_MATERIAL_CONFLICT = 4  # PLOVER's quad class of coercion, assault, mobilization
_MUTUAL = frozenset({"ASSAULT"})  # fighting with no target is between its subjects
_COERCION = "17"  # CAMEO 17x: a state's coercion of people in its power
_AUTHORITIES = frozenset({"COP", "JUD"})  # police and courts act on their own state's people
_PEOPLE = frozenset({"person", "role", "role_person"})
_FORCES = "MIL"  # the sector of the troops a type that moves forces moves
_PLACE_PREPS = frozenset({"in", "at", "near", "outside"})
# The role model's thresholds (data/weights.tsv): the least probability at which it names a role;
# it overrules the rules' source when it gives it less than OVERRULED and another actor at least
# OVERRULING (PLOVER GSR dev dyad + type F1 0.321 -> 0.330, re3d 0.189 -> 0.201)
THRESHOLD = "events.roles.model_threshold"
OVERRULED, OVERRULING = "events.roles.overruled", "events.roles.overruling"
# ... and its targets the same way (PLOVER GSR dev 0.356 -> 0.364, own articles 0.426 -> 0.429,
# re3d and the corpus' held-out part unchanged)
OVERRULE_TARGETS = True


@dataclass(frozen=True)
class RoleAssignment:
    sources: tuple[Resolved, ...]
    targets: tuple[Resolved, ...]
    objects: tuple[Token, ...]  # direct objects, actors or not ("meet a challenge")
    notes: tuple[str, ...] = ()
    direct_source: bool = True  # the predicate's own subject, not a governing clause's
    governor: Predicate | None = None  # the event whose content this one is ("offered to")


def arguments(pred: Predicate, kind: PloverType, predicates: Predicates) -> Arguments:
    """The parse arguments of a verb or an event noun, and the event it is the content of."""
    if pred.is_verb:
        args = verb_arguments(
            pred.token, pred.match.object_token, pred.match.particle_token, kind.partner_preps
        )
    else:
        # an event noun's "from" names its agent ("expulsions from Britain", "sanctions from
        # the EU"), but the place forces leave ("the withdrawal from Lebanon")
        leaves = "from" in kind.partner_preps and "moves_forces" in kind.properties
        args = noun_arguments(pred.token, predicates.verbs, leaves)
    args.governor = governing_event(pred, predicates)
    light = pred.match.object_token
    if pred.is_verb and light is not None and _names_the_act(pred, light, predicates):
        # "reiterated British support for Iraq": the noun is the act itself, and whoever its
        # words name ('British') acts with the source, on no target
        own = {t.i for t in coordinated(light)}
        args.targets = [t for t in args.targets if t.i not in own]
    hostile = {p.token.i for p in predicates.items if _quad(p) == _MATERIAL_CONFLICT}
    args.purpose_objects = [t for t in args.purpose_objects if _clause(t) in hostile]
    return args


def _names_the_act(pred: Predicate, light: Token, predicates: Predicates) -> bool:
    """The verb's light object is an event noun of the verb's own type ("reiterated support",
    SUPPORT), not another party's act ("rejected an Indian proposal")."""
    kind = pred.match.entry.type
    return any(p.token.i == light.i and p.match.entry.type == kind for p in predicates.items)


def _clause(token: Token) -> int | None:
    """The verb of the adverbial clause a word is in."""
    return next((a.i for a in token.ancestors if a.dep_ == "advcl"), None)


def _quad(pred: Predicate) -> int:
    return in_force().plover[pred.match.entry.type].quad_class


_CONTENT_DEPS = {"xcomp": "complement_target", "ccomp": "clause_target"}
# a complement under a cue of these is the event, with that modality or negation (codebook)
_OWN_EVENT_MODALITIES = frozenset({"threatened", "denied", "negated"})


def governing_event(pred: Predicate, predicates: Predicates) -> Predicate | None:
    """The predicate whose content this one is, as PLOVER codes it: the infinitive of a verb
    whose type reads its target there ("offered to hand over", "refused to meet"), the clause
    of one that reads it in its clause ("demanded that Hamas renounce"), the complement of an
    event noun in a coded phrase ("rejected an invitation to attend", "a proposal for
    signing"). A threat, a denial or a refusal keeps its complement as an event of its own,
    with that modality or negation ("threatened to attack", "denied sending aid", "refused to
    withdraw"), as the codebook codes them."""
    token = pred.token
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep":  # "a proposal for signing"
        head = head.head
    elif token.dep_ not in {*_CONTENT_DEPS, "acl"}:
        return None
    for other in predicates.items:
        if other is pred or head.i not in _phrase(other):
            continue
        if token.dep_ in _CONTENT_DEPS and other.token.lemma_.lower() in _own_event_governors():
            return None
        properties = in_force().plover[other.match.entry.type].properties
        wanted = _CONTENT_DEPS.get(token.dep_)
        if wanted in properties or (wanted is None and properties & {*_CONTENT_DEPS.values()}):
            return other
    return None


def _phrase(pred: Predicate) -> set[int]:
    """The trigger and its light-verb object ("rejected an invitation")."""
    obj = pred.match.object_token
    return {pred.token.i} | ({obj.i} if obj is not None else set())


def _own_event_governors() -> frozenset[str]:
    """Words whose complement is an event with their modality (threatened, denied, negated):
    `modality.tsv`'s governors of those modalities."""
    return frozenset(
        cue.cue
        for cue in in_force().modality_cues
        if cue.scope == "governor" and cue.modality in _OWN_EVENT_MODALITIES
    )


def assign_roles(
    pred: Predicate,
    kind: PloverType,
    args: Arguments,
    resolve: Resolver,
    model: RoleModel | None = None,
) -> tuple[RoleAssignment, list[str]]:
    """The predicate's sources and targets, and the notes on forces split off its targets. The
    parse rules decide; where they find a source but no target, or a target but no source, the
    learned role `model` (when given) may name the other among the sentence's actors."""
    notes = list(args.notes)
    # "doctors from American aid groups donated": the owner, where the role names no state
    found = resolve(args.sources, reporter_acts=resolve.is_report(pred.token))
    sources, direct = _or_owners(resolve.speakers(found), args.source_owners, resolve), True
    targets = _or_owners(resolve.speakers(resolve(args.targets)), args.target_owners, resolve)
    if FROM_NOTE in notes and _same_countries(sources, targets):  # not who expelled them
        sources, notes = [], [n for n in notes if n != FROM_NOTE]
    sources, targets = _with_partners(sources, targets, resolve(args.partners))
    if args.object_partners and not _another_party(sources, targets):
        targets = _learned(_states(resolve(args.object_partners)), PARTNER_NOTE) or targets
    if not sources and args.fallback_sources:
        own_act = resolve.reporter_acts(pred.token, kind.quad_class in _VERBAL)
        sources = _first_named([args.fallback_sources, *args.higher_fallbacks], resolve, own_act)
        direct = False
        notes += ["source from governing clause"] if sources else []
        notes += [REPORTER_NOTE] if sources and own_act else []
    if _only_own(sources, targets) and args.background_targets:  # "mobilized for a war on X"
        targets = _learned(resolve(args.background_targets), BACKGROUND_NOTE) or targets
    if not targets and kind.type in _MUTUAL:  # "X and Y clash": X against Y
        sources, targets = _mutual(sources)
    if _only_own(sources, targets) and args.purpose_objects:  # "opened fire to disperse"
        targets = _learned(resolve(args.purpose_objects), PURPOSE_NOTE) or targets
    if not targets and pred.match.entry.cameo in _VISITS:  # "a visit to sites in the UK"
        targets = _learned(resolve(_hosts(args.targets)), HOST_NOTE)
    if not targets and "clause_target" in kind.properties:  # "demanded that the US leave"
        targets = resolve(args.clause_subjects)
    if not targets and "complement_target" in kind.properties:  # "offered to meet Armenia"
        targets = resolve(args.complement_targets)
    moves_forces = "moves_forces" in kind.properties
    if any(r.hit.country for r in targets) and not moves_forces:
        targets = [r for r in targets if r.hit.country]  # "ceded villages to Azerbaijan"
    # the model completes a pair the rules began; it makes no event the rules found no actor for
    # (that raised PLOVER GSR's events per sentence from 1.68 to 2.03 for a smaller gain)
    if model is not None and bool(sources) != bool(targets):
        sources, targets = _fill_from_model(pred, sources, targets, resolve, model)
    if model is not None and sources:
        sources = _overrule(pred, "source", sources, targets, resolve, model)
    if model is not None and targets and OVERRULE_TARGETS:
        targets = _overrule(pred, "target", sources, targets, resolve, model)
    extra: list[str] = []
    if moves_forces and not sources:  # "the deployment of Korean troops": theirs
        sources = [r for r in targets if r.hit.sector == _FORCES]
    if moves_forces:
        sources, targets, extra = split_forces(sources, targets)
        if not targets and args.background_targets:  # "mobilized reservists for a war on"
            targets = _learned(resolve(args.background_targets), BACKGROUND_NOTE)
    places, cameo = resolve.ctx.places, pred.match.entry.cameo
    if not targets:  # "lifted the curfew in Montenegro", "rallied in Lagos"
        targets = place_target(pred.token, kind, cameo, sources, places)
    if not sources:  # "activists were detained in Lima"
        sources = agentless_source(pred.token, cameo, targets, places)
    if not event_place(pred.token, places):  # "a judge ordered Carlos Menem to appear"
        targets = domestic(cameo, sources, targets)
    sources = with_topic(sources, resolve.state)
    roles = RoleAssignment(
        tuple(sources), tuple(targets), tuple(args.objects), tuple(notes), direct, args.governor
    )
    return roles, extra


def _another_party(sources: list[Resolved], targets: list[Resolved]) -> bool:
    """A target of a country that is not a source itself ("reneged on his commitment": his)."""
    own = {(r.hit.start, r.hit.end) for r in sources}
    return any((r.country_code) and (r.hit.start, r.hit.end) not in own for r in targets)


def _mutual(sources: list[Resolved]) -> tuple[list[Resolved], list[Resolved]]:
    """The first of conjoined subjects against the others ("X and Y clash": X, Y); the several
    states of one phrase ("Russian and Syrian jets") stay sources together."""
    first = sources[0].token.i if sources else None
    return [r for r in sources if r.token.i == first], [r for r in sources if r.token.i != first]


def _only_own(sources: list[Resolved], targets: list[Resolved]) -> bool:
    """No target, or only the sources' own ("halted its strikes after talks with X")."""
    own = {(r.hit.start, r.hit.end) for r in sources}
    return all((r.hit.start, r.hit.end) in own for r in targets)


def _states(found: list[Resolved]) -> list[Resolved]:
    return [r for r in found if r.country_code]


def _with_partners(
    sources: list[Resolved], targets: list[Resolved], partners: list[Resolved]
) -> tuple[list[Resolved], list[Resolved]]:
    """ "Talks between X and Y", "a truce between X and Y": X is the source where no other
    word names one, the other parties are targets."""
    if not partners:
        return sources, targets
    if not sources:
        sources, partners = partners[:1], partners[1:]
    taken = {id(r.hit) for r in (*sources, *targets)}
    return sources, [*[p for p in partners if id(p.hit) not in taken], *targets]


def _first_named(levels: list[list[Token]], resolve: Resolver, own_act: bool) -> list[Resolved]:
    """The actors of the nearest governing subject that names any ("the talks, which Iran
    hosted, aimed to ...": not "the talks")."""
    for level in levels:
        if found := resolve(level, reporter_acts=own_act):
            return found
    return []


def _same_countries(sources: list[Resolved], targets: list[Resolved]) -> bool:
    """Every source is of a target's country: "Russian diplomats expelled from the Russian
    embassy" names where they were, not who expelled them."""
    countries = {r.country_code for r in targets} - {None}
    return bool(sources) and all((r.country_code) in countries for r in sources)


def _or_owners(found: list[Resolved], owners: list[Token], resolve: Resolver) -> list[Resolved]:
    """The actors a role names, or its nouns' owners where those name a state and the role's
    own words name none ("a camp for Congolese refugees", "doctors from American groups")."""
    if any(_named_country(r) for r in found) or not owners:
        return found
    of_owners = [r for r in resolve(owners) if r.country_code]
    return _learned(of_owners, OWNER_NOTE) if of_owners else found


def _named_country(found: Resolved) -> bool:
    """A country the role's own words name, not one inferred from the place or the paragraph
    ("doctors from Canadian aid groups" in a report from Kabul are not Afghan)."""
    hit = found.hit
    return hit.country is not None and found.country is None and not hit.country_inferred


def _hosts(partners: list[Token]) -> list[Token]:
    """Where a visited place is: "production sites in the UK" -> the UK."""
    return [
        g
        for p in partners
        for c in p.children
        if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _other_actors(
    pred: Predicate, sources: list[Resolved], targets: list[Resolved], resolve: Resolver
) -> list[Token]:
    """The model's candidates that name an actor and play no role yet."""
    taken = {r.token.i for r in (*sources, *targets)}
    return [t for t in candidates(pred.token) if t.i not in taken and resolve([t])]


def _fill_from_model(
    pred: Predicate,
    sources: list[Resolved],
    targets: list[Resolved],
    resolve: Resolver,
    model: RoleModel,
) -> tuple[list[Resolved], list[Resolved]]:
    """The model's likeliest source or target among the sentence's tokens that name actors, for
    the role the rules left empty (at least THRESHOLD likely, and likelier than the
    other role); each learned role notes its probability."""
    scores = model.scores(pred.token, _other_actors(pred, sources, targets, resolve))
    best = max(scores, key=lambda s: s.source, default=None)
    if not sources and best and best.source >= weight(THRESHOLD) and best.source > best.target:
        sources = _learned(
            resolve([best.token]), f"source from the role model (p={best.source:.2f})"
        )
        scores = [s for s in scores if s.token.i != best.token.i]
    best = max(scores, key=lambda s: s.target, default=None)
    if not targets and best and best.target >= weight(THRESHOLD) and best.target > best.source:
        targets = _learned(
            resolve([best.token]), f"target from the role model (p={best.target:.2f})"
        )
    return sources, targets


def _overrule(
    pred: Predicate,
    role: str,
    sources: list[Resolved],
    targets: list[Resolved],
    resolve: Resolver,
    model: RoleModel,
) -> list[Resolved]:
    """The rules' sources (`role` "source") or targets ("target"), unless the model finds them
    all most unlikely in that role and another actor of the sentence most likely."""
    chosen = sources if role == "source" else targets
    if any(OWNER_NOTE in r.notes for r in chosen):  # the model would take the role noun back
        return chosen
    own = model.scores(pred.token, [spoken_for(r) for r in chosen])
    if max(getattr(s, role) for s in own) >= weight(OVERRULED):
        return chosen
    others = model.scores(pred.token, _other_actors(pred, sources, targets, resolve))
    best = max(others, key=lambda s: getattr(s, role), default=None)
    if best is None or getattr(best, role) < weight(OVERRULING):
        return chosen
    p = getattr(best, role)
    note = f"{role} from the role model (p={p:.2f}), over the parse rules' choice"
    return _learned(resolve([best.token]), note)


def spoken_for(found: Resolved) -> Token:
    """The word the model should judge for a rules' actor: a pronoun's antecedent where it is in
    the trigger's sentence ("Beijing ... its plans to invade Taiwan": Beijing, not "its", which
    the model, reading words, finds an unlikely invader), else the actor's own word."""
    head, sent = found.hit.head, found.token.sent
    if found.token.lower_ not in PRONOUNS or head is None or not sent.start <= head < sent.end:
        return found.token
    return found.token.doc[head]


def _learned(found: list[Resolved], note: str) -> list[Resolved]:
    return [replace(r, notes=[*r.notes, note]) for r in found]


def domestic(cameo: str, sources: list[Resolved], targets: list[Resolved]) -> list[Resolved]:
    """A person or group of no country whom a coercion (CAMEO 17x: arrests, detentions,
    bans), the police or the courts of one state act on, in an event with no place of its
    own, is of that state ("the Sri Lankan army has been holding Tamil refugees", "an
    Argentine judge ordered Carlos Menem to appear")."""
    states = {r.country_code for r in sources}
    authority = cameo.startswith(_COERCION) or any(r.hit.sector in _AUTHORITIES for r in sources)
    if len(states) != 1 or None in states or not authority:
        return targets
    (state,) = states
    note = f"country {state} from the source's: a state's own people it acts on (inferred)"
    return [
        replace(r, country=state, notes=[*r.notes, note])
        if r.country is None and r.hit.country is None and r.hit.kind in _PEOPLE
        else r
        for r in targets
    ]


def with_topic(sources: list[Resolved], state: SentenceState) -> list[Resolved]:
    """A role with no country ("new recruits") takes the country the paragraph is about, when
    no other source names one."""
    if any(r.hit.country for r in sources):
        return sources
    topic = topic_country(state)
    if not topic:
        return sources
    return [
        replace(r, country=topic, notes=[*r.notes, "country from the paragraph's topic"])
        if r.hit.country is None and r.hit.kind in {"role", "role_person"}
        else r
        for r in sources
    ]
