"""Actor, place and trigger pools: names from the project's knowledge files, phrases from ours.

Countries, organisations and office holders come from a snapshot of src/eventwire/data
(fillers/kb/: countries.tsv, organisations.tsv, people.tsv); generic actor phrases, places, country groups and triggers come
from the readable files in training/events/fillers/.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from training.events.render import Filled, Trigger

HERE = Path(__file__).resolve().parent
FILLERS = HERE / "fillers"
# A snapshot of the package's countries.tsv, organisations.tsv and people.tsv, so that the corpus
# (and the role model trained from it) does not change whenever the knowledge base does; refresh
# it deliberately: cp src/eventwire/data/{countries,organisations,people}.tsv training/events/fillers/kb/
KB = FILLERS / "kb"
FORMS = ("base", "s", "past", "pp", "ing", "noun")
MONTHS = "January February March April May June July August September October November December"
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header, skipping '#' comment lines."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_words() -> dict[str, dict[str, str]]:
    """fillers/words.tsv by kind: word -> value."""
    words: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_tsv(FILLERS / "words.tsv"):
        words[row["kind"]][row["word"]] = row["value"]
    return words


WORDS = read_words()
ARTICLE_HEADS = set(WORDS["article_head"])
ARTICLE_REGIONS = set(WORDS["article_region"])
THE_COUNTRY = tuple(WORDS["the_country"])
IRREGULAR_PP = WORDS["perfect"]
ROLE_CLASSES: dict[str, set[str]] = defaultdict(set)
for _role, _cls in WORDS["role"].items():
    ROLE_CLASSES[_cls].add(_role)


def with_article(name: str) -> str:
    """'Houthis' -> 'the Houthis'; names that are proper nouns stay bare."""
    words = re.split(r"[ -]", name)
    if name.startswith("the ") or name.startswith("al-"):
        return name
    if any(w in ARTICLE_HEADS for w in (words[1:] or words)) or re.search(
        r" (of|in|for|on|to) ", name
    ):
        return "the " + name
    return name


def possessive(name: str) -> str:
    """'Iran' -> "Iran's", 'the United States' -> "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def title_role(role: str) -> str:
    """'chief of the general staff' -> 'Chief of the General Staff'."""
    small = {"of", "the", "for", "and"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in role.split())


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    role: str
    start: int
    end: int


