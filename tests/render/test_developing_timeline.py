"""A developing record on the treaty page and the chronology: a stage shows its current
status once, with its history cited status by status; an estimate's date says it is when
it was said, beside the time it describes; a later status is an entry of its own; the rule
that turned a source's words into a date is shown."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import generate
from generator.facts.content import Content
from generator.pipeline import load
from generator.render import charts, plan
from generator.render.plan import Page
from generator.render.timeline import chronology
from tests.conftest import REPORT_CONTENT
from tests.render.pages_text import notes

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "exercise" / "content"
EXAMPLE = REPORT_CONTENT
NS = {"svg": charts.SVG_NS}


def pages_of(content_dir: Path) -> dict[str, str]:
    pages: list[Page] = generate(content_dir, root=ROOT)
    return {page.path: page.markdown for page in pages}


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, str]:
    return pages_of(FIXTURE)


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return pages_of(EXAMPLE)


@pytest.fixture(scope="module")
def fixture_content() -> Content:
    return load(FIXTURE, ROOT)


@pytest.fixture(scope="module")
def example_content() -> Content:
    return load(EXAMPLE, ROOT)


def row_of(markdown: str, fact_id: str) -> str:
    """The one table row that anchors ``fact_id``."""
    rows = [line for line in markdown.splitlines() if f'<a id="{fact_id}"></a>' in line]
    assert len(rows) == 1, rows
    return rows[0]


def tracker_links(markdown: str) -> list[ET.Element]:
    start = markdown.index("<figure")
    figure = ET.fromstring(markdown[start : markdown.index("</figure>", start) + 9])
    return figure.findall(".//svg:a", NS)


# --- treaty page ----------------------------------------------------------------------


def test_a_stage_with_updates_shows_once_at_its_current_status(
    fixture_pages: dict[str, str],
) -> None:
    page = fixture_pages["treaties/kell-harbour-agreement.md"]
    row = row_of(page, "assembly-approval")
    assert row.count("Approval by the Borvian Assembly") == 1
    assert "| **done**<br>history: pending as of 1 Mar 2030 [[" in row
    assert "**pending**" not in row
    assert "→ done 7 Mar 2030 (“on Thursday”), 61 to 40 [[" in row
    # The current status's date, body and vote.
    assert (
        "| 7 Mar 2030 (“on Thursday”) | [Borvian Assembly](../sources.md#borvian-assembly) |" in row
    )
    assert "| 61 to 40 |" in row
    assert "reported by 2 documents (S2, S3)" in row


def test_each_status_is_cited_with_its_own_document(fixture_pages: dict[str, str]) -> None:
    page = fixture_pages["treaties/kell-harbour-agreement.md"]
    row = row_of(page, "assembly-approval")
    history = row.split("history: ", 1)[1].split(" | ", 1)[0]
    first, later = history.split(" → ")
    assert "[[2]](../sources.md#ev-assembly-approval " in first  # bulletin-1, its first
    assert "[[3]](" in later and "[[4]](" in later  # bulletin-2, and bulletin-3 that confirms
    found = {number: (document, text) for number, document, text in notes(page)}
    assert sorted(found) == [1, 2, 3, 4, 5]
    for number, document, words in (
        (2, "[S1]", "“The Borvian Assembly has yet to approve the Kell Harbour Access Agreement.”"),
        (
            3,
            "[S2]",
            "“The Borvian Assembly approved the Kell Harbour Access Agreement on Thursday by 61 "
            "votes to 40.”",
        ),
        (
            4,
            "[S3]",
            "“The Borvian Assembly's approval of the agreement was confirmed by its speaker.”",
        ),
    ):
        assert found[number][0].startswith(f"From {document}(")
        assert f"The report: {words}" in found[number][1]


def test_the_tracker_has_one_step_per_stage_at_its_current_status(
    fixture_pages: dict[str, str],
) -> None:
    steps = tracker_links(fixture_pages["treaties/kell-harbour-agreement.md"])
    assert [a.get("href") for a in steps] == [
        "#kell-signature",
        "#assembly-approval",
        "#senate-ratification",
    ]
    assembly = steps[1]
    words = [t.text for t in assembly.findall("svg:text", NS) if "bc-status" in t.get("class", "")]
    assert words == ["done"]
    label = assembly.get("aria-label", "")
    assert label.startswith(
        "2. Approval by the Borvian Assembly: done, 7 Mar 2030, 61 to 40 (was pending"
    )
    assert assembly.findtext("svg:title", namespaces=NS) == label


def test_the_tracker_dates_an_earlier_status_by_its_document(
    fixture_content: Content,
) -> None:
    treaty = fixture_content.treaties[0]
    documents = {d.id: d for d in fixture_content.documents}
    figure = ET.fromstring(charts.treaty_tracker(treaty, documents))
    steps = figure.findall(".//svg:a", NS)
    assert len(steps) == 3
    assert steps[1].get("aria-label") == (
        "2. Approval by the Borvian Assembly: done, 7 Mar 2030, 61 to 40 "
        "(was pending as of 1 Mar 2030)"
    )
    desc = figure.findtext(".//svg:desc", namespaces=NS) or ""
    assert desc.startswith("3 steps, 2 done: 1. Signature in Kell: done, Jan 2030;")


def test_a_stage_without_updates_reads_as_before(example_pages: dict[str, str]) -> None:
    page = example_pages["treaties/russia-dprk-partnership.md"]
    assert "history:" not in page
    assert "Each stage shows its current status" not in page
    row = row_of(page, "federation-council-ratification")
    assert "| **pending**" in row


# --- chronology ---------------------------------------------------------------------------


def test_entries_say_what_their_date_is(example_content: Content, fixture_content: Content) -> None:
    example = {(e.fact_id, e.dating) for e in chronology(example_content)}
    assert ("nis-1500-sent", "said") in example
    assert ("us-3000-training", "describes") in example  # no claim date: the time it describes
    assert ("putin-kim-signature", "happened") in example
    fixture = [e for e in chronology(fixture_content) if e.fact_id == "assembly-approval"]
    assert [(e.dating, e.status, e.when.label()) for e in fixture] == [
        ("status", "done", "7 Mar 2030")
    ]
    kell = [e for e in chronology(fixture_content) if e.fact_id == "arrival-in-kell"]
    assert [(e.dating, e.status, e.when.label()) for e in kell] == [
        ("reported", "completed", "8 Mar 2030")  # the update gives no date: its document's
    ]


def test_the_chronology_says_when_an_estimate_was_said_and_the_rule(
    example_pages: dict[str, str],
) -> None:
    page = example_pages["chronology.md"]
    row = next(line for line in page.splitlines() if "#nis-1500-sent)" in line)
    assert row.startswith(
        "| said on 18 Oct 2024 (“On Friday”) | day, by the rule: the Friday before the report "
        "of Friday 2024-10-25; the report places it before the Wednesday report of"
    )
    kirby = next(line for line in page.splitlines() if "#kirby-3000-east)" in line)
    assert kirby.startswith("| said on 23 Oct 2024 (“on Wednesday”) |")
    assert (
        "; describes: 1–20 Oct 2024 (“between early and mid-October”), by the rule: early"
    ) in kirby
    training = next(line for line in page.splitlines() if "#us-3000-training)" in line)
    assert training.startswith("| as of 25 Oct 2024 (“are undergoing training”) |")
    assert "when it was said: not stated" in training


def test_the_chronology_has_a_later_status_as_its_own_entry(
    fixture_pages: dict[str, str],
) -> None:
    page = fixture_pages["chronology.md"]
    assert (
        "| 7 Mar 2030 (“on Thursday”) | day, by the rule: the Thursday before the bulletin of "
        "Friday 2030-03-08 | [Approval by the Borvian Assembly]"
        "(treaties/kell-harbour-agreement.md#assembly-approval): **done**, 61 to 40 | treaty |"
    ) in page
    assert (
        "| as of 8 Mar 2030 | day, the date of the document that reports it (it does not say "
        "when) | [Arrival in Kell](deployments/arland-marines-in-borvia.md#arrival-in-kell): "
        "**completed** | deployment |"
    ) in page
    status = next(line for line in page.splitlines() if "**done**, 61 to 40" in line)
    assert status.count("{: .cite }") == 2  # bulletin-2, and bulletin-3 that confirms it


def test_month_pages_show_the_same_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "SPLIT_CHRONOLOGY", 3)
    pages = pages_of(FIXTURE)
    march = pages["chronology/2030-03.md"]
    assert "(../treaties/kell-harbour-agreement.md#assembly-approval): **done**, 61 to 40" in march
    assert "| said on 7 Mar 2030 (“on Thursday”) |" in march
    assert "| as of 8 Mar 2030 |" in march
    index = pages["chronology.md"]
    assert "“said on”" in index


def test_the_strip_labels_say_when_an_estimate_was_said(example_content: Content) -> None:
    figure = ET.fromstring(charts.chronology_strip(chronology(example_content), "t"))
    links = {a.get("href"): a for a in figure.findall(".//svg:a", NS)}
    nis = links["#nis-1500-sent"]
    assert nis.get("aria-label") == "said on 18 Oct 2024: 1,500 sent (estimate)"
    texts = [t.text for t in nis.findall("svg:text", NS)]
    assert texts == ["said 18 Oct: 1,500 sent"]
    kirby = links["#kirby-3000-east"].get("aria-label")
    assert (
        kirby == "said on 23 Oct 2024: at least 3,000 present; describes 1–20 Oct 2024 (estimate)"
    )
    duma = links["#duma-approval"].get("aria-label")
    assert duma == "24 Oct 2024: Approval by the State Duma: done (treaty)"


def test_a_correction_of_the_signature_shows_on_the_treaty_page(tmp_path: Path) -> None:
    """Relations show on every page that shows either fact: here a later event correcting a
    treaty's signature (not a stage), in a file of its own."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "extra.yaml").write_text(
        "events:\n  - id: signing-doubted\n    title: The signing in Kell is doubted\n"
        "    corrects: kell-signature\n    document: bulletin-2\n"
        "    quote: Arland's Senate is expected to ratify the agreement.\n",
        encoding="utf-8",
    )
    pages = {p.path: p.markdown for p in generate(content, root=tmp_path)}
    treaty = pages["treaties/kell-harbour-agreement.md"]
    assert "(corrected by [The signing in Kell is doubted](../chronology.md#signing-doubted))" in (
        treaty
    )
