"""Checks across records: every problem of one run, and each consistency check's exact text
and place (errors from generator.pipeline.load, warnings from the advisories).

As in test_validate.py, each case adds content/extra.yaml to a copy of the example.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.advisories import find_warnings
from generator.pipeline import load
from tests.facts.test_validate import ACTORS_SHOWN

EVENT_QUOTE = (
    "    document: report-2024-10-25\n    quote: Russian forces counterattacked in September.\n"
)
QUOTE = (
    "        document: report-2024-10-25\n"
    "        quote: around 3,000 North Korean soldiers are undergoing training\n"
)
DEPLOYMENT = (
    "deployments:\n  - id: d\n    title: D\n    force: F\n    origin: russia\n"
    "    destination: ukraine\n    estimates:\n"
)
TREATY = (
    "treaties:\n  - id: t\n    title: T\n    parties: [russia]\n    signature:\n"
    "      id: t-sig\n      when: {signed}\n      document: report-2024-10-25\n"
    "      quote: The agreement was signed by Putin\n    stages:\n"
)
REACTION = (
    "reactions:\n  - id: r\n    actor: nato\n    kind: statement\n    summary: s\n"
    "    responds_to: [nato-confirms{more}]\n    document: report-2024-10-25\n"
    "    quote: NATO and U.S. Defense Secretary Lloyd Austin have also confirmed\n"
)
LATER = "a document reports only what happened by its date: correct the date"
CITE = "or cite the document that reports it"


def estimate(estimate_id: str, extra: str = "", value: str = "value: 3000") -> str:
    return f"      - id: {estimate_id}\n        {value}\n        counts: training\n{extra}{QUOTE}"


def stage(stage_id: str, status: str, when: str) -> str:
    return (
        f"      - id: {stage_id}\n        name: N\n        status: {status}\n"
        f"        when: {when}\n        document: report-2024-10-25\n"
        "        quote: The Russian Federation Council still needs to ratify it\n"
    )


def problems(example_content: Path, write_content, text: str) -> list[str]:
    write_content({"extra.yaml": text})
    with pytest.raises(ContentError) as info:
        load(example_content, example_content.parent)
    return [p.format() for p in info.value.problems]


def warnings(example_content: Path, write_content, text: str) -> list[str]:
    write_content({"extra.yaml": text})
    found = find_warnings(load(example_content, root=example_content.parent))
    return [p.format() for p in found if p.path == "content/extra.yaml"]


# --- one run reports everything ----------------------------------------------------------


def test_an_unknown_reference_is_reported_beside_a_bad_id(example_content, write_content):
    """Before, a bad id anywhere hid every unknown reference until it was fixed."""
    text = (
        "events:\n  - id: x-ok\n    title: T\n    originator: nobody\n" + EVENT_QUOTE
        + "  - id: Bad-Id\n    title: T\n    originator: ghost\n" + EVENT_QUOTE
    )  # fmt: skip
    assert problems(example_content, write_content, text) == [
        f"content/extra.yaml:4:17: error: unknown actor id 'nobody' (hint: known ids: "
        f"{ACTORS_SHOWN})",
        "content/extra.yaml:7:9: error: 'Bad-Id' is not a valid id (hint: use lowercase ASCII "
        "letters, digits and single hyphens, like 'kr-nis')",
        f"content/extra.yaml:9:17: error: unknown actor id 'ghost' (hint: known ids: "
        f"{ACTORS_SHOWN})",
    ]


def test_a_reference_to_a_record_with_problems_is_not_unknown(example_content, write_content):
    text = (
        "events:\n  - id: x-bad\n    titel: T\n" + EVENT_QUOTE
        + REACTION.format(more=", x-bad").replace("    quote: NATO", "    quote: NATO", 1)
    )  # fmt: skip
    assert [p.split(": error: ")[1] for p in problems(example_content, write_content, text)] == [
        "missing required field 'title' (hint: add 'title:' here)",
        "unknown field 'titel' (hint: did you mean 'title'? known fields: id, title, when, "
        "document, quote, also_reported_in, originator, speaker, credibility, voice, inferred, "
        "supersedes, corrects, disputes)",
    ]


def test_the_other_records_of_a_file_with_problems_are_checked(example_content, write_content):
    """A file validates whole or not; its records are still checked one by one: here a
    quote, and an estimate beside one that does not validate."""
    text = (
        "events:\n  - id: x-bad\n    titel: T\n" + EVENT_QUOTE
        + "  - id: x2\n    title: T\n    document: report-2024-10-25\n    quote: not said\n"
        + DEPLOYMENT + estimate("e1", value="value: many") + estimate("e2", "        adds_to: e2\n")
    )  # fmt: skip
    assert problems(example_content, write_content, text)[2:] == [
        "content/extra.yaml:9:12: error: quote not found verbatim in document "
        "'report-2024-10-25' (hint: copy the passage exactly from the archived text)",
        "content/extra.yaml:18:16: error: 'many' in 'value' is not a whole number "
        "(hint: write digits only, like 3000)",
        "content/extra.yaml:25:18: error: estimate 'e2' adds to itself (hint: 'adds_to' names "
        "an earlier estimate this figure comes on top of; remove it, or name that one)",
    ]


def test_two_briefings_do_not_hide_the_other_problems(example_content, write_content):
    text = (
        "briefing:\n  title: B\n  date: 2024-10-25\n  cutoff: 2024-10-25\n"
        "events:\n  - id: x\n    title: T\n    originator: nobody\n" + EVENT_QUOTE
    )
    assert [
        p.split(": error: ")[1][:40] for p in problems(example_content, write_content, text)
    ] == [
        "a second 'briefing:' (the first is in co",
        "unknown actor id 'nobody' (hint: known i",
    ]


# --- errors ------------------------------------------------------------------------------

ERRORS = {
    "adds-to-itself": (
        DEPLOYMENT + estimate("e1", "        adds_to: e1\n"),
        "11:18: error: estimate 'e1' adds to itself (hint: 'adds_to' names an earlier estimate "
        "this figure comes on top of; remove it, or name that one)",
    ),
    "adds-to-cycle": (
        DEPLOYMENT
        + estimate("e1", "        adds_to: e3\n")
        + estimate("e2", "        adds_to: e1\n")
        + estimate("e3", "        adds_to: e2\n")
        + estimate("e4", "        adds_to: e1\n"),
        "11:18: error: 'adds_to' goes round in a cycle: e1 -> e3 -> e2 -> e1 (hint: each "
        "figure comes on top of an earlier one: remove 'adds_to' from the earliest)",
    ),
    "responds-to-itself": (
        REACTION.format(more=", r"),
        "6:34: error: reaction 'r' responds to itself (hint: 'responds_to' names the facts it "
        "answers; remove 'r')",
    ),
    "stages-backwards": (
        TREATY.format(signed="2024-06")
        + stage("s1", "done", "2024-10-24")
        + stage("s2", "done", "2024-10-01"),
        "20:15: error: stage 's2' is dated 1 Oct 2024, before stage 's1' (24 Oct 2024), listed "
        "before it (hint: list the stages in the order they happen, the signature first; or "
        "correct a date)",
    ),
    "stage-before-signature": (
        TREATY.format(signed="2024-06") + stage("s1", "expected", "2024-05"),
        "14:15: error: stage 's1' is dated May 2024, before the signature 't-sig' (Jun 2024), "
        "listed before it (hint: list the stages in the order they happen, the signature "
        "first; or correct a date)",
    ),
    "claimed-after-document": (
        DEPLOYMENT + estimate("e1", "        claimed: {text: on Saturday, date: 2024-11-02}\n"),
        "11:18: error: estimate 'e1' is dated 2 Nov 2024 ('claimed'), after its document "
        f"'report-2024-10-25' of 25 Oct 2024 (hint: {LATER}, {CITE})",
    ),
    "reaction-after-document": (
        REACTION.format(more="") + "    when: 2024-10-26\n",
        "9:11: error: reaction 'r' is dated 26 Oct 2024 ('when'), after its document "
        f"'report-2024-10-25' of 25 Oct 2024 (hint: {LATER}, {CITE})",
    ),
    "signature-after-document": (
        TREATY.format(signed="2024-11").removesuffix("    stages:\n"),
        "7:13: error: signature 't-sig' is dated Nov 2024 ('when'), after its document "
        f"'report-2024-10-25' of 25 Oct 2024 (hint: {LATER}, {CITE})",
    ),
    "stage-done-after-document": (
        TREATY.format(signed="2024-06") + stage("s1", "done", "2024-11-02"),
        "14:15: error: stage 's1' is dated 2 Nov 2024 ('when'), after its document "
        f"'report-2024-10-25' of 25 Oct 2024 (hint: {LATER} or, if it is still to come, its "
        f"status, {CITE})",
    ),
    "phase-completed-after-document": (
        DEPLOYMENT.replace("estimates:", "route:")
        + "      - id: p\n        name: P\n        status: completed\n        when: 2024-10-30\n"
        + QUOTE,
        "11:15: error: phase 'p' is dated 30 Oct 2024 ('when'), after its document "
        f"'report-2024-10-25' of 25 Oct 2024 (hint: {LATER} or, if it is still to come, its "
        f"status, {CITE})",
    ),
    "glossary-term-twice": (
        "glossary:\n  - term: XYZ\n    meaning: m\n  - term: XYZ\n    meaning: m2\n",
        "4:11: error: term 'XYZ' is already defined at content/extra.yaml:2:11 (hint: keep one "
        "definition per term: a page shows one meaning for it)",
    ),
    "id-is-an-evidence-anchor": (
        "places:\n  - id: ev-nato-confirms\n    name: N\n    lat: 1\n    lon: 2\n    basis: b\n",
        "2:9: error: id 'ev-nato-confirms' would repeat the anchor the Sources page gives the "
        "evidence of fact 'nato-confirms' (hint: pick an id that does not start with 'ev-')",
    ),
    "url-mixed-scripts": (
        "documents:\n  - id: doc2\n    title: D\n    published: 2024-10-25\n"
        "    url: https://exаmple.org/x\n",
        "5:10: error: url: host 'exаmple.org' mixes Latin ('e' U+0065) and Cyrillic ('а' "
        "U+0430) letters (hint: a look-alike of another site's address; check the link and "
        "write its host in one script)",
    ),
    "url-punycode-mixed-scripts": (
        "documents:\n  - id: doc2\n    title: D\n    published: 2024-10-25\n"
        "    url: https://xn--80ak6aa92e.com/\n",
        "5:10: error: url: host 'xn--80ak6aa92e.com' (punycode for 'аррӏе.com') mixes Cyrillic "
        "('а' U+0430) and Latin ('c' U+0063) letters (hint: a look-alike of another site's "
        "address; check the link and write its host in one script)",
    ),
    "url-bad-punycode": (
        "documents:\n  - id: doc2\n    title: D\n    published: 2024-10-25\n"
        "    url: mailto:press@xn--99999999999999.org\n",
        "5:10: error: url: host label 'xn--99999999999999' is not valid punycode (hint: check "
        "the link: an 'xn--' label must be valid punycode)",
    ),
    "date-words-too-long": (
        "events:\n  - id: x\n    title: T\n    when: {text: " + "on " * 70 + "}\n" + EVENT_QUOTE,
        "4:18: error: 'text' is longer than 200 characters (hint: shorten it)",
    ),
}


@pytest.mark.parametrize(("text", "expected"), ERRORS.values(), ids=ERRORS.keys())
def test_consistency_error_exact_text_and_place(
    example_content: Path, write_content, text: str, expected: str
) -> None:
    assert problems(example_content, write_content, text) == [f"content/extra.yaml:{expected}"]


ACCEPTED = {
    "stages-in-order": TREATY.format(signed="2024-06") + stage("s1", "done", "2024-10")
    + stage("s2", "done", "2024-10-24") + stage("s3", "expected", "2024-12"),
    "stage-expected-after-document": TREATY.format(signed="2024-06")
    + stage("s1", "pending", "2024-11-06"),
    "claimed-the-day-of-the-document": DEPLOYMENT + estimate("e1", "        claimed: 2024-10\n"),
    "adds-to-a-chain": DEPLOYMENT + estimate("e1") + estimate("e2", "        adds_to: e1\n")
    + estimate("e3", "        adds_to: e2\n"),
    "url-one-script": "documents:\n  - id: doc2\n    title: D\n    published: 2024-10-25\n"
    "    url: https://пример.рф/\n  - id: doc3\n    title: D\n    published: 2024-10-25\n"
    "    url: https://例え.テスト/a\n",
    "date-words-at-the-limit": "events:\n  - id: x\n    title: T\n    when: {text: "
    + "a" * 200 + "}\n" + EVENT_QUOTE,
}  # fmt: skip


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_consistent_facts_are_accepted(example_content: Path, write_content, text: str) -> None:
    write_content({"extra.yaml": text})
    load(example_content, example_content.parent)


# --- warnings ----------------------------------------------------------------------------

DATED = "        claimed: 2024-10-23\n"
WARNINGS = {
    "figure-not-in-quote": (
        DEPLOYMENT + estimate("e1", DATED, value="value: 1500"),
        "8:13: warning: figure 1,500 ('value') of estimate 'e1' is not in its quote (hint: "
        "the quote should give the figure (as 1,500, 1500 or in words): quote the passage "
        "that does, or correct the figure)",
    ),
    "range-end-not-in-quote": (
        DEPLOYMENT + estimate("e1", DATED, value="low: 3000\n        high: 12000"),
        "8:13: warning: figure 12,000 ('high') of estimate 'e1' is not in its quote (hint: "
        "the quote should give the figure (as 12,000, 12000 or in words): quote the passage "
        "that does, or correct the figure)",
    ),
    "speaker-for-another": (
        DEPLOYMENT + estimate("e1", DATED + "        originator: us-nsc\n"
        "        speaker: lloyd-austin\n"),
        "8:13: warning: speaker 'lloyd-austin' of 'e1' speaks for 'us-dod', not for its "
        "originator 'us-nsc' (hint: correct 'speaker' or 'originator' (or the speaker's "
        "'speaks_for'))",
    ),
    "speaker-for-no-one": (
        DEPLOYMENT
        + estimate("e1", DATED + "        originator: us-nsc\n" + "        speaker: experts\n"),
        "8:13: warning: speaker 'experts' of 'e1' speaks for no one ('speaks_for' is not set), "
        "so not for its originator 'us-nsc' (hint: add 'speaks_for: us-nsc' to actor 'experts' "
        "if they speak for it; else correct 'speaker' or 'originator')",
    ),
    "speaker-without-originator": (
        DEPLOYMENT + estimate("e1", DATED + "        speaker: john-kirby\n"),
        "8:13: warning: speaker 'john-kirby' of 'e1' is named, but the claim has no "
        "originator (hint: set 'originator' to 'us-nsc', whom John Kirby speaks for; or "
        "remove 'speaker')",
    ),
    "event-after-document": (
        "events:\n  - id: x\n    title: T\n    when: 2024-11\n" + EVENT_QUOTE,
        "2:9: warning: event 'x' is dated Nov 2024, after its document 'report-2024-10-25' of "
        "25 Oct 2024 (hint: if the document announces it as still to come, say so in the "
        "title; else correct the date)",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WARNINGS.values(), ids=WARNINGS.keys())
def test_consistency_warning_exact_text_and_place(
    example_content: Path, write_content, text: str, expected: str
) -> None:
    assert warnings(example_content, write_content, text) == [f"content/extra.yaml:{expected}"]


@pytest.mark.parametrize(
    "voice",
    [
        "        originator: us-nsc\n        speaker: john-kirby\n",
        "        originator: united-states\n        speaker: john-kirby\n",
        "        originator: us-nsc\n        speaker: us-nsc\n",
    ],
    ids=["speaks-for", "for-its-state", "itself"],
)
def test_a_speaker_for_the_originator_is_not_warned(example_content, write_content, voice):
    assert (
        warnings(example_content, write_content, DEPLOYMENT + estimate("e1", DATED + voice)) == []
    )
