"""Plans as documents: names are text in Markdown and HTML, and only http(s) and mailto URLs become links.

The Markdown is checked by rendering it with markdown-it-py (CommonMark, as rich installs it) and the
HTML with the standard library's parser: what matters is what a reader's tool makes of the document.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from poladder.render.markup import link_target
from poladder.render.markup import md as _md
from poladder.render.markup import md_item as _md_item

markdown_it = pytest.importorskip("markdown_it")

NAME = "Eve <script>alert(1)</script> # *x* _y_ `z` [a](javascript:b) ![i](x) | c | ~~d~~ &amp; \\ $m$ <!--"
HEADING = "# heading\n## two\n- item\n> quote\n```\ncode\n1. one"

URLS = {
    "ok-https": ("https://ok.example/path?q=1&r=2#frag", True),
    "ok-http": ("HTTP://ok.example", True),
    "ok-mail": ("mailto:someone@ok.example", True),
    "ok-parens": ("https://ok.example/a_(b)<c>'d'", True),
    "js": ("javascript:alert(1)", False),
    "js-case": ("JaVaScRiPt:alert(1)", False),
    "js-space": (" javascript:alert(1)", False),
    "js-tab": ("java\tscript:alert(1)", False),
    "js-newline": ("java\nscript:alert(1)", False),
    "js-control": ("\x01javascript:alert(1)", False),
    "js-entity": ("&#106;avascript:alert(1)", False),
    "data": ("data:text/html,<script>alert(1)</script>", False),
    "vbscript": ("vbscript:msgbox(1)", False),
    "relative": ("/local/page", False),
    "protocol-relative": ("//evil.example/x", False),
    "no-slashes": ("https:evil.example", False),
    "no-host": ("https:///path", False),
    "space": ("https://ok.example/a b", False),
    "bidi": ("https://ok.example/\u202etxt.exe", False),
    "zero-width": ("https://ok.example/\u200bx", False),
}


def ladder(path: Path, name: str, urls: dict[str, tuple[str, bool]]) -> Path:
    certs = {key: {"name": f"{name} {key}", "provider": name, "url": url} for key, (url, _) in urls.items()}
    data = {
        "name": name,
        "version": name,
        "skills": {
            "s": {"name": name, "actions": [name, HEADING]},
            "t": {"name": HEADING, "actions": [HEADING]},
        },
        "certifications": certs,
        "roles": {
            "a": {"name": name, "rank": 1, "skills": {"s": 1}, "next": {"b": {"years": 2}}},
            "b": {
                "name": f"{name} boss",
                "rank": 2,
                "skills": {"s": 3, "t": 2},
                "certifications": list(certs),
            },
        },
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def plan(cli, tmp_path: Path, fmt: str, name: str, urls: dict[str, tuple[str, bool]]) -> str:
    kb = ladder(tmp_path / f"kb-{fmt}-{len(name)}.yaml", name, urls)
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump({"name": name, "role": "a", "skills": {"s": 1}}), encoding="utf-8")
    result = cli("plan", "-p", str(profile), "--kb", str(kb), "-t", "b", "--start", "2027-01-01", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


class Page(HTMLParser):
    """Every element and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.links: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes += [name for name, _ in attrs]
        if tag == "a":
            self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags["<!--"] += 1


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


# What the Markdown puts before an `@` that could end an address's first part: it shows nothing.
EMPTY_COMMENT = "<!---->"


def markdown_to_html(text: str) -> str:
    return str(markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text))


ALLOWED = {url for url, ok in URLS.values() if ok}
BENIGN = {key: ("https://ok.example", True) for key in URLS}


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_hostile_names_add_no_structure_and_only_safe_links_remain(cli, tmp_path, fmt):
    hostile = plan(cli, tmp_path, fmt, NAME, URLS)
    benign = plan(cli, tmp_path, fmt, "Eve", BENIGN)
    if fmt == "markdown":
        hostile, benign = markdown_to_html(hostile), markdown_to_html(benign)
    page, plain = parse(hostile), parse(benign)
    # The same elements as the plan of a harmless ladder: no script, heading, list, emphasis or comment
    # came from a name; links only for the URLs that are allowed.
    assert page.tags - Counter(a=len(page.links)) == plain.tags - Counter(a=len(plain.links))
    assert "script" not in page.tags and "<!--" not in page.tags
    assert not [a for a in page.attributes if a.startswith("on")]
    shown = {
        link.replace("%28", "(").replace("%29", ")").replace("%3C", "<").replace("%3E", ">")
        for link in page.links
    }
    assert {s.replace("%27", "'") for s in shown} == ALLOWED
    text = " ".join(page.text)
    assert NAME in text  # the name, as written
    assert "javascript:alert(1)" in text  # a refused URL is shown as text


