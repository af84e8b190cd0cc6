"""Facts cited from hand-written Markdown, in pandoc's citation syntax.

- ``[@fact-id]``: the fact's citation, as generated pages cite it (a numbered citation
  whose hover gives whose words and the words, leading to the fact's evidence on the Sources
  page; the page's endnotes at its end). ``[@a; @b]`` cites several, each numbered.
- ``[=fact-id]``: the fact as the site writes it, linked to where the site shows it, then
  its citation: a figure with its qualifier, what it counts, where and who claims it, the
  source's hedge and its relations to other claims; a stage or phase with its status.

Both are written by :class:`~generator.render.page_helpers.PageHelpers`, the helpers the
templates call, so a hand-written page cites a fact with the same Markdown as a generated
one. Code spans, fenced code blocks and HTML comments are left alone, and so is an escaped
bracket: ``\\[@id]`` shows as ``[@id]``. An unknown id is a :class:`Problem` at its line and
column, with the closest known id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.errors import ContentError, Problem, printable
from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.facts.model import Citation, Estimate, Evidence, Phase, Stage
from generator.render.markdown_text import Escaper
from generator.render.page_helpers import PageHelpers
from generator.render.site_index import SiteIndex

# An id as written: anything up to a space, ';' or a bracket (a typo is then an unknown id,
# named with the closest known one, rather than text left silently as it was).
_ID = r"[A-Za-z0-9][^\s;\[\]]*"
_CITE = re.compile(rf"\[@({_ID}(?:\s*;\s*@{_ID})*)\]")  # ids may wrap onto the next line
_CITED_ID = re.compile(rf"@({_ID})")
_FIGURE = re.compile(rf"\[=({_ID})\]")
_OPENS = re.compile(r"\[[@=][A-Za-z0-9]")
"""What is meant as a shortcode: '[@' or '[=' and an id's first character."""
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})([^\n]*)")
_MARKS = re.compile(r"[\\`<\[]")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)
"""YAML front matter, as MkDocs finds it (``mkdocs.utils.meta``)."""

HINT_ESCAPE = "to write it as text, escape the bracket: \\["


@dataclass(frozen=True)
class Shortcode:
    """One shortcode found in a page's Markdown."""

    start: int
    end: int
    """Its place in the Markdown, as offsets (``[`` to after ``]``)."""
    figure: bool
    """``[=id]``, a fact shown; else ``[@...]``, facts cited."""
    ids: tuple[tuple[str, int], ...]
    """Each id, with its offset."""


@dataclass(frozen=True)
class Unreadable:
    """'[@' or '[=' that starts no shortcode of this syntax: '[@a, @b]', '[=a; =b]'."""

    start: int
    text: str


@dataclass(frozen=True)
class Expanded:
    """A page's Markdown with its shortcodes written out, and what was wrong with them
    (an unknown id is written as a visible problem in its place)."""

    markdown: str
    problems: list[Problem] = field(default_factory=list)


def split_front_matter(source: str) -> tuple[str, str, int]:
    """A page's source -> (its YAML front matter, the Markdown after it, the line the
    Markdown starts on), as MkDocs splits them."""
    found = _FRONT_MATTER.match(source)
    if found is None:
        return "", source, 1
    body = source[found.end() :].lstrip("\n")
    head = source[: len(source) - len(body)]
    return head, body, head.count("\n") + 1


def _protected(markdown: str) -> list[tuple[int, int]]:
    """The fenced code blocks, as (start, end) offsets; an unclosed fence runs to the end."""
    spans: list[tuple[int, int]] = []
    position, fence, opened = 0, "", 0
    for line in _LINE.findall(markdown):  # split as Python-Markdown does: at '\n' only
        found = _FENCE.match(line)
        if fence:
            if found and _closes(fence, found.group(1), found.group(2)):
                spans.append((opened, position + len(line)))
                fence = ""
        elif found and not (found.group(1)[0] == "`" and "`" in found.group(2)):
            fence, opened = found.group(1), position
        position += len(line)
    if fence:
        spans.append((opened, len(markdown)))
    return spans


def _closes(fence: str, marks: str, rest: str) -> bool:
    """Whether a line of ``marks`` followed by ``rest`` closes the fence ``fence``."""
    return marks[0] == fence[0] and len(marks) >= len(fence) and not rest.strip()


