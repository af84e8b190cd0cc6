"""generator.markdown_text.escape: fact text renders as exactly itself, and nothing else."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest

from generator.render.markdown_text import Md, attribute, escape, finalize

SITE_EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]
# Material's usual extras: escaped text must stay inert even if a site turns them on.
MATERIAL_EXTRAS = [
    *SITE_EXTENSIONS,
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.keys",
    "pymdownx.emoji",
    "pymdownx.snippets",
    "pymdownx.arithmatex",
]

CASES = {
    "<script>alert(1)</script>": "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;",
    "{{ 7*7 }}": "&#123;&#123; 7&#42;7 &#125;&#125;",
    "**bold**": "&#42;&#42;bold&#42;&#42;",
    "[x](javascript:alert(1))": "&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41;",
    "# heading": "&#35; heading",
    "- item": "&#45; item",
    "1. item": "1&#46; item",
    "A | B": "A &#124; B",
    "trailing\\": "trailing&#92;",
    "AT&T &amp; partners": "AT&#38;T &#38;amp; partners",
    ":emoji:": "&#58;emoji&#58;",
    "==mark==": "&#61;&#61;mark&#61;&#61;",
    '--8<-- ".env"': '&#45;&#45;8&#60;-- ".env"',
    "+ item": "&#43; item",
    "* item": "&#42; item",
    "> quote": "&#62; quote",
    "1) item": "1&#41; item",
    "---": "&#45;&#45;&#45;",
    "__init__": "&#95;&#95;init&#95;&#95;",
    "`code`": "&#96;code&#96;",
    "<!-- hidden -->": "&#60;&#33;-- hidden --&#62;",
    "<https://example.org>": "&#60;https&#58;//example.org&#62;",
    "~~del~~ ^^ins^^ ++ctrl+alt++ $x$": (
        "&#126;&#126;del&#126;&#126; &#94;&#94;ins&#94;&#94; "
        "&#43;&#43;ctrl&#43;alt&#43;&#43; &#36;x&#36;"
    ),
    "text {: #id .class }": "text &#123;&#58; &#35;id .class &#125;",
    "-1.5 degrees": "&#45;1&#46;5 degrees",
    "Kursk": "Kursk",
}


@pytest.mark.parametrize(("text", "expected"), CASES.items(), ids=range(len(CASES)))
def test_escape_exact(text: str, expected: str) -> None:
    escaped = escape(text)
    assert escaped == expected
    assert isinstance(escaped, Md)


class Shape(HTMLParser):
    """Tags, text and anything else (comments, declarations) of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if attrs:
            self.other.append(f"attributes on <{tag}>: {attrs}")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data!r}")


def shape(fragment: str) -> Shape:
    parser = Shape()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.parametrize("extensions", [SITE_EXTENSIONS, MATERIAL_EXTRAS], ids=["site", "extras"])
@pytest.mark.parametrize("text", CASES.keys(), ids=range(len(CASES)))
def test_escaped_text_renders_literally_in_paragraph(text: str, extensions: list[str]) -> None:
    rendered = markdown.markdown(escape(text), extensions=extensions)
    found = shape(rendered)
    assert found.tags == ["p"], rendered
    assert found.other == []
    assert found.text == [text]


@pytest.mark.parametrize("extensions", [SITE_EXTENSIONS, MATERIAL_EXTRAS], ids=["site", "extras"])
@pytest.mark.parametrize("text", CASES.keys(), ids=range(len(CASES)))
def test_escaped_text_renders_literally_in_table_cell(text: str, extensions: list[str]) -> None:
    source = f"| Claim | Source |\n| --- | --- |\n| {escape(text)} | S1 |\n"
    rendered = markdown.markdown(source, extensions=extensions)
    found = shape(rendered)
    assert found.tags == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"], rendered
    assert found.other == []
    assert found.text == ["Claim", "Source", text, "S1"]


def test_whitespace_and_newlines_collapse_to_one_line() -> None:
    escaped = escape("  two\n\nparagraphs\tand    code  ")
    assert escaped == "two paragraphs and code"
    assert shape(markdown.markdown(escaped, extensions=SITE_EXTENSIONS)).tags == ["p"]


def test_leading_digits_only_escape_dots_and_hyphens() -> None:
    assert escape("2024. A year") == "2024&#46; A year"
    assert escape("10-15 soldiers") == "10&#45;15 soldiers"
    assert escape("about 1.5 km - far") == "about 1.5 km - far"


def test_markdown_from_helpers_passes_through() -> None:
    link = Md("[**x**](a.md)")
    assert escape(link) is link
    assert finalize(link) is link
    assert finalize(3000) == 3000
    assert finalize("<b>") == "&#60;b&#62;"
    assert escape(1500) == "1500"


def test_attribute_escapes_quotes_and_angle_brackets() -> None:
    value = 'He said "<go>" & left'
    assert attribute(value) == "He said &quot;&lt;go&gt;&quot; &amp; left"
    assert html.unescape(attribute(value)) == value
