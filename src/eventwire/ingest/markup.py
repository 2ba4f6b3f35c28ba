"""HTML: the main text, title, URL, site and publication date of a page (trafilatura), and plain
text from the HTML fragments feeds carry. Everything is parsed locally; no link is followed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from ..errors import MalformedInput

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})
_TAG = re.compile(r"<[^>]*>?")
# htmldate's own default scans the whole text for any date; we want the page's metadata.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


def extract_page(data: bytes, origin: str) -> Page:
    """The main text and metadata of an HTML page; MalformedInput when it has no main text."""
    import trafilatura  # a heavy import, needed only for HTML pages

    try:
        found: Any = trafilatura.bare_extraction(
            data, with_metadata=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception as err:  # lxml and trafilatura raise many kinds on broken pages
        raise MalformedInput(f"broken HTML page ({type(err).__name__})") from None
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise MalformedInput(f"no main text found in the HTML page {origin}")
    return Page(
        text=text,
        title=getattr(found, "title", None) or None,
        url=getattr(found, "url", None) or None,
        outlet=getattr(found, "sitename", None) or None,
        published=getattr(found, "date", None) or None,
    )


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, with line breaks at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content)."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
        text = "".join(collector.parts)
    except (AssertionError, ValueError):  # html.parser asserts on some broken markup (`<![ `)
        text = html.unescape(_TAG.sub("\n", fragment))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
