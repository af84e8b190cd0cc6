"""generator.pipeline.load: every kind of content problem, its exact text and its place.

Most tests add one file, content/extra.yaml, to a copy of the example, so the example's
documents, actors and ids are there to refer to and every position is in the added file.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.model import ActorRole, Document
from generator.pipeline import load

QUOTE = "    document: report-2024-10-25\n    quote: Russian forces counterattacked in September.\n"
EVENT = "events:\n  - id: x\n    title: T\n" + QUOTE
ESTIMATE = (
    "deployments:\n  - id: d\n    title: D\n    force: F\n    origin: russia\n"
    "    destination: ukraine\n    estimates:\n      - id: e1\n        counts: sent\n"
    "        document: report-2024-10-25\n"
    "        quote: Russian forces counterattacked in September.\n"
)
DOCUMENT = "documents:\n  - id: doc2\n    title: D\n    published: 2024-10-25\n"
ID_HINT = "use lowercase ASCII letters, digits and single hyphens, like 'kr-nis'"
EVENT_FIELDS = (
    "id, title, when, document, quote, also_reported_in, originator, speaker, credibility, "
    "voice, inferred, supersedes, corrects, disputes"
)
ACTORS_SHOWN = (
    "ep-president, european-parliament, experts, federation-council, german-foreign-office, "
    "germany, john-kirby, kim-jong-un, kr-nis, lloyd-austin, nato, north-korea, ..."
)
FACTS_SHOWN = (
    "austin-confirms, closer-military-ties, dprk-denies-rockets, dprk-troops-in-russia, "
    "duma-approval, ep-president-sanctions, experts-rockets-claim, "
    "federation-council-ratification, german-summons, hur-arrival-kursk, "
    "immediate-military-aid, kirby-3000-east, ..."
)


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content, content.parent)
    return [p.format() for p in info.value.problems]


def test_example_content_loads_without_problems(example_content: Path) -> None:
    content = load(example_content, example_content.parent)
    assert content.briefing.title == "North Korean troops in Russia's Kursk region"
    assert len(content.ids) == 62  # 61 facts and the measure they count in
    assert content.ids["nato"].path == "content/actors.yaml"
    assert (content.ids["nato"].line, content.ids["nato"].column) == (56, 9)
    assert isinstance(content.document("report-2024-10-25"), Document)


ONE_PROBLEM = {
    "unknown-field": (
        "events:\n  - id: x\n    title: T\n    titel: Hello\n" + QUOTE,
        f"4:5: error: unknown field 'titel' (hint: did you mean 'title'? known fields: "
        f"{EVENT_FIELDS})",
    ),
    "unknown-nested-field": (
        ESTIMATE + "        valeu: 5\n",
        "12:9: error: unknown field 'valeu' (hint: did you mean 'value'? known fields: id, value, "
        "low, high, qualifier, words, rule, hedge, measure, scope, scope_place, counts, as_of, "
        "claimed, adds_to, document, quote, also_reported_in, originator, speaker, credibility, "
        "voice, inferred, supersedes, corrects, disputes)",
    ),
    "unknown-kind": (
        "event:\n  - id: x\n",
        "1:1: error: unknown field 'event' (hint: did you mean 'events'? known fields: briefing, "
        "editions, documents, actors, deployments, treaties, reactions, events, glossary, "
        "measures, vocabulary, places)",
    ),
    "missing-field": (
        "events:\n  - id: x\n" + QUOTE,
        "2:5: error: missing required field 'title' (hint: add 'title:' here)",
    ),
    "text-for-list": (
        "treaties:\n  - id: t\n    title: T\n    parties: russia\n",
        "4:14: error: 'parties' must be a list (lines starting with '- ')",
    ),
    "text-for-kind-list": (
        "events: hello\n",
        "1:9: error: 'events' must be a list (lines starting with '- ')",
    ),
    "mapping-for-text": (
        "events:\n  - id: x\n    title:\n      a: b\n" + QUOTE,
        "4:7: error: 'title' must be text, not a mapping",
    ),
    "empty-text": (
        "events:\n  - id: x\n    title: ''\n" + QUOTE,
        "3:12: error: 'title' must not be empty",
    ),
    "not-a-number": (
        ESTIMATE + "        value: many\n",
        "12:16: error: 'many' in 'value' is not a whole number "
        "(hint: write digits only, like 3000)",
    ),
    "literal": (
        "actors:\n  - id: zz\n    name: Z\n    kind: country\n",
        "4:11: error: unknown actor kind 'country' (hint: known: state, organisation, "
        "person, group; or declare it under 'vocabulary: actor_kinds:')",
    ),
    "value-and-range": (
        ESTIMATE + "        value: 5\n        low: 1\n        high: 9\n",
        "12:16: error: estimate 'e1' has both a value and a range "
        "(hint: keep 'value' or 'low'/'high', not both)",
    ),
    "low-above-high": (
        ESTIMATE + "        low: 9\n        high: 1\n",
        "12:14: error: low 9 is greater than high 1 (hint: swap them)",
    ),
    "no-figure": (
        ESTIMATE,
        "8:9: error: estimate 'e1' has no figure (hint: give 'value', or 'low' and 'high', or "
        "the source's 'words' for it)",
    ),
    "half-range": (
        ESTIMATE + "        low: 9\n",
        "8:9: error: estimate 'e1' range needs both 'low' and 'high'",
    ),
    "quote-not-verbatim": (
        EVENT.replace("counterattacked", "retreated"),
        "5:12: error: quote not found verbatim in document 'report-2024-10-25' "
        "(hint: copy the passage exactly from the archived text)",
    ),
    "angle-bracket-title": (
        EVENT.replace("title: T", "title: A <b>bold</b> claim"),
        "3:12: error: title: may not contain '<' or '>' (page titles reach HTML unescaped)",
    ),
    "javascript-url": (
        DOCUMENT + "    url: javascript:alert(1)\n",
        "5:10: error: url: 'javascript:alert(1)' is not an allowed URL: it must start with "
        "https://, http:// or mailto:, with no spaces, quotes or angle brackets",
    ),
    "top-level-list": (
        "- id: x\n  title: T\n",
        "1:1: error: a fact file must be a mapping of kinds, not a list "
        "(hint: start with a kind such as 'events:' or 'reactions:')",
    ),
    "impossible-date": (
        EVENT.replace("title: T", "title: T\n    when: 2024-02-30"),
        "4:11: error: when: '2024-02-30' is not a real date: February 2024 has 29 days",
    ),
    "from-after-to": (
        EVENT.replace(
            "title: T", "title: T\n    when:\n      from: 2024-10-20\n      to: 2024-10-01"
        ),
        "5:7: error: when: 'from' 2024-10-20 is after 'to' 2024-10-01",
    ),
    "second-briefing": (
        "briefing:\n  title: B\n  date: 2024-10-25\n  cutoff: 2024-10-25\n",
        "1:1: error: a second 'briefing:' (the first is in content/briefing.yaml) "
        "(hint: keep one briefing per content folder)",
    ),
    "unknown-originator": (
        EVENT.replace("title: T", "title: T\n    originator: nobody"),
        f"4:17: error: unknown actor id 'nobody' (hint: known ids: {ACTORS_SHOWN})",
    ),
    "document-is-not-an-actor": (
        EVENT.replace("title: T", "title: T\n    originator: report-2024-10-25"),
        f"4:17: error: unknown actor id 'report-2024-10-25' (hint: known ids: {ACTORS_SHOWN})",
    ),
    "unknown-document": (
        "events:\n  - id: x\n    title: T\n    document: no-doc\n    quote: q\n",
        "4:15: error: unknown document id 'no-doc' (hint: known ids: report-2024-10-25)",
    ),
    "unknown-responds-to": (
        "reactions:\n  - id: r\n    actor: nato\n    kind: statement\n    summary: s\n"
        "    responds_to: [nato-confirms, ghost]\n" + QUOTE,
        f"6:34: error: unknown fact id 'ghost' (hint: known ids: {FACTS_SHOWN})",
    ),
    "duplicate-id-across-files": (
        "actors:\n  - id: nato\n    name: NATO again\n    kind: organisation\n",
        "2:9: error: id 'nato' is already used at content/actors.yaml:56:9 "
        "(hint: ids must be unique across all fact files; pick another)",
    ),
}


@pytest.mark.parametrize(("text", "expected"), ONE_PROBLEM.values(), ids=ONE_PROBLEM.keys())
def test_one_problem_exact_text_and_place(
    example_content: Path, write_content, text: str, expected: str
) -> None:
    write_content({"extra.yaml": text})
    assert problems(example_content) == [f"content/extra.yaml:{expected}"]


@pytest.mark.parametrize("bad", ["Energy-Brief", "../x", "北京", "a--b", "-a", "a_b", "'x '", "''"])
def test_invalid_ids(example_content: Path, write_content, bad: str) -> None:
    write_content({"extra.yaml": EVENT.replace("id: x", f"id: {bad}")})
    shown = bad.strip("'")
    why = ": U+5317 is not an ASCII letter" if bad == "北京" else ""
    assert problems(example_content) == [
        f"content/extra.yaml:2:9: error: '{shown}' is not a valid id{why} (hint: {ID_HINT})"
    ]


def test_unknown_cites_in_briefing(example_content: Path, write_content) -> None:
    write_content(
        {
            "editions/2024-10-25.yaml": "editions:\n  - id: e\n    date: 2024-10-25\n"
            "    cutoff: 2024-10-25\n"
            "    takeaways:\n      - text: t\n        cites: [nato-confirms, ghost]\n"
        }
    )
    assert problems(example_content) == [
        f"content/editions/2024-10-25.yaml:7:32: error: unknown fact id 'ghost' (hint: known ids: "
        f"{FACTS_SHOWN})"
    ]


def test_several_problems_in_several_files_in_one_run(example_content: Path, write_content) -> None:
    write_content(
        {
            "a.yaml": "events:\n  - id: x\n    titel: T\n" + QUOTE,
            "m.yaml": ESTIMATE.replace("counterattacked", "attacked") + "        low: 9\n"
            "        high: 1\n",
            "z.yaml": EVENT.replace("id: x", "id: Bad"),
        }
    )
    with pytest.raises(ContentError) as info:
        load(example_content, example_content.parent)
    error = info.value
    assert [(p.path, p.line, p.column) for p in error.problems] == [
        ("content/a.yaml", 2, 5),
        ("content/a.yaml", 3, 5),
        ("content/m.yaml", 11, 16),
        ("content/m.yaml", 12, 14),
        ("content/z.yaml", 2, 9),
    ]
    assert error.problems == sorted(error.problems)
    report = error.report().splitlines()
    assert report[:-1] == [p.format() for p in error.problems]
    assert report[-1] == "5 problems found; nothing was built."
    assert str(error) == error.report()


def test_report_counts_one_problem_in_the_singular(example_content: Path, write_content) -> None:
    write_content({"extra.yaml": "- x\n"})
    with pytest.raises(ContentError) as info:
        load(example_content, example_content.parent)
    assert info.value.report().splitlines()[-1] == "1 problem found; nothing was built."


def test_yaml_and_model_problems_reported_in_one_run(example_content: Path, write_content) -> None:
    write_content({"a.yaml": "x: 1\nx: 2\n", "z.yaml": "events:\n  - id: x\n    titel: T\n"})
    shown = problems(example_content)
    assert any(line.startswith("content/a.yaml:2:1: error: duplicate key 'x'") for line in shown)
    assert any(
        line.startswith("content/z.yaml:3:5: error: unknown field 'titel'") for line in shown
    )


def test_bad_archive_path_is_not_called_an_id(example_content: Path, write_content) -> None:
    write_content({"extra.yaml": DOCUMENT + "    archive: ../../etc/passwd.txt\n"})
    (shown,) = problems(example_content)
    assert shown.startswith("content/extra.yaml:5:14: error: '../../etc/passwd.txt' is not a valid")
    assert "valid id" not in shown


def test_absolute_archive_path_is_refused(tmp_path: Path, example_content: Path, write_content):
    outside = tmp_path / "outside.txt"
    if not re.fullmatch(r"[A-Za-z0-9_\-/]+\.txt", str(outside)):
        pytest.skip("tmp path holds characters the archive pattern refuses anyway")
    outside.write_text("secret words from outside the content folder", encoding="utf-8")
    write_content(
        {
            "extra.yaml": DOCUMENT + f"    archive: {outside}\n"
            "events:\n  - id: x\n    title: T\n    document: doc2\n    quote: secret words\n"
        }
    )
    assert problems(example_content)[0].startswith("content/extra.yaml:5:14: error: ")


def test_missing_briefing_names_the_real_content_folder(tmp_path: Path, write_content) -> None:
    facts = write_content({"actors.yaml": "actors: []\n"}).rename(tmp_path / "facts")
    with pytest.raises(ContentError) as info:
        load(facts, tmp_path)
    (problem,) = info.value.problems
    assert problem.message == "no 'briefing:' found in any fact file"
    assert problem.path.endswith("facts")


@pytest.mark.parametrize("typed", ["1.0", "1_500"])
def test_figure_must_be_digits(example_content: Path, write_content, typed: str) -> None:
    write_content({"extra.yaml": ESTIMATE + f"        value: {typed}\n"})
    assert problems(example_content) == [
        f"content/extra.yaml:12:16: error: '{typed}' in 'value' is not a whole number "
        "(hint: write digits only, like 3000)"
    ]


def test_each_record_says_which_actors_it_names(example_content: Path) -> None:
    """``actor_roles`` is every field holding actor ids, read off the model: a field added
    later without a role would be missing here."""
    roles = set(typing.get_args(ActorRole))
    content = load(example_content, example_content.parent)
    for placed in content.ids.values():
        record = placed.record
        named = []
        for name in type(record).model_fields:
            value = getattr(record, name)
            if name in roles and value is not None:
                named += [(name, v) for v in (value if isinstance(value, list) else [value])]
        assert list(record.actor_roles) == named, record.id
