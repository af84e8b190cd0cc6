"""``briefing init DIR``: a new project that validates and builds as written, in neutral words.

One project is written (into a folder whose parents do not exist yet) and built for real
with ``mkdocs build --strict``; a second one, with a title that YAML, Markdown and HTML must
each escape, is built to read its title back from the site.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from selectolax.lexbor import LexborHTMLParser

from generator.cli.commands import main
from generator.cli.init import markdown_text, starter_files, yaml_quoted
from generator.facts.loader import parse_text
from generator.facts.vocabulary import builtin_vocabularies
from generator.pipeline import load
from tests.example_words import example_words_in

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TODAY = datetime.date.today().isoformat()
TITLE = "Harbour & Co: a test"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
EXPECTED = {
    ".github/workflows/site.yml",
    ".gitignore",
    ".vscode/settings.json",
    "README.md",
    "mkdocs.yml",
    "schema/facts.schema.json",
    "content/briefing.yaml",
    "content/sources.yaml",
    "content/documents/placeholder-document.txt",
    "content/actors.yaml",
    "content/deployments/placeholder-deployment.yaml",
    "content/processes/placeholder-process.yaml",
    "content/reactions.yaml",
    "content/events.yaml",
    "content/measures.yaml",
    "content/places.yaml",
    "content/glossary.yaml",
    f"content/editions/{TODAY}.yaml",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def written_files(project: Path) -> set[str]:
    return {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}


def mkdocs_build(project: Path) -> Path:
    """``mkdocs build --strict`` in ``project``, as its editors would run it: its site."""
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def init_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """``briefing init`` into a folder whose parent does not exist yet, run from its parent's
    parent (so the output shows relative paths)."""
    work = tmp_path_factory.mktemp("init")
    cwd = os.getcwd()
    os.chdir(work)
    try:
        result = invoke("init", "briefings/my-briefing")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return work / "briefings" / "my-briefing", result


@pytest.fixture(scope="module")
def project(init_run: tuple[Path, Result]) -> Path:
    return init_run[0]


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return mkdocs_build(project)


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("titled") / "harbour"
    result = invoke("init", str(project), "--title", TITLE)
    assert result.exit_code == 0, result.output
    return project


def test_it_writes_the_project_and_prints_its_tree(init_run: tuple[Path, Result]) -> None:
    project, result = init_run
    assert written_files(project) == EXPECTED
    lines = result.output.splitlines()
    assert lines[:2] == ["wrote a new briefing:", "briefings/my-briefing/"]
    tree = lines[1 : lines.index("")]
    shown = {line.strip() for line in tree}
    assert {Path(p).name for p in EXPECTED} <= shown
    assert {"  .github/", "    workflows/", "      site.yml", "  content/"} <= set(tree)
    assert "    editions/" in tree and f"      {TODAY}.yaml" in tree
    # Within a folder, its folders first, then its files: the tree reads top down.
    assert tree.index("  content/") < tree.index("  .gitignore") < tree.index("  mkdocs.yml")
    assert lines[lines.index("") + 1 :] == [
        "next steps:",
        "  cd briefings/my-briefing",
        "  briefing validate",
        "  mkdocs serve",
    ]


def test_the_content_validates_with_no_warning(project: Path) -> None:
    result = invoke("validate", "--content", str(project / "content"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["ok: 12 facts, 0 warnings"]


def test_one_placeholder_of_each_kind_of_fact(project: Path) -> None:
    content = load(project / "content")
    singles = {
        "documents": content.documents,
        "deployments": content.deployments,
        "treaties": content.treaties,
        "reactions": content.reactions,
        "events": content.events,
        "measures": content.measures,
        "places": content.places,
        "glossary": content.glossary,
        "editions": content.editions,
    }
    assert {kind: len(records) for kind, records in singles.items()} == dict.fromkeys(singles, 1)
    (deployment,) = content.deployments
    assert len(deployment.estimates) == 1 and len(deployment.route) == 1
    (process,) = content.treaties
    assert process.process == "treaty" and len(process.stages) == 1
    assert [a.name for a in content.actors] == ["Placeholder actor A", "Placeholder actor B"]
    captions = [
        content.documents[0].title,
        deployment.title,
        deployment.route[0].name,
        process.title,
        process.stages[0].name,
        content.reactions[0].summary,
        content.events[0].title,
        content.measures[0].name,
        content.places[0].name,
        content.glossary[0].meaning,
        content.briefing.summary or "",
        content.editions[0].takeaways[0].text,
    ]
    assert [c for c in captions if not c.startswith("Placeholder")] == []
    assert content.editions[0].id == TODAY


def test_every_word_of_the_site_is_given_in_neutral_words(project: Path) -> None:
    words = load_yaml(project / "content" / "briefing.yaml")["vocabulary"]["words"]
    assert set(words) == set(builtin_vocabularies().words)
    assert words["deployments"] == "Deployments" and words["strength"] == "current figure"
    assert load(project / "content").vocabulary.words == words


def uncommented_example(text: str) -> str:
    """briefing.yaml with its commented example of vocabularies uncommented."""
    head, marker, example = text.partition("For example (uncomment to use):\n")
    assert marker, "the example's marker line is gone"
    lines = [re.sub(r"^  #(?: |$)", "  ", line) for line in example.splitlines()]
    return head + marker + "\n".join(lines) + "\n"


def test_the_commented_vocabulary_example_validates_once_uncommented(
    project: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(project / "content", content)
    briefing = content / "briefing.yaml"
    briefing.write_text(uncommented_example(briefing.read_text(encoding="utf-8")), "utf-8")
    stage = content / "processes" / "placeholder-process.yaml"
    stage.write_text(stage.read_text("utf-8").replace("status: pending", "status: suspended"))
    result = invoke("validate", "--content", str(content))
    assert result.exit_code == 0, result.output
    vocabulary = load(content).vocabulary
    assert {"welcome", "legal-challenge", "suspended", "on-hold", "court", "pledged"} <= {
        term for terms in vocabulary.terms.values() for term in terms
    }
    assert vocabulary.progress("stage_statuses", "suspended") == "halted"


def test_each_fact_file_points_at_the_written_schema(project: Path) -> None:
    schema = (project / "schema" / "facts.schema.json").resolve()
    fact_files = sorted((project / "content").rglob("*.yaml"))
    assert len(fact_files) == 11
    for path in fact_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{path}: {first}"
        assert (path.parent / match.group(1)).resolve() == schema, path
    settings = json.loads((project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schema/facts.schema.json": [
            "content/*.yaml",
            "content/*.yml",
            "content/**/*.yaml",
            "content/**/*.yml",
        ]
    }


def test_the_written_schema_is_briefing_schema(project: Path) -> None:
    printed = invoke("schema")
    assert printed.exit_code == 0
    assert (project / "schema" / "facts.schema.json").read_text(encoding="utf-8") == printed.output


def test_mkdocs_yml_is_minimal(project: Path) -> None:
    config = load_yaml(project / "mkdocs.yml")
    assert config == {
        "site_name": "New briefing",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "briefing"],
    }


def test_the_site_builds_strictly_with_every_kind_of_page(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {
        "index.html",
        "deployments/placeholder-deployment/index.html",
        "treaties/placeholder-process/index.html",
        "reactions/index.html",
        "chronology/index.html",
        "sources/index.html",
        f"editions/{TODAY}/index.html",
    } <= pages
    # The fact files are the pages' input, not part of the site.
    assert not list(site.rglob("*.yaml")) and not (site / "documents").exists()
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    nav = {node.text(strip=True) for node in home.css("nav.md-nav--primary .md-nav__link")}
    assert {"Deployments", "Processes", "Reactions"} <= nav


def test_a_page_of_ones_own_in_content_is_published_citing_facts(
    project: Path, tmp_path: Path
) -> None:
    """As the project's README says: a Markdown page in content/ cites facts by id."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    page = "# Analysis\n\nThe figure [=placeholder-estimate], cited [@placeholder-estimate].\n"
    (copy / "content" / "analysis.md").write_text(page, encoding="utf-8")
    built = LexborHTMLParser((mkdocs_build(copy) / "analysis" / "index.html").read_text("utf-8"))
    shown = built.css_first("article p")
    assert shown.text() == "The figure about 100 present in Placeholder place (PAA) [1], cited [1]."
    cites = [a.attributes["href"] for a in shown.css("a.cite")]
    assert cites == ["../sources/#ev-placeholder-estimate"] * 2


