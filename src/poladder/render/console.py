"""The console every rich view prints through: strings from data are shown as text, never as markup
or control codes, whichever view they are in and however deep in it.

`SafeConsole` does it at the two places rich itself funnels everything through, so a view only has to
put data in as `str` or `Text` (never as markup it builds itself):

- `render_str`, where rich turns every `str` into `Text` (print arguments, table cells, headers and
  titles, tree labels): markup and emoji codes are always off, so `Senior [/x]` prints as written and
  `[link=...]` stays text instead of becoming a hidden link. rich's Panel reads a `str` title as
  markup on its own, so a panel's str title and subtitle become `Text` when the panel is rendered.
- `render`, which every renderable goes through, nested ones included (a table in a panel in a
  group): each text segment loses the characters `poladder.render` lists (all but the newline, which
  is layout). rich counts them as zero cells wide, so removing them after layout changes no width.
  rich's own control segments (cursor moves of a progress bar) are left alone, and colours are added
  after this, from styles, so they are untouched too.

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

from poladder.render import UNSAFE_BUT_NEWLINE

_UNSAFE_IN_SEGMENT = re.compile(f"[{UNSAFE_BUT_NEWLINE}]")


class SafeConsole(Console):
    """A rich Console for data from anywhere: no markup, no emoji codes, no control characters."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**{"highlight": False, **options, "markup": False, "emoji": False})

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
            text,
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
        search, strip = _UNSAFE_IN_SEGMENT.search, _UNSAFE_IN_SEGMENT.sub
        for segment in super().render(renderable, options):
            if segment.control is None and search(segment.text):
                yield Segment(strip("", segment.text), segment.style)
            else:
                yield segment


def _plain_titles(panel: Panel) -> Panel:
    panel = copy.copy(panel)
    if isinstance(panel.title, str):
        panel.title = Text(panel.title)
    if isinstance(panel.subtitle, str):
        panel.subtitle = Text(panel.subtitle)
    return panel
