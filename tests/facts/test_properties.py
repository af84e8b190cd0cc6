"""Property tests (Hypothesis): any text shows as typed, any valid fact set builds, any
bytes give facts or our own problem list. Derandomized, so every run tries the same
examples; `--hypothesis-seed` or a changed strategy explores others."""

from __future__ import annotations

import datetime as dt
import html
import json
import tempfile
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError, Problem
from generator.facts.loader import FactFile, fact_paths, parse_text, read_file
from generator.facts.validate import build_content
from generator.pipeline import generate
from generator.render.markdown_text import attribute, escape
from tests.conftest import REPORT_CONTENT

REPO = Path(__file__).resolve().parents[2]
# Fixed examples (derandomize), no example database written into the work tree. About
# 2,700 examples in all: many where one takes a millisecond, fewer where it takes fifty.
_BASE = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CHEAP = settings(_BASE, max_examples=1000)
FAST = settings(_BASE, max_examples=400)
SLOW = settings(_BASE, max_examples=80)
EDITED = settings(_BASE, max_examples=200)

# --- text: biased toward syntax, and the issue's strings --------------------------------

SYNTAX = "<>&{}[]()*_^=~|#!-:`\\\"' $+.%;/\n\t"
ISSUE_STRINGS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<!--",
    "javascript:alert(1)",
    "JaVaScRiPt&#58;",
    "java\tscript:",
    "data:text/html,x",
    '{: onclick="alert(1)" }',
    "\n# heading",
    "- item",
    "1. item",
    "---",
    "!!! danger",
    "```",
    "~~~",
    "    code",
    "> quote",
    "[home]: javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![i](x.png)",
    "<https://example.org>",
    "==mark==",
    "^^ins^^",
    "~~del~~",
    "++ctrl+alt++",
    ":smile:",
    "$x^2$",
    "[^1]",
    "[^1]: note",
    "*[HTML]: HyperText",
    '--8<-- ".env"',
    "A | B",
    "trailing\\",
    "{{ 7*7 }}",
    "{% raw %}",
    "{% endraw %}",
    "AT&T &amp; partners",
    "&#60;b&#62;",
    "&lt",
    "</title><script>alert(1)</script>",
    "\\|",
    "__init__",
    "**bold**",
    "NO",
    "1.10",
]
# What the loader lets through: no controls (but tab and newline), no invisible format
# characters, no surrogates or private use, no line/paragraph separators.
PLAIN_CHARS = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp"), blacklist_characters="\ufffe"
)
PIECES = st.one_of(
    st.sampled_from(ISSUE_STRINGS),
    st.text(alphabet=SYNTAX, min_size=1, max_size=6),
    st.text(alphabet=PLAIN_CHARS, min_size=1, max_size=4),
    st.sampled_from(["a", "Kursk", "1500", "é", "北京", " "]),
)
TEXT = st.lists(PIECES, min_size=1, max_size=7).map("".join).filter(lambda s: s.strip() != "")


@cache
def site_extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions of the site, as MkDocs passes them (with its built-ins)."""

    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Lenient)
    names = ["toc", "tables", "fenced_code"]
    configs: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        name, options = (entry, None) if isinstance(entry, str) else next(iter(entry.items()))
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


def render(source: str) -> str:
    names, configs = site_extensions()
    return markdown.markdown(source, extensions=names, extension_configs=configs)


class Shape(HTMLParser):
    """Tags, attributes, text and anything else of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown declaration {data!r}")


def shape(fragment: str) -> Shape:
    parser = Shape()
    parser.feed(fragment)
    parser.close()
    return parser


def one_line(text: str) -> str:
    return " ".join(text.split())


@FAST
@given(TEXT)
def test_escaped_text_shows_exactly_as_typed(text: str) -> None:
    """In a paragraph, a table cell, a heading with an id, and a link's tooltip."""
    want = one_line(text)

    paragraph = shape(render(escape(text)))
    assert [t for t, _ in paragraph.tags] == ["p"] and paragraph.other == []
    assert "".join(paragraph.text) == want

    row = f"| Claim | Source |\n| --- | --- |\n| {escape(text)} | S1 |\n"
    table = shape(render(row))
    assert [t for t, _ in table.tags] == ["table", "thead", "tr", "th", "th", "tbody", "tr"] + [
        "td",
        "td",
    ]
    assert one_line(" ".join(table.text)) == one_line(f"Claim Source {want} S1")

    heading = shape(render(f"### {escape(text)} {{: #fact-id }}"))
    assert heading.tags[0] == ("h3", {"id": "fact-id"})
    assert [t for t, _ in heading.tags[1:]] == ["a"]  # the permalink, and nothing else
    assert one_line("".join(heading.text)).removesuffix("¶").strip() == want

    cite = f'| x | [[1]](sources.md#ev-x "{attribute(text)}"){{: .cite }} |'
    link = shape(render(f"| a | b |\n| --- | --- |\n{cite}\n"))
    anchors = [attrs for tag, attrs in link.tags if tag == "a"]
    assert anchors == [{"href": "sources.md#ev-x", "title": want, "class": "cite"}]


