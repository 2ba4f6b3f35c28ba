"""What a quantity is about, as a noun phrase (NewsQuant's "referred concept"): the noun after
"of" ("60 per cent of its revenue"), the noun it modifies ("a $5 million deal") or belongs to
("a fine of $10 million"), the object a change applies to ("boost the driving range by 35
miles", "cut its key rate to 4.5%"), or the subject of the clause ("Ford has 13,000 workers", "the index rose 5%")."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import text_of
from .lexicon import quantity_words

Doc = Any  # spacy.tokens.Doc
Token = Any
_NOUNS = {"NOUN", "PROPN"}
# an amount whose sign the tokenizer split off: "A12,810,626" of "$A12,810,626"
_AMOUNT = re.compile(r"^[A-Za-z]{1,3}\d{1,3}(,\d{3})+(\.\d+)?$")
_WORD = re.compile(r"[^\W\d_]")  # a letter
_MODIFIERS = {"compound", "amod", "nmod", "poss", "npadvmod", "advmod", "punct", "case", "nummod"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_ATTACHED = {"compound", "nmod", "amod", "nummod", "quantmod", "npadvmod"}
_RELATIVE = {"WDT", "WP"}
_MAX_CLIMB = 4
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_MAX_BACK = 4  # change words between a name and its figure: "was also down"
_TAIL_PREPS = {"of", "for", "in", "on", "at"}
_NAME_PREPS = {"of", "at", "from", "with"}
_MAX_TAIL = 8  # tokens after the noun
_MAX_ASIDE = 8  # tokens of a parenthesis: "(13 km)"
_MOVES = {"by", "from", "to"}  # "boost the range by 35 miles", "cut the rate to 5%"
_BREAKS = {",", ";", ":", "(", ")", "-", "–"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_PLURAL_PRONOUNS = {"they", "we"}


def concept_of(
    doc: Doc,
    start: int,
    end: int,
    counted: Token | None,
    change: str | None = None,
    lead: int | None = None,
) -> str | None:
    """The concept of the quantity made of tokens start..end (exclusive), counting `counted`;
    `change` is its rise or fall ('up', 'down'), if any; `lead` where its words start (a
    qualifier: 'about 90 miles')."""
    of = _of_after(doc, end) if counted is None else None
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None and pobj.pos_ in _NOUNS:
        return _phrase(pobj, (start, end))  # "60% of its revenue", "one count of wire fraud"
    if change in {"up", "down"} and counted is None:
        named = _named_before(doc, start if lead is None else lead, (start, end))
        if named is not None:
            return named  # "Dow +0.2% S&P 500 +0.3%", "JD Sports, down 1.95p"
    top = _top(doc, start, end, counted)
    found = _owner(top, (start, end))
    if found is None:
        found = _next_noun(doc, start, end if counted is None else -1)
    if found is None and counted is None:
        found = _said_of(doc, start if lead is None else lead, (start, end))
    if found is None and counted is not None:
        found = _name_of(counted, (start, end))
    return found


def _name_of(counted: Token, span: tuple[int, int]) -> str | None:
    """When nothing owns a count: the name its noun belongs to or is at ('five new seasons of
    Sesame Street', 'students studying at Heidelberg University')."""
    for child in counted.rights:
        preps = [child] if child.dep_ == "prep" else []
        if child.dep_ == "acl":
            preps = [c for c in child.rights if c.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ not in _NAME_PREPS:
                continue
            pobj = _child(prep, {"pobj"})
            if pobj is not None and pobj.pos_ == "PROPN" and pobj.i - counted.i <= _MAX_TAIL:
                return _name_ending(counted.doc, pobj.i, pobj.i)
    return None


def _said_of(doc: Doc, lead: int, span: tuple[int, int]) -> str | None:
    """When the parse gives nothing: the noun a figure is said of, right before its verb 'be'
    ('this year's MSRP is $33,790', 'the frequency was roughly 300 Hz', 'wavelengths at least
    2.4 μm')."""
    sentence_start = doc[span[0]].sent.start
    i = lead - 1
    while i >= sentence_start and lead - i <= _MAX_BACK and doc[i].pos_ in {"AUX", "ADV"}:
        i -= 1
    token = doc[i] if i >= sentence_start else None
    acronym = token is not None and token.is_alpha and token.text.isupper()  # tagged a verb
    if token is None or not (token.pos_ in _NOUNS or acronym):
        return None
    if token.lower_ in quantity_words().units:
        return None  # not "last year's $32,280": a unit of time names when, not what
    return _phrase(token, span)


def _named_before(doc: Doc, start: int, span: tuple[int, int]) -> str | None:
    """In a run of rises and falls the parse often hangs each figure on the wrong word; the
    name right before a figure, past the words of its change and one comma, is what rose or
    fell: 'Dow +0.2% S&P 500 +0.3%', 'Unite Group, down 68p, JD Sports, down 1.95p',
    'Shares of Ross were down 2.3%, Burlington by 2.6%', 'Nvidia advanced 8%'."""
    words = quantity_words()
    sentence_start = doc[span[0]].sent.start
    i = start - 1
    while i >= sentence_start and start - i <= _MAX_BACK and _change_word(doc[i], words):
        i -= 1
    comma = i >= sentence_start and doc[i].text == ","
    i -= int(comma)
    if i < sentence_start:
        return None
    token = doc[i]
    if token.pos_ == "NUM" and i > sentence_start and doc[i - 1].pos_ == "PROPN":
        return _name_ending(doc, i - 1, i)  # "S&P 500"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in _NOUNS:
        return _phrase(token.head.head, span)  # "Shares of Gamma were down 2.1%"
    if token.pos_ == "PROPN":
        return _name_ending(doc, i, i)
    if comma and token.pos_ == "NOUN":
        return _apposed(doc, i, span)
    if comma or token.pos_ != "NOUN" or token.lower_ in words.units:
        return None
    return _phrase(token, span)


def _apposed(doc: Doc, last: int, span: tuple[int, int]) -> str | None:
    """'energy, last year's worst performing sector, fell 0.94%': the noun before an aside
    between commas is what fell."""
    sentence_start = doc[last].sent.start
    for i in range(last - 1, max(sentence_start, last - _MAX_ASIDE) - 1, -1):
        if doc[i].text == ",":
            before = doc[i - 1] if i > sentence_start else None
            if before is None or before.pos_ not in _NOUNS:
                return None
            return (
                _name_ending(doc, i - 1, i - 1) if before.pos_ == "PROPN" else _phrase(before, span)
            )
        if doc[i].text in _BREAKS or doc[i].tag_ in _FINITE:  # not "worst performing"
            return None
    return None


def _change_word(token: Token, words: Any) -> bool:
    """A word between a name and its figure: 'rose', 'was down', 'by', 'ended'."""
    return bool(
        token.lower_ in {"up", "down", "by"}
        or token.lemma_.lower() in words.changes
        or token.pos_ in {"AUX", "ADV"}
    )


def _name_ending(doc: Doc, last: int, end: int) -> str | None:
    """The name whose last word is token `last` ('JD Sports', 'S&P'), through token `end`."""
    first = last
    sentence_start = doc[last].sent.start
    while first > sentence_start and (
        doc[first - 1].pos_ == "PROPN" or _joined_name(doc, first - 1, sentence_start)
    ):
        first -= 1
    text = text_of(doc)
    return text[doc[first].idx : doc[end].idx + len(doc[end])].strip() or None


def _joined_name(doc: Doc, i: int, sentence_start: int) -> bool:
    """Token i is the hyphen of a name written 'Ben-Moshe', 'Al-Sadr' (no spaces)."""
    hyphen = doc[i]
    if hyphen.text != "-" or hyphen.whitespace_ or i - 1 < sentence_start:
        return False
    before = doc[i - 1]
    return bool(before.pos_ == "PROPN" and not before.whitespace_)


def _of_after(doc: Doc, i: int) -> Token | None:
    """The 'of' at token i, or after a parenthesis there: '8 miles (13 km) of new tunnels'."""
    if i < len(doc) and doc[i].text == "(":
        close = next((t.i for t in doc[i : i + _MAX_ASIDE] if t.text == ")"), None)
        i = close + 1 if close is not None else i
    return doc[i] if i < len(doc) and doc[i].lower_ == "of" else None


def _next_noun(doc: Doc, start: int, end: int) -> str | None:
    """When the parse gives nothing: the noun right after the quantity ('a 352 μm pixel
    pitch') or the name right before it ('MacBook Pro 16 inch')."""
    if end > 0:
        last = None
        for token in doc[end : min(len(doc), end + 4)]:
            if (
                token.pos_ not in {"NOUN", "PROPN", "ADJ"}
                or token.sent.start != doc[start].sent.start
            ):
                break
            last = token
        if last is not None and last.pos_ in _NOUNS:
            return _phrase(last, (start, end))
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.sent.start == doc[start].sent.start:
        return _phrase(before, (start, start))
    return None


def _top(doc: Doc, start: int, end: int, counted: Token | None) -> Token:
    """The token of the mention (or its counted noun) whose head lies outside it."""
    inside = set(range(start, end))
    if counted is not None:
        inside |= {counted.i, *range(end, counted.i)}
    token = counted if counted is not None else doc[end - 1]
    for _ in range(len(inside) + 1):
        if token.head.i not in inside or token.head.i == token.i:
            break
        token = token.head
    if token.head.i in inside and token.head.i != token.i:
        return token
    # the climb may start on a word below the top: try every word of the mention
    tops = [t for t in (doc[i] for i in inside) if t.head.i not in inside or t.head.i == t.i]
    return tops[0] if tops else token


def _owner(top: Token, span: tuple[int, int], depth: int = 0) -> str | None:
    head, dep = top.head, top.dep_
    if head.i == top.i:
        return None
    if dep == "appos" and head.pos_ == "PROPN":
        return _phrase(head, span)  # "Maddon, 66,"
    if dep == "appos" and depth < 2:  # "seven miles (11 km)": what the first one is about
        return _owner(head, span, depth + 1)
    if dep in _ATTACHED and head.pos_ in _NOUNS:
        return _phrase(head, span)  # "a $5 million deal"
    if dep == "pobj":
        governor = head.head
        if governor.pos_ in _NOUNS and governor.i != head.i:
            return _phrase(governor, span)  # "a fine of $10 million", "a survey of 7 countries"
        if head.lower_ in _MOVES:
            thing = _child(governor, {"dobj"})
            found = _phrase(thing, span) if thing is not None else None
            if found is not None:  # not "increased by $43.6 billion to $419.2 billion"
                return found  # "boost the driving range by 35 miles"
        return _subject(governor, span)
    return _subject(head, span) if dep not in _SUBJECTS else None


def _subject(verb: Token, span: tuple[int, int]) -> str | None:
    """The subject of the clause `verb` heads, or of the clause above it ('has agreed to pay
    $5m', 'shares were up 5%'); for a relative clause, the noun it describes ('Ford, which has
    13,000 workers')."""
    for _ in range(_MAX_CLIMB):
        subject = _child(verb, _SUBJECTS)
        if subject is not None and subject.tag_ in _RELATIVE and verb.dep_ == "relcl":
            return _phrase(_described(verb, subject), span)
        if subject is not None and subject.pos_ == "PRON":
            return _antecedent(subject, span)
        if subject is not None and subject.pos_ == "NUM":
            return _numbered_name(subject)  # "the S&P 500 is poised to drop 0.2%"
        if subject is not None:
            return _phrase(subject, span)
        if verb.head.i == verb.i:
            return None
        below, verb = verb, verb.head
        infinitive = below.dep_ == "acl" and below.tag_ == "VB"  # "plans to lay off 6,650"
        if verb.pos_ in _NOUNS and not infinitive:  # "a 30% fuming acid": the noun described
            return _phrase(verb, span)
    return None


def _described(relative: Token, pronoun: Token) -> Token:
    """The noun a relative clause describes; the noun right before its 'that' or 'which' where
    the parse hangs the clause on a pronoun ('everyone in the small country that is 90 miles
    wide')."""
    described = relative.head
    before = pronoun.doc[pronoun.i - 1] if pronoun.i > pronoun.sent.start else None
    if described.pos_ == "PRON" and before is not None and before.pos_ == "NOUN":
        return before
    return described


def _numbered_name(number: Token) -> str | None:
    """A name ending in a number, as its words before it ('S&P 500', 'FTSE 100'), or none."""
    words = [t for t in number.lefts if t.dep_ == "compound" and t.pos_ in _NOUNS]
    if not words or number.i - words[0].i > _MAX_BACK:
        return None
    text = text_of(number.doc)
    return text[words[0].idx : number.idx + len(number)].strip() or None


def _antecedent(pronoun: Token, span: tuple[int, int]) -> str | None:
    """'The company said it has 1,000 customers', 'Musk uses his account, where he has 80
    million followers': the nearest subject before a pronoun subject, in its sentence."""
    for token in reversed(list(pronoun.doc[pronoun.sent.start : pronoun.i])):
        if token.dep_ not in _SUBJECTS or token.pos_ not in _NOUNS:
            continue
        if pronoun.lower_ == "it" and token.tag_ in _PLURAL_TAGS:
            continue  # "it" is not "markets" ('the pound falls if markets dislike it and it ...')
        if pronoun.lower_ in _PLURAL_PRONOUNS and token.tag_ == "NN":
            continue  # "they" is not "takeover" ('a takeover sent the shares up and they ...')
        return _phrase(token, span)
    return None


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _phrase(head: Token, span: tuple[int, int]) -> str | None:
    """The noun with its modifiers, possessors and compounds, without determiners and
    possessive pronouns: 'the S&P/TSX index' -> 'S&P/TSX index'."""
    if head.pos_ not in _NOUNS and not head.text[:1].isupper() and head.tag_ != "VBG":
        return None  # a noun, a name, or a gerund subject ("sampling came back at 4 ppb")
    if _AMOUNT.match(head.text) or not _WORD.search(head.text):
        return None  # another amount ("$A12,810,626" split at its sign), a sign ("≈")
    doc = head.doc
    first = head.i
    for token in reversed(list(doc[max(head.sent.start, 0) : head.i])):
        if token.dep_ not in _MODIFIERS or not _below(token, head):
            break
        first = token.i
    units = quantity_words().units
    words = [
        t
        for t in doc[first : _hyphened(doc, _tail(head, span), span) + 1]
        if t.tag_ not in {"DT", "PRP$", "POS", "CD", "$"}
        and not span[0] <= t.i < span[1]  # the quantity inside: "a $5 million deal"
        and not (t.i == head.i and t.lower_ in units)  # "MacBook Pro 16 inch"
    ]
    words = _without_leading_units(words, units)
    if not words and head.lower_ in units and head.dep_ in _SUBJECTS:
        words = [head]  # "Horsepower jumped from 240 to 273": a unit's name as the subject
    if not words:
        return None
    text = text_of(doc)  # not doc.text: spaCy rebuilds it on every call
    return text[words[0].idx : words[-1].idx + len(words[-1])].strip() or None


def _without_leading_units(words: list[Token], units: dict[str, Any]) -> list[Token]:
    """A phrase less the punctuation and the units of another quantity it starts with: 'inch'
    of 'the 6.1-inch display', 'year-old' of 'a 2,900 year-old site', 'page' of 'the 300-page
    book' (their numbers are left out already)."""
    while words:
        if words[0].is_punct:
            words = words[1:]
        elif len(words) > 2 and "".join(t.lower_ for t in words[:3]) in units:
            words = words[3:]  # "year-old"
        elif len(words) > 1 and words[1].pos_ in _NOUNS and _counts(words[0], units):
            words = words[1:]
        else:
            break
    return words


def _counts(token: Token, units: dict[str, Any]) -> bool:
    """A unit of measure (not a currency word: 'US' of 'a US fluid ounce'), or the noun of
    another number hyphened to it ('page' of 'the 300-page book')."""
    unit = units.get(token.lower_)
    if unit is not None and not unit.kind.startswith("currency"):
        return True
    doc, i = token.doc, token.i
    return i > 1 and doc[i - 1].text == "-" and doc[i - 2].like_num and not doc[i - 2].whitespace_


def _tail(head: Token, span: tuple[int, int]) -> int:
    """The last token of the phrases after the noun that say which one it is: 'the price of the
    West Texas Intermediate benchmark', 'life expectancy for men in Glasgow', 'a skull found in
    Dali County'; none that holds the quantity ('a fine of $10 million') or a comma."""
    last = int(head.i)
    for child in head.rights:
        tokens = list(child.subtree)
        fits = child.left_edge.i == last + 1 and tokens[-1].i - head.i <= _MAX_TAIL
        kind = (child.dep_ == "prep" and child.lower_ in _TAIL_PREPS) or (
            child.dep_ == "acl" and child.tag_ == "VBN"
        )
        inside = any(span[0] <= t.i < span[1] or t.text in _BREAKS for t in tokens)
        if not (fits and kind) or inside:
            break
        last = int(tokens[-1].i)
    return last


def _hyphened(doc: Doc, last: int, span: tuple[int, int]) -> int:
    """The last token of a word the parse split at its hyphen: 'Ben-Moshe' whose 'Ben' heads
    the phrase; not into the quantity."""
    while (
        last + 2 < len(doc)
        and not doc[last].whitespace_
        and doc[last + 1].text == "-"
        and not doc[last + 1].whitespace_
        and doc[last + 2].is_alpha
        and not span[0] <= last + 2 < span[1]
    ):
        last += 2
    return last


def _below(token: Token, head: Token) -> bool:
    for _ in range(_MAX_CLIMB):
        if token.head.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False