@dataclass
class Knowledge:
    """Every pool the renderer draws from."""

    phrases: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso3 -> (name, adj)
    capitals: list[str] = field(default_factory=list)
    dyads: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    igos: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    groups: dict[str, list[str]] = field(default_factory=dict)
    orgs: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    people: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    places: list[dict[str, str]] = field(default_factory=list)
    triggers: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))

    def pick(self, name: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        """A filler for class `name` (with optional /sg, /pl, /h flags) and its number."""
        cls, *flags = name.split("/")
        for _ in range(30):
            text, number = self._pick_class(cls, state, rng)
            if ("sg" in flags and number != "sg") or ("pl" in flags and number != "pl"):
                continue
            break
        else:
            raise ValueError(f"no filler of class {name!r} with the number asked")
        if "h" in flags:
            text = re.sub(r"^(the|a|an) ", "", text)
        return text, number

    def _pick_class(self, cls: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        builtin = getattr(self, "_pick_" + cls, None)
        if builtin is not None:
            result: tuple[str, str] = builtin(state, rng)
            return result
        if cls in self.phrases:
            text, number = rng.choice(self.phrases[cls])
            if number == "=":  # the phrase is one builtin class: take its number
                return self._pick_class(text.strip("{}"), state, rng)
            return text, number
        raise KeyError(f"unknown filler class {cls!r}")

    def country_of(self, group: str, state: Filled, rng: random.Random) -> str:
        return rng.choice(self.groups.get(group) or sorted(self.countries))

    def _pick_country(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self.country_of("diplomacy", state, rng)][0], "sg"

    def _pick_power(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self.country_of("power", state, rng)][0], "sg"

    def _pick_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self.country_of("diplomacy", state, rng)][1], "sg"

    def _pick_power_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self.country_of("power", state, rng)][1], "sg"

    def _pick_local_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[state.country][1], "sg"

    def _pick_local_country(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[state.country][0], "sg"

    def _dyad(self, kind: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        if not state.dyad:
            live = [d for d in self.dyads if d[0] == kind and d[3] <= state.year <= d[4]]
            chosen = rng.choice(live or [d for d in self.dyads if d[0] == kind])
            state.dyad = (chosen[1], chosen[2])
            if any(p["country"] == chosen[2] for p in self.places):
                state.country = chosen[2]  # "near {town}" is then a town of b
        return state.dyad

    def _pick_foe_a(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("hostile", state, rng)[0]][0], "sg"

    def _pick_foe_b(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("hostile", state, rng)[1]][0], "sg"

    def _pick_foe_a_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("hostile", state, rng)[0]][1], "sg"

    def _pick_foe_b_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("hostile", state, rng)[1]][1], "sg"

    def _pick_ally_a(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("friendly", state, rng)[0]][0], "sg"

    def _pick_ally_b(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[self._dyad("friendly", state, rng)[1]][0], "sg"

    def _pick_conflict_adj(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        iso = state.country or self.country_of("conflict", state, rng)
        state.country = iso
        return self.countries[iso][1], "sg"

    def _person(self, cls: str, state: Filled, rng: random.Random) -> Person | None:
        alive = [p for p in self.people[cls] if p.start <= state.year <= p.end]
        return rng.choice(alive) if alive else None

    def _official(self, cls: str, state: Filled, rng: random.Random, appos: bool) -> str:
        person = self._person(cls, state, rng)
        if person is None:
            role = rng.choice(sorted(ROLE_CLASSES[cls]))
            return f"the {self.countries[self.country_of('diplomacy', state, rng)][1]} {role}"
        name, adj = self.countries[person.country]
        if appos:
            return rng.choice(
                [
                    f"{person.name}, {possessive(name)} {person.role}",
                    f"{person.name}, the {adj} {person.role}",
                ]
            )
        return rng.choice(
            [
                f"{adj} {title_role(person.role)} {person.name}",
                f"the {adj} {person.role} {person.name}",
                f"{adj} {title_role(person.role)} {person.name}",
                person.name,
            ]
        )

    def _pick_leader(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._official("leader", state, rng, appos=False), "sg"

    def _pick_minister(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._official("minister", state, rng, appos=False), "sg"

    def _pick_commander(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._official("commander", state, rng, appos=False), "sg"

    def _pick_local_leader(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        # the head of state or government of the country where the sentence happens
        alive = [
            p
            for p in self.people["leader"]
            if p.country == state.country and p.start <= state.year <= p.end
        ]
        if not alive:
            return f"the {self.countries[state.country][1]} government", "sg"
        person = rng.choice(alive)
        adj = self.countries[person.country][1]
        return f"{adj} {title_role(person.role)} {person.name}", "sg"

    def _pick_appos(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._official(rng.choice(["leader", "minister"]), state, rng, appos=True), "sg"

    def _org(self, sector: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        # a group or party of the country where the sentence happens, when there is one
        local = [o for o in self.orgs[sector] if o[1] == state.country]
        if sector in {"REB", "PTY"}:
            if not local:
                generic = "armed" if sector == "REB" else "party_generic"
                return rng.choice([p for p in self.phrases[generic] if p[1] != "="])
            name = rng.choice(local)[0]
        else:
            name = rng.choice(local if local and rng.random() < 0.9 else self.orgs[sector])[0]
        state.organisation = True
        plural = name.endswith("s") and not name.endswith("ss")
        return with_article(name), "pl" if plural and sector == "REB" else "sg"

    def _pick_armed_group(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._org("REB", state, rng)

    def _pick_party(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._org("PTY", state, rng)

    def _pick_ngo(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._org("NGO", state, rng)

    def _pick_media(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._org("MED", state, rng)

    def _pick_company(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._org("BUS", state, rng)

    def _igo(self, role: str, state: Filled, rng: random.Random) -> tuple[str, str]:
        state.organisation = True
        return with_article(rng.choice(self.igos[role])), "sg"

    def _pick_igo(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._igo("political", state, rng)

    def _pick_aid_igo(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._igo("aid", state, rng)

    def _pick_fin_igo(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._igo("finance", state, rng)

    def _pick_charity(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._igo("charity", state, rng)

    def _pick_rights_ngo(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._igo("rights", state, rng)

    def _pick_bignum(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return rng.choice(["5,000", "10,000", "20,000", "25,000", "50,000", "100,000"]), "pl"

    def _place(self, state: Filled, rng: random.Random, same_province: bool) -> dict[str, str]:
        # places of one sentence agree: a town in the province already named, else in its country
        pool = [p for p in self.places if p["country"] == state.country] or self.places
        if same_province and state.place:
            pool = [p for p in pool if p["province"] == state.place["province"]] or pool
        place = rng.choice(pool)
        state.country = place["country"]
        state.place = place
        return place

    def _pick_town(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self._place(state, rng, same_province=True)["town"], "sg"

    def _pick_region(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        place = state.place or self._place(state, rng, same_province=True)
        province = place["province"]
        return ("the " + province if province in ARTICLE_REGIONS else province), "sg"

    def _pick_wplace(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        place = self._place(state, rng, same_province=True)
        return f"{place['town']} ({place['district']}, {place['province']})", "sg"

    def _pick_place_country(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return self.countries[state.country][0], "sg"

    def _pick_capital_of_any(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return rng.choice(self.capitals), "sg"

    def _pick_date(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        day, month = rng.randint(1, 28), rng.choice(MONTHS.split())
        return (f"{day} {month} {state.year}" if rng.random() < 0.5 else f"{day} {month}"), "sg"

    def _pick_weekday(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        return rng.choice(WEEKDAYS.split()), "sg"

    def _pick_num(self, state: Filled, rng: random.Random) -> tuple[str, str]:
        words = [
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "11",
            "12",
            "14",
            "15",
            "17",
            "20",
            "23",
            "30",
            "41",
        ]
        return rng.choice(words), "pl"

    def trigger(self, group: str, form: str, rng: random.Random) -> Trigger:
        """A trigger of `group` that has `form` ('pres' needs both base and s)."""
        need = ("base", "s") if form == "pres" else (form,)
        fitting = [t for t in self.triggers[group] if all(t.forms.get(f) for f in need)]
        if not fitting:
            raise KeyError(f"trigger group {group!r} has no form {form!r}")
        return rng.choice(fitting)


def perfect(past: str) -> str:
    """'broke off talks| with' -> 'broken off talks| with' (regular verbs: the past form)."""
    first, space, rest = past.partition(" ")
    return IRREGULAR_PP.get(first, first) + space + rest


def load_people(kb: Knowledge) -> None:
    """Office holders by role class, with the years they held the office."""
    wanted = {role: cls for cls, roles in ROLE_CLASSES.items() for role in roles}
    for row in read_tsv(KB / "people.tsv"):
        cls = wanted.get(row["role"])
        if cls is None or row["country"] not in kb.countries:
            continue
        start = int(row["start"][:4])
        end = int(row["end"][:4]) if row["end"] else 2025
        kb.people[cls].append(Person(row["name"], row["country"], row["role"], start, end))


def load() -> Knowledge:
    """Read every knowledge and filler file once."""
    kb = Knowledge()
    members = set()
    for row in read_tsv(KB / "countries.tsv"):
        if row["status"] == "member":
            members.add(row["iso3"])
        if row["adjectives"]:
            name = row["name"]
            name = "the " + name if any(w in name for w in THE_COUNTRY) else name
            kb.countries[row["iso3"]] = (name, row["adjectives"].split("|")[0])
            if row["capital"]:
                kb.capitals.append(row["capital"])
    names: dict[str, str] = {}
    for row in read_tsv(KB / "organisations.tsv"):
        names[row["code"]] = row["name"]
        if row["sector"] in {"REB", "PTY", "NGO", "MED", "BUS"} and "–" not in row["name"]:
            kb.orgs[row["sector"]].append((row["name"], row["country"]))
    for row in read_tsv(FILLERS / "org_roles.tsv"):
        kb.igos[row["role"]].append(names[row["code"]])
    load_people(kb)
    for row in read_tsv(FILLERS / "country_groups.tsv"):
        kb.groups[row["group"]] = [c for c in row["iso3"].split() if c in kb.countries]
    kb.groups["diplomacy"] = sorted(members & set(kb.countries))
    kb.dyads = [
        (row["kind"], row["a"], row["b"], int(row["start"]), int(row["end"]))
        for row in read_tsv(FILLERS / "dyads.tsv")
        if row["a"] in kb.countries and row["b"] in kb.countries
    ]
    for row in read_tsv(FILLERS / "actors.tsv"):
        kb.phrases[row["class"]].append((row["text"], row["number"]))
    kb.places = read_tsv(FILLERS / "places.tsv")
    for row in read_tsv(HERE / "triggers.tsv"):
        forms = {f: row[f] for f in FORMS if row[f] and row[f] != "-"}
        if "past" in forms:  # the perfect ("had broken off talks") for every verb with a past
            forms["perf"] = forms.get("pp") or perfect(forms["past"])
        trig = Trigger(row["group"], row["type"], row["cameo"], row["mode"], forms)
        kb.triggers[row["group"]].append(trig)
    return kb
