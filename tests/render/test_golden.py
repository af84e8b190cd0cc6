"""Golden Markdown for the example's pages: the whole output, reviewed as a diff.

Regenerate with `make golden` (UPDATE_GOLDEN=1), then read `git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import generate
from tests.conftest import assert_golden

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
PAGES = {page.path: page for page in generate(ROOT / "content", root=ROOT)}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str) -> None:
    assert_golden(GOLDEN / path, PAGES[path].markdown)


def test_no_stale_golden_files() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert on_disk == set(PAGES)
