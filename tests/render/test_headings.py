"""A heading never takes an id of its page: generator.render.headings, the page titles'
whitespace, and the issue's two cases built for real."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.plugin.build import build_site
from generator.render.headings import separate_headings
from generator.render.plan import Planned
from tests.plugin.test_build import copy_project

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [str(value) for name, value in attrs if name == "id"]


def ids(source: str) -> list[str]:
    parser = _Ids()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return parser.ids


def test_a_title_that_is_its_own_id_gets_another_heading_id() -> None:
    page = '# <a id="baseline-brief"></a>Baseline brief\n\nText.\n'
    assert separate_headings(page) == (
        '# <a id="baseline-brief"></a>Baseline brief {: #baseline-brief_1 }\n\nText.\n'
    )
    assert ids(page) == ["baseline-brief", "baseline-brief"]  # what the build refused
    assert ids(separate_headings(page)) == ["baseline-brief_1", "baseline-brief"]


def test_a_page_without_a_collision_is_the_same_string() -> None:
    page = '# <a id="dprk-troops"></a>North Korean troops\n\n## Estimates\n\n| <a id="e1"></a> |\n'
    assert separate_headings(page) is page


def test_a_fact_named_like_a_fixed_heading() -> None:
    page = '## Estimates\n\n| <a id="estimates"></a>x |\n| --- |\n\n## Notes\n\n## Notes\n'
    assert separate_headings(page).splitlines()[0] == "## Estimates {: #estimates_1 }"
    assert sorted(ids(separate_headings(page))) == ["estimates", "estimates_1", "notes", "notes_1"]


def test_the_theme_ids_are_not_taken() -> None:
    """Material's page holds ``__drawer``, ``__search``: a heading may not take them."""
    assert separate_headings("# __drawer\n") == "# __drawer {: #drawer }\n"
    assert separate_headings('# ___\n\n<a id="heading"></a>\n').startswith("# ___ {: #heading_1 }")


def test_explicit_ids_and_code_blocks_are_left_alone() -> None:
    page = '```\n# x\n```\n\n# X {: #own }\n\n# x {: .wide }\n\n<a id="x"></a>\n'
    assert separate_headings(page) == page.replace("{: .wide }", "{: #x_1 .wide }")


WORDS = st.sampled_from(["Notes", "notes", "Estimates", "Baseline brief", "__drawer", "a_1", "é"])


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=6), st.lists(WORDS, max_size=4))
def test_no_heading_takes_an_id_of_its_page(headings: list[str], anchors: list[str]) -> None:
    """Whatever the headings and the raw anchors, every id of the page is there once."""
    slugs = [re.sub(r"\W+", "-", a.lower()).strip("-_") or "x" for a in anchors]
    raw = "".join(f'<a id="{s}"></a>' for s in dict.fromkeys(slugs))
    page = "\n\n".join([f"{raw}x", *(f"## {h}" for h in headings)]) + "\n"
    found = ids(separate_headings(page))
    assert len(found) == len(set(found)), separate_headings(page)
    assert not any(i.startswith("__") for i in found[len(set(slugs)) :])


def test_page_titles_are_one_line() -> None:
    title = Planned("deployment.md.j2", "d.md", "\tEnergy\tpolicy  brief\n(draft)\u00a0 ").title
    assert title == "Energy policy brief (draft)"


DEPLOYMENT = """\
deployments:
  - id: baseline-brief
    title: {title}
    force: F
    origin: russia
    destination: ukraine
"""


@pytest.mark.parametrize(
    "title",
    ["Baseline brief", '"Energy\\tpolicy  brief\\n(draft)"'],
    ids=["title-is-its-id", "whitespace"],
)
def test_the_issue_cases_build(tmp_path: Path, title: str) -> None:
    """Both validated, then failed the build: a duplicate id, and a <title> that differs."""
    copy_project(tmp_path)
    (tmp_path / "content" / "extra.yaml").write_text(DEPLOYMENT.format(title=title))
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    page = (built.site_dir / "deployments" / "baseline-brief" / "index.html").read_text()
    assert page.count('id="baseline-brief"') == 1
