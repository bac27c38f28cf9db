"""What a page in one language must not show: the interface's texts of the other languages
(the English source included), read from the catalogues themselves. A string left out of a
catalogue shows its English source on a Dutch or French page; a page in English that shows a
Dutch interface text was rendered in the wrong language. Content is not checked here (a city
may leave a text untranslated; the page then shows the default language's text)."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|[*_`#>\[\]]")
SHORTEST = 16  # shorter pieces ("Agenda", "Partners") are the same word in several languages


def _pieces(text):
    """The literal runs of a catalogue text long enough to be recognised on a page."""
    return {
        " ".join(piece.split())
        for piece in PLACEHOLDER.split(text)
        if len(" ".join(piece.split())) >= SHORTEST
    }


@cache
def _catalogue(code):
    """{msgid pieces} and {translation pieces} of one language's catalogue."""
    sources, translations = set(), set()
    for entry in polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po")):
        if entry.obsolete:
            continue
        sources |= _pieces(entry.msgid) | _pieces(entry.msgid_plural or "")
        translations |= _pieces(entry.msgstr)
        for value in entry.msgstr_plural.values():
            translations |= _pieces(value)
    return frozenset(sources), frozenset(translations)


@cache
def foreign_texts(code):
    """Interface texts that belong to other languages than `code`."""
    own = _catalogue(code)[1]
    others = set()
    for other, _name in settings.LANGUAGES:
        sources, translations = _catalogue(other)
        others |= sources | (translations if other != code else set())
    return frozenset(others - own)


class _Visible(HTMLParser):
    """The text a person reads or hears: text nodes and the alt, title, aria-label and
    placeholder attributes, without scripts and styles."""

    SPOKEN = ("alt", "title", "aria-label", "placeholder")

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def untranslated(html, code):
    """The other languages' interface texts this page in `code` shows."""
    text = visible_text(html)
    return sorted(piece for piece in foreign_texts(code) if piece in text)
