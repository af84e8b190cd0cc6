# ruff: noqa: E501  (each case is its YAML and its exact message, one line each)
"""How claims develop, validated: each check's exact text and place (file:line:column), on
a copy of the fictional exercise fixture (tests/fixtures/exercise) with one file added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.advisories import find_warnings
from generator.pipeline import load

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"
DEPLOYMENT = (
    "deployments:\n  - id: d\n    title: D\n    force: F\n    origin: arland\n"
    "    destination: borvia\n    estimates:\n"
)
Q1 = "        document: bulletin-1\n        quote: 400 Arlandic marines had been sent to Borvia.\n"
Q3 = "        document: bulletin-3\n        quote: about 1,200 marines are in Kell.\n"


def estimate(estimate_id: str, extra: str = "", quote: str = Q1, value: str = "400") -> str:
    return (
        f"      - id: {estimate_id}\n        value: {value}\n        counts: sent\n"
        f"        originator: borvian-mod\n{extra}{quote}"
    )


@pytest.fixture
def fixture_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def problems(content: Path, text: str) -> list[str]:
    (content / "extra.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(content, content.parent)
    return [p.format() for p in info.value.problems]


def test_a_figure_given_only_in_words_validates(fixture_content: Path) -> None:
    (fixture_content / "extra.yaml").write_text(
        DEPLOYMENT + "      - id: e1\n        words: hundreds\n        counts: present\n"
        "        document: bulletin-1\n"
        "        quote: The Coastal Observers Network counted hundreds of marines\n",
        encoding="utf-8",
    )
    record = load(fixture_content, fixture_content.parent).ids["e1"].record
    assert record.words == "hundreds"


def test_words_not_in_the_quote_are_a_warning(fixture_content: Path) -> None:
    (fixture_content / "extra.yaml").write_text(
        DEPLOYMENT + "      - id: e1\n        words: dozens\n        low: 24\n        high: 99\n"
        "        rule: dozens read as 24 to 99\n        counts: present\n"
        "        document: bulletin-1\n"
        "        quote: The Coastal Observers Network counted hundreds of marines\n",
        encoding="utf-8",
    )
    content = load(fixture_content, fixture_content.parent)
    assert [w.format() for w in find_warnings(content) if "e1" in w.message][-1] == (
        "content/extra.yaml:8:13: warning: words 'dozens' of estimate 'e1' are not in its "
        "quote (hint: 'words' are the source's own: copy them from the quote)"
    )


def test_the_fixture_validates_with_only_its_undated_warnings(fixture_content: Path) -> None:
    content = load(fixture_content, fixture_content.parent)
    assert [w.message for w in find_warnings(content)] == [
        "estimate 'con-hundreds-in-kell' has no date: neither 'claimed' nor 'as_of' gives one",
        "estimate 'bmd-2000-projected' has no date: neither 'claimed' nor 'as_of' gives one",
        "estimate 'con-displaced' has no date: neither 'claimed' nor 'as_of' gives one",
    ]


CASES = {
    "other-claimant": (
        DEPLOYMENT + estimate("e1") + estimate("e2", "        supersedes: con-1200-in-kell\n", Q3),
        "content/extra.yaml:18:21: error: claim 'e2' supersedes 'con-1200-in-kell', a claim by another claimant ('observers') (hint: a claimant supersedes only its own earlier claim; for another's, use 'corrects' or 'disputes')",
    ),
    "other-kind": (
        DEPLOYMENT + estimate("e1", "        supersedes: ferry-crossing\n", Q3),
        "content/extra.yaml:12:21: error: estimate 'e1' supersedes phase 'ferry-crossing', a claim of another kind (hint: a claim supersedes an earlier claim of its own kind (a figure an earlier figure); otherwise use 'corrects' or 'disputes')",
    ),
    "earlier": (
        DEPLOYMENT + estimate("e1", "        corrects: con-1200-in-kell\n"),
        "content/extra.yaml:12:19: error: claim 'e1' corrects 'con-1200-in-kell', which was made later (2030-03-15, this one 2030-03-01) (hint: a claim corrects only an earlier one: swap them, or use 'disputes')",
    ),
    "cycle": (
        DEPLOYMENT
        + estimate("e1", "        corrects: e2\n")
        + estimate("e2", "        corrects: e1\n"),
        "content/extra.yaml:8:13: error: 'supersedes'/'corrects' go round in a cycle: e1 -> e2 -> e1 (hint: a claim replaces only earlier ones: remove the relation from the earliest)",
    ),
    "unknown": (
        DEPLOYMENT + estimate("e1", "        disputes: [con-1200-in-kell, nope]\n"),
        "content/extra.yaml:12:38: error: unknown cited fact id 'nope' (hint: known ids: arland-500-in-kell, arrival-in-kell, assembly-approval, bmd-1500-displaced, bmd-2000-projected, bmd-300-more-sent, bmd-400-sent, borvia-denies-drones, cantor-summons, cantor-summons-corrected, con-1200-in-kell, con-displaced, ...)",
    ),
    "cited-twice": (
        DEPLOYMENT
        + estimate(
            "e1",
            "        also_reported_in:\n          - document: bulletin-1\n            quote: 400 Arlandic marines\n",
        ),
        "content/extra.yaml:13:23: error: document 'bulletin-1' is already cited for this fact (hint: cite each document once; keep the passage that says it best)",
    ),
    "cited-earlier": (
        DEPLOYMENT
        + estimate(
            "e1",
            "        also_reported_in:\n          - document: bulletin-1\n            quote: 400 Arlandic marines\n",
            Q3,
            "1200",
        ),
        "content/extra.yaml:13:23: error: document 'bulletin-1' (1 Mar 2030) is earlier than the first document cited, 'bulletin-3' (15 Mar 2030) (hint: put the earliest document in 'document' and 'quote', the later ones in 'also_reported_in')",
    ),
    "citation-not-quoted": (
        DEPLOYMENT
        + estimate(
            "e1",
            "        also_reported_in:\n          - document: bulletin-3\n            quote: 400 marines\n",
        ),
        "content/extra.yaml:14:20: error: quote not found verbatim in document 'bulletin-3' (hint: copy the passage exactly from the archived text)",
    ),
    "words-no-rule": (
        DEPLOYMENT
        + "      - id: e1\n        words: hundreds\n        low: 200\n        high: 999\n        counts: present\n        document: bulletin-1\n        quote: The Coastal Observers Network counted hundreds of marines\n",
        "content/extra.yaml:9:16: error: estimate 'e1' reads 'hundreds' as a figure without saying how (hint: add 'rule': how the words were read (e.g. 'hundreds read as 200 to 999'))",
    ),
    "rule-no-words": (
        DEPLOYMENT + estimate("e1", "        rule: read as 400\n"),
        "content/extra.yaml:12:15: error: estimate 'e1' has a 'rule' but no 'words' for it to read (hint: add 'words': the source's own words for the figure; or remove 'rule')",
    ),
    "adds-to-measure": (
        DEPLOYMENT.replace("    estimates:\n", "    measure: marines\n    estimates:\n")
        + estimate("e1")
        + estimate("e2", "        adds_to: e1\n        measure: displaced\n"),
        "content/extra.yaml:19:18: error: estimate 'e2' adds to 'e1', which counts another measure (hint: a figure adds only to one of the same measure)",
    ),
    "unknown-measure": (
        DEPLOYMENT + estimate("e1", "        measure: solders\n"),
        "content/extra.yaml:12:18: error: unknown measure id 'solders' (hint: known ids: displaced, marines)",
    ),
    "quote-of-nobody": (
        "events:\n  - id: ev\n    title: T\n    voice: quote\n    document: bulletin-1\n    quote: The agreement was signed in Kell in January.\n",
        "content/extra.yaml:4:12: error: claim 'ev' is a quote of nobody (hint: a quote is someone's words: name the 'originator'; or say 'narration')",
    ),
    "inferred-nobody": (
        "events:\n  - id: ev\n    title: T\n    inferred: because\n    document: bulletin-1\n    quote: The agreement was signed in Kell in January.\n",
        "content/extra.yaml:4:15: error: claim 'ev' gives a reason for an attribution it does not make (hint: 'inferred' explains why the editors name the 'originator' or 'speaker': name one, or remove 'inferred')",
    ),
    "denial-no-subject": (
        "reactions:\n  - id: r\n    actor: borvia\n    kind: denial\n    summary: S\n    document: bulletin-1\n    quote: Borvia's government denies\n",
        "content/extra.yaml:4:11: error: denial 'r' does not say what it is about (hint: name the fact it answers in 'responds_to', or say it in 'about')",
    ),
    "bad-voice": (
        "events:\n  - id: ev\n    title: T\n    voice: quoted\n    document: bulletin-1\n    quote: The agreement was signed in Kell in January.\n",
        "content/extra.yaml:4:12: error: 'quoted' is not allowed for 'voice' (hint: use one of 'quote', 'reported' or 'narration')",
    ),
    "update-earlier": (
        "treaties:\n  - id: t\n    title: T\n    parties: [arland]\n    stages:\n      - id: s\n        name: N\n        status: pending\n        document: bulletin-2\n        quote: Arland's Senate is expected to ratify the agreement.\n        updates:\n          - status: done\n            document: bulletin-1\n            quote: The agreement was signed in Kell in January.\n",
        "content/extra.yaml:13:23: error: this status of 's' comes from 'bulletin-1' (1 Mar 2030), earlier than the status before it ('bulletin-2', 8 Mar 2030) (hint: list the updates in the order their documents were published, after the first status)",
    ),
    "update-after-document": (
        "treaties:\n  - id: t\n    title: T\n    parties: [arland]\n    stages:\n      - id: s\n        name: N\n        status: pending\n        document: bulletin-1\n        quote: The agreement was signed in Kell in January.\n        updates:\n          - status: done\n            when: 2030-04-01\n            document: bulletin-2\n            quote: Arland's Senate is expected to ratify the agreement.\n",
        "content/extra.yaml:13:19: error: 's' is done on 1 Apr 2030, after the document 'bulletin-2' of 8 Mar 2030 that says so (hint: a document reports only what happened by its date: correct the date or the status)",
    ),
    "update-status-typo": (
        "treaties:\n  - id: t\n    title: T\n    parties: [arland]\n    stages:\n      - id: s\n        name: N\n        status: pending\n        document: bulletin-1\n        quote: The agreement was signed in Kell in January.\n        updates:\n          - status: dne\n            document: bulletin-2\n            quote: Arland's Senate is expected to ratify the agreement.\n",
        "content/extra.yaml:12:21: error: unknown stage status 'dne' (hint: did you mean "
        "'done'? known: done, pending, expected; or declare it under 'vocabulary: "
        "stage_statuses:')",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_check_exact_text_and_place(fixture_content: Path, case: str) -> None:
    text, expected = CASES[case]
    assert problems(fixture_content, text) == [expected]
