"""``briefing new KIND``: one entry appended, every other byte kept, nothing written if invalid."""

from __future__ import annotations

import re
import subprocess
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from generator import scaffold
from generator.facts.loader import parse_text
from generator.pipeline import load

REPO = Path(__file__).resolve().parents[2]
DOC = "report-2024-10-25"
NATO_QUOTE = (
    "NATO and U.S. Defense Secretary Lloyd Austin have also confirmed the existence of "
    "North Korean soldiers in Russia."
)
DEPLOYMENT = ("deployments", 0)
TREATY = ("treaties", 0)


def inserted(before: bytes, after: bytes) -> list[bytes]:
    """The lines added; fails unless ``after`` is ``before`` with one block of lines inserted."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    changes = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()]
    changes = [op for op in changes if op[0] != "equal"]
    assert len(changes) == 1 and changes[0][0] == "insert", changes
    _, _, _, start, end = changes[0]
    assert b"".join(new[:start] + new[end:]) == before  # the old bytes, untouched
    return new[start:end]


def data_at(path: Path, loc: tuple[str | int, ...]) -> Any:
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    fact_file, problems = parse_text(text, path.name)
    assert not problems
    data = fact_file.data
    for key in loc:
        data = data[key]
    return data


def printed_lines(result: Result) -> list[str]:
    """The entry as ``briefing new`` printed it (between the 'added' and 'checked' lines)."""
    lines = result.output.splitlines()
    assert lines[0].startswith("added ") and lines[-1].startswith("checked: ")
    return lines[1:-1]


WHEN_THURSDAY = ["--when", "2024-10-24", "--when-text", "on Thursday"]
CASES = [
    pytest.param(
        ["actor", "--id", "kr-mnd", "--name", "South Korea's defence ministry"]
        + ["--kind", "organisation", "--country", "south-korea"],
        "actors.yaml",
        ("actors",),
        {
            "id": "kr-mnd",
            "name": "South Korea's defence ministry",
            "kind": "organisation",
            "country": "south-korea",
        },
        id="actor",
    ),
    pytest.param(
        ["source", "--id", "report-2024-10-26", "--title", "Follow-up: the Duma vote"]
        + ["--published", "2024-10-26"],
        "sources.yaml",
        ("documents",),
        {
            "id": "report-2024-10-26",
            "number": "2",  # the next free citation number, written for it
            "title": "Follow-up: the Duma vote",
            "published": "2024-10-26",
        },
        id="source",
    ),
    pytest.param(
        ["event", "--id", "duma-vote", "--title", "The Duma votes on the treaty", *WHEN_THURSDAY]
        + ["--document", DOC, "--quote", "The Duma unanimously approved the treaty on Thursday"],
        "events.yaml",
        ("events",),
        {
            "id": "duma-vote",
            "title": "The Duma votes on the treaty",
            "when": {"text": "on Thursday", "date": "2024-10-24"},
            "document": DOC,
            "quote": "The Duma unanimously approved the treaty on Thursday",
        },
        id="event",
    ),
    pytest.param(
        ["reaction", "--id", "nato-confirms-again", "--actor", "nato", "--kind", "confirmation"]
        + [
            "--summary",
            "Confirmed: soldiers are in Russia.",
            "--responds-to",
            "dprk-troops-in-russia",
        ]
        + ["--document", DOC, "--quote", NATO_QUOTE],
        "reactions.yaml",
        ("reactions",),
        {
            "id": "nato-confirms-again",
            "actor": "nato",
            "kind": "confirmation",
            "summary": "Confirmed: soldiers are in Russia.",
            "responds_to": ["dprk-troops-in-russia"],
            "document": DOC,
            "quote": NATO_QUOTE,
        },
        id="reaction",
    ),
    pytest.param(
        ["estimate", "--deployment", "dprk-troops-in-russia", "--id", "nis-range"]
        + ["--low", "1500", "--high", "3000", "--qualifier", "about", "--counts", "sent"]
        + ["--as-of", "2024-10-01..2024-10-20", "--originator", "kr-nis", "--document", DOC]
        + ["--quote", "reported another 1,500 North Korean soldiers being sent"],
        "deployments/dprk-troops-in-russia.yaml",
        (*DEPLOYMENT, "estimates"),
        {
            "id": "nis-range",
            "low": "1500",
            "high": "3000",
            "qualifier": "about",
            "counts": "sent",
            "as_of": {"from": "2024-10-01", "to": "2024-10-20"},
            "originator": "kr-nis",
            "document": DOC,
            "quote": "reported another 1,500 North Korean soldiers being sent",
        },
        id="estimate",
    ),
    pytest.param(
        ["phase", "--id", "to-the-front", "--name", "To the front lines in Ukraine"]
        + ["--status", "expected", "--document", DOC]
        + ["--quote", "expected to be deployed to the front lines in Ukraine"],
        "deployments/dprk-troops-in-russia.yaml",
        (*DEPLOYMENT, "route"),
        {
            "id": "to-the-front",
            "name": "To the front lines in Ukraine",
            "status": "expected",
            "document": DOC,
            "quote": "expected to be deployed to the front lines in Ukraine",
        },
        id="phase",
    ),
    pytest.param(
        ["note", "--deployment", "dprk-troops-in-russia", "--id", "roles-still-unclear"]
        + ["--text", "Roles unclear.", "--document", DOC]
        + ["--quote", "The specifics of their roles remain unclear."],
        "deployments/dprk-troops-in-russia.yaml",
        (*DEPLOYMENT, "notes"),
        {
            "id": "roles-still-unclear",
            "text": "Roles unclear.",
            "document": DOC,
            "quote": "The specifics of their roles remain unclear.",
        },
        id="note",
    ),
    pytest.param(
        ["stage", "--treaty", "russia-dprk-partnership", "--id", "putin-signs-law"]
        + ["--name", "Signature into law by the president", "--status", "expected"]
        + ["--body", "vladimir-putin", "--document", DOC, "--quote", "still needs to ratify it"],
        "treaties/russia-dprk-partnership.yaml",
        (*TREATY, "stages"),
        {
            "id": "putin-signs-law",
            "name": "Signature into law by the president",
            "body": "vladimir-putin",
            "status": "expected",
            "document": DOC,
            "quote": "still needs to ratify it",
        },
        id="stage",
    ),
    pytest.param(
        ["provision", "--treaty", "russia-dprk-partnership", "--id", "aid-again"]
        + ["--text", "immediate military aid", "--document", DOC]
        + ["--quote", 'the provision of "immediate military aid"'],
        "treaties/russia-dprk-partnership.yaml",
        (*TREATY, "provisions"),
        {
            "id": "aid-again",
            "text": "immediate military aid",
            "document": DOC,
            "quote": 'the provision of "immediate military aid"',
        },
        id="provision",
    ),
]


@pytest.mark.parametrize(("args", "name", "loc", "expected"), CASES)
def test_new_appends_one_valid_entry_and_keeps_every_byte(
    example_content: Path, run, args: list[str], name: str, loc: tuple, expected: dict
) -> None:
    path = example_content / name
    before = path.read_bytes()
    count = len(data_at(path, loc))
    result = run("new", *args)
    assert result.exit_code == 0, result.output
    added = inserted(before, path.read_bytes())
    assert [line.decode().rstrip("\n") for line in added] == printed_lines(result)
    assert result.output.splitlines()[0].startswith(f"added {args[0]} '{expected['id']}' to ")
    assert added[0].lstrip().startswith(b"# Optional: ")
    items = data_at(path, loc)
    assert len(items) == count + 1 and items[-1] == expected
    assert run("validate").exit_code == 0
    assert expected["id"] in load(example_content).ids


def test_new_reaction_output_and_diff(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    before = path.read_bytes()
    result = run(
        "new", "reaction", "--id", "nato-confirms-presence", "--actor", "nato",
        "--kind", "confirmation",
        "--summary", "Confirmed that North Korean soldiers are in Russia.",
        "--responds-to", "dprk-troops-in-russia", "--document", DOC, "--quote", NATO_QUOTE,
    )  # fmt: skip
    assert result.exit_code == 0
    lines = before.count(b"\n")
    entry = [
        "  # Optional: when (when the actor reacted: date or FROM..TO); diplomat (rank, for a",
        "  # summons); about (what it is about); originator (actor id of who claimed it); speaker",
        "  # (person id of who voiced it); credibility (1, 2, 3, 4, 5, 6, not graded); voice",
        "  # (quote, reported, narration); inferred (give when the source does not say who said",
        "  # it and the editors attributed it); supersedes (ids of earlier claims by the same",
        "  # claimant that this one replaces); corrects (ids of earlier claims); disputes (ids of",
        "  # claims this one contradicts).",
        "  - id: nato-confirms-presence",
        "    actor: nato",
        "    kind: confirmation",
        "    summary: Confirmed that North Korean soldiers are in Russia.",
        "    responds_to: [dprk-troops-in-russia]",
        "    document: report-2024-10-25",
        "    quote: >-",
        "      NATO and U.S. Defense Secretary Lloyd Austin have also confirmed the existence of",
        "      North Korean soldiers in Russia.",
    ]
    assert result.output.splitlines() == [
        f"added reaction 'nato-confirms-presence' to content/reactions.yaml, "
        f"lines {lines + 1}-{lines + len(entry)}:",
        *entry,
        f"checked: {len(load(example_content).ids)} facts with ids, no problems found",
    ]
    assert path.read_bytes() == before + "".join(f"{line}\n" for line in entry).encode()


def test_new_asks_for_missing_fields(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    before = path.read_bytes()
    answers = ["nato-asked", "nato", "statment", "statement", "Said so.", DOC, NATO_QUOTE]
    result = run("new", "reaction", input="".join(f"{a}\n" for a in answers))
    assert result.exit_code == 0, result.output
    assert "id (stable id: lowercase ASCII letters, digits and single hyphens): " in result.output
    assert "Error: 'statment' is not one of" in result.output  # asked again
    assert "added reaction 'nato-asked' to content/reactions.yaml" in result.output
    inserted(before, path.read_bytes())
    assert data_at(path, ("reactions",))[-1] == {
        "id": "nato-asked",
        "actor": "nato",
        "kind": "statement",
        "summary": "Said so.",
        "document": DOC,
        "quote": NATO_QUOTE,
    }


def test_new_estimate_asks_only_what_is_missing(example_content: Path, run) -> None:
    path = example_content / "deployments/dprk-troops-in-russia.yaml"
    result = run(
        "new", "claim", "--id", "nis-asked", "--document", DOC,
        "--quote", "reported another 1,500 North Korean soldiers being sent",
        input="1500\nsent\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "value (the figure, if one number): " in result.output
    assert "deployment" not in result.output.split("added")[0]  # only one: not asked
    estimate = data_at(path, (*DEPLOYMENT, "estimates"))[-1]
    assert (estimate["id"], estimate["value"], estimate["counts"]) == ("nis-asked", "1500", "sent")


def _refused(run, path: Path, *args: str) -> list[str]:
    before = path.read_bytes()
    result = run("new", *args)
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp file left
    return result.output.splitlines()


def _reaction(reaction_id: str, actor: str = "nato", quote: str = NATO_QUOTE) -> list[str]:
    return [
        *("reaction", "--id", reaction_id, "--actor", actor, "--kind", "statement"),
        *("--summary", "s", "--document", DOC, "--quote", quote),
    ]


PROBLEM = re.compile(r"^content/reactions\.yaml:(\d+):(\d+): error: ")


def test_duplicate_id_is_refused(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    lines = _refused(run, path, *_reaction("nato-confirms"))
    assert PROBLEM.match(lines[0])
    assert "id 'nato-confirms' is already used at content/reactions.yaml:" in lines[0]
    assert lines[-1] == "1 problem found; nothing was built."


def test_unknown_originator_is_refused(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    args = [*_reaction("nato-x"), "--originator", "nobody"]
    lines = _refused(run, path, *args)
    assert PROBLEM.match(lines[0]) and "unknown actor id 'nobody'" in lines[0]
    line = int(PROBLEM.match(lines[0]).group(1))
    assert line > path.read_bytes().count(b"\n")  # it points into the entry that was refused


def test_quote_not_in_archive_is_refused(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    args = _reaction("nato-x", quote="NATO denied everything.")
    lines = _refused(run, path, *args)
    assert PROBLEM.match(lines[0])
    assert "quote not found verbatim in document 'report-2024-10-25'" in lines[0]


def test_bad_date_is_refused(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    lines = _refused(run, path, *_reaction("nato-x"), "--when", "2024-02-30")
    assert PROBLEM.match(lines[0]) and "February 2024 has 29 days" in lines[0]


def test_unknown_deployment_lists_the_known_ones(example_content: Path, run) -> None:
    before = (example_content / "deployments/dprk-troops-in-russia.yaml").read_bytes()
    result = run(
        "new", "estimate", "--deployment", "nope", "--id", "x", "--value", "1",
        "--counts", "sent", "--document", DOC, "--quote", "q",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for --deployment: unknown deployment 'nope'; "
        "known deployments: dprk-troops-in-russia"
    )
    assert (example_content / "deployments/dprk-troops-in-russia.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["reaction", "--counts", "sent"], "--counts does not apply to a reaction (it takes --id,"),
        (["reaction", "--kind", "shrug"], "Invalid value for --kind: 'shrug' is not one of: "),
        (["stage", "--treaty", "nope"], "unknown treaty 'nope'; known treaties: russia-dprk"),
        (["frobnicate"], "Invalid value for 'KIND'"),
    ],
)
def test_bad_usage_exits_2(example_content: Path, run, args: list[str], message: str) -> None:
    result = run("new", *args, "--id", "x", "--document", DOC, "--quote", "q", input="")
    assert result.exit_code == 2
    assert message in result.output


def test_several_files_holding_the_kind_need_file(
    example_content: Path, write_content, run
) -> None:
    write_content({"more/reactions.yaml": "reactions:\n  - id: r0\n    actor: nato\n"})
    result = run("new", *_reaction("nato-x"))
    assert result.exit_code == 2
    assert "several files hold 'reactions:': content/more/reactions.yaml, " in result.output
    assert "content/reactions.yaml; choose one with --file" in result.output


def test_file_chooses_and_can_start_a_list(example_content: Path, run) -> None:
    path = example_content / "events.yaml"
    before = path.read_bytes()
    result = run("new", *_reaction("nato-x"), "--file", "content/events.yaml")
    assert result.exit_code == 0, result.output
    added = inserted(before, path.read_bytes())
    assert added[0] == b"reactions:\n"
    assert data_at(path, ("reactions",))[0]["id"] == "nato-x"


def test_crlf_file_keeps_its_line_endings(example_content: Path, write_content, run) -> None:
    path = example_content / "events.yaml"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    write_content({"events.yaml": crlf})
    result = run(
        "new", "event", "--id", "ev-crlf", "--title", "Counter-attack", "--document", DOC,
        "--quote", "Russian forces counterattacked in September.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    added = inserted(crlf, after)
    assert all(line.endswith(b"\r\n") for line in added)
    assert after.count(b"\n") == after.count(b"\r\n")
    assert run("validate").exit_code == 0


def test_file_without_final_newline_keeps_it(example_content: Path, write_content, run) -> None:
    path = example_content / "events.yaml"
    text = path.read_bytes().rstrip(b"\n")
    write_content({"events.yaml": text})
    result = run("new", "event", "--id", "ev-x", "--title", "T", "--document", DOC, "--quote", "in")
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(text + b"\n  # Optional: ") and not after.endswith(b"\n")
    assert data_at(path, ("events",))[-1]["id"] == "ev-x"


HAND_WRITTEN = """\
reactions:   # trailing comment on the key

  - id: "r-double"     # double-quoted id
    actor: 'nato'
    kind: statement
    summary: 'It''s a ''quoted'' summary'
    responds_to: [dprk-troops-in-russia,   experts-rockets-claim]
    document: "report-2024-10-25"
    quote: "NATO and U.S. Defense Secretary Lloyd Austin have also confirmed"   # why
