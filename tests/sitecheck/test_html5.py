"""The check parses as a browser does (WHATWG, scripting on): the four payloads that ran in
Chromium past the old html.parser scan (it finds nothing in any of them), in the check, in
a hand-written page and in facts.

The browser side of the same payloads is tests/browser/test_payloads.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.sitecheck.page import ScanPolicy, scan_html
from generator.sitecheck.source import SourceTags
from tests.plugin.test_build import build, copy_project
from tests.sitecheck.test_integrity import briefing_build

PAYLOADS = {
    # Raw text to a browser up to the first </noscript>, even inside the attribute: the
    # <img> is live. html.parser (and a parser with scripting off) sees one harmless <p>.
    "noscript": '<noscript><p title="</noscript><img src=# onerror={run}>"></noscript>',
    "noembed": '<noembed><p title="</noembed><img src=# onerror={run}>"></noembed>',
    "noframes": '<noframes><p title="</noframes><img src=# onerror={run}>"></noframes>',
    # --!> closes a comment in browsers; html.parser of Python 3.11.7 reads on to -->.
    "comment": "<!-- --!><img src=# onerror={run}> -->",
}
ELEMENT = {
    "noscript": "<noscript> is read as markup with scripting off and as text with it on",
    "noembed": "<noembed> holds raw text up to the first </noembed>, even one inside an attribute",
    "noframes": "<noframes> holds raw text up to the first </noframes>, even one inside an "
    "attribute",
}
HANDLER = "event handler attribute onerror= on <img>"


def payload(kind: str, flag: str) -> str:
    """The payload, its handler setting ``window.<flag>`` (what a browser test looks for)."""
    return PAYLOADS[kind].format(run=f"window.{flag}=1")


def at(text: str, needle: str | int) -> str:
    """``line:column`` of the first ``needle`` in ``text`` (or of an offset)."""
    index = needle if isinstance(needle, int) else text.index(needle)
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def page(body: str, title: str = "Sources - Site") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def found(html: str, policy: ScanPolicy | None = None) -> list[str]:
    return [p.format() for p in scan_html(html, "sources/index.html", policy)]


# --- the check on strings ------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_each_payload_is_refused_where_it_is(kind: str) -> None:
    html = page("<p>Before</p>\n" + payload(kind, "__x"))
    expected = [
        f"sources/index.html:{at(html, '<img')}: error: {HANDLER} (hint: no on* attributes)"
    ]
    if kind in ELEMENT:
        element = f"sources/index.html:{at(html, '<no')}: error: {ELEMENT[kind]}"
        expected.insert(0, element + " (hint: the theme never emits it)")
    assert found(html) == expected


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<xmp><b>x</b></xmp>", "<xmp> holds raw text up to the first </xmp>"),
        ("<plaintext><a href=javascript:x>", "<plaintext> turns the rest of the page into text"),
        ("<template shadowrootmode=open><img src=# onerror=x></template>", "<template> keeps"),
        ("<NOSCRIPT>x</NOSCRIPT>", "<noscript> is read as markup"),
    ],
)
def test_elements_that_readers_read_differently_are_refused(markup: str, message: str) -> None:
    problems = found(page("<p>x</p>" + markup))
    assert len(problems) == 1
    assert problems[0].startswith(f"sources/index.html:1:{page('').index('</body>') + 9}: ")
    assert message in problems[0]


@pytest.mark.parametrize(
    ("markup", "name"),
    [
        ("<p onclick>", "onclick"),
        ('<p on"x=1>', 'on"x'),
        ("<p/ONCLICK=1>", "onclick"),
        ("<math><mi onclick=1>x</mi></math>", "onclick"),
        ("<svg><a onfocusin='x'><text>t</text></a></svg>", "onfocusin"),
    ],
)
def test_every_on_attribute_is_found(markup: str, name: str) -> None:
    """They are looked for in the parser's serialisation first: none may slip past it."""
    problems = found(page(markup))
    assert len(problems) == 1 and f"event handler attribute {name}= on <" in problems[0]


def test_a_second_body_tag_is_found_where_its_handler_is() -> None:
    """The parser moves the attribute onto the first <body>; the position stays on the tag
    that carried it."""
    html = page('<p>x</p>\n<body onload="alert(1)">')
    assert found(html) == [
        "sources/index.html:2:1: error: event handler attribute onload= on <body> "
        "(hint: no on* attributes)"
    ]


def test_an_element_moved_out_of_a_table_keeps_its_position() -> None:
    html = page('<table><tr><td>a</td></tr><a href="#" onclick="x">moved</a></table>')
    assert found(html) == [
        f"sources/index.html:1:{html.index('<a ') + 1}: error: event handler attribute "
        "onclick= on <a> (hint: no on* attributes)"
    ]


def test_tags_inside_comments_scripts_and_attributes_are_not_taken_for_the_element() -> None:
    script = '<script>var s="<img onerror=1>"</script>'
    html = page(f'<!-- <img onerror=1> --><p title="<img onerror=1>">{script}<img onerror=x>')
    assert found(html) == [
        f"sources/index.html:{at(html, '<script')}: error: inline <script> that is not one of "
        "the theme's own: 'var s=\"<img onerror=1>\"' (hint: fact text must never produce a "
        "script)",
        f"sources/index.html:{at(html, html.rindex('<img'))}: error: {HANDLER} "
        "(hint: no on* attributes)",
    ]