@pytest.mark.parametrize(
    "value", ["'", "'x y'", ":'')", "a ' )", "a | b", "`c`", "\\|", 'say "<go>" & left']
)
def test_attribute_is_a_whole_link_title(value: str) -> None:
    """Examples Hypothesis found, or might: quotes and ')' that end a title early."""
    assert html.unescape(attribute(value)) == value
    found = shape(render(f'| a |\n| --- |\n| [[1]](s.md "{attribute(value)}") |\n'))
    assert [attrs for tag, attrs in found.tags if tag == "a"] == [{"href": "s.md", "title": value}]


# --- any valid fact set builds -----------------------------------------------------------

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
DAY = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 10, 25))
DATE_TEXT = st.one_of(
    DAY.map(lambda d: d.isoformat()),
    DAY.map(lambda d: d.isoformat()[:7]),
    st.just("2024"),
)
# Titles may hold neither '<' or '>' nor a character reference (see model.Title).
TITLE_PIECES = st.one_of(
    st.sampled_from([s for s in ISSUE_STRINGS if "<" not in s and ">" not in s]),
    st.text(alphabet=SYNTAX.replace("<", "").replace(">", ""), min_size=1, max_size=6),
    st.sampled_from(["a", "Kursk", "1500", "é", "北京", " "]),
)
TITLE = (
    st.lists(TITLE_PIECES, min_size=1, max_size=5)
    .map("".join)
    .filter(lambda s: s.strip() != "" and html.unescape(s) == s and len(s) <= 200)
)
WHEN = st.one_of(
    DATE_TEXT,
    st.fixed_dictionaries({"text": TEXT.filter(lambda s: "day" not in s.lower())}),
    st.fixed_dictionaries(
        {"text": st.sampled_from(["in the autumn", "recently"]), "date": DATE_TEXT}
    ),
)


@st.composite
def fact_sets(draw: Callable[..., Any]) -> dict[str, Any]:
    """A small valid content folder's facts: ids unique, every reference resolving."""
    ids = draw(st.lists(SLUG, min_size=14, max_size=14, unique=True))
    take = iter(ids).__next__
    documents = [
        {"id": take(), "title": draw(TITLE), "published": draw(DATE_TEXT)}
        for _ in range(draw(st.integers(1, 2)))
    ]
    actors = [
        {"id": take(), "name": draw(TITLE), "kind": draw(st.sampled_from(["state", "person"]))}
        for _ in range(draw(st.integers(1, 2)))
    ]

    def evidence() -> dict[str, Any]:
        return {"document": draw(st.sampled_from(documents))["id"], "quote": draw(TEXT)}

    actor_ids = [a["id"] for a in actors]
    events = [
        {"id": take(), "title": draw(TITLE), "when": draw(WHEN), **evidence()}
        for _ in range(draw(st.integers(0, 2)))
    ]
    deployments = []
    for _ in range(draw(st.integers(0, 1))):
        estimates = []
        for _ in range(draw(st.integers(0, 2))):
            value = draw(st.integers(0, 10**6))
            found = evidence()  # the quote gives the figure (checks.py)
            estimates.append(
                {
                    "id": take(),
                    "value": value,
                    "counts": draw(st.sampled_from(["sent", "present", "projected"])),
                    "originator": draw(st.sampled_from(actor_ids)),
                    **found,
                    "quote": f"{found['quote']} {value:,}",
                }
            )
        deployments.append(
            {
                "id": take(),
                "title": draw(TITLE),
                "force": draw(TEXT),
                "origin": actor_ids[0],
                "destination": actor_ids[-1],
                "summary": draw(TEXT),
                "estimates": estimates,
            }
        )
    facts = [e["id"] for e in events] + [d["id"] for d in deployments]
    reactions = [
        {
            "id": take(),
            "actor": draw(st.sampled_from(actor_ids)),
            "kind": draw(st.sampled_from(["statement", "denial", "summons"])),
            "summary": draw(TEXT),
            "responds_to": draw(st.lists(st.sampled_from(facts), max_size=1)) if facts else [],
            "about": draw(TEXT),
            **evidence(),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    treaties = []
    if draw(st.booleans()):
        stage = {"id": take(), "name": draw(TITLE), "status": "pending", **evidence()}
        treaties.append(
            {"id": take(), "title": draw(TITLE), "parties": actor_ids, "stages": [stage]}
        )
    briefing = {"title": draw(TITLE), "date": "2024-10-25", "cutoff": "2024-10-25"}
    if facts:
        briefing["takeaways"] = [{"text": draw(TEXT), "cites": facts[:2]}]
    return {
        "briefing": briefing,
        "documents": documents,
        "actors": actors,
        "events": events,
        "deployments": deployments,
        "reactions": reactions,
        "treaties": treaties,
    }


def _anchors(markdown_text: str) -> set[str]:
    return {attrs["id"] for _, attrs in shape(render(markdown_text)).tags if attrs.get("id")}


@SLOW
@given(fact_sets())
def test_any_valid_fact_set_builds_with_every_fact_anchored(facts: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        # JSON is YAML: every string is written double-quoted, exactly as generated.
        text = json.dumps(facts, ensure_ascii=False, indent=1)
        (content / "facts.yaml").write_text(text, encoding="utf-8")
        try:
            pages = generate(content, root=Path(folder))
        except ContentError as exc:  # pragma: no cover - the failure message
            pytest.fail(f"valid facts refused:\n{exc.report()}\n{text}")
    anchors: set[str] = set()
    for page in pages:
        anchors |= _anchors(page.markdown)
    fact_ids = {
        record["id"]
        for kind in ("documents", "actors", "events", "deployments", "reactions", "treaties")
        for record in facts[kind]
    }
    for deployment in facts["deployments"]:
        fact_ids |= {e["id"] for e in deployment["estimates"]}
    for treaty in facts["treaties"]:
        fact_ids |= {s["id"] for s in treaty["stages"]}
    assert fact_ids <= anchors, f"no anchor for {sorted(fact_ids - anchors)}"


# --- any bytes: facts or our own problems ------------------------------------------------

YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "- ",
                ": ",
                "\n",
                "  ",
                "    ",
                "[",
                "]",
                "{",
                "}",
                ", ",
                "&a ",
                "*a",
                "!t ",
                "!!str ",
                "!!python/object:os.system ",
                "? ",
                "---\n",
                "...\n",
                "%YAML 1.1\n",
                "%TAG ! x\n",
                "'",
                '"',
                "# c",
                "|",
                ">-",
                "\\",
                "id",
                "title",
                "events",
                "documents",
                "briefing",
                "quote",
                "<<",
                "~",
                "null",
                "2024-02-30",
                "\t",
                "\r\n",
                "\r",
                "\ufeff",
                "\u202e",
                "\x00",
                "\x1b",
                "\x85",
                "é",
                "<complex key 0>",
                "yes",
            ]
        ),
        st.text(max_size=3),
    ),
    max_size=40,
).map("".join)


