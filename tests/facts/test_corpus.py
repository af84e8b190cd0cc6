"""The bad-input corpus (tests/corpus/, see its README): every case through the real
`briefing validate`, and the ones that must render literally through one real
`mkdocs build --strict`."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.commands import main
from generator.facts.loader import MAX_FILE_BYTES, parse_text
from tests.conftest import REPORT_CONTENT
from tests.plugin.test_build import build, copy_project

CORPUS = Path(__file__).parent / "corpus"
SHOWN = "content/bad.yaml"
CANARY = "CANARY-7f3c9e1a-never-in-the-site"
# What a terminal must never receive raw: controls (but the newline between lines),
# bidi controls, zero-width and other invisible format characters.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\U000e0000-\U000e007f]"
)
LITERAL_MARK = re.compile(r"\s#\s*literal\s*$")


@dataclass(frozen=True)
class Case:
    """One bad input: its bytes, its category and what must happen."""

    name: str
    data: bytes
    expect: tuple[str, ...]
    xfail: str = ""

    @property
    def category(self) -> str:
        return self.name.split("/")[0]

    @property
    def outcome(self) -> str:
        """'literal', 'ok' or 'error'."""
        if self.expect in (("literal",), ("ok",)):
            return self.expect[0]
        return "error"


def _from_file(path: Path) -> Case:
    data = path.read_bytes()
    expect: list[str] = []
    xfail = ""
    for line in data.decode("utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect:"):
            expect.append(line.removeprefix("# expect:").strip())
        elif line.startswith("# xfail:"):
            xfail = line.removeprefix("# xfail:").strip()
    assert expect, f"{path}: no '# expect:' line"
    return Case(path.relative_to(CORPUS).with_suffix("").as_posix(), data, tuple(expect), xfail)


# Cases whose bytes an editor or Git could silently change, or too big to commit.
_EVENT = (
    "events:\n"
    "  - id: generated-event\n"
    "    title: Caf\u00e9 in Kursk\n"
    "    document: report-2024-10-25\n"
    "    quote: Russian forces counterattacked in September.\n"
)
_TWICE = _EVENT.replace("    document:", "    title: Again\n    document:")
_TWICE_LINES = (
    f"{SHOWN}:3:5: error: key 'title' is defined again at line 4, column 5",
    f"{SHOWN}:4:5: error: duplicate key 'title' (first defined at line 3, column 5)",
    "2 problems found; nothing was built.",
)
_BOM = b"\xef\xbb\xbf"
_CONTROL = "control or invisible character"
# One byte over the cap, and broken YAML after it: the size is checked before parsing.
_OVERSIZE = b"# " + b"x" * (MAX_FILE_BYTES - 11) + b"\nevents: ["
GENERATED = [
    Case("yaml/zero-bytes", b"", (f"{SHOWN}:1:1: error: file is empty",)),
    Case(
        "yaml/utf-16-le-bom",
        "\ufeff".encode("utf-16-le") + _EVENT.encode("utf-16-le"),
        (f"{SHOWN}:1:1: error: file is UTF-16, not UTF-8 (hint: save it as UTF-8",),
    ),
    Case(
        "yaml/utf-16-be",
        _EVENT.encode("utf-16-be"),
        (f"{SHOWN}:1:1: error: file is UTF-16, not UTF-8",),
    ),
    Case(
        "yaml/latin-1",
        _EVENT.encode("latin-1"),
        (f"{SHOWN}:3:15: error: byte 0xe9 is not valid UTF-8 (hint: save the file as UTF-8)",),
    ),
    Case(
        "yaml/raw-nul",
        _EVENT.replace("Kursk", "Kur\x00sk").encode(),
        (f"{SHOWN}:3:23: error: invalid YAML: control characters are not allowed (U+0000)",),
    ),
    Case(
        "yaml/raw-escape",
        _EVENT.replace("Kursk", "\x1b[2J\x1b[31mKursk").encode(),
        (f"{SHOWN}:3:20: error: invalid YAML: control characters are not allowed (U+001B)",),
    ),
    Case(
        "yaml/raw-right-to-left-override",
        _EVENT.replace("Kursk", "\u202eKursk").encode(),
        (f"{SHOWN}:3:12: error: {_CONTROL} U+202E in 'Caf\u00e9 in \\u202eKursk'",),
    ),
    Case(
        "ids/raw-zero-width",
        _EVENT.replace("generated-event", "generated\u200b-event").encode(),
        (f"{SHOWN}:2:9: error: {_CONTROL} U+200B in 'generated\\u200b-event'",),
    ),
    Case("yaml/bom-crlf-valid", _BOM + _EVENT.replace("\n", "\r\n").encode(), ("ok",)),
    Case("yaml/bom-crlf-duplicate", _BOM + _TWICE.replace("\n", "\r\n").encode(), _TWICE_LINES),
    Case("yaml/lf-duplicate", _TWICE.encode(), _TWICE_LINES),
    Case("yaml/cr-only-duplicate", _TWICE.replace("\n", "\r").encode(), _TWICE_LINES),
    Case(
        "yaml/oversize",
        _OVERSIZE,
        (
            f"{SHOWN}:1:1: error: file is {len(_OVERSIZE):,} bytes; the limit is "
            f"{MAX_FILE_BYTES:,} (hint: split it into several files)",
        ),
    ),
    Case(
        "yaml/deep-nesting-100k",
        b"events: " + b"[" * 100_000 + b"]" * 100_000,
        (f"{SHOWN}:1:1008: error: invalid YAML: exceeded maximum nesting depth (hint: flatten",),
    ),
]

CASES = sorted([_from_file(p) for p in CORPUS.rglob("*.yaml")] + GENERATED, key=lambda c: c.name)
LITERAL = [c for c in CASES if c.outcome == "literal"]


def test_corpus_is_complete() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), "two cases share a name"
    assert {c.category for c in CASES} == {"yaml", "injection", "ids"}
    assert len(LITERAL) >= 10


# --- briefing validate on every case ----------------------------------------------------


def _validate(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, copy: bool = True
) -> Any:
    content = tmp_path / "content"
    if copy:
        shutil.copytree(REPORT_CONTENT, content)
    (content / "bad.yaml").write_bytes(case.data)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["validate", "--content", "content"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _validate(case, tmp_path, monkeypatch)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{case.name}: {result.exception!r}"
    )
    assert "Traceback" not in output
    raw = RAW_CONTROL.search(output)
    assert raw is None, f"raw U+{ord(raw.group()):04X} printed:\n{output}"
    assert result.exit_code == (1 if case.outcome == "error" else 0), output
    if case.outcome != "error":
        return
    lines = output.splitlines()
    for expected in case.expect:
        assert any(expected in line for line in lines), f"missing {expected!r} in:\n{output}"


def test_archive_linked_outside_content_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case a fact file alone cannot make: an archive that is a symbolic link out of
    content/ (it used to stop validation with an AssertionError)."""
    outside = tmp_path / "outside.txt"
    outside.write_text("Russian forces counterattacked in September.\n", encoding="utf-8")
    case = Case(
        "ids/archive-link",
        b"documents:\n  - id: linked\n    title: Linked\n    published: 2024-10-24\n"
        b"    archive: documents/linked.txt\n",
        (),
    )
    (tmp_path / "project").mkdir()
    content = tmp_path / "project" / "content"
    shutil.copytree(REPORT_CONTENT, content)
    (content / "documents" / "linked.txt").symlink_to(outside)
    (content / "events.yaml").write_text(
        (content / "events.yaml").read_text(encoding="utf-8")
        + "  - id: linked-event\n    title: Cites the linked document\n"
        "    document: linked\n    quote: Russian forces counterattacked in September.\n",
        encoding="utf-8",
    )
    result = _validate(case, tmp_path / "project", monkeypatch, copy=False)
    assert result.exit_code == 1, result.output
    assert (
        f"{SHOWN}:5:14: error: archive 'documents/linked.txt' leads outside the content folder"
        in result.output
    )


