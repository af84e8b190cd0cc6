"""Further reports and later statuses are listed under their own documents on Sources, and
their citations lead there: on one Sources page and on a large briefing's split pages (the
fictional exercise fixture, rendered and put through the built-site check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import generate
from generator.render import plan
from tests.render.test_build_property import render_site

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "exercise" / "content"


@pytest.mark.parametrize("split", [False, True], ids=["one-page", "split"])
def test_every_further_passage_is_listed_and_its_citation_resolves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split: bool
) -> None:
    if split:
        monkeypatch.setattr(plan, "SPLIT_SOURCES", 3)
    pages = generate(FIXTURE, root=ROOT)
    markdown = "\n".join(p.markdown for p in pages)
    for anchor in (
        "ev-con-hundreds-in-kell--bulletin-2",  # a further report
        "ev-arrival-in-kell--bulletin-2",  # a later status of a route step
        "ev-assembly-approval--bulletin-2",  # a later status of a treaty stage
        "ev-assembly-approval--bulletin-3",  # a further report of that status
    ):
        assert markdown.count(f'<a id="{anchor}"></a>') == 1, anchor
        assert f"#{anchor})" in markdown or f"#{anchor} " in markdown, anchor
    assert render_site(pages, tmp_path / "site") == []
