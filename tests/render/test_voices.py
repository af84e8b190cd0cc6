"""Pages say whose voice each fact is in, as the sources give it: the actor's own words
(quoted), its words as reported, or the document's own words about it; an attribution the
editors made is shown as theirs, with their reason. The reactions page counts only current
reactions and says what each is about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import generate
from generator.facts.content import Content
from generator.pipeline import load
from generator.render import plan
from generator.render.page_helpers import PageHelpers
from generator.render.site import build_site
from tests.conftest import REPORT_CONTENT

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "exercise" / "content"
EXAMPLE = REPORT_CONTENT


def _pages(content: Path) -> dict[str, str]:
    return {page.path: page.markdown for page in generate(content, root=REPO)}


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, str]:
    return _pages(FIXTURE)


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return _pages(EXAMPLE)


def _helpers(content_dir: Path, path: str = "sources.md") -> tuple[PageHelpers, Content]:
    content = load(content_dir, REPO)
    site = build_site(content)
    return PageHelpers(content, site.index, path, developments=site.developments), content


def _section(markdown: str, heading: str) -> str:
    """From the heading line to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = markdown.index(heading + "\n")
    end = re.compile(rf"^#{{1,{len(level)}}} ", re.MULTILINE).search(markdown, start + 1)
    return markdown[start : end.start() if end else len(markdown)]


def _notes(markdown: str) -> str:
    return markdown[markdown.index("## Notes") :]


# --- Narration: the document's own words about an actor, never the actor's claim.

CANTOR = "[Cantor's foreign ministry](sources.md#cantor-foreign-ministry)"
CANTOR_WORDS = "“Cantor's foreign ministry summoned the Arlandic ambassador over the deployment.”"


def test_a_narration_reaction_is_the_reports_words_about_the_actor_in_the_endnotes(
    fixture_pages: dict[str, str],
) -> None:
    # The reaction's row quotes the words, in its voice; its note says whose, once.
    reactions = fixture_pages["reactions.md"]
    notes = _notes(reactions)
    assert f"| The report, about {CANTOR}: {CANTOR_WORDS} |" in reactions
    assert f"The report, about {CANTOR}, quoted above" in notes
    assert f". {CANTOR}: " not in notes  # as '2. Cantor's...: “...”' once was
    assert f"| {CANTOR}: {CANTOR_WORDS}" not in reactions


def test_a_narration_reaction_is_the_reports_words_in_its_citation_tooltip(
    fixture_pages: dict[str, str],
) -> None:
    reactions = fixture_pages["reactions.md"]
    assert (
        "(sources.md#ev-cantor-summons \"The report, about Cantor's foreign ministry: "
        "“Cantor's foreign ministry summoned the Arlandic ambassador"
    ) in reactions
    assert "\"Cantor's foreign ministry: “" not in reactions


def test_the_sources_page_says_whose_words_each_quote_is(fixture_pages: dict[str, str]) -> None:
    sources = fixture_pages["sources.md"]
    assert "| Fact | Whose words | The document's words |" in sources
    assert "| Claimed by |" not in sources
    row = next(line for line in sources.splitlines() if 'id="ev-cantor-summons"' in line)
    assert f"| The report, about {CANTOR} | {CANTOR_WORDS} |" in row
    # A direct quote is the actor's words; a claim with no voice given is reported speech.
    quote = next(line for line in sources.splitlines() if 'id="ev-arland-500-in-kell"' in line)
    assert "| In the words of [Arland](sources.md#arland) |" in quote
    reported = next(line for line in sources.splitlines() if 'id="ev-bmd-400-sent"' in line)
    assert (
        "| According to [Borvian Ministry of Defence (BMD)](sources.md#borvian-mod) |" in reported
    )


def test_the_sources_page_lists_a_narration_fact_about_its_actor_not_as_its_claim(
    fixture_pages: dict[str, str],
) -> None:
    cantor = _section(
        fixture_pages["sources.md"], "### Cantor's foreign ministry {: #cantor-foreign-ministry }"
    )
    assert "About it, in the documents' own words (not claimed by it):" in cantor
    assert "Claimed or said by it" not in cantor
    assert "(reactions.md#cantor-summons)" in cantor
    observers = _section(
        fixture_pages["sources.md"], "### Coastal Observers Network {: #observers }"
    )
    assert "Claimed or said by it (its words, quoted or as the documents report them):" in observers
    assert "About it" not in observers


def test_who_reads_narration_as_the_report_about_the_actor() -> None:
    helpers, content = _helpers(FIXTURE)
    record = content.ids["cantor-summons"].record
    assert helpers.who(record) == f"_the report_ (about {CANTOR})"
    estimate = content.ids["bmd-400-sent"].record
    assert helpers.who(estimate) == "[Borvian Ministry of Defence (BMD)](sources.md#borvian-mod)"


