"""The console every rich view prints through: strings from data are shown as text, never as markup
or control codes, whichever view they are in and however deep in it.

`SafeConsole` does it at the two places rich itself funnels everything through, so a view only has to
put data in as `str` or `Text` (never as markup it builds itself):

- `render_str`, where rich turns every `str` into `Text` (print arguments, table cells, headers and
  titles, tree labels): markup and emoji codes are always off, so `Senior [/x]` prints as written and
  `[link=...]` stays text instead of becoming a hidden link. rich's Panel reads a `str` title as
  markup on its own, so a panel's str title and subtitle become `Text` when the panel is rendered.
- `render`, which every renderable goes through, nested ones included (a table in a panel in a
  group): a `Text` about to be laid out loses the characters `poladder.render` lists (all but the
  newline, which is layout) and shows a byte of a file name that is not UTF-8 as its escape, with
  its styles kept; a `str` gets the same in `render_str`. Done before layout, so that every width
  is measured on what is shown (rich lays a zero-width joiner out as gluing two characters into one
  cell, so removing it afterwards would shift a border). Whatever is left is removed from each
  segment after layout, as a last guard. rich's own control segments (cursor moves of a progress
  bar) are left alone, and colours are added after this, from styles, so they are untouched too.

What this cannot reach: a Panel with a `str` title measured inside a table cell (rich measures it
before rendering): give such titles as `Text`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from rich.console import (
    Console,
    ConsoleDimensions,
    ConsoleOptions,
    HighlighterType,
    JustifyMethod,
    OverflowMethod,
    RenderableType,
)
from rich.panel import Panel
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from poladder.render import SURROGATES, UNSAFE_BUT_NEWLINE, escape

_UNSAFE_IN_SEGMENT = re.compile(f"[{UNSAFE_BUT_NEWLINE}{SURROGATES}]")


def _shown(char: str) -> str:
    return escape(char) if "\ud800" <= char <= "\udfff" else ""


def _clean(text: str) -> str:
    return _UNSAFE_IN_SEGMENT.sub(lambda m: _shown(m.group()), text)


def _clean_text(text: Text) -> Text:
    """`text` without the unsafe characters (and with a file name's odd bytes escaped), styles kept."""
    plain = text.plain
    cuts = sorted({i for m in _UNSAFE_IN_SEGMENT.finditer(plain) for i in (m.start(), m.end())})
    cleaned = text.blank_copy()
    for piece in text.divide(cuts):
        if len(piece) == 1 and _UNSAFE_IN_SEGMENT.match(piece.plain):
            shown = _shown(piece.plain)
            if shown:
                cleaned.append(shown, piece.spans[0].style if piece.spans else None)
        else:
            cleaned.append_text(piece)
    return cleaned


# Views are as wide as their content needs, up to this: a terminal (or COLUMNS) that claims a million
# columns gets lines padded to this, not to a million (a plan would be tens of megabytes of spaces).
MAX_WIDTH = 200


class SafeConsole(Console):
    """A rich Console for data from anywhere: no markup, no emoji codes, no control characters, and
    no wider than MAX_WIDTH."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**{"highlight": False, **options, "markup": False, "emoji": False})

    @property
    def size(self) -> ConsoleDimensions:
        measured = super().size
        return ConsoleDimensions(min(measured.width, MAX_WIDTH), measured.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        Console.size.fset(self, new_size)  # type: ignore[attr-defined]

    def render_str(
        self,
        text: str,
        *,
        style: str | Style = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: HighlighterType | None = None,
    ) -> Text:
        # Whatever a caller asks for: markup in a string that holds data is how data becomes markup.
        return super().render_str(
            _clean(text),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=False,
            markup=False,
            highlight=highlight,
            highlighter=highlighter,
        )

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterator[Segment]:
        if isinstance(renderable, Panel) and (
            isinstance(renderable.title, str) or isinstance(renderable.subtitle, str)
        ):
            renderable = _plain_titles(renderable)
        search = _UNSAFE_IN_SEGMENT.search
        if isinstance(renderable, Text) and search(renderable.plain):
            renderable = _clean_text(renderable)
        for segment in super().render(renderable, options):
            if segment.control is None and search(segment.text):
                yield Segment(_clean(segment.text), segment.style)
            else:
                yield segment


def _plain_titles(panel: Panel) -> Panel:
    panel = copy.copy(panel)
    if isinstance(panel.title, str):
        panel.title = Text(panel.title)
    if isinstance(panel.subtitle, str):
        panel.subtitle = Text(panel.subtitle)
    return panel
