"""generator/render/memo.py: a memoised render (as `mkdocs serve` makes it) equals a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pipeline import Session, generate
from generator.render import memo, plan
from generator.render.renderer import DEFAULT_TEMPLATES, Renderer

DEPLOYMENT = "deployments/dprk-troops-in-russia.yaml"

EDITS = {
    # One claim's figure: its page, and the pages citing or listing it, render again.
    "claim": (
        DEPLOYMENT,
        "        value: 3000\n        qualifier: at-least",
        "        value: 3500\n        qualifier: at-least",
    ),
    # Facts any page may read: every page renders again.
    "actor name": ("actors.yaml", "    name: John Kirby\n", "    name: John F. Kirby\n"),
    "document title": (
        "sources.yaml",
        "    title: In Russia's Kursk region",
        "    title: In Russia’s Kursk region",
    ),
    "place": ("places.yaml", "    lat: 40.0\n", "    lat: 40.5\n"),
    "glossary": (
        "glossary.yaml",
        "(North Korea)\n",
        "(also called North Korea)\n",
    ),
    "briefing": (
        "editions/2024-10-25.yaml",
        "    cutoff: 2024-10-25\n",
        "    cutoff: 2024-10-24\n",
    ),
}


def _render(
    content: Path, overrides: Path | None = None, *, session: Session | None
) -> dict[str, str]:
    pages = generate(content, overrides, session=session)
    return {p.path: p.markdown for p in pages} | {
        f"{p.path} facts": repr(sorted(p.facts)) for p in pages
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def session() -> Session:
    """A serve's state, fresh for each test."""
    return Session()


def _memo(session: Session) -> memo.Memo:
    assert session.memo is not None
    return session.memo


@pytest.mark.parametrize("split", [False, True], ids=["one-page-each", "split"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_memoised_render_after_an_edit_equals_a_fresh_one(
    example_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    session: Session,
    edit: str,
    split: bool,
) -> None:
    if split:  # the large-briefing layout: chronology by month, sources by document and actor
        monkeypatch.setattr(plan, "SPLIT_CHRONOLOGY", 3)
        monkeypatch.setattr(plan, "SPLIT_SOURCES", 3)
    before = _render(example_content, session=session)
    assert _memo(session).last[0] == 0
    again = _render(example_content, session=session)
    reused, rendered = _memo(session).last
    assert again == before and reused > 0  # nothing changed: every keyed page reused

    path, old, new = EDITS[edit]
    _edit(example_content / path, old, new)
    memoised = _render(example_content, session=session)
    after_edit = _memo(session).last
    fresh = _render(example_content, session=None)
    assert memoised == fresh
    assert memoised != before
    if edit == "claim":
        assert after_edit[0] > 0 and after_edit[1] > 0  # some pages reused, the edited not
    else:
        assert after_edit[0] == 0  # shared facts: nothing reused


def test_an_edited_template_override_renders_again(
    example_content: Path, tmp_path: Path, session: Session
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    template = overrides / "treaty.md.j2"
    shutil.copy(DEFAULT_TEMPLATES / "treaty.md.j2", template)
    _render(example_content, overrides, session=session)
    template.write_text(template.read_text() + "\nOVERRIDDEN\n", encoding="utf-8")
    memoised = _render(example_content, overrides, session=session)
    treaties = [k for k in memoised if k.startswith("treaties/") and not k.endswith("facts")]
    assert treaties and all("OVERRIDDEN" in memoised[k] for k in treaties)
    assert memoised == _render(example_content, overrides, session=None)


@pytest.mark.parametrize(
    "body",
    [
        "{{ content.deployments | length }}",  # content beyond actor() and document()
        "{{ page.content.deployments | length }}",  # the content behind a helper
        "{% include name %}",  # a template chosen at render time
        "{{ timeline | length }}",  # a shared aggregate not in the key
    ],
)
def test_a_template_reading_unkeyed_facts_is_never_memoised(
    example_content: Path, tmp_path: Path, body: str
) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    source = (DEFAULT_TEMPLATES / "treaty.md.j2").read_text(encoding="utf-8")
    (overrides / "treaty.md.j2").write_text(source + "\n" + body + "\n", encoding="utf-8")
    env = Renderer(overrides).env
    names = ("treaty.md.j2", "_footer.md.j2")
    allowed = memo.CONSTANTS | {"treaty"}
    checker = memo.Memo(lambda path: None)
    assert checker.template_digest(env, names, frozenset(allowed)) is None
    default = Renderer().env
    assert checker.template_digest(default, names, frozenset(allowed)) is not None


def test_home_with_the_chronology_strip_is_never_stored(
    example_content: Path, session: Session
) -> None:
    generate(example_content, session=session)
    keys = set(_memo(session).entries)
    pages = generate(example_content, session=session)
    assert set(_memo(session).entries) == keys
    stored = {s.markdown for s in _memo(session).entries.values()}
    home = next(p for p in pages if p.path == "index.md")
    assert home.markdown not in stored


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# T\n{% for x in %}\n", "overrides/treaty.md.j2:2:"),
        ('# T\n{% include "missing.md.j2" %}\n', "missing.md.j2"),
    ],
    ids=["syntax error", "missing include"],
)
def test_a_broken_override_is_reported_at_its_file_while_memoising(
    example_content: Path, tmp_path: Path, source: str, expected: str
) -> None:
    """The memo's template check never raises: the render reports the template's problem."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "treaty.md.j2").write_text(source, encoding="utf-8")
    for session in (None, Session()):
        with pytest.raises(ContentError) as caught:
            generate(example_content, overrides, tmp_path, session=session)
        assert expected in caught.value.report()


def test_a_claim_newly_disputing_one_in_another_file_renders_its_page_again(
    tmp_path: Path, session: Session
) -> None:
    """A relation is stated by the claim that makes it, in its own file: the page of the
    claim it names must show it too (the memo's shared key holds every relation)."""
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "exercise" / "content", content)
    before = _render(content, session=session)
    _edit(
        content / "reactions.yaml",
        "    about: Arlandic drones over Kell\n",
        "    about: Arlandic drones over Kell\n    disputes: ferry-crossing\n",
    )
    memoised = _render(content, session=session)
    assert memoised == _render(content, session=None)
    page = "deployments/arland-marines-in-borvia.md"
    assert memoised[page] != before[page]
    assert "disputed by [Denies that Arlandic drones fly over Kell.]" in memoised[page]


EXERCISE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("deployments.yaml", "value: 1200\n", "value: 1300\n"),  # a new figure of week 3
        ("treaties.yaml", "- status: done\n", "- status: expected\n"),  # a status that moved
        ("editions.yaml", "The Borvian Assembly approved the", "The Assembly approved the"),
    ],
    ids=["figure", "status", "takeaway"],
)
def test_edition_pages_after_an_edit_equal_a_fresh_render(
    tmp_path: Path, session: Session, path: str, old: str, new: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXERCISE, content)
    before = _render(content, session=session)
    _edit(content / path, old, new)
    memoised = _render(content, session=session)
    assert memoised == _render(content, session=None)
    changed = [k for k in memoised if k.startswith("editions/") and memoised[k] != before[k]]
    assert changed  # the edition pages showing it changed