def _run(markdown: str, start: int, stop: int) -> int:
    """How many backticks there are from ``start``."""
    end = start
    while end < stop and markdown[end] == "`":
        end += 1
    return end - start


def _code_span_end(markdown: str, start: int, run: int, stop: int) -> int | None:
    """Where the code span opened by ``run`` backticks at ``start`` ends (None: they open
    none): after the next run of as many backticks, within the paragraph."""
    paragraph = _BLANK_LINE.search(markdown, start, stop)
    limit = paragraph.start() if paragraph else stop
    closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)")
    found = closing.search(markdown, start + run, limit)
    return found.end() if found else None


def _at_line_start(markdown: str, start: int) -> bool:
    line = markdown.rfind("\n", 0, start) + 1
    return start - line <= 3 and not markdown[line:start].strip(" ")


def scan(markdown: str) -> Iterator[Shortcode | Unreadable]:
    """Every shortcode in the Markdown, and every '[@'/'[=' that is none, in order; not in
    code, HTML comments, links ('[@x](...)', '[@x][ref]', a reference definition) or after
    a backslash."""
    fences = _protected(markdown)
    segments, position = [], 0
    for start, end in fences:
        segments.append((position, start))
        position = end
    segments.append((position, len(markdown)))
    for start, stop in segments:
        yield from _scan_segment(markdown, start, stop)


def _scan_segment(markdown: str, position: int, stop: int) -> Iterator[Shortcode | Unreadable]:
    while True:
        mark = _MARKS.search(markdown, position, stop)
        if mark is None:
            return
        at = mark.start()
        char = markdown[at]
        if char == "\\":
            position = at + 2  # the escaped character is text
        elif char == "`":
            run = _run(markdown, at, stop)
            end = _code_span_end(markdown, at, run, stop)
            position = end if end is not None else at + run  # unmatched: literal backticks
        elif char == "<":
            if markdown.startswith("<!--", at):
                close = markdown.find("-->", at + 4, stop)
                position = stop if close < 0 else close + 3
            else:
                position = at + 1
        else:
            found, position = _shortcode(markdown, at, stop)
            if found is not None:
                yield found


def _shortcode(markdown: str, at: int, stop: int) -> tuple[Shortcode | Unreadable | None, int]:
    """The shortcode at ``at`` (a '['), and where scanning goes on."""
    if not _OPENS.match(markdown, at, stop):
        return None, at + 1
    figure = markdown[at + 1] == "="
    found = (_FIGURE if figure else _CITE).match(markdown, at, stop)
    if found is None:
        line_end = markdown.find("\n", at, stop)
        line_end = stop if line_end < 0 else line_end
        close = markdown.find("]", at, line_end)
        text = markdown[at : close + 1 if close >= 0 else min(line_end, at + 60)]
        return Unreadable(at, text), at + 2
    end = found.end()
    after = markdown[end : end + 1]
    if after in ("(", "[") or (after == ":" and _at_line_start(markdown, at)):
        return None, end  # a link, or a link's definition: not ours
    ids: tuple[tuple[str, int], ...]
    if figure:
        ids = ((found.group(1), found.start(1)),)
    else:
        inner = found.start(1) - 1  # the first '@'
        ids = tuple(
            (m.group(1), m.start(1)) for m in _CITED_ID.finditer(markdown, inner, found.end(1))
        )
    return Shortcode(at, end, figure, ids), end


def _place(markdown: str, offset: int, first_line: int) -> tuple[int, int]:
    """(line, column), 1-based, of an offset."""
    line_start = markdown.rfind("\n", 0, offset) + 1
    return first_line + markdown.count("\n", 0, offset), offset - line_start + 1


