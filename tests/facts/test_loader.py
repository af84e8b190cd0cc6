"""generator.loader: text stays text, unsafe YAML is refused, every problem has its place."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.facts.loader import MAX_FILE_BYTES, load_content, parse_text, read_file

CONTROL_HINT = "delete it; fact text may not hold control, bidi or zero-width characters"


def formatted(text: str) -> list[str]:
    return [p.format() for p in parse_text(text, "x.yaml")[1]]


@pytest.mark.parametrize(
    "typed",
    ["NO", "off", "yes", "1.10", "010", "10:30", "+4712345678", "0x00FF00", "2024-10-25", ".inf"],
)
def test_plain_scalars_stay_text_as_typed(typed: str) -> None:
    fact_file, problems = parse_text(f"value: {typed}\nlist: [{typed}]\n", "x.yaml")
    assert problems == []
    assert fact_file.data == {"value": typed, "list": [typed]}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("", None), ("~", None), ("null", None), ("NULL", None), ('""', ""), ("''", "")]
    + [('"null"', "null"), ("'~'", "~")],
)
def test_only_unquoted_empty_tilde_and_null_become_none(typed: str, expected: str | None) -> None:
    fact_file, problems = parse_text(f"value: {typed}\n", "x.yaml")
    assert problems == []
    assert fact_file.data == {"value": expected}


def dup(line: int, column: int, first: tuple[int, int], key: str = "title") -> list[str]:
    return [
        f"x.yaml:{line}:{column}: error: duplicate key '{key}' (first defined at line "
        f"{first[0]}, column {first[1]}) (hint: keep one of the two; YAML would silently drop "
        "the first)",
        f"x.yaml:{first[0]}:{first[1]}: error: key '{key}' is defined again at line {line}, "
        f"column {column}",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: a\nother: b\ntitle: c\n", dup(3, 1, (1, 1))),
        ("events:\n  - id: a\n    title: x\n    title: y\n", dup(4, 5, (3, 5))),
        ('title: a\n"title": b\n', dup(2, 1, (1, 1))),
    ],
    ids=["top-level", "nested", "plain-vs-quoted"],
)
def test_duplicate_keys_report_both_lines(text: str, expected: list[str]) -> None:
    assert formatted(text) == expected


TAG = "is not allowed (hint: remove the tag; fact files hold plain text, lists and mappings)"
ANCHOR = "is not allowed (hint: write each value out in full; anchors and aliases are refused)"
ALIAS = "is not allowed (hint: write the value out in full; anchors and aliases are refused)"
EMPTY = "1:1: error: file is empty (hint: add facts, or delete the file)"
SECOND = "a fact file holds one YAML document; found a second one"
REFUSED = {  # name: (text, every problem without the leading "x.yaml:")
    "anchor-alias": (
        "a: &x 1\nb: *x\n",
        [f"1:4: error: anchor '&x' {ANCHOR}", f"2:4: error: alias '*x' {ALIAS}"],
    ),
    "recursive-alias": (
        "a: &x [*x]\n",
        [f"1:4: error: anchor '&x' {ANCHOR}", f"1:8: error: alias '*x' {ALIAS}"],
    ),
    "include": ("a: !include other.yaml\n", [f"1:4: error: tag '!include' {TAG}"]),
    "env": ("a: !ENV HOME\n", [f"1:4: error: tag '!ENV' {TAG}"]),
    "python-object": (
        'a: !!python/object/apply:os.system ["echo hi"]\n',
        [f"1:4: error: tag 'tag:yaml.org,2002:python/object/apply:os.system' {TAG}"],
    ),
    "yaml-directive": (
        "%YAML 1.1\n---\na: 1\n",
        [
            "1:1: error: YAML directives (%YAML, %TAG) are not allowed "
            "(hint: delete the line starting with '%')"
        ],
    ),
    "two-documents": (
        "a: 1\n---\nb: 2\n",
        [f"2:1: error: {SECOND} (hint: remove the '---' line or split the file in two)"],
    ),
    "empty": ("", [EMPTY]),
    "comments-only": ("# nothing yet\n", [EMPTY]),
    "tab-indent": (
        "events:\n  - id: a\n\t  title: b\n",
        [
            "3:1: error: invalid YAML: a tab character cannot start a token "
            "(hint: indent with spaces, not tabs)"
        ],
    ),
    "merge-key": (
        "x:\n  <<: {a: 2}\n  b: 3\n",
        ["2:3: error: merge keys ('<<') are not allowed (hint: write the keys out in full)"],
    ),
    "colon-in-text": (
        "title: a: b\n",
        [
            "1:9: error: invalid YAML: mapping values are not allowed in this context "
            "(hint: put text that contains ': ' in quotes)"
        ],
    ),
    "too-deep": (
        "a: " + "[" * 30 + "]" * 30 + "\n",
        ["1:27: error: nesting deeper than 24 levels (hint: flatten the file)"],
    ),
}


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_yaml_exact_messages(text: str, expected: list[str]) -> None:
    assert formatted(text) == [f"x.yaml:{line}" for line in expected]


def test_alias_bomb_is_refused_quickly_without_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 600
    started = time.perf_counter()
    fact_file, problems = parse_text(text, "x.yaml")
    assert time.perf_counter() - started < 0.5
    assert problems[0].format() == f"x.yaml:1:4: error: anchor '&a' {ANCHOR}"
    assert all("is not allowed" in p.message for p in problems[:-1])
    # The builder stops collecting; it does not list 9**8 aliases.
    assert problems[-1].message == "too many problems; stopped reading this file"
    assert len(problems) == 21
    assert fact_file.data["a"] == ["lol"] * 9
    assert fact_file.data["b"][:2] == [None] * 2  # aliases are never resolved


def test_ten_thousand_open_brackets_give_a_problem_not_recursion_error() -> None:
    fact_file, problems = parse_text("[" * 10_000, "x.yaml")
    assert [p.format() for p in problems] == [
        "x.yaml:1:1001: error: invalid YAML: exceeded maximum nesting depth "
        "(hint: flatten the file)"
    ]
    assert fact_file.data is None


def test_same_key_in_two_documents_is_not_called_a_duplicate() -> None:
    assert formatted("a: 1\n---\na: 2\n") == [f"x.yaml:{REFUSED['two-documents'][1][0]}"]


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    (problem,) = parse_text('title: "open\nother: x\nmore: y\n', "x.yaml")[1]
    assert (problem.line, problem.column) == (1, 8)


# Characters that must never reach a terminal raw: the message shows them escaped.
CONTROL = {
    "esc-plain": ("a: x\x1by\n", "\x1b", "x.yaml:1:5: error: invalid YAML: control characters "),
    "nul-plain": ("a: x\x00y\n", "\x00", "x.yaml:1:5: error: invalid YAML: control characters "),
    "esc-quoted": ('a: "hi\\e[31m"\n', "\x1b", "x.yaml:1:4: error: control or invisible "),
    "bidi-value": ("title: abc\u202edef\n", "\u202e", "x.yaml:1:8: error: control or invisible "),
    "bidi-key": ("ab\u202ec: 1\n", "\u202e", "x.yaml:1:1: error: control or invisible "),
}


@pytest.mark.parametrize(("text", "raw", "start"), CONTROL.values(), ids=CONTROL.keys())
def test_control_and_bidi_characters_refused_and_printed_escaped(
    text: str, raw: str, start: str
) -> None:
    (problem,) = parse_text(text, "x.yaml")[1]
    shown = problem.format()
    assert shown.startswith(start)
    assert raw not in shown
    assert all(ch.isprintable() for ch in shown)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'a: "hi\\e[31m"\n',
            r"x.yaml:1:4: error: control or invisible character U+001B in 'hi\x1b[31m' ",
        ),
        (
            "title: abc\u202edef\n",
            r"x.yaml:1:8: error: control or invisible character U+202E in 'abc\u202edef' ",
        ),
    ],
)
def test_escaped_character_is_shown_with_one_backslash(text: str, expected: str) -> None:
    assert formatted(text) == [f"{expected}(hint: {CONTROL_HINT})"]


def test_place_gives_one_based_line_and_column() -> None:
    text = "events:\n  - id: a\n    when:\n      date: 2024-10-23\n    tags: [x, 'y']\n"
    fact_file, problems = parse_text(text, "x.yaml")
    assert problems == []
    assert fact_file.place(("events", 0, "when", "date")) == (4, 13)
    assert fact_file.place(("events", 0, "when", "date"), key=True) == (4, 7)
    assert fact_file.place(("events", 0, "tags", 1)) == (5, 15)
    assert fact_file.place(("events", 0, "id")) == (2, 9)
    assert fact_file.place(("events", 0, "id"), key=True) == (2, 5)
    # A field that is not there: the nearest ancestor (the list item) stands in.
    assert fact_file.place(("events", 0, "missing")) == (2, 5)
    assert fact_file.place(()) == (1, 1)


def read(tmp_path: Path, raw: bytes) -> tuple[object, list[str]]:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    fact_file, problems = read_file(path, "f.yaml")
    return fact_file.data, [p.format() for p in problems]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfa: 1\nb:\n  - x\n",
        b"a: 1\r\nb:\r\n  - x\r\n",
        b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x",
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_give_the_same_data(tmp_path: Path, raw: bytes) -> None:
    assert (
        read(tmp_path, raw) == read(tmp_path, b"a: 1\nb:\n  - x\n") == ({"a": "1", "b": ["x"]}, [])
    )


def test_crlf_in_folded_text_leaves_no_carriage_return(tmp_path: Path) -> None:
    assert read(tmp_path, b"a: >-\r\n  one\r\n  two\r\n") == ({"a": "one two"}, [])


UTF16 = "1:1: error: file is UTF-16, not UTF-8 (hint: save it as UTF-8 (without BOM))"
RAW_CONTROL = (
    "1:5: error: invalid YAML: control characters are not allowed ({}) "
    "(hint: delete the control character)"
)
UNREADABLE = {
    "utf-16": ("a: 1\n".encode("utf-16"), UTF16),
    "utf-16-le": ("a: 1\n".encode("utf-16-le"), UTF16),
    "utf-16-be": ("a: 1\n".encode("utf-16-be"), UTF16),
    "bad-utf8": (
        b"a: ok\nb: caf\xc3\xa9 \xff x\n",
        "2:9: error: byte 0xff is not valid UTF-8 (hint: save the file as UTF-8)",
    ),
    "zero-bytes": (b"", EMPTY),
    "raw-esc": (b"a: x\x1by\n", RAW_CONTROL.format("U+001B")),
    "raw-nul": (b"a: x\x00y\n", RAW_CONTROL.format("U+0000")),
}


@pytest.mark.parametrize(("raw", "expected"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_files_exact_messages(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert read(tmp_path, raw) == (None, [f"f.yaml:{expected}"])


def test_oversize_file_is_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written

    def never(*args: object) -> None:
        raise AssertionError("parsed an oversize file")

    monkeypatch.setattr("generator.facts.loader.parse_text", never)
    monkeypatch.setattr(Path, "read_bytes", never)
    fact_file, problems = read_file(path, "big.yaml")
    assert fact_file.data is None
    assert [p.format() for p in problems] == [
        "big.yaml:1:1: error: file is 2,097,153 bytes; the limit is 2,097,152 "
        "(hint: split it into several files)"
    ]


def test_load_content_reads_yaml_and_yml_sorted_skips_hidden(tmp_path: Path, write_content) -> None:
    content = write_content(
        {
            "b.yml": "events: []\n",
            "a/z.yaml": "actors: []\n",
            ".hidden/x.yaml": "title: a\ntitle: b\n",
            ".swap.yaml": "\x00",
            "notes.txt": "not a fact file",
        }
    )
    files, problems = load_content(content, tmp_path)
    assert problems == []
    assert [f.path for f in files] == ["content/a/z.yaml", "content/b.yml"]


def test_load_content_reports_every_file(tmp_path: Path, write_content) -> None:
    content = write_content({"one.yaml": "a: 1\na: 2\n", "two.yaml": "", "ok.yaml": "a: 1\n"})
    files, problems = load_content(content, tmp_path)
    assert [f.path for f in files] == ["content/ok.yaml"]
    assert [(p.path, p.line, p.column) for p in problems] == [
        ("content/one.yaml", 2, 1),
        ("content/one.yaml", 1, 1),
        ("content/two.yaml", 1, 1),
    ]


def test_load_content_missing_folder(tmp_path: Path) -> None:
    files, problems = load_content(tmp_path / "nowhere", tmp_path)
    assert files == []
    assert [p.format() for p in problems] == [
        "nowhere:1:1: error: content folder not found (hint: create it or fix the path)"
    ]
