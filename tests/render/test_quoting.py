"""A passage that has quotation marks of its own, wrapped in curly double quotes: its own
become single curly ones, opening and closing the right way, apostrophes untouched; never a
doubled closing quote (`mid-October."”`), on any page (issue 15)."""

from __future__ import annotations

import html
import re

import pytest

from generator.render.markdown_text import attribute, nest_quotes, quoted, quoted_text
from tests.render.pages_text import content, every_page, normal, pages, passages

PAGES = list(every_page())
IDS = [f"{name}:{path}" for name, path in PAGES]
_TITLE = re.compile(r'(?<=[ )])(?:title=)?"([^"]*)"')
"""A link's or an HTML element's title (a quotation in it is '&quot;'), and attributes."""
DOUBLED = ('"”', '”"', "““", "””", "&quot;”", "”&quot;")


def test_inner_double_quotes_become_single_ones() -> None:
    assert quoted_text('He said, "We suspect it."') == "“He said, ‘We suspect it.’”"
    assert quoted_text('"We are yet," he added.') == "“‘We are yet,’ he added.”"
    assert quoted_text('the ("immediate") aid') == "“the (‘immediate’) aid”"
    assert quoted_text("the “Post” said") == "“the ‘Post’ said”"
    assert quoted_text("Korea's aid, the 'so-called' plan") == "“Korea's aid, the 'so-called' plan”"
    assert nest_quotes("no quotes") == "no quotes"


def test_straight_quotes_that_mark_no_quotation_stay_as_written() -> None:
    assert nest_quotes('<a href="x">') == '<a href="x">'
    assert nest_quotes('a 12" pipe and "quoted" word') == 'a 12" pipe and ‘quoted’ word'
    assert nest_quotes('one "unclosed') == 'one "unclosed'  # no pair: no quotation known


def test_quoted_markdown_is_escaped_after_nesting() -> None:
    assert quoted('a ("b") *c*') == "“a &#40;‘b’&#41; &#42;c&#42;”"
    assert attribute(quoted_text('"x" & y')) == "“‘x’ &amp; y”"


@pytest.mark.parametrize(("name", "path"), PAGES, ids=IDS)
def test_no_doubled_quotation_marks(name: str, path: str) -> None:
    """In the text and in each tooltip (a title's own delimiting '"' is no quotation mark)."""
    markdown = pages(name)[path]
    titles = _TITLE.findall(markdown)
    text = _TITLE.sub("", markdown)
    assert not [(mark, part) for part in [text, *titles] for mark in DOUBLED if mark in part]


@pytest.mark.parametrize("name", ["example", "exercise", "civic"])
def test_every_passage_with_quotes_shows_them_nested(name: str) -> None:
    inner = [w for _, w in passages(content(name)) if any(q in w for q in '"“”')]
    shown = "\n".join(html.unescape(markdown) for markdown in pages(name).values())
    shown = " ".join(shown.split())
    for words in inner:
        assert quoted_text(words) in shown, words
    if name == "example":
        assert inner  # the example has such passages: the test is not empty


def test_the_example_kirby_passage_everywhere() -> None:
    words = (
        "“John Kirby, spokesperson for the National Security Council, asserted on Wednesday, "
        "‘We suspect that North Korea has stationed at least 3,000 soldiers in the east of "
        "Russia between early and mid-October.’”"
    )
    home = pages("example")["index.md"]
    assert words in home.split("## Notes", 1)[1]  # the note
    assert f'Council (John Kirby): {words}"' in home  # the citation's tooltip
    assert words in pages("example")["sources.md"]
    assert 'mid-October."' not in home


def test_the_content_keeps_its_own_quotes() -> None:
    """Nesting is how a page shows the words; the record keeps them as written."""
    record = content("example").ids["kirby-3000-east"].record
    assert '"We suspect' in record.quote and "‘" not in record.quote
    assert normal(record.quote) == normal(nest_quotes(record.quote))
