"""The plugin in a project of its own: what it adds, what it refuses, how its nav merges.

Each test writes a small project (a mkdocs.yml of a few lines, the exercise fixture as
content/) and runs the real `mkdocs build --strict` with Material. The wheel installed into a
fresh venv is tests/browser/test_new_project.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from generator.plugin import site_setup

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
ASSETS = ROOT / "generator" / "plugin" / "assets"
DEPLOYMENT = "deployments/arland-marines-in-borvia.md"
GLOSSARY = "glossary:\n  - term: HARBOUR\n    meaning: the exercise name, fictional\n"


def project(tmp_path: Path, docs: dict[str, str] | None = None, **settings: object) -> Path:
    """A project: mkdocs.yml with only what is given (a site name, Material, the plugin by
    default), the exercise as content/ (with a glossary) and ``docs`` as docs/ files."""
    config: dict[str, object] = {"site_name": "Exercise", "theme": "material"}
    config |= {"plugins": ["briefing"], **settings}
    shutil.copytree(EXERCISE, tmp_path / "content")
    (tmp_path / "content" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    for name, text in (docs or {}).items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return tmp_path


def build(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def built(folder: Path) -> Path:
    result = build(folder)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def html(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def nav_links(site: Path, page: str = "index.html") -> list[tuple[str, str]]:
    """(label, href) of each page link in the primary navigation, in order (not the links
    to the open page's headings Material nests in it)."""
    found = []
    for link in html(site, page).css("nav.md-nav--primary a.md-nav__link"):
        parent, toc = link.parent, False
        while parent is not None and not toc:
            toc = "md-nav--secondary" in (parent.attributes.get("class") or "")
            parent = parent.parent
        if not toc:
            found.append((" ".join(link.text().split()), link.attributes.get("href") or ""))
    return found


# --- a project with no docs folder ---------------------------------------------------------


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only site_name, theme, plugins and docs_dir: content (MkDocs needs docs_dir to be a
    folder that exists; the content folder is one)."""
    folder = project(tmp_path_factory.mktemp("bare"), docs_dir="content")
    assert not (folder / "docs").exists()
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    site = built(folder)
    after = sorted(p.relative_to(folder) for p in folder.rglob("*") if site not in p.parents)
    assert after == [*before, Path("site")]  # nothing written beside the site
    return site


def test_a_project_without_docs_gets_the_stylesheets_and_script(bare: Path) -> None:
    for name in ("briefing.css", "charts.css", "briefing.js"):
        shipped = (ASSETS / name).read_text(encoding="utf-8")
        assert (bare / "assets" / "briefing" / name).read_text(encoding="utf-8") == shipped
    links = [
        link.attributes.get("href")
        for link in html(bare, "deployments/arland-marines-in-borvia/index.html").css(
            'link[rel="stylesheet"]'
        )
    ]
    assert links[-2:] == ["../../assets/briefing/briefing.css", "../../assets/briefing/charts.css"]
    page = html(bare, "deployments/arland-marines-in-borvia/index.html")
    scripts = [s.attributes for s in page.css("script[src]")]
    ours = [s for s in scripts if s.get("src") == "../../assets/briefing/briefing.js"]
    assert len(ours) == 1 and "defer" in ours[0], scripts


def test_a_project_without_docs_gets_the_markdown_extensions(bare: Path) -> None:
    pages = {
        p: (bare / p).read_text(encoding="utf-8") for p in ("index.html", "sources/index.html")
    }
    page = "deployments/arland-marines-in-borvia/index.html"
    pages[page] = (bare / page).read_text(encoding="utf-8")
    tree = html(bare, page)
    assert tree.css_first("div.claims.estimates table") is not None  # md_in_html, tables
    assert tree.css("a.cite")  # attr_list
    assert html(bare, "index.html").css("div.admonition")  # admonition
    assert 'title="the exercise name, fictional">HARBOUR</abbr>' in pages["index.html"]  # abbr
    for text in pages.values():
        for syntax in ("{: .cite }", "*[HARBOUR]", "!!! ", " markdown>", "| --- |"):
            assert syntax not in text


def test_the_fact_files_stay_out_of_the_site(bare: Path) -> None:
    assert sorted(p.name for p in bare.rglob("*.yaml")) == []
    assert not (bare / "documents").exists()
    assert sorted(p.name for p in bare.rglob("*.txt")) == []


def test_without_docs_dir_mkdocs_says_the_folder_is_missing(tmp_path: Path) -> None:
    """MkDocs checks docs_dir before it loads any plugin: it must name an existing folder."""
    result = build(project(tmp_path))
    assert result.returncode == 1
    assert f"Config value 'docs_dir': The path '{tmp_path / 'docs'}' isn't an existing" in (
        result.stderr
    )


# --- the user's own Markdown settings -----------------------------------------------------


def test_a_users_settings_of_the_extensions_are_kept(tmp_path: Path) -> None:
    extensions = [{"toc": {"permalink": "§"}}, "pymdownx.extra", "attr_list"]
    site = built(project(tmp_path, {"notes.md": "# Notes\n"}, markdown_extensions=extensions))
    anchors = html(site, "sources/index.html").css("a.headerlink")
    assert anchors and {a.text() for a in anchors} == {"§"}


@pytest.mark.parametrize(
    ("extension", "rewrites"),
    [
        ("smarty", "quotes, apostrophes, dashes and '...'"),
        ("markdown.extensions.smarty", "quotes, apostrophes, dashes and '...'"),
        ("pymdownx.smartsymbols", "arrows, fractions, (c), (tm), +/- and ordinals"),
    ],
)
def test_an_extension_that_rewrites_text_is_refused(
    tmp_path: Path, extension: str, rewrites: str
) -> None:
    result = build(project(tmp_path, {"notes.md": "# Notes\n"}, markdown_extensions=[extension]))
    assert result.returncode == 1
    assert (
        "briefing: the Markdown extensions below would change the words of the facts as their "
        "sources give them (quotes must read exactly as reported)\n"
        f"  - {extension} rewrites {rewrites}\n"
        "remove them from markdown_extensions in mkdocs.yml\n"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_extension_that_takes_a_needed_one_away_is_refused(tmp_path: Path) -> None:
    folder = project(
        tmp_path, {"notes.md": "# Notes\n"}, markdown_extensions=["admonition", "no_admonition"]
    )
    (folder / "no_admonition.py").write_text(
        "from markdown.extensions import Extension\n\n\n"
        "class NoAdmonition(Extension):\n"
        "    def extendMarkdown(self, md):\n"
        "        md.parser.blockprocessors.deregister('admonition')\n\n\n"
        "def makeExtension(**kwargs):\n"
        "    return NoAdmonition(**kwargs)\n"
    )
    result = build(folder)
    assert result.returncode == 1
    assert (
        "briefing: the generated pages need the Markdown extensions admonition, but another "
        "extension in markdown_extensions removes or replaces what they do; remove that "
        "extension from mkdocs.yml, or list these after it\n"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_hand_written_file_at_a_stylesheets_path_is_refused(tmp_path: Path) -> None:
    result = build(project(tmp_path, {"assets/briefing/charts.css": "svg { fill: red }\n"}))
    assert result.returncode == 1
    assert (
        f"briefing: {tmp_path / 'docs'}/assets/briefing/charts.css would hide the plugin's "
        "own file; rename or delete it"
    ) in result.stderr
    assert "Traceback" not in result.stderr


# --- hand-written pages beside generated ones ---------------------------------------------

NOTES = {"notes.md": "# My own notes\n\nSee the [sources](sources.md).\n"}


def test_without_a_nav_the_hand_written_pages_follow_the_generated_ones(tmp_path: Path) -> None:
    docs = {
        **NOTES,
        "guides/reading.md": "# Reading a chart\n",
        "hidden.md": "# Hidden\n",
    }
    site = built(project(tmp_path, docs, not_in_nav="/hidden.md\n"))
    links = nav_links(site)
    labels = [label for label, _ in links]
    assert labels[0] == "Home"
    assert labels[-2:] == ["My own notes", "Reading a chart"]
    assert {"Sources", "Chronology", "Method", "Arlandic marines in Borvia (fictional)"} <= set(
        labels
    )
    assert ("My own notes", "notes/") in links
    assert "Hidden" not in labels
    assert (site / "hidden" / "index.html").is_file()  # built, only not in the nav


def test_a_user_nav_gives_generated_pages_its_own_titles(tmp_path: Path) -> None:
    nav = [{"Overview": "index.md"}, {"My notes": "notes.md"}, {"Deployments": DEPLOYMENT}]
    validation = {"nav": {"omitted_files": "warn"}}  # strict: a page reported would fail
    folder = project(tmp_path, NOTES, nav=nav, validation=validation)
    result = build(folder)
    assert result.returncode == 0, result.stderr
    assert 'not included in the "nav"' not in result.stderr
    site = folder / "site"
    assert [label for label, _ in nav_links(site)] == ["Overview", "My notes", "Deployments"]
    title = html(site, "deployments/arland-marines-in-borvia/index.html").css_first("title")
    assert title is not None and title.text() == "Deployments - Exercise"
    # left out of the nav, still built and linked
    assert (site / "sources" / "index.html").is_file()
    assert (site / "treaties" / "kell-harbour-agreement" / "index.html").is_file()


def test_a_hand_written_page_left_out_of_the_nav_is_built(tmp_path: Path) -> None:
    folder = project(tmp_path, {**NOTES, "extra.md": "# Extra\n"}, nav=[{"Home": "index.md"}])
    result = build(folder)
    assert result.returncode == 0, result.stderr
    # MkDocs names it at its default level for omitted pages (info), not as a warning
    assert "INFO    -  The following pages exist in the docs directory, but are not " in (
        result.stderr
    )
    assert "  - extra.md\n  - notes.md\n" in result.stderr
    site = folder / "site"
    assert (site / "extra" / "index.html").is_file()
    assert [label for label, _ in nav_links(site)] == ["Home"]


# --- the same additions for a site built without the plugin -------------------------------


def test_the_settings_for_a_site_without_the_plugin_add_what_it_adds() -> None:
    settings = {
        "markdown_extensions": [{"toc": {"permalink": True}}, "markdown.extensions.abbr"],
        "extra_css": ["mine.css"],
    }
    assert site_setup.without_plugin(settings) == {
        "markdown_extensions": [
            {"toc": {"permalink": True}},
            "markdown.extensions.abbr",
            "attr_list",
            "md_in_html",
            "tables",
            "admonition",
        ],
        "extra_css": ["assets/briefing/briefing.css", "assets/briefing/charts.css", "mine.css"],
        "extra_javascript": [{"path": "assets/briefing/briefing.js", "defer": True}],
    }
    as_mapping = site_setup.without_plugin({"markdown_extensions": {"extra": None}})
    assert as_mapping["markdown_extensions"] == {
        "extra": None,
        "admonition": None,
        "toc": None,
    }
    assert site_setup.refused(["toc", "markdown.extensions.smarty:SmartyExtension"]) == [
        "markdown.extensions.smarty:SmartyExtension"
    ]
