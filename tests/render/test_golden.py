"""Golden Markdown for the example's pages, for the pages of the fictional exercise fixture
that show a developing situation, and for those of the fictional civic fixture, a situation
in its own words: the whole output, reviewed as a diff.

Regenerate with `make golden` (UPDATE_GOLDEN=1), then read `git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import generate
from tests.conftest import REPORT_CONTENT, assert_golden

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
PAGES = {page.path: page for page in generate(REPORT_CONTENT, root=ROOT)}
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
EXERCISE_SHOWN = (
    "index.md",
    "deployments/arland-marines-in-borvia.md",
    "treaties/kell-harbour-agreement.md",
    "reactions.md",
    "editions/week-2.md",
    "editions/week-3.md",
)
"""A status history (the treaty); a correction, a dispute, corroboration, running totals
and two measures (the deployment); a corrected reaction; the headline figures; what
changed between editions (every kind of change, between weeks 1, 2 and 3)."""
EXERCISE_PAGES = {p.path: p for p in generate(EXERCISE, root=ROOT) if p.path in EXERCISE_SHOWN}
CIVIC = ROOT / "tests" / "fixtures" / "civic" / "content"
CIVIC_SHOWN = (
    "index.md",
    "deployments/lantern-mission.md",
    "treaties/lantern-mission-act.md",
    "treaties/civic-union-case.md",
    "reactions.md",
    "sources.md",
)
"""A situation in its own words (tests/fixtures/civic, fictional): the site's words, a
deployment sent by two states, a law suspended by a court (halted, not done), a court case,
reaction kinds, actor kinds and kinds of count the content declares."""
CIVIC_PAGES = {p.path: p for p in generate(CIVIC, root=ROOT) if p.path in CIVIC_SHOWN}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    assert_golden(GOLDEN / path, PAGES[path].markdown)


@pytest.mark.parametrize("path", EXERCISE_SHOWN)
def test_exercise_page_matches_golden(path: str) -> None:
    assert_golden(GOLDEN / "exercise" / path, EXERCISE_PAGES[path].markdown)


@pytest.mark.parametrize("path", CIVIC_SHOWN)
def test_civic_page_matches_golden(path: str) -> None:
    assert_golden(GOLDEN / "civic" / path, CIVIC_PAGES[path].markdown)


def test_no_stale_golden_files() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    fixtures = {f"exercise/{path}" for path in EXERCISE_SHOWN}
    fixtures |= {f"civic/{path}" for path in CIVIC_SHOWN}
    assert on_disk == set(PAGES) | fixtures
