"""Roles a sentence implies without naming an actor for them, as PLOVER codes them (and the
coder's events/places.py): the gold marks them on the words the state is known from.

- A one-sided event of a directed type (a source, no target) that happens *in* a place of the
  sentence's state targets that state's government, marked on the place ("police imposed a
  curfew in Mombasa": target "Mombasa"); not where the source is that government itself.
- A protest with no target and no place targets the government of its protesters' own state,
  marked on the protesters when their words name the state ("Kenyan teachers marched").
- A coercion (CAMEO 17x) with a target and no source (an agentless passive, a headline) is the
  act of the government of the state it happens in: marked on the place, else on the target
  when its words name the state ("activists were detained in Lima": source "Lima").
An assault or an arson (171) with no agent keeps no source (who did it is not known), and a place under "near",
"outside", "from" or "to" is not where the event is done.
"""

from __future__ import annotations

from collections.abc import Callable

from training.events.render import Filled, Span

SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}  # plover_types.tsv: either side is the source
INSIDE = {"in", "across", "throughout"}
# Source classes that are the government of the sentence's state, always or when they name it.
OWN_GOVERNMENT = {"local_gov", "gov_body", "local_leader", "local_country", "place_country"}
GOVERNMENT = {"country", "power", "leader", "minister", "appos"}
OWN_WORDS = ("authorities", "government", "ministry", "cabinet", "presidency")  # literal actors

Names = Callable[[str], tuple[str, str]]  # ISO3 -> (name, adjective)


def place_span(filled: Filled) -> Span | None:
    """The first place the sentence says the events happen in."""
    return next((span for span, before in filled.places if before in INSIDE), None)


def names_state(filled: Filled, span: Span, names: Names) -> bool:
    """Whether the words of `span` name the sentence's state (its name or adjective)."""
    if not filled.country:
        return False
    words = filled.text[span[0] : span[1]]
    return any(n and n in words for n in names(filled.country))


def implied_roles(
    filled: Filled, number: int, event: dict[str, object], names: Names
) -> tuple[Span | None, Span | None]:
    """(source, target) to mark where the event's own are missing; None keeps them."""
    source, target = filled.roles.get(("s", number)), filled.roles.get(("o", number))
    place = place_span(filled)
    kind, cameo = str(event["type"]), str(event["cameo"])
    if source is not None and target is None and kind not in SYMMETRIC:
        cls = filled.classes.get(f"s{number}", "").split("/")[0]
        literal = cls.startswith('"') and any(w in cls.lower() for w in OWN_WORDS)
        named = cls in GOVERNMENT and names_state(filled, source, names)
        own = cls in OWN_GOVERNMENT or literal or named
        if place is not None and not own:
            return None, place
        if place is None and kind == "PROTEST" and names_state(filled, source, names):
            return None, source
    if source is None and target is not None and cameo.startswith("17") and cameo != "171":
        if place is not None:
            return place, None
        if names_state(filled, target, names):
            return target, None
    return None, None
