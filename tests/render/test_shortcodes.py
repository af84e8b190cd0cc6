"""Facts cited from hand-written Markdown: ``[@id]``, ``[@a; @b]``, ``[=id]``
(generator/render/shortcodes.py), on the fictional exercise's facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.model import Estimate
from generator.pipeline import load
from generator.render.page_helpers import PageHelpers
from generator.render.shortcodes import Shortcodes, split_front_matter
from generator.render.site import build_site

EXERCISE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"
PROJECTED = "bmd-2000-projected"
QUOTE = "The Borvian Ministry of Defence believes Arland may send up to 2,000 marines in all."
TIP = f"According to Borvian Ministry of Defence: “{QUOTE}”"


@pytest.fixture(scope="module")
def shortcodes() -> Shortcodes:
    content = load(EXERCISE)
    site = build_site(content)
    return Shortcodes(content, site.index, site.developments)


def expand(shortcodes: Shortcodes, markdown: str, path: str = "notes.md") -> str:
    expanded = shortcodes.expand(markdown, path, f"docs/{path}")
    assert expanded.problems == []
    return expanded.markdown


def test_one_id_is_the_citation_generated_pages_write(shortcodes: Shortcodes) -> None:
    text = expand(shortcodes, "The ministry expects more [@bmd-2000-projected].\n")
    cite = f'[[1]](sources.md#ev-{PROJECTED} "{TIP}"){{: .cite }}'
    assert text.startswith(f"The ministry expects more {cite}.\n")
    # The same Markdown as the helper every template cites with, for a page at that path.
    helpers = PageHelpers(shortcodes.content, shortcodes.index, "notes.md")
    record = shortcodes.content.ids[PROJECTED].record
    assert isinstance(record, Estimate)
    assert helpers.cite(record) == cite
    # And the page's endnotes, numbered as its citations, at its end, under their document.
    assert text.endswith(
        "## Notes\n\nFrom [S3](sources.md#bulletin-3) (“GREY HARBOUR bulletin 3 &#40;fictional"
        "&#41;”, 15 Mar 2030):\n\n1. According to [Borvian Ministry of Defence (BMD)]"
        f"(sources.md#borvian-mod): “{QUOTE}” ([up to 2,000 projected total &#40;BMD&#41;]"
        f"(sources.md#ev-{PROJECTED}))\n"
    )


def test_several_ids_are_numbered_in_order_and_a_repeat_keeps_its_number(
    shortcodes: Shortcodes,
) -> None:
    text = expand(
        shortcodes,
        "Two [@bmd-2000-projected;\n@con-hundreds-in-kell], again [@con-hundreds-in-kell].",
    )
    first, notes = text.split("## Notes")
    assert first.count("[[1]](sources.md#ev-bmd-2000-projected") == 1
    assert first.count("[[2]](sources.md#ev-con-hundreds-in-kell") == 2
    assert "[[3]]" not in first
    # Two notes, each under its own document; the second list goes on from 2.
    assert notes.count("\n1. According to") == 1 and notes.count('start="2"') == 1
    assert notes.count("<li markdown>") == 1 and 'start="3"' not in notes


def test_links_start_from_the_pages_folder(shortcodes: Shortcodes) -> None:
    text = expand(
        shortcodes, "[@bmd-2000-projected] [=bmd-2000-projected]", "analysis/deep/notes.md"
    )
    assert f"](../../sources.md#ev-{PROJECTED} " in text
    assert f"](../../deployments/arland-marines-in-borvia.md#{PROJECTED})" in text
    assert "](sources.md" not in text and "](deployments/" not in text


def test_a_figure_shows_as_the_site_writes_it_linked_and_cited(shortcodes: Shortcodes) -> None:
    text = expand(shortcodes, "Borvia expects [=bmd-2000-projected].")
    figure = "up to 2,000 projected total &#40;BMD&#41;"
    link = f"[{figure}](deployments/arland-marines-in-borvia.md#{PROJECTED})"
    hedge = " (“may”)"
    cite = f' [[1]](sources.md#ev-{PROJECTED} "{TIP}"){{: .cite }}'
    assert text.startswith(f"Borvia expects {link}{hedge}{cite}.")


def test_a_figure_no_longer_current_says_so(shortcodes: Shortcodes) -> None:
    text = expand(shortcodes, "[=con-hundreds-in-kell]")
    assert text.startswith(
        "[“hundreds” &#40;200–999&#41; present in the port of Kell &#40;CON&#41;]"
    )
    assert " (not current: superseded by [about 1,200 present in Kell &#40;CON&#41;](" in text


def test_a_stage_shows_its_status_now_cited_by_the_passage_that_gives_it(
    shortcodes: Shortcodes,
) -> None:
    text = expand(shortcodes, "[=assembly-approval]")
    assert text.startswith(
        "[Approval by the Borvian Assembly](treaties/kell-harbour-agreement.md#assembly-approval)"
        " **done** [[1]](sources.md#ev-assembly-approval--bulletin-2 "
    )
    # The later report of that status is cited too, as on the treaty page.
    assert "[[2]](sources.md#ev-assembly-approval--bulletin-3 " in text
    assert "yet to approve" not in text  # the first, pending, status's words are not cited


def test_code_comments_links_and_escapes_are_left_alone(shortcodes: Shortcodes) -> None:
    markdown = (
        "Inline `[@no-such-fact]` and ``a `[@no-such-fact]` b``.\n"
        "Escaped \\[@no-such-fact] and \\[=no-such-fact].\n"
        "A link [@no-such-fact](https://example.org) and [@no-such-fact][ref].\n"
        "<!-- [@no-such-fact] -->\n"
        "\n"
        "```\n[@no-such-fact]\n```\n"
        "\n"
        "    ~~~~ text\n    [=no-such-fact]\n    ~~~~\n"
        "Emphasis [==mark==] and [@] and [= x] stay text.\n"
        "\n"
        "[@no-such-fact]: https://example.org\n"
    )
    expanded = shortcodes.expand(markdown, "notes.md", "docs/notes.md")
    assert expanded.problems == []
    assert expanded.markdown == markdown  # nothing cited: no endnotes either


def test_an_escaped_backslash_does_not_escape_the_citation(shortcodes: Shortcodes) -> None:
    text = expand(shortcodes, "\\\\[@bmd-2000-projected]")
    assert text.startswith("\\\\[[1]](sources.md#ev-bmd-2000-projected ")


def test_unknown_ids_are_problems_at_their_line_and_column_with_the_closest_id(
    shortcodes: Shortcodes,
) -> None:
    markdown = "# Notes\n\nAs said [@bmd-2000-projectd].\n\n`[@x]` then [@arland; @zzzz-qqqq]\n"
    expanded = shortcodes.expand(markdown, "notes.md", "docs/notes.md", first_line=4)
    assert [p.format() for p in expanded.problems] == [
        "docs/notes.md:6:11: error: unknown fact id 'bmd-2000-projectd' (hint: did you mean"
        " 'bmd-2000-projected'?; to write it as text, escape the bracket: \\[)",
        "docs/notes.md:8:24: error: unknown fact id 'zzzz-qqqq' (hint: no fact has an id like"
        " it; to write it as text, escape the bracket: \\[)",
    ]
    assert shortcodes.problems(markdown, "docs/notes.md", 4) == expanded.problems
    # A preview shows each where it was written; the good citation is still written.
    assert "**briefing&#58; unknown fact id 'bmd-2000-projectd'" in expanded.markdown
    assert "[Arland](sources.md#arland)" not in expanded.markdown  # the whole shortcode


def test_a_shortcode_that_cannot_be_read_is_a_problem(shortcodes: Shortcodes) -> None:
    problems = shortcodes.problems("[@arland, @observers] and [=arland; =observers]", "n.md")
    assert [(p.column, p.message) for p in problems] == [
        (1, "cannot read '[@arland, @observers]' as a citation of facts"),
        (27, "cannot read '[=arland; =observers]' as a citation of facts"),
    ]
    assert "write [@id], [@id; @other] or [=id]" in problems[0].hint


def test_a_file_keeps_its_front_matter_and_counts_lines_from_the_top(
    shortcodes: Shortcodes,
) -> None:
    source = "---\ntitle: Notes\n---\n\nSee [@bmd-2000-projected].\n"
    head, body, line = split_front_matter(source)
    assert (head + body, line) == (source, 5)
    written = shortcodes.expand_file(source, "notes.md", "docs/notes.md")
    assert written.startswith("---\ntitle: Notes\n---\n\nSee [[1]](sources.md#ev-")
    with pytest.raises(ContentError) as caught:
        shortcodes.expand_file(source.replace("projected", "projectd"), "notes.md", "docs/notes.md")
    assert [(p.path, p.line, p.column) for p in caught.value.problems] == [("docs/notes.md", 5, 7)]