"""
END_COMMENTS = "  # a comment at the end of the list\n\n# a comment at the end of the file\n"


def test_flow_lists_quotes_and_comments_are_kept(example_content: Path, run) -> None:
    path = example_content / "reactions.yaml"
    example = path.read_text(encoding="utf-8")
    original = example.replace("reactions:\n", HAND_WRITTEN, 1) + END_COMMENTS
    path.write_text(original, encoding="utf-8")
    args = ["--responds-to", "dprk-troops-in-russia,experts-rockets-claim"]
    quote = 'Austin mentioned in a video published by the "Washington Post"'
    summary = ["--summary", "# not a comment"]
    result = run("new", *_reaction("r-new", quote=quote), *args, *summary)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    added = inserted(original.encode(), after.encode())
    assert after.startswith(original.removesuffix(END_COMMENTS)) and after.endswith(END_COMMENTS)
    assert b"    summary: '# not a comment'\n" in added
    assert b"    responds_to: [dprk-troops-in-russia, experts-rockets-claim]\n" in added
    items = data_at(path, ("reactions",))
    assert items[0]["summary"] == "It's a 'quoted' summary"
    assert items[0]["responds_to"] == ["dprk-troops-in-russia", "experts-rockets-claim"]
    assert items[-1]["quote"] == quote and items[-1]["summary"] == "# not a comment"
    assert run("validate").exit_code == 0


def test_flow_style_target_list_is_refused(example_content: Path, write_content, run) -> None:
    write_content({"reactions.yaml": "reactions: [{id: r0, actor: nato}]\n"})
    lines = _refused(run, example_content / "reactions.yaml", *_reaction("nato-x"))
    assert lines[0] == (
        "content/reactions.yaml:1:12: error: 'reactions' is not a block list that can be "
        "appended to (hint: write it with one '- ' item per line)"
    )


def test_missing_list_in_a_deployment_is_started(example_content: Path, run) -> None:
    path = example_content / "deployments/dprk-troops-in-russia.yaml"
    text = path.read_text(encoding="utf-8")
    notes = text.index("\n    notes:\n")
    path.write_text(text[: notes + 1], encoding="utf-8")  # drop the notes
    before = path.read_bytes()
    result = run("new", "note", "--id", "n1", "--text", "T", "--document", DOC, "--quote", "in")
    assert result.exit_code == 0, result.output
    added = inserted(before, path.read_bytes())
    assert added[0] == b"    notes:\n" and added[1].startswith(b"      # Optional: ")
    assert added[-4:] == [
        b"      - id: n1\n",
        b"        text: T\n",
        b"        document: report-2024-10-25\n",
        b"        quote: in\n",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "key: value # with colon and hash",
        "- leading dash",
        "null",
        "~",
        "'single' and \"double\"",
        "tab\there",
        "trailing space ",
        "line\nbreak",
        "1.10",
        "NO",
        "{not: a map}",
        "&anchor *alias !tag",
        "long " * 40 + "end",
        "long 'quoted' words, " * 10 + "a: b",
        "  leading spaces then long " * 5,
    ],
)
def test_every_text_reads_back_exactly(text: str) -> None:
    spec = scaffold.kind_spec("note")
    entry = {"id": "n", "text": text, "document": DOC, "quote": text}
    lines = scaffold.entry_lines(spec, entry, 2, 4)
    fact_file, problems = parse_text("notes:\n" + "".join(f"{ln}\n" for ln in lines), "t")
    assert not problems
    assert fact_file.data == {"notes": [entry]}


def test_a_failed_read_back_restores_the_file(
    example_content: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example_content / "reactions.yaml"
    before = path.read_bytes()
    real = scaffold.write_atomic
    calls: list[bytes] = []

    def corrupting(target: Path, data: bytes, mode: int) -> None:
        calls.append(data)
        real(target, data.replace(b"nato-x", b"nato-y") if len(calls) == 1 else data, mode)

    monkeypatch.setattr(scaffold, "write_atomic", corrupting)
    result = run("new", *_reaction("nato-x"))
    assert result.exit_code == 1
    assert "did not read back as written; the original was restored" in result.output
    assert path.read_bytes() == before and calls[-1] == before


def test_scaffold_imports_neither_mkdocs_nor_click() -> None:
    check = (
        "import generator.scaffold, sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'click')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.stdout == "[]\n", result.stderr


def test_new_measure_goes_beside_the_declared_ones(example_content: Path, run) -> None:
    path = example_content / "measures.yaml"
    before = path.read_bytes()
    result = run(
        "new", "measure", "--id", "displaced", "--name", "People displaced", "--unit", "people"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before + b"  - id: displaced\n    name: People displaced\n" + (
        b"    unit: people\n"
    )


def test_new_estimate_may_give_words_instead_of_a_value(example_content: Path, run) -> None:
    result = run(
        "new", "estimate", "--deployment", "dprk-troops-in-russia", "--id", "nis-words",
        "--words", "1,500", "--counts", "sent", "--document", DOC,
        "--quote", "reported a deployment of 1,500 North Korean soldiers to Russia.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "    words: 1,500\n"
        in (example_content / "deployments" / "dprk-troops-in-russia.yaml").read_text()
    )


SOURCE = ["source", "--title", "Follow-up", "--published", "2024-10-26"]


def test_new_source_gets_the_next_free_citation_number(
    example_content: Path, write_content, run
) -> None:
    """One after every number in use: given (4), or taken by a document without one (5)."""
    write_content(
        {
            "more.yaml": "documents:\n"
            "  - id: x-four\n    number: 4\n    title: F\n    published: 2024-10-20\n"
            "  - id: x-unnumbered\n    title: U\n    published: 2024-10-21\n"
        }
    )
    path = example_content / "sources.yaml"
    result = run("new", *SOURCE, "--id", "x-new", "--file", "content/sources.yaml")
    assert result.exit_code == 0, result.output
    assert "    number: 6" in printed_lines(result)
    assert data_at(path, ("documents",))[-1]["number"] == "6"
    numbers = {d.id: d.number for d in load(example_content).documents}
    assert numbers == {"x-four": 4, "x-unnumbered": None, "report-2024-10-25": 1, "x-new": 6}


def test_new_source_keeps_a_number_given(example_content: Path, run) -> None:
    path = example_content / "sources.yaml"
    result = run("new", *SOURCE, "--id", "x-new", "--number", "9")
    assert result.exit_code == 0, result.output
    assert data_at(path, ("documents",))[-1]["number"] == "9"


def test_new_source_with_a_number_in_use_is_refused(example_content: Path, run) -> None:
    path = example_content / "sources.yaml"
    lines = _refused(run, path, *SOURCE, "--id", "x-new", "--number", "1")
    assert re.match(
        r"^content/sources\.yaml:\d+:13: error: document 'x-new' has number 1, ", lines[0]
    )
    assert "as 'report-2024-10-25' does (content/sources.yaml:7)" in lines[0]
    assert "'number: 2'" in lines[0]