class Shortcodes:
    """Writes out the shortcodes of hand-written pages, from one render's facts and index
    (``directory_urls``: as the site names its pages)."""

    def __init__(
        self,
        content: Content,
        index: SiteIndex,
        developments: Developments,
        *,
        directory_urls: bool = True,
    ) -> None:
        self.content = content
        self.index = index
        self.developments = developments
        self.directory_urls = directory_urls

    def problems(self, markdown: str, shown_as: str, first_line: int = 1) -> list[Problem]:
        """What is wrong with the Markdown's shortcodes (``shown_as``: the page's file, as
        problems name it; ``first_line``: the line of the file the Markdown starts on)."""
        found: list[Problem] = []
        for item in scan(markdown):
            found += self._problems(item, markdown, shown_as, first_line)
        return found

    def _problems(
        self, item: Shortcode | Unreadable, markdown: str, shown_as: str, first_line: int
    ) -> list[Problem]:
        if isinstance(item, Unreadable):
            line, column = _place(markdown, item.start, first_line)
            message = f"cannot read {printable(item.text)!r} as a citation of facts"
            hint = f"write [@id], [@id; @other] or [=id] (one id); {HINT_ESCAPE}"
            return [Problem(shown_as, line, column, message, hint)]
        found = []
        for fact_id, offset in item.ids:
            if fact_id in self.content.ids:
                continue
            line, column = _place(markdown, offset, first_line)
            close = difflib.get_close_matches(fact_id, self.content.ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "no fact has an id like it"
            message = f"unknown fact id '{printable(fact_id)}'"
            found.append(Problem(shown_as, line, column, message, f"{hint}; {HINT_ESCAPE}"))
        return found

    def expand(self, markdown: str, path: str, shown_as: str, first_line: int = 1) -> Expanded:
        """The Markdown of the hand-written page at ``path`` (relative to the docs folder:
        links start from its folder) with its shortcodes written out and, if it cites any
        fact, its endnotes at its end; each problem is written in its shortcode's place."""
        helpers = PageHelpers(
            self.content,
            self.index,
            path,
            self.directory_urls,
            Escaper(),
            developments=self.developments,
        )
        parts: list[str] = []
        problems: list[Problem] = []
        position = 0
        for item in scan(markdown):
            wrong = self._problems(item, markdown, shown_as, first_line)
            if wrong:
                problems += wrong
                end = item.end if isinstance(item, Shortcode) else item.start + len(item.text)
                parts += [markdown[position : item.start], _shown(helpers, wrong)]
                position = end
                continue
            assert isinstance(item, Shortcode)
            parts += [markdown[position : item.start], self._written(helpers, item)]
            position = item.end
        parts.append(markdown[position:])
        text = "".join(parts)
        notes = helpers.endnotes()
        if notes:
            text = text.rstrip("\n") + "\n\n" + notes
        return Expanded(text, problems)

    def expand_file(self, source: str, path: str, shown_as: str) -> str:
        """A hand-written page's file, its front matter kept, with its shortcodes written out
        (:meth:`expand`); raises :class:`ContentError` naming every problem."""
        head, body, line = split_front_matter(source)
        expanded = self.expand(body, path, shown_as, line)
        if expanded.problems:
            raise ContentError(expanded.problems)
        return head + expanded.markdown

    def _written(self, page: PageHelpers, item: Shortcode) -> str:
        ids = [fact_id for fact_id, _ in item.ids]
        if not item.figure:
            return str(page.cites(ids))
        fact_id = ids[0]
        record = self.content.ids[fact_id].record
        if not isinstance(record, Evidence):
            return str(page.link(fact_id))
        shown = str(page.link(fact_id))
        passages: Sequence[Citation] = ()
        if isinstance(record, Estimate) and record.hedge:
            shown += f" ({page.quoted(record.hedge)})"
        if isinstance(record, Stage | Phase):
            # Its status now, cited by the passages that give it (as the treaty page does).
            shown += f" **{page.escape(page.record.status(record))}**"
            updates = page.record.updates(record)
            passages = updates[-1].citations if updates else ()
        relations = page.relations(fact_id)
        if relations:
            current = "" if page.record.is_current(fact_id) else "not current: "
            shown += f" ({current}{relations})"
        if passages:
            cites = " ".join(page.cite_passage(fact_id, c.document, c.quote) for c in passages)
        else:
            cites = page.cites(ids)
        return f"{shown} {cites}"


def _shown(page: PageHelpers, problems: list[Problem]) -> str:
    """A problem written where its shortcode was, for the page that previews it."""
    said = "; ".join(f"{p.message} ({p.hint})" for p in problems)
    return f"**{page.escape('briefing: ' + said)}**"