def test_the_examples_narration_of_putin_is_not_his_claim(example_pages: dict[str, str]) -> None:
    reactions = example_pages["reactions.md"]
    putin = "[Vladimir Putin](sources.md#vladimir-putin)"
    words = "“Russian President Vladimir Putin has not disputed the presence of North Korean"
    assert f"| The report, about {putin}: {words}" in reactions
    assert f"The report, about {putin}, quoted above" in _notes(reactions)
    assert f". {putin}: {words}" not in reactions
    assert f"| {putin}: {words}" not in reactions
    assert f'"Vladimir Putin: {words}' not in reactions
    assert '"The report, about Vladimir Putin: “Russian President' in reactions
    section = _section(example_pages["sources.md"], "### Vladimir Putin {: #vladimir-putin }")
    about = section[section.index("About it") :]
    assert "(reactions.md#putin-no-dispute)" in about
    said = section[: section.index("About it")]
    assert "(reactions.md#putin-no-dispute)" not in said


def test_the_examples_reactions_with_no_voice_stay_according_to_their_originator(
    example_pages: dict[str, str],
) -> None:
    reactions = example_pages["reactions.md"]
    notes = _notes(reactions)
    assert "| According to [NATO](sources.md#nato): “NATO and U.S. Defense Secretary" in reactions
    assert "| In the words of [Vladimir Putin](sources.md#vladimir-putin): “He stated," in reactions
    assert "According to [NATO](sources.md#nato), quoted above" in notes
    assert "In the words of [Vladimir Putin](sources.md#vladimir-putin), quoted above" in notes


# --- An attribution the editors made is theirs, with their reason.

REASON = (
    "the bulletin quotes the words without a speaker; the editors attribute them to Arland, "
    "whose marines they concern"
)


def test_an_inferred_attribution_is_the_editors_with_their_reason_in_the_endnotes(
    fixture_pages: dict[str, str],
) -> None:
    notes = _notes(fixture_pages["deployments/arland-marines-in-borvia.md"])
    assert (
        "In words attributed by the editors to [Arland](../sources.md#arland) "
        f"(reason: {REASON}): “‘We will leave once the harbour is safe.’”"
    ) in notes


def test_an_inferred_attribution_is_short_in_the_tooltip(fixture_pages: dict[str, str]) -> None:
    page = fixture_pages["deployments/arland-marines-in-borvia.md"]
    assert (
        '(../sources.md#ev-leave-when-safe "In the words of Arland (attributed by the editors): '
        '“‘We will leave once the harbour is safe.’”")'
    ) in page


def test_an_inferred_attribution_is_the_editors_on_the_sources_page(
    fixture_pages: dict[str, str],
) -> None:
    sources = fixture_pages["sources.md"]
    row = next(line for line in sources.splitlines() if 'id="ev-leave-when-safe"' in line)
    assert (
        f"In words attributed by the editors to [Arland](sources.md#arland) (reason: {REASON})"
        in row
    )
    arland = _section(sources, "### Arland {: #arland }")
    listed = arland[arland.index("Attributed to it by the editors") :]
    assert "#leave-when-safe)" in listed


def test_who_says_an_inferred_attribution_is_the_editors() -> None:
    helpers, content = _helpers(FIXTURE)
    record = content.ids["leave-when-safe"].record
    assert helpers.who(record) == (
        f"[Arland](sources.md#arland), attributed by the editors (reason: {REASON})"
    )


def test_the_examples_inferred_speaker_is_the_editors(example_pages: dict[str, str]) -> None:
    notes = _notes(example_pages["reactions.md"])
    assert "Attributed by the editors to [John Kirby](sources.md#john-kirby) (reason: " in notes
    assert (
        '"According to John Kirby (attributed by the editors): “However,'
        in (example_pages["reactions.md"])
    )


# --- The reactions page: current reactions in the matrix, each with its subject.


def _matrix(reactions: str) -> str:
    start = reactions.index("## Who reacted how")
    return reactions[start : reactions.index("\n## ", start)]


def test_the_matrix_counts_a_corrected_summons_once(fixture_pages: dict[str, str]) -> None:
    matrix = _matrix(fixture_pages["reactions.md"])
    (row,) = [line for line in _matrix_rows(fixture_pages["reactions.md"]) if CANTOR in line]
    assert row.count("✔") == 1
    assert "(#cantor-summons-corrected " in row
    assert "(#cantor-summons " not in matrix


