"""What a quantity is about, as a noun phrase (NewsQuant's "referred concept"): the noun after
"of" ("60 per cent of its revenue"), the noun it modifies ("a $5 million deal") or belongs to
("a fine of $10 million"), the object a change applies to ("boost the driving range by 35
miles", "cut its key rate to 4.5%"), or the subject of the clause ("Ford has 13,000 workers", "the index rose 5%")."""

from __future__ import annotations

from typing import Any

from ..nlp import text_of
from .lexicon import quantity_words
from .phrase import NOUNS as _NOUNS
from .phrase import phrase as _phrase

Doc = Any  # spacy.tokens.Doc
Token = Any
_SUBJECTS = {"nsubj", "nsubjpass"}
_ATTACHED = {"compound", "nmod", "amod", "nummod", "quantmod", "npadvmod"}
_RELATIVE = {"WDT", "WP"}
_MAX_CLIMB = 4
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_MAX_BACK = 4  # change words between a name and its figure: "was also down"
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
    moved = _child(head.head, {"dobj", "dative"}) if head.tag_ in {"JJR", "RBR"} else None
    if dep == "npadvmod" and moved is not None and moved.i < head.i:
        return _phrase(moved, span)  # "banks pulled the index 0.7% lower": the index moved
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
        if subject is not None and subject.tag_ in _RELATIVE and subject.i > verb.sent.start:
            before = subject.doc[subject.i - 1]  # "Smith who won": a clause hung elsewhere
            if before.pos_ in _NOUNS:
                return _phrase(before, span)
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