# --- one real build of every literal case -----------------------------------------------


def literal_project(target: Path) -> Path:
    """The example project plus every literal case (in content/corpus/) and a .env canary
    beside mkdocs.yml. Not built: a browser test may serve it too."""
    project = copy_project(target)
    (project / ".env").write_text(f"SECRET={CANARY}\n", encoding="utf-8")
    folder = project / "content" / "corpus"
    folder.mkdir()
    for case in LITERAL:
        (folder / f"{case.name.replace('/', '-')}.yaml").write_bytes(case.data)
    return project


class _Page(HTMLParser):
    """Text runs (between any two tags), tags and attributes of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        # The parser hands the body of <script> and <style> over as one piece of data.
        if self.lasttag in ("script", "style") and self.cdata_elem is not None:
            self.scripts.append(data)
        else:
            self.runs.append(" ".join(data.split()))


@dataclass
class Site:
    root: Path
    pages: dict[str, _Page]

    def runs(self) -> Iterator[str]:
        for page in self.pages.values():
            yield from page.runs

    def tooltips(self) -> Iterator[str]:
        for page in self.pages.values():
            for _, attrs in page.tags:
                for name, value in attrs:
                    if name == "title" and value:
                        yield " ".join(value.split())


@pytest.fixture(scope="module")
def literal_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = literal_project(tmp_path_factory.mktemp("literal"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    pages = {}
    for path in sorted((project / "site").rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        pages[path.relative_to(project / "site").as_posix()] = page
    return Site(project / "site", pages)


def _at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for step in loc:
        data = data[step]
    return data


def marked_values(case: Case) -> list[tuple[int, tuple[str | int, ...], str]]:
    """(line, key path, value) of every value whose line ends with '# literal'."""
    text = case.data.decode("utf-8")
    fact_file, problems = parse_text(text, SHOWN)
    assert not problems, problems
    lines = text.splitlines()
    marked = {
        number
        for number, line in enumerate(lines, start=1)
        if not line.startswith("#") and LITERAL_MARK.search(line)
    }
    found: list[tuple[int, tuple[str | int, ...], str]] = []
    for loc, (line, _) in sorted(fact_file.value_at.items(), key=lambda kv: kv[1]):
        value = _at(fact_file.data, loc)
        if line in marked and isinstance(value, str):
            found.append((line, loc, value))
            typed = LITERAL_MARK.sub("", lines[line - 1]).split(": ", 1)[-1].strip()
            if typed[:1] not in ("'", '"', "|", ">", "[", "{"):
                assert value == typed, f"line {line}: the parser changed {typed!r} to {value!r}"
    assert {line for line, _, _ in found} == marked, "a '# literal' line holds no text value"
    return found


_DOUBLE_QUOTES = str.maketrans({ch: '"' for ch in "“”‘’"})


def _as_shown(text: str) -> str:
    """Text compared as a reader sees it: whitespace collapsed, and a quotation mark of
    either kind as one (pages set a passage's own quotations in single quotes inside the
    double ones they wrap it in; nothing else of it changes)."""
    return " ".join(text.split()).translate(_DOUBLE_QUOTES)


def _shown(value: str, runs: list[str]) -> bool:
    """The value, whitespace collapsed, inside one text run and not part of a longer word."""
    want = re.compile(rf"(?<!\w){re.escape(_as_shown(value))}(?!\w)")
    return any(want.search(_as_shown(run)) for run in runs)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=c.xfail, strict=True)) if c.xfail else c
        for c in LITERAL
    ],
    ids=[c.name for c in LITERAL],
)
def test_literal_values_show_as_typed(case: Case, literal_site: Site) -> None:
    runs = list(literal_site.runs())
    tooltips = list(literal_site.tooltips())
    values = marked_values(case)
    missing = [(line, value) for line, _, value in values if not _shown(value, runs)]
    assert not missing, f"not shown as typed (line, value): {missing}"
    for line, loc, value in values:
        if loc[-1] == "quote":  # hovering a citation shows the fact's quote
            assert any(_as_shown(value) in _as_shown(tip) for tip in tooltips), (
                f"line {line}: quote {value!r} is not whole in any citation tooltip"
            )


# Elements none of the site's templates or its theme make, and that the literal values
# spell out: any of them in the site was made from a value.
FOREIGN_TAGS = {
    "b", "i", "img", "iframe", "object", "embed", "marquee", "details", "math", "mi",
    "style", "mark", "ins", "del", "kbd", "sup", "sub", "base", "frame",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


def test_literal_build_makes_nothing_from_values(literal_site: Site) -> None:
    problems = []
    for name, page in literal_site.pages.items():
        for tag, attrs in page.tags:
            if tag in FOREIGN_TAGS:
                problems.append(f"{name}: <{tag}> {attrs}")
            for attr, value in attrs:
                if attr.lower().startswith("on"):
                    problems.append(f"{name}: <{tag} {attr}={value!r}>")
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")
                if (
                    attr in URL_ATTRIBUTES
                    and scheme
                    and scheme.group(1).lower()
                    not in (
                        "http",
                        "https",
                        "mailto",
                    )
                ):
                    problems.append(f"{name}: <{tag} {attr}={value!r}>")
        problems += [f"{name}: <script> {s[:80]!r}" for s in page.scripts if "alert(" in s]
    assert not problems, "\n".join(problems)


def test_literal_build_never_includes_the_env_canary(literal_site: Site) -> None:
    assert (literal_site.root.parent / ".env").read_text().strip().endswith(CANARY)
    leaked = [
        p.relative_to(literal_site.root).as_posix()
        for p in literal_site.root.rglob("*")
        if p.is_file() and CANARY.encode() in p.read_bytes()
    ]
    assert leaked == []
    assert not any("7f3c9e1a" in run for run in literal_site.runs())