def test_a_corrected_reaction_is_listed_and_marked_corrected(fixture_pages: dict[str, str]) -> None:
    reactions = fixture_pages["reactions.md"]
    row = next(line for line in reactions.splitlines() if '<a id="cantor-summons"></a>' in line)
    assert (
        "(corrected by [Summoned the Arlandic chargé d'affaires, not the ambassador.]"
        "(reactions.md#cantor-summons-corrected))"
    ) in row
    newer = next(
        line for line in reactions.splitlines() if '<a id="cantor-summons-corrected"></a>' in line
    )
    assert "(corrects [Summoned the Arlandic ambassador over the deployment.]" in newer


def test_an_actors_reactions_are_in_date_order(fixture_pages: dict[str, str]) -> None:
    cantor = _section(fixture_pages["reactions.md"], "## Cantor's foreign ministry")
    first = cantor.index('<a id="cantor-summons"></a>_not stated; reported 1 Mar 2030_')
    second = cantor.index('<a id="cantor-summons-corrected"></a>_not stated; reported 8 Mar 2030_')
    assert first < second


def test_each_reaction_says_what_it_is_about(fixture_pages: dict[str, str]) -> None:
    reactions = fixture_pages["reactions.md"]
    denial = next(line for line in reactions.splitlines() if 'id="borvia-denies-drones"' in line)
    assert "| Denies that Arlandic drones fly over Kell. | Arlandic drones over Kell |" in denial
    summons = next(line for line in reactions.splitlines() if '<a id="cantor-summons"></a>' in line)
    deployment = "(deployments/arland-marines-in-borvia.md#arland-marines-in-borvia)"
    assert f"| [Arlandic marines in Borvia &#40;fictional&#41;]{deployment} |" in summons


def _matrix_rows(reactions: str) -> list[str]:
    """The matrix's body rows."""
    lines = [line for line in _matrix(reactions).splitlines() if line.startswith("| ")]
    return [line for line in lines if not line.startswith(("| About |", "| --- |"))]


def test_the_matrix_has_a_row_per_subject_and_actor(fixture_pages: dict[str, str]) -> None:
    matrix = _matrix(fixture_pages["reactions.md"])
    assert "| About | Actor | denial | summons of a diplomat |" in matrix
    rows = _matrix_rows(fixture_pages["reactions.md"])
    assert len(rows) == 2
    assert rows[0].startswith("| Arlandic drones over Kell | [Borvia](sources.md#borvia) |")
    assert "(#borvia-denies-drones " in rows[0]
    deployment = "(deployments/arland-marines-in-borvia.md#arland-marines-in-borvia)"
    assert rows[1].startswith(f"| [Arlandic marines in Borvia &#40;fictional&#41;]{deployment} |")
    assert "(#cantor-summons-corrected " in rows[1]


def test_the_examples_rocket_denials_are_apart_from_the_troop_reactions(
    example_pages: dict[str, str],
) -> None:
    rockets = "[Experts say Russia is using North Korean rockets in Ukraine]"
    troops = "[North Korean troops in Russia]"
    by_subject: dict[str, list[str]] = {}
    for row in _matrix_rows(example_pages["reactions.md"]):
        about = row.split(" | ")[0].removeprefix("| ")
        by_subject.setdefault(about.split("(")[0], []).append(row)
    denials = " ".join(by_subject[rockets])
    assert "(#russia-denies-rockets " in denials and "(#dprk-denies-rockets " in denials
    assert "denies-rockets" not in " ".join(by_subject[troops])
    assert "(#putin-no-dispute " in " ".join(by_subject[troops])
    cooperation = "the increasing military cooperation of Russia and North Korea"
    assert "(#ep-president-sanctions " in " ".join(by_subject[cooperation])
    assert "(#putin-sincerity " in " ".join(by_subject["_not stated_"])
    row = next(
        line
        for line in example_pages["reactions.md"].splitlines()
        if '<a id="russia-denies-rockets"></a>' in line
    )
    assert f"(disputes {rockets}(" in row


# --- Split sources: the document and actor pages say it the same way.


def test_split_source_pages_say_whose_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "SPLIT_SOURCES", 1)
    pages = _pages(FIXTURE)
    document = pages["sources/bulletin-1.md"]
    assert "| Fact | Whose words | The document's words |" in document
    assert (
        "| The report, about [Cantor's foreign ministry](../sources.md#cantor-foreign-ministry) |"
        in (document)
    )
    actor = pages["sources/actors/cantor-foreign-ministry.md"]
    assert "About it, in the documents' own words (not claimed by it):" in actor
    assert "#cantor-summons)" in actor