def test_an_escaped_script_runs_to_the_end_of_the_page() -> None:
    """In a script, <!-- then <script makes the next </script> end only the inner one."""
    html = page("<script><!--<script></script>alert(1)")
    assert found(html) == [f"sources/index.html:{at(html, '<script')}: error: unclosed <script>"]
    html = page("<script><!-- x --></script>")
    assert found(html) == [
        f"sources/index.html:{at(html, '<script')}: error: inline <script> that is not one of "
        "the theme's own: '<!-- x -->' (hint: fact text must never produce a script)"
    ]


def test_source_positions_follow_the_tokenizer() -> None:
    text = "<P ID=a>\n<svg><style><b id=b></b></style></svg>\n<style><b id=c></style><image id=d>"
    source = SourceTags(text)
    assert source.position("p", "id", "a") == (1, 1)
    assert source.position("b", "id", "b") == (2, 13)  # SVG's <style> holds markup
    assert source.position("b", "id", "c") == (2, 13)  # HTML's does not: only b=b is a tag
    assert source.position("img", "id", "d") == (3, 24)  # <image> is built as <img>
    assert source.position("table") == (1, 1)


# --- a hand-written page and facts, built for real --------------------------------------------


def _with_page(project: Path, name: str, body: str) -> None:
    (project / "docs" / name).write_text(body, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + f"\nnot_in_nav: |\n  /{name}\n", encoding="utf-8")


def hand_written(project: Path) -> Path:
    """The example project with the four payloads in a Markdown page (raw HTML) under docs/."""
    blocks = [payload(kind, f"__page_{kind}") for kind in sorted(PAYLOADS)]
    # A comment is passed on only inside an HTML block (Python-Markdown writes it anew).
    blocks = [f"<div>\n{b}\n</div>" if b.startswith("<!--") else b for b in blocks]
    _with_page(project, "payloads.md", "# Payloads\n\n" + "\n\n".join(blocks) + "\n")
    return project


def test_a_hand_written_page_with_the_payloads_fails_the_build_at_each(tmp_path: Path) -> None:
    project = hand_written(copy_project(tmp_path))
    result = build(project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # MkDocs wrote the page before the check refused it: the positions are in that file.
    html = (project / "site" / "payloads" / "index.html").read_text(encoding="utf-8")
    for kind in sorted(PAYLOADS):
        img = html.rindex("<img", 0, html.index(f"window.__page_{kind}"))
        assert f"site/payloads/index.html:{at(html, img)}: error: {HANDLER}" in result.stderr
        if kind in ELEMENT:
            line = f"site/payloads/index.html:{at(html, f'<{kind}>')}: error: {ELEMENT[kind]}"
            assert line in result.stderr, kind
    assert "7 problems found in the built site." in result.stderr


def test_a_hand_written_html_file_with_the_payloads_fails_the_build(tmp_path: Path) -> None:
    """docs/*.html is copied as it is (Markdown rewrites no comment): the check reads it."""
    project = copy_project(tmp_path)
    text = page("\n".join(payload(kind, f"__file_{kind}") for kind in sorted(PAYLOADS)))
    (project / "docs" / "raw.html").write_text(text, encoding="utf-8")
    result = briefing_build(project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for kind in sorted(PAYLOADS):
        img = text.rindex("<img", 0, text.index(f"window.__file_{kind}"))
        assert f"site/raw.html:{at(text, img)}: error: {HANDLER}" in result.stderr
        if kind in ELEMENT:
            assert f"site/raw.html:{at(text, f'<{kind}>')}: error: {ELEMENT[kind]}" in result.stderr
    assert "7 problems found in the built site." in result.stderr


def in_facts(project: Path) -> Path:
    """The example project with the four payloads in fact values (content/payloads.yaml)."""
    text = {kind: payload(kind, f"__fact_{kind}").replace("'", "''") for kind in PAYLOADS}
    (project / "content" / "payloads.yaml").write_text(
        "documents:\n  - id: payload-doc\n    title: A document whose publisher is a payload\n"
        f"    publisher: '{text['noscript']}'\n    published: 2024-10-24\n"
        "actors:\n  - id: payload-actor\n    name: An actor whose role is a payload\n"
        f"    kind: group\n    role: '{text['noembed']}'\n"
        "reactions:\n  - id: payload-reaction\n    actor: payload-actor\n    kind: statement\n"
        f"    summary: '{text['noframes']}'\n    document: payload-doc\n"
        f"    quote: '{text['comment']}'\n",
        encoding="utf-8",
    )
    return project


def test_payloads_in_facts_pass_the_check_and_show_as_text(tmp_path: Path) -> None:
    project = in_facts(copy_project(tmp_path))
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    assert "all checks passed" in result.stdout
    shown = ""
    for name in ("reactions/index.html", "sources/index.html"):
        tree = LexborHTMLParser((project / "site" / name).read_text(), scripting=True)
        assert [n for n in tree.css("img") if "onerror" in n.attributes] == [], name
        assert tree.css("noscript, noembed, noframes") == [], name
        shown += tree.body.text() if tree.body else ""
    for kind in sorted(PAYLOADS):
        assert payload(kind, f"__fact_{kind}") in shown, kind
