"""Render one template into a sentence with exact character spans.

Template syntax (documented in README.md):
  {s1:class}      an actor from `class`, the source of event 1
  {o1:class}      an actor, the target of event 1
  {s1,o2:class}   one actor with two roles
  {s1:"the two leaders"}  a literal actor phrase
  {s1:country+country}    coordinated actors: one span "Iran and Russia" (plural)
  {class}         a filler with no role (place, date, number, reporter ...)
  [1:group.form]  the trigger of event 1, from triggers.tsv (form: base, pres, past, pp, ing, noun)
  <sg|pl>         a word that agrees with the last actor filled (<sg|pl:s1>: with actor s1)
  <rel>           "which" after a named organisation, "who" after people
A class may end in /sg or /pl (number wanted) and /h (headline: no leading "the").
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Protocol

TOKEN = re.compile(
    r"\{([^{}]+)\}|\[(\d+):([a-z_]+)\.([a-z0-9]+)\]|<([^<>|]*)\|([^<>|:]*)(?::([so]\d))?>|<(rel)>"
)
Span = tuple[int, int]
# Actors that are institutions take "which" in a relative clause; people take "who".
BODY = re.compile(
    r"(government|ministry|army|military|cabinet|presidency|air force|navy|party|court|bloc|council|commission|opposition|police)$",
    re.I,
)
STATES = {
    "country",
    "power",
    "foe_a",
    "foe_b",
    "ally_a",
    "ally_b",
    "local_country",
    "place_country",
}

# Filler classes that name a place of the sentence's own state (not capital_of_any).
PLACES = {"town", "region", "wplace", "place_country", "local_country"}


@dataclass(frozen=True)
class Trigger:
    """One trigger word of a group with its PLOVER type, CAMEO code and mode."""

    group: str
    type: str
    cameo: str
    mode: str
    forms: dict[str, str]


@dataclass
class Filled:
    """A sentence being written: its text, the spans found so far and the slot state."""

    text: str = ""
    number: str = "sg"
    year: int = 2010
    country: str = ""  # where the sentence happens: places, local forces and groups agree
    place: dict[str, str] | None = None  # the last place named
    organisation: bool = False  # the last actor is a named organisation: "which", not "who"
    dyad: tuple[str, str] | None = None  # the two countries of a hostile or friendly pair
    triggers: dict[int, tuple[Span, Trigger]] = field(default_factory=dict)
    roles: dict[tuple[str, int], Span] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # "s1" -> "pl"
    classes: dict[str, str] = field(default_factory=dict)  # "s1" -> "local_gov"
    places: list[tuple[Span, str]] = field(default_factory=list)  # place slots, word before


class Pools(Protocol):
    """What the renderer needs from the actor and filler pools."""

    def pick(self, name: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        """Return (text, number) for a filler class; may set state.country."""
        ...

    def trigger(self, group: str, form: str, rng: random.Random) -> Trigger:
        """Return a trigger of `group` that has `form`."""
        ...


def expand(text: str, pools: Pools, state: Filled, rng: random.Random) -> str:
    """Expand nested {class} slots inside a filler (no spans are recorded inside)."""
    for _ in range(5):
        if "{" not in text:
            break
        text = re.sub(r"\{([^{}]+)\}", lambda m: pools.pick(m.group(1), state, rng)[0], text)
    return text


def pick_unused(cls: str, pools: Pools, state: Filled, rng: random.Random) -> str:
    """A filler of `cls` not yet used in this sentence ("Iran met Iran" reads as nonsense)."""
    if cls.startswith('"'):
        state.organisation = False
        return cls.strip('"')
    for _ in range(20):
        state.organisation = False
        text, number = pools.pick(cls, state, rng)
        text = expand(text, pools, state, rng)
        if text not in state.used:
            break
    if BODY.search(text) or cls.split("/")[0] in STATES:
        state.organisation = True
    state.used.add(text)
    state.number = number
    return text


def join_coordinated(parts: list[str]) -> str:
    """'Iran', 'Russia', 'China' -> 'Iran, Russia and China'."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def fill_actor(spec: str, pools: Pools, state: Filled, rng: random.Random) -> None:
    """Append an actor slot and record its roles."""
    roles_part, _, cls = spec.partition(":")
    parts = [pick_unused(part, pools, state, rng) for part in cls.split("+")]
    text = join_coordinated(parts)
    if len(parts) > 1:
        number = "pl"
    elif cls.startswith('"'):  # a literal phrase: "the two leaders" is plural, "it" is not
        number = "pl" if text.endswith("s") else "sg"
    else:
        number = state.number
    start = len(state.text)
    state.text += text
    state.number = number
    for role in roles_part.split(","):
        state.roles[(role[0], int(role[1:]))] = (start, len(state.text))
        state.numbers[role] = number
        state.classes[role] = cls


def fill_trigger(
    event: int, group: str, form: str, pools: Pools, state: Filled, rng: random.Random
) -> None:
    """Append a trigger; text after '|' in a form (a preposition) stays outside the span."""
    trig = pools.trigger(group, form, rng)
    if form == "pres":
        words = trig.forms["s" if state.number == "sg" else "base"]
    else:
        words = trig.forms[form]
    inside, _, outside = words.partition("|")
    start = len(state.text)
    state.text += inside
    state.triggers[event] = ((start, len(state.text)), trig)
    state.text += outside


def fill_plain(slot: str, text: str, state: Filled) -> None:
    """Append a filler with no role; a place of the sentence's state is recorded with the
    word before it ("in", "near"), for the roles a place implies (implied.py)."""
    before = state.text.split()[-1].lower() if state.text.split() else ""
    start = len(state.text)
    state.text += text
    if slot.split("/")[0] in PLACES:
        state.places.append(((start, len(state.text)), before))


def append_literal(state: Filled, literal: str) -> None:
    """Append template text; "the Houthis's" is written "the Houthis'"."""
    if literal.startswith("'s") and state.text.endswith("s"):
        literal = "'" + literal[2:]
    state.text += literal


def render(template: str, pools: Pools, rng: random.Random, year: int, country: str) -> Filled:
    """Fill every slot of `template` from left to right."""
    state = Filled(year=year, country=country)
    pos = 0
    for match in TOKEN.finditer(template):
        append_literal(state, template[pos : match.start()])
        pos = match.end()
        slot, event, group, form, sing, plur, agree_with, rel = match.groups()
        if slot is not None and ":" in slot and re.match(r"^[so]\d", slot):
            fill_actor(slot, pools, state, rng)
        elif slot is not None:
            text, _ = pools.pick(slot, state, rng)
            fill_plain(slot, expand(text, pools, state, rng), state)
        elif event is not None:
            fill_trigger(int(event), group, form, pools, state, rng)
        elif rel:
            state.text += "which" if state.organisation else "who"
        else:
            number = state.numbers[agree_with] if agree_with else state.number
            state.text += sing if number == "sg" else plur
    append_literal(state, template[pos:])
    if state.text and state.text[0].islower():
        state.text = state.text[0].upper() + state.text[1:]
    return state
