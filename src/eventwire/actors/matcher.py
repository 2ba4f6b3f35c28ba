"""The knowledge base as matchers: phrase matchers over every name and role word, a folded-name
index for exact and fuzzy lookups, and the holders of each title (for "the Foreign Secretary")."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from spacy.language import Language

from ..cache import cache_dir, cached, fingerprint
from ..kb import KnowledgeBase, Person, Role
from .hits import Entry
from .names import NameIndex, fold
from .phrases import FORMAT, PhraseIndex, pipeline_id, tokenise_phrases

LONG_NAME_TOKENS = 4  # from this many tokens a name matches whatever its case
_KIND_OF_ROLE = {"person": "role_person", "group": "role", "state": "role_state"}
_CACHED_AS = "people-by-position"  # how the cached indexes name people (see `_detached`)


class ActorMatcher:
    """Phrase matchers and lookups over the knowledge base, built once per vocabulary."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        # party names several states' parties share (actors/context.shared_party_names)
        self.shared_party_names: frozenset[str] | None = None
        self.states = {c.iso3 for c in kb.countries}
        self.countries = {c.iso3: c for c in kb.countries}
        self.role_words: dict[str, Role] = {r.phrase: r for r in kb.roles}
        # an organisation's kind that is a role word is a title it bears: "the bloc" after the
        # EU (kind bloc), "the alliance" after NATO, "the terrorist group" after ISIS
        self.org_titles = {
            o.code: title
            for o in kb.organisations
            if (title := o.kind.replace("_", " ")) in self.role_words
        }
        self.modifiers = kb.modifiers
        # 30,000 people make thousands of phrases: the built indexes are cached, keyed by the
        # actor knowledge and the pipeline, so a process starts in a fraction of a second
        key = fingerprint([pipeline_id(nlp), str(FORMAT), _CACHED_AS, _actor_digest(kb)])
        state = cached(
            cache_dir() / f"actor-matcher-{key}.pickle",
            lambda: _detached(self._built(nlp, kb), kb.people),
        )
        self.__dict__.update(_attached(state, kb.people))

    def _built(self, nlp: Language, kb: KnowledgeBase) -> dict[str, Any]:
        """The indexes over the knowledge base, as a state to cache."""
        self.entries: dict[str, list[Entry]] = {}
        self.names = PhraseIndex()  # case-sensitive: "US" is not "us"
        # a long name is unambiguous in any case ("the UN commission of inquiry on Syria")
        self.long_names = PhraseIndex(lower=True)
        self.roles = PhraseIndex(lower=True)
        self.index = NameIndex()
        self.holders: dict[str, list[Person]] = {}
        self._pending: list[tuple[PhraseIndex, str, str]] = []
        self._add_countries(kb)
        self._add_organisations(kb)
        self._add_people(kb)
        for role in kb.roles:
            kind = _KIND_OF_ROLE[role.refers]
            self._add(self.roles, role.phrase, Entry(role.phrase, None, role.sector, kind, "role"))
        self._build(nlp)
        self.index.freeze()
        names = ("entries", "names", "long_names", "roles", "index", "holders")
        return {name: getattr(self, name) for name in names}

    def adjective(self, iso3: str | None) -> str | None:
        """The word that names a state's people or things ("Iranian"), else its name."""
        country = self.countries.get(iso3 or "")
        if country is None:
            return None
        return country.adjectives[0] if country.adjectives else country.name

    def knows(self, kind: str, phrase: str) -> bool:
        """Whether the knowledge base has this exact phrase as an entry of this kind."""
        return self._key(kind, phrase) in self.entries

    @staticmethod
    def _key(kind: str, phrase: str) -> str:
        return f"{kind}:{phrase}"

    def is_state(self, code: str | None) -> bool:
        return code in self.states

    def _add(self, matcher: PhraseIndex, phrase: str, entry: Entry) -> None:
        key = self._key(entry.kind, phrase)
        if key not in self.entries:
            self.entries[key] = []
            self._pending.append((matcher, key, phrase))
        self.entries[key].append(entry)

    def _build(self, nlp: Language) -> None:
        phrases = [phrase for _, _, phrase in self._pending]
        tokens = tokenise_phrases(nlp, phrases)
        for (matcher, key, _), words in zip(self._pending, tokens, strict=True):
            matcher.add(key, words)
            if matcher is self.names and len(words) >= LONG_NAME_TOKENS:
                self.long_names.add(key, words)
        self._pending = []

    def _add_countries(self, kb: KnowledgeBase) -> None:
        for c in kb.countries:
            entry = Entry(c.name, c.iso3, None, "country", "country-name")
            for phrase in (c.name, *c.aliases):
                self._add(self.names, phrase, entry)
                self._add(self.names, f"the {phrase}", entry)
                self.index.add(phrase, entry)
            demonym = Entry(c.name, c.iso3, None, "demonym", "demonym")
            for phrase in c.adjectives:
                self._add(self.names, phrase, demonym)
                self.index.add(phrase, demonym)
            for phrase, sector in c.metonyms:
                metonym = Entry(c.name, c.iso3, sector, "country", "metonym")
                self._add(self.names, phrase, metonym)
                self.index.add(phrase, metonym)

    def _add_organisations(self, kb: KnowledgeBase) -> None:
        for org in kb.organisations:
            entry = Entry(org.name, org.country, org.sector, "organisation", f"org:{org.code}")
            for phrase in (org.name, *org.aliases):
                self._add(self.names, phrase, entry)
                if not phrase.startswith("the "):
                    self._add(self.names, f"the {phrase}", entry)
                self.index.add(phrase, entry)

    def _add_people(self, kb: KnowledgeBase) -> None:
        for person in kb.people:
            entry = Entry(person.name, person.country, person.sector, "person", "person", person)
            for phrase in (person.name, *person.aliases):
                self._add(self.names, phrase, entry)
                self.index.add(phrase, entry)
            self.index.add_surname(person, entry)
            self.holders.setdefault(fold(person.role), []).append(person)