def test_markdown_links_encode_what_would_end_the_destination():
    from poladder.render.markup import md_link as _md_link

    assert _md_link("x", "https://ok.example/a_(b)<c>") == "[x](https://ok.example/a_%28b%29%3Cc%3E)"
    assert _md_link("x", "javascript:alert(1)") == "x (javascript\\:alert(1))"
    assert _md_link("# x", None) == "\\# x"


@pytest.mark.parametrize(("key", "url", "ok"), [(k, u, ok) for k, (u, ok) in URLS.items()], ids=list(URLS))
def test_link_policy(key, url, ok):
    assert (link_target(url) is not None) is ok


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_text_renders_as_itself_in_markdown(text):
    from poladder.render import printable

    rendered = markdown_to_html(f"x {_md(text)} y").replace(EMPTY_COMMENT, "")
    shown = printable(" ".join(text.split()))
    expected = html.escape(shown, quote=False).replace('"', "&quot;")
    assert rendered == f"<p>x {expected} y</p>\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_starting_a_list_item_stays_its_text(text):
    from poladder.render import printable

    shown = printable(" ".join(text.split()))
    assume(shown)  # an empty name makes an empty item
    rendered = markdown_to_html(f"1. {_md_item(text)} — x").replace(EMPTY_COMMENT, "")
    expected = html.escape(shown, quote=False).replace('"', "&quot;")
    assert rendered == f"<ol>\n<li>{expected} — x</li>\n</ol>\n"


def test_what_github_would_link_or_turn_into_emoji_is_broken_up():
    assert _md("www.evil.example") == "www\\.evil.example"
    assert _md("see https://evil.example") == "see https\\://evil.example"
    assert _md("mail a@evil.example :smile:") == "mail a<!---->@evil.example \\:smile\\:"
    assert _md("@ann, a @ b") == "\\@ann, a \\@ b"  # no address can end there: escaped only
    assert _md("Scrum.org (A-CSPO) 2026.11, one-page") == "Scrum.org (A-CSPO) 2026.11, one-page"


ADDRESSES = [
    "ann@example.com",
    "mailto:ann@example.com",
    "xmpp:ann@example.com/phone",
    "Ann.B_c+d-e@mail.example.org",
    "www.evil.example",
    "WWW.evil.example/path",
    "https://evil.example",
    "see http://evil.example and ftp://x.example",
    "(www.evil.example)",
    "*ann@example.com*",
]


def gfm_autolinks(markdown: str) -> list[str]:
    """What GitHub's extended autolinks (cmark-gfm) would make links of in `markdown`, by their rules:
    `www.` and a scheme's `://` are found while parsing, so only where they stand unescaped in the
    source; an address is found afterwards in each run of text, escapes and entities already undone,
    so an HTML comment (which ends a run) is the only thing that keeps its parts apart."""
    found = re.findall(r"(?i)(?:^|[\s*_~(])(www\.[a-z0-9_-]+\.[a-z0-9])", markdown)
    found += re.findall(r"(?i)[a-z][a-z0-9+.-]*:(?://)[a-z0-9_-]", markdown)
    for run in markdown.split(EMPTY_COMMENT):
        text = html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", run))
        found += re.findall(r"[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+", text)
    return found


@pytest.mark.parametrize("text", ADDRESSES)
def test_no_address_or_web_name_in_data_becomes_a_link_on_github(text):
    assert gfm_autolinks(text), "the check finds what GitHub links"
    for rendered in (_md(text), _md_item(text), _md(f"write to {text} today")):
        assert gfm_autolinks(rendered) == [], rendered
        assert markdown_to_html(rendered).count("<a ") == 0


def test_github_itself_makes_no_link_of_an_address_in_a_plan(cli, tmp_path):
    """With GitHub's own renderer (cmark-gfm, through cmarkgfm) where it is installed."""
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (GitHub's renderer) is not installed")
    text = plan(cli, tmp_path, "markdown", "Ann ann@example.com mailto:b@example.com www.x.example", BENIGN)
    rendered = cmarkgfm.github_flavored_markdown_to_html(text)
    assert "mailto:" not in rendered.replace("mailto:b", "") and 'href="http://www.x' not in rendered
    assert rendered.count("<a ") == len(BENIGN)  # only the certifications' own links