def test_no_example_word_in_the_site(site: Path) -> None:
    assert example_words_in(site) == []


def test_no_example_word_in_the_project(project: Path) -> None:
    # The editor schema among them: its field examples are neutral too.
    assert example_words_in(project) == []


def test_the_title_is_set_everywhere_it_appears(titled: Path) -> None:
    assert load_yaml(titled / "mkdocs.yml")["site_name"] == TITLE
    assert load_yaml(titled / "content" / "briefing.yaml")["briefing"]["title"] == TITLE
    assert load(titled / "content").briefing.title == TITLE
    assert (titled / "README.md").read_text(encoding="utf-8").splitlines()[0] == f"# {TITLE}"
    assert not [p for p in titled.rglob("*") if p.is_file() and "New briefing" in p.read_text()]


def test_the_title_reaches_the_site_escaped(titled: Path) -> None:
    site = mkdocs_build(titled)
    html = (site / "index.html").read_text(encoding="utf-8")
    page = LexborHTMLParser(html)
    assert page.css_first("title").text() == TITLE
    assert "&amp;amp;" not in html and "Co&amp;#58;" not in html  # escaped once, not twice
    assert page.css_first("article h1").text(strip=True) == TITLE
    assert page.css_first("header .md-header__topic").text(strip=True) == TITLE