def _detached(state: dict[str, Any], people: Sequence[Person]) -> dict[str, Any]:
    """The indexes to cache, each person named by its place in the knowledge base's people: the
    knowledge base holds them already, and a second copy of 30,000 people in the cache took
    more time to read than the rest of it (and the memory twice)."""
    position = {id(p): i for i, p in enumerate(people)}
    for entries in state["entries"].values():
        for entry in entries:
            if isinstance(entry.person, Person):
                object.__setattr__(entry, "person", position[id(entry.person)])
    holders = state["holders"]
    state["holders"] = {t: [position[id(p)] for p in ps] for t, ps in holders.items()}
    return state


def _attached(state: dict[str, Any], people: Sequence[Person]) -> dict[str, Any]:
    """The cached indexes with the knowledge base's own people in them again."""
    for entries in state["entries"].values():
        for entry in entries:
            if isinstance(entry.person, int):
                object.__setattr__(entry, "person", people[entry.person])
    holders = state["holders"]
    state["holders"] = {t: [people[i] for i in ps] for t, ps in holders.items()}
    return state


def _actor_digest(kb: KnowledgeBase) -> str:
    """What the indexes are built from: every country, organisation, role and person, as text
    (a pickle of them is not canonical, and would take longer than reading the cache)."""
    digest = hashlib.sha256()
    for rows in (kb.countries, kb.organisations, kb.roles):
        digest.update("\n".join(map(repr, rows)).encode("utf-8"))
    for p in kb.people:
        row = f"{p.name}\t{p.aliases}\t{p.country}\t{p.sector}\t{p.role}\t{p.start}\t{p.end}\n"
        digest.update(row.encode("utf-8"))
    return digest.hexdigest()