def _check(found: tuple[FactFile, list[Problem]]) -> FactFile | None:
    fact_file, problems = found
    assert isinstance(fact_file, FactFile)
    assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 for p in problems)
    for p in problems:
        p.format()  # printable, whatever the message holds
    return None if problems else fact_file


def _build(files: list[FactFile]) -> None:
    content, problems = build_content(files, REPORT_CONTENT, shown_as="content")
    assert all(isinstance(p, Problem) for p in problems)
    for p in problems:
        p.format()
    assert (content is None) == bool(problems)


@CHEAP
@given(st.binary(max_size=400))
def test_any_bytes_give_facts_or_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_bytes(data)
        fact_file = _check(read_file(path, "content/facts.yaml"))
    if fact_file is not None:
        _build([fact_file])


@CHEAP
@given(YAMLISH)
def test_any_yamlish_text_gives_facts_or_problems(text: str) -> None:
    fact_file = _check(parse_text(text, "content/facts.yaml"))
    if fact_file is not None:
        _build([fact_file])


@cache
def _example_texts() -> dict[str, str]:
    return {
        p.relative_to(REPORT_CONTENT).as_posix(): p.read_text(encoding="utf-8")
        for p in fact_paths(REPORT_CONTENT)
    }


EDITS = st.sampled_from(
    [
        "", "\n", " ", "  ", "-", ":", ": ", "- ", "#", "'", '"', "[", "]", "{", "}", "&a ",
        "*a", "!x ", "\t", "0", "x", "id: dup\n", "  - id: x\n", "title: t\n", "é", "<",
        "&#60;", "~", "null", "2024-02-30", "con", "--", "..",
    ]
)  # fmt: skip


@EDITED
@given(st.data())
def test_edited_example_gives_facts_or_problems(data: st.DataObject) -> None:
    """One example file, edited at a few random places; the others as they are."""
    texts = _example_texts()
    name = data.draw(st.sampled_from(sorted(texts)))
    text = texts[name]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 8))
        text = text[:at] + data.draw(EDITS) + text[at + cut :]
    files = []
    for other, original in texts.items():
        parsed = _check(parse_text(text if other == name else original, f"content/{other}"))
        if parsed is None:
            return
        files.append(parsed)
    _build(files)


def test_the_unedited_example_is_valid() -> None:
    files = [_check(parse_text(t, f"content/{n}")) for n, t in _example_texts().items()]
    assert all(files)
    content, problems = build_content(files, REPORT_CONTENT)  # type: ignore[arg-type]
    assert [p for p in problems if p.severity == "error"] == [] and content is not None
