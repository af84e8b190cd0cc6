"""The deployment page and Home's headline figures show the record as strong as the
sources, no stronger: latest figures per claimant, running totals, hedges, relations,
words with their reading, one chart per measure, route steps with their claimants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import generate, load
from generator.facts.developments import Developments
from tests.conftest import REPORT_CONTENT
from tests.render.pages_text import notes

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "exercise" / "content"
EXAMPLE = REPORT_CONTENT
DEPLOYMENT = "deployments/arland-marines-in-borvia.md"


@pytest.fixture(scope="module")
def fixture_pages() -> dict[str, str]:
    return {p.path: p.markdown for p in generate(FIXTURE, root=ROOT)}


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return {p.path: p.markdown for p in generate(EXAMPLE, root=ROOT)}


def _section(markdown: str, heading: str) -> str:
    """From ``heading`` to the next heading of its level or higher (or the end)."""
    start = markdown.index(heading)
    level = len(heading) - len(heading.lstrip("#"))
    rest = markdown[start + len(heading) :]
    following = re.search(rf"\n#{{1,{level}}} ", rest)
    return heading + (rest[: following.start()] if following else rest)


def _row(markdown: str, fact_id: str) -> str:
    return next(line for line in markdown.splitlines() if f'<a id="{fact_id}"></a>' in line)


def _charts(markdown: str, kind: str) -> list[str]:
    return re.findall(
        rf'<figure class="briefing-chart briefing-chart--{kind}">.*?</figure>', markdown, re.S
    )


# --- the example ----------------------------------------------------------------------------


def test_example_home_shows_latest_figures_not_a_spread(example_pages: dict[str, str]) -> None:
    home = _section(example_pages["index.md"], "## Headline figures")
    assert "Lowest claimed" not in home and "Highest claimed" not in home
    nis = next(line for line in home.splitlines() if "in all (1,500 and another 1,500)" in line)
    assert nis.startswith("- 3,000 sent to Russia in all")
    assert "said 23 Oct 2024" in nis  # when the latest figure was claimed
    assert "#ev-nis-1500-sent" in nis and "#ev-nis-1500-more-sent" in nis  # both cited
    assert "Claims differ" not in home  # different kinds of count are not set against each other
    assert "**Projected, not current strength:** about 12,000 projected total" in home


def test_example_keeps_the_hedge_beside_the_nsc_figure(example_pages: dict[str, str]) -> None:
    for path in ("index.md", "deployments/dprk-troops-in-russia.md"):
        kirby = next(
            line
            for line in example_pages[path].splitlines()
            if line.startswith("- at least 3,000 present")
        )
        assert "(John Kirby)" in kirby and "east of Russia (“We suspect”), by [US" in kirby
    row = _row(example_pages["deployments/dprk-troops-in-russia.md"], "kirby-3000-east")
    assert "**at least 3,000** soldiers, hedged: “We suspect”" in row


def test_example_chart_axis_is_the_measure_unit(example_pages: dict[str, str]) -> None:
    content = load(EXAMPLE)
    deployment = content.deployments[0]
    measure = Developments(content).measure(deployment, deployment.estimates[0])
    (chart,) = _charts(example_pages["deployments/dprk-troops-in-russia.md"], "estimates")
    assert f'class="bc-tick">{measure.unit}</text>' in chart


# --- the fixture ----------------------------------------------------------------------------


def test_superseded_row_is_marked_not_removed(fixture_pages: dict[str, str]) -> None:
    page = fixture_pages[DEPLOYMENT]
    row = _row(page, "con-hundreds-in-kell")
    assert "**Not current:** **“hundreds”" in row
    assert "; superseded by [about 1,200 present in Kell &#40;CON&#41;]" in row
    assert "(arland-marines-in-borvia.md#con-1200-in-kell)" in row
    newer = _row(page, "con-1200-in-kell")
    assert "supersedes [“hundreds” &#40;200–999&#41; present in the port of Kell" in newer
    assert "**Not current:**" not in newer


def test_words_are_shown_with_their_reading(fixture_pages: dict[str, str]) -> None:
    row = _row(fixture_pages[DEPLOYMENT], "con-hundreds-in-kell")
    assert "**“hundreds” &#40;read as 200–999&#58; hundreds read as 200 to 999&#41;**" in row
    assert "** marines; superseded by" in row and "| present in the port of Kell |" in row


def test_dispute_shows_both_ways(fixture_pages: dict[str, str]) -> None:
    page = fixture_pages[DEPLOYMENT]
    assert "disputes [about 1,200 present in Kell &#40;CON&#41;]" in _row(
        page, "arland-500-in-kell"
    )
    assert "disputed by [up to 500 present in Kell &#40;Arland&#41;]" in _row(
        page, "con-1200-in-kell"
    )
    headline = _section(page, "### Range of estimates")
    differ = next(line for line in headline.splitlines() if "Claims differ" in line)
    assert "up to 500 present in Kell, by [Arland]" in differ
    assert "about 1,200 present in Kell, by [Coastal Observers Network (CON)]" in differ
    assert "hundreds" not in headline  # superseded: not a current figure


def test_further_citations_are_each_cited_and_noted(fixture_pages: dict[str, str]) -> None:
    page = fixture_pages[DEPLOYMENT]
    row = _row(page, "con-hundreds-in-kell")
    assert "reported by 2 documents (S1, S2)" in row
    numbers = re.findall(r"\[\[(\d+)\]\]", row.rsplit("|", 2)[-2])
    assert len(numbers) == 2
    [(document, further)] = [(d, t) for n, d, t in notes(page) if n == int(numbers[1])]
    assert "“The Coastal Observers Network again counted hundreds of marines in Kell.”" in further
    assert "(../sources.md#ev-con-hundreds-in-kell--bulletin-2))" in further
    assert document.startswith("From [S2](../sources.md#bulletin-2) (")
    assert document.endswith("8 Mar 2030):")


def test_running_total_with_both_citations(fixture_pages: dict[str, str]) -> None:
    for path in ("index.md", DEPLOYMENT):
        line = next(
            line
            for line in fixture_pages[path].splitlines()
            if "in all (400 and another 300)" in line
        )
        assert line.startswith("- 700 sent to Borvia in all (400 and another 300), by [Borvian")
        assert "#ev-bmd-400-sent" in line and "#ev-bmd-300-more-sent" in line
    home = fixture_pages["index.md"]
    assert "Lowest claimed" not in home
    assert "**Marines** (marines):" in home and "**People displaced** (residents):" in home
    assert "**Projected, not current strength:** up to 2,000 projected total" in home
    assert "up to 2,000 projected total (“may”), by [Borvian Ministry of Defence (BMD)]" in home


def test_one_chart_per_measure_with_its_unit(fixture_pages: dict[str, str]) -> None:
    charts = _charts(fixture_pages[DEPLOYMENT], "estimates")
    assert len(charts) == 2
    marines, displaced = charts
    assert 'class="bc-tick">marines</text>' in marines and ">soldiers<" not in marines
    assert 'class="bc-tick">residents</text>' in displaced
    assert 'id="bc-estimates-arland-marines-in-borvia-marines-title"' in marines
    assert "#bmd-1500-displaced" in displaced and "#bmd-1500-displaced" not in marines
    assert 'href="#con-displaced"' not in displaced  # corrected: in the table, not drawn
    # The superseded figure is left out (the table keeps it); the desc says so.
    assert 'href="#con-hundreds-in-kell"' not in marines
    assert "Not drawn: 1 superseded or corrected figure (in the table, marked)." in marines


def test_phase_history_and_current_status(fixture_pages: dict[str, str]) -> None:
    step = _row(fixture_pages[DEPLOYMENT], "arrival-in-kell")
    assert step.startswith('2. <a id="arrival-in-kell"></a>**Arrival in Kell**: completed;')
    assert "; history: ongoing as of 1 Mar 2030 [[" in step
    assert "→ completed as of 8 Mar 2030 [[" in step
    assert "(../sources.md#ev-arrival-in-kell--bulletin-2 " in step
    assert '"According to Borvian Ministry of Defence: “All the marines' in step
    [(document, later)] = [
        (d, t) for _, d, t in notes(fixture_pages[DEPLOYMENT]) if "have now arrived" in t
    ]
    assert "“All the marines have now arrived in Kell, the ministry said.”" in later
    assert document.startswith("From [S2](../sources.md#bulletin-2) (")
    assert document.endswith("8 Mar 2030):")


def test_route_does_not_chain_steps_of_different_claimants(fixture_pages: dict[str, str]) -> None:
    (chart,) = _charts(fixture_pages[DEPLOYMENT], "map")
    legs = re.findall(r'<a href="#([a-z-]+)" class="bc-link" aria-label="([^"]*)">.*?</a>', chart)
    labels = dict(legs)
    assert (
        labels["ferry-crossing"]
        == "1. Arland to Kell (Ferry crossing from Arland, completed; claimed by Arland)"
    )
    assert labels["arrival-in-kell"] == (
        "2. Kell to Kell (Arrival in Kell, completed; claimed by BMD, not by Arland, who "
        "claims step 1)"
    )
    assert "claimed by CON, not by BMD, who claims step 2" in labels["move-inland-expected"]
    legs_drawn = [p for p in re.findall(r"<path [^>]*>", chart) if 'class="bc-leg' in p]
    assert len(legs_drawn) == 3
    assert 'class="bc-leg"' in legs_drawn[0] and "stroke-dasharray" not in legs_drawn[0]
    for path in legs_drawn[1:]:  # each claimed by another source than the step before
        assert "bc-leg-break" in path and 'stroke-dasharray="1.5 4"' in path
    assert "not one confirmed path" in chart


def test_other_reported_points_keep_working(fixture_pages: dict[str, str]) -> None:
    points = _section(fixture_pages[DEPLOYMENT], "## Other reported points")
    assert "The marines will leave once the harbour is safe. [[" in points


def test_corrected_row_is_marked_and_left_out_of_the_headline(
    fixture_pages: dict[str, str],
) -> None:
    page = fixture_pages[DEPLOYMENT]
    row = _row(page, "con-displaced")
    assert row.count("**Not current:**") == 1
    assert "; corrected by [about 1,500 present from Kell &#40;BMD&#41;]" in row
    assert "; corrects [“several thousand”" in _row(page, "bmd-1500-displaced")
    headline = _section(page, "### Range of estimates")
    assert "about 1,500 present from Kell, by [Borvian" in headline
    assert "several thousand" not in headline  # corrected: not a current figure