@pytest.mark.parametrize(
    "title",
    [TITLE, 'Quoted "words" \\ and #1', "- leading dash: yes", "'single' & tab\t", "Ünï 🙂"],
)
def test_a_title_reads_back_as_typed(title: str) -> None:
    quoted = yaml_quoted(title)
    assert yaml.safe_load(quoted) == title
    fact_file, problems = parse_text(f"briefing:\n  title: {quoted}\n", "briefing.yaml")
    assert problems == [] and fact_file.data["briefing"]["title"] == title


def test_a_title_in_markdown_reads_as_typed() -> None:
    assert markdown_text("a *b* [c](d) `e` #f \\g") == r"a \*b\* \[c\](d) \`e\` \#f \\g"


def test_a_title_validate_would_refuse_is_refused(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "new"), "--title", "<b>bold</b>")
    assert result.exit_code == 2
    assert "Invalid value for --title" in result.output and "'<' or '>'" in result.output
    assert not (tmp_path / "new").exists()


def test_a_title_the_loader_would_refuse_is_refused(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "new"), "--title", "Line\u2028separator")
    assert result.exit_code == 2
    assert "control or invisible character U+2028" in result.output
    assert not (tmp_path / "new").exists()


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(taken)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {taken.as_posix()} already exists and is not empty; give the path of a new "
        "or empty folder (nothing was written)"
    ]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert written_files(taken) == {"notes.txt"}


def test_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "file.txt"
    file.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(file)])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {file.as_posix()} is a file, not a folder; give the path of a new folder\n"
    )


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("init", str(tmp_path / "empty"))
    assert result.exit_code == 0, result.output
    assert written_files(tmp_path / "empty") == EXPECTED


def test_the_gitignore_keeps_builds_out(project: Path) -> None:
    lines = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", "/.site-*/", "/.briefing-build-*.lock", "/.venv/"} <= set(lines)


def test_the_workflow_validates_builds_and_publishes(project: Path) -> None:
    workflow = load_yaml(project / ".github" / "workflows" / "site.yml")
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")).strip() for s in steps]
    assert "pip install mkdocs-briefing" in runs and "briefing validate" in runs
    assert runs.index("briefing validate") < next(
        i for i, r in enumerate(runs) if "briefing build" in r
    )
    (upload,) = [
        s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_workflow_matches_githubs_schema(project: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(project / ".github" / "workflows" / "site.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_installed_wheel_starts_a_briefing_that_builds(
    tmp_path: Path, built_wheel: Path, installed: Path
) -> None:
    """As a new user would: the wheel in a fresh venv, `briefing init`, `mkdocs build`."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*command: str, cwd: Path = tmp_path) -> None:
        result = subprocess.run(
            command,
            cwd=cwd,
            env={**clean, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"

    shipped = set(zipfile.ZipFile(built_wheel).namelist())
    assert {f"generator/cli/starter/{path}" for path in starter_files()} <= shipped
    venv = installed
    run(str(venv / "briefing"), "init", "my-briefing")
    project = tmp_path / "my-briefing"
    run(str(venv / "briefing"), "validate", cwd=project)
    run(str(venv / "mkdocs"), "build", "--strict", cwd=project)
    assert (project / "site" / "index.html").is_file()
    assert example_words_in(project / "site") == []
