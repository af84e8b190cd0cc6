"""Page tags (issue 15): a tag only one page carries is not written. Its chip led to a
listing of that page alone, and ten of them pushed the deployment page's estimates down on
a phone (tests/browser/test_phone.py)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

from generator import generate
from generator.render.renderer import shared_tags
from tests.conftest import REPO, REPORT_CONTENT


def _tags(markdown: str) -> list[str] | None:
    if not markdown.startswith("---\ntags: "):
        return None
    line = markdown.split("\n", 2)[1]
    return list(json.loads(line.removeprefix("tags: ")))


def test_a_tag_stays_only_where_another_page_carries_it() -> None:
    tags = {"a.md": ["Kirby", "NATO", "Russia"], "b.md": ["Russia", "Seoul"], "c.md": ["Kirby"]}
    assert shared_tags(tags) == {"a.md": ["Kirby", "Russia"], "b.md": ["Russia"], "c.md": ["Kirby"]}
    assert shared_tags({"only.md": ["Kirby"]}) == {"only.md": []}


def test_every_tag_of_the_example_leads_to_two_pages_or_more() -> None:
    pages = {page.path: _tags(page.markdown) for page in generate(REPORT_CONTENT, root=REPO)}
    tagged = {path: tags for path, tags in pages.items() if tags is not None}
    assert set(tagged) == {
        "deployments/dprk-troops-in-russia.md",
        "treaties/russia-dprk-partnership.md",
        "reactions.md",
    }
    count = Counter(tag for tags in tagged.values() for tag in tags)
    assert count and min(count.values()) >= 2, count
    assert tagged["deployments/dprk-troops-in-russia.md"] == ["John Kirby", "North Korea", "Russia"]


def test_with_no_tag_shared_the_tag_index_says_so(tmp_path: Path) -> None:
    """The exercise with its deployment page alone tagged: no tag is on two pages."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "tests" / "fixtures" / "exercise" / "content", content)
    (content / "treaties.yaml").unlink()
    (content / "reactions.yaml").unlink()
    editions = content / "editions.yaml"
    editions.write_text(
        editions.read_text(encoding="utf-8").replace(", assembly-approval]", "]"),
        encoding="utf-8",
    )
    pages = {page.path: page.markdown for page in generate(content, root=tmp_path)}
    assert not [path for path, markdown in pages.items() if _tags(markdown)]
    index = pages["tags.md"]
    assert "<!-- material/tags -->" not in index
    assert "No actor or country is named on more than one page, so no page is tagged" in index
    assert "[Sources](sources.md)" in index
