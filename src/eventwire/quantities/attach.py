"""What a number is about: its unit ("960 km", "$6 billion", "10%"), the noun it counts
("6,000 kamikaze drones", "thousands of protesters"), its qualifier ("at least"), whether it is
a rise or a fall ("rose 5%"), and whether the people it counts are casualties ("killed")."""

from __future__ import annotations

from typing import Any

from .lexicon import Unit, quantity_words, unit_of
from .numbers import number_words, split_number
from .runs import Run

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc
_NOUNS = {"NOUN", "PROPN"}
_COUNTED_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"}
_MONEY = {"currency", "currency_prefix", "currency_glued", "currency_country"}
_SKIPPABLE = {"ADJ", "NOUN", "PROPN"}
_MAX_ASIDE = 8  # tokens of a parenthesis: "($2.4 billion)"


def _token(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def currency_before(doc: Doc, run: Run) -> tuple[Unit, int] | None:
    """'$', 'US$', '€', 'CHF' right before the number: the unit and where the sign starts."""
    for size in (2, 1):
        if run.start - size < 0 or (size == 2 and not _one_sign(doc[run.start - 2])):
            continue  # "US$" and "US $" are one sign; "a $" is not
        text = "".join(t.text for t in doc[run.start - size : run.start])
        unit = unit_of(text)  # "CHF 100" as written; "us$" in any case
        if unit is not None and unit.kind == "currency_prefix":
            return unit, run.start - size
    return None


def _one_sign(letters: Token) -> bool:
    """'US' in 'US$' or 'US $', 'HK' in 'HK $': capitals that name the dollar."""
    following = letters.nbor(1)
    return not letters.whitespace_ or (
        following.text == "$" and letters.text.isupper() and letters.is_alpha
    )


def country_after(doc: Doc, unit: Unit, end: int) -> int:
    """'$76 US', '$75 U.S. per barrel': the country written after a dollar sign's amount is
    part of the mention; where the mention ends."""
    following = _token(doc, end)
    country = quantity_words().units.get(following.lower_) if following is not None else None
    if country is not None and country.kind == "currency_country" and country.code == unit.code:
        return end + 1
    return end


def unit_after(doc: Doc, run: Run) -> tuple[Unit, int] | None:
    """The longest unit phrase right after the number ('km', 'per cent', 'metric tons',
    '-year-old'); its end token index."""
    words = quantity_words()
    start = run.end
    first = _token(doc, start)
    if first is not None and first.text == "-" and not doc[start - 1].whitespace_:
        start += 1  # "19-year-old", "10-km"
    best = None
    for size in range(1, words.longest_unit + 2):
        if start + size > len(doc):
            break
        phrase = doc[start : start + size]
        unit = _unit_named(phrase.text, len(phrase[-1]) > 1)
        if unit is None and size > 2 and phrase[1].text == "-":  # "5,000-square-foot"
            unit = _unit_named(phrase.text.replace("-", " "), len(phrase[-1]) > 1)
        if unit is not None:
            best = (unit, start + size)
    if best is not None:
        return _scaled_money(doc, run, best)
    return _time_after_adjective(doc, start)


def _scaled_money(doc: Doc, run: Run, found: tuple[Unit, int]) -> tuple[Unit, int]:
    """'5 million pounds' is money, '208 pounds' and '2 million pounds of beef' weights: a
    unit word that names money after a scale word and not before 'of'."""
    word, end = doc[found[1] - 1].lower_, found[1]
    code = quantity_words().scaled_money.get(word)
    following = _token(doc, end)
    if code is None or end - run.end != 1 or (following is not None and following.lower_ == "of"):
        return found
    return (Unit(code, "currency"), end) if _scaled(doc[run.end - 1]) else found


def _scaled(token: Token) -> bool:
    """'million', 'bn', '3.5bn', '30m': a scale word, or a number with one stuck to it."""
    split = split_number(token.text)
    word = split[2].lower() if split is not None else token.lower_
    scale = number_words().get(word)
    return word == "m" or (scale is not None and scale.kind == "scale")


def _time_after_adjective(doc: Doc, start: int) -> tuple[Unit, int] | None:
    """'12 straight years', 'the 50 previous years', 'two full days': a unit of time in the
    plural after one adjective (not 'turns 40 next week')."""
    adjective, noun = _token(doc, start), _token(doc, start + 1)
    if adjective is None or noun is None or adjective.pos_ != "ADJ" or noun.tag_ != "NNS":
        return None
    unit = quantity_words().units.get(noun.lower_)
    return (unit, start + 2) if unit is not None and unit.kind == "time" else None


def _unit_named(text: str, stuck: bool) -> Unit | None:
    """The unit a phrase after a number names: "1,200€", "110 JPY", "108.79 JPY=" (a Reuters
    code), "125.8 p." at a sentence's end (`stuck`: a stop in the last token); not "5 $" and
    not a sign written only stuck to the digits ("PS2.7m")."""
    unit = unit_of(text)
    if unit is None and stuck and text[-1:] in {".", "="}:
        unit = unit_of(text[:-1])
    if unit is None or text.endswith("$") or unit.kind in {"currency_glued", "currency_country"}:
        return None
    return unit


def rate_after(doc: Doc, end: int) -> str | None:
    """'per barrel', 'a day': the unit of 'US$58.24 per barrel', '$3,500 a month',
    '52,000 barrel-a-day', also past an aside: '9 billion shekels ($2.4 billion) a year'."""
    close = _aside_end(doc, end)
    if close is not None:
        return _rate_at(doc, close + 1)
    closing = _token(doc, end)
    if closing is not None and closing.text == ")":  # "(about $330) a month"
        return _rate_at(doc, end + 1)
    return _rate_at(doc, end)


def _aside_end(doc: Doc, end: int) -> int | None:
    """The ')' of a short parenthesis at token `end`."""
    opening = _token(doc, end)
    if opening is None or opening.text != "(":
        return None
    return next((t.i for t in doc[end : end + _MAX_ASIDE] if t.text == ")"), None)


def _rate_at(doc: Doc, end: int) -> str | None:
    if _hyphen(doc, end) and _hyphen(doc, end + 2):
        return _hyphened_rate(doc, end)
    word, noun, after = _token(doc, end), _token(doc, end + 1), _token(doc, end + 2)
    if word is None or noun is None or word.lower_ not in {"per", "a", "an", "/"}:
        return None  # "/" as in "100km/hr", "$80/sq m": a unit must follow
    if after is not None and after.lower_ in {"earlier", "later", "ago", "before", "after"}:
        return None  # "$6.78 billion a year earlier"
    words = quantity_words()
    for size in range(min(words.longest_unit, len(doc) - end - 1), 0, -1):
        text = doc[end + 1 : end + 1 + size].text
        unit = unit_of(text) or (unit_of(text[:-1]) if text.endswith(".") else None)
        if unit is not None and unit.kind not in _MONEY:
            return unit.code  # "per square foot", "a barrel", "per sq m." at the end
    per = word.lower_ == "per" or noun.lemma_.lower() in words.rates  # "$1.20 a share"
    return noun.lemma_.lower() if noun.pos_ == "NOUN" and per else None


def _hyphen(doc: Doc, i: int) -> bool:
    token = _token(doc, i)
    return token is not None and token.text == "-" and not token.whitespace_


def _hyphened_rate(doc: Doc, end: int) -> str | None:
    """'barrel-a-day': the time unit after '-a-'; a rate word ('a 12-cent-a-share dividend')."""
    word, noun = _token(doc, end + 1), _token(doc, end + 3)
    if word is None or noun is None or word.lower_ not in {"a", "an", "per"}:
        return None
    words = quantity_words()
    unit = words.units.get(noun.lower_)
    if unit is None and noun.lemma_.lower() in words.rates:
        return str(noun.lemma_.lower())
    return unit.code if unit is not None and unit.kind == "time" else None


def noun_phrase(head: Token, after: int) -> str:
    """The counted noun with the words that say what kind it is: 'kamikaze drones',
    'military recruits', 'Iranian drones' (not 'new' or 'advanced'); none before `after`."""
    return str(noun_phrase_span(head, after).text)


def noun_phrase_span(head: Token, after: int) -> Any:
    """The tokens of `noun_phrase`, as a spaCy span."""
    words = quantity_words()
    start = head.i
    for token in reversed(list(head.doc[max(after, head.sent.start) : head.i])):
        keeps = (token.dep_ == "compound" and token.pos_ in _NOUNS) or (
            token.dep_ in {"amod", "compound"}
            and (token.lower_ in words.modifiers or token.ent_type_ == "NORP")
        )
        if not keeps or (token.head.i != head.i and token.head.i < start):
            break
        start = token.i
    return head.doc[start : head.i + 1]


def counted_head(doc: Doc, run: Run, after: int) -> Token | None:
    """The noun a number counts: the object of 'of' ('thousands of protesters', '40 of the
    soldiers'), the noun the number modifies, or the first noun right after it."""
    following = _token(doc, after)
    if following is not None and following.lower_ == "of":
        pobj = next((c for c in following.children if c.dep_ == "pobj"), None)
        return pobj if pobj is not None and pobj.pos_ in _NOUNS else None
    last = doc[run.end - 1]
    head = last.head
    while (
        head.dep_ in {"nummod", "quantmod", "compound"}
        and head.head.i != head.i
        and head.pos_ == "NUM"
    ):
        head = head.head
    if last.dep_ in _COUNTED_DEPS and head.pos_ in _NOUNS and head.i >= after:
        return head
    return _first_noun_after(doc, after)


def _first_noun_after(doc: Doc, after: int) -> Token | None:
    """'300,000 new military recruits' when the parse misses it: the last noun of the adjectives
    and nouns that follow the number."""
    found = None
    for token in doc[after : min(len(doc), after + 5)]:
        if token.pos_ not in _SKIPPABLE and token.text != "-":
            break
        if token.pos_ in _NOUNS:
            found = token
    return found


def qualifier_before(doc: Doc, start: int) -> tuple[str, str] | None:
    """'at least', 'about', 'more than' right before the number: (words, sign)."""
    table = quantity_words().qualifiers
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = doc[start - size : start].text.lower()
        if words in table:
            return words, table[words]
    return None


def change_of(doc: Doc, start: int, anchor: Token) -> str | None:
    """'up 19 cents', 'rose 5%', 'fell by 12 percent', 'a drop of 3%': up or down."""
    changes = quantity_words().changes
    before = _token(doc, start - 1)
    if before is not None and before.lower_ in {"up", "down"} and _moves(before, anchor):
        return changes[before.lower_]
    head = anchor.head
    if anchor.dep_ == "compound" and _is_time(head):  # "rose 4.1% year on year"
        anchor, head = head, head.head
    if anchor.dep_ in {"dobj", "npadvmod", "advmod"} and head.pos_ == "VERB":
        return None if _collected(anchor, head) else changes.get(head.lemma_.lower())
    if anchor.dep_ == "pobj" and head.lower_ in {"by", "of"}:
        governor = head.head
        if head.lower_ == "by" or governor.pos_ == "NOUN":
            return changes.get(governor.lemma_.lower()) or _way(governor, changes)
    if anchor.dep_ == "pobj" and head.lower_ in quantity_words().qualifiers:
        return changes.get(head.head.lemma_.lower())  # "rose under 4%"
    return None


def _is_time(token: Token) -> bool:
    unit = quantity_words().units.get(token.lower_)
    return unit is not None and unit.kind == "time"


def _collected(anchor: Token, verb: Token) -> bool:
    """'raised $3 billion in bonds', 'raised 280 million of the 1.5 billion shekels': the
    object of a verb of gathering is the amount gathered, not a rise; 'raised 5%' and 'raised
    prices 20 cents' (another object: what rose) still rise."""
    if (
        anchor.dep_ not in {"dobj", "npadvmod"}
        or verb.lemma_.lower() not in quantity_words().collects
    ):
        return False
    if any(c.dep_ == "dobj" and c.i != anchor.i for c in verb.children):
        return False
    unit = unit_of(anchor.text)
    return unit is None or unit.kind != "percent"


def _moves(word: Token, anchor: Token) -> bool:
    """'up 5%', 'trending up 0.2%': 'up' or 'down' says the amount's direction, except as the
    particle of a verb that takes the count as its object ('picked up 5 seats')."""
    if word.dep_ != "prt":
        return True
    unit = unit_of(anchor.text)
    return unit is not None and unit.kind == "percent"


def _way(governor: Token, changes: dict[str, str]) -> str | None:
    """'revised upward by Y=40 billion', 'were down 2.3%, Burlington by 2.6%': the direction
    of the word that tells which way the verb of 'by' went."""
    way = next((c for c in governor.children if c.dep_ == "advmod" and c.lower_ in changes), None)
    return changes[way.lower_] if way is not None else None


def casualty_of(counted: Token | None, number: Token) -> str | None:
    """Killed, wounded, arrested, displaced, ... when the counted people (or the bare number)
    are the subject or object of such a verb, or described by such a word."""
    words = quantity_words()
    table = words.casualties
    if counted is not None and counted.lemma_.lower() in table:
        return table[counted.lemma_.lower()]  # "40 deaths", "12 bodies", "5 hostages"
    if counted is not None and not _is_person(counted):
        return None
    token = counted if counted is not None else number
    following = _casualty_after(token, table)
    if following is not None:
        return following
    for child in token.children:  # "people killed", "injured civilians"
        if child.dep_ in {"acl", "amod", "relcl"} and child.lemma_.lower() in table:
            return table[child.lemma_.lower()]
    return _casualty_from_clause(token, table)


def _is_person(token: Token) -> bool:
    """'civilians', 'soldiers', and nationalities: 'Syrians', 'Britons'."""
    return bool(token.lemma_.lower() in quantity_words().persons or token.ent_type_ == "NORP")


def _casualty_after(token: Token, table: dict[str, str]) -> str | None:
    """'40 were killed', '12 people killed', '30 injured', '5,000 have been displaced'."""
    for following in token.doc[token.i + 1 : min(len(token.doc), token.i + 4)]:
        if following.lemma_.lower() in table and following.pos_ in {"VERB", "ADJ"}:
            return table[following.lemma_.lower()]
        if following.pos_ != "AUX" and following.lower_ not in {"were", "was", "been", "being"}:
            return None
    return None


def _casualty_from_clause(token: Token, table: dict[str, str]) -> str | None:
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "npadvmod", "attr"}:
        for word in (head.lemma_.lower(), head.lower_):  # "killed"; "are missing"
            if word in table:
                return table[word]
        for child in head.children:  # "were dead", "are missing"
            if child.dep_ in {"acomp", "oprd"} and child.lemma_.lower() in table:
                return table[child.lemma_.lower()]
    if token.dep_ == "pobj" and head.head.pos_ in {"VERB", "AUX"}:  # "the toll rose to 12"
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_.lower() in table:
            return table[subject.lemma_.lower()]
    return None
