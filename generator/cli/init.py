"""``briefing init DIR``: a new briefing project, which validates and builds as written.

The project's files are package data (``starter/`` beside this module): a minimal
``mkdocs.yml``, a ``content/`` folder with one placeholder of each kind of fact and its
archived document, the editor schema wiring, a ``.gitignore``, a CI workflow and a README for
its editors. A file or folder named ``dot-x`` is written as ``.x`` (so the package's own
tools never take them for theirs), and ``content/editions/EDITION.yaml`` under the date of
the day. Markers in the text are replaced: ``__TITLE__`` by the title as a YAML
double-quoted string, ``__TITLE_MD__`` by the title as Markdown text, ``__DATE__`` by the
date. ``schema/facts.schema.json`` is the schema ``briefing schema`` prints.
"""

from __future__ import annotations

import datetime
import re
import shlex
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

import click
import pydantic
import yaml

from generator.errors import display_path
from generator.facts.loader import parse_text
from generator.facts.model.fields import Title
from generator.facts.schema import schema_text

DEFAULT_TITLE = "New briefing"
SCHEMA_FILE = "schema/facts.schema.json"
EDITION_TEMPLATE = "content/editions/EDITION.yaml"
DOT_PREFIX = "dot-"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


@dataclass(frozen=True)
class Written:
    """What ``init`` wrote: the project folder and each file's path in it (POSIX)."""

    project: Path
    paths: tuple[str, ...]

    def tree(self) -> str:
        """The files as an indented tree, folders first, under the project as given."""
        shown = display_path(self.project).rstrip("/") + "/"
        lines = [shown]
        seen: set[tuple[str, ...]] = set()
        for path in sorted(self.paths, key=_tree_order):
            parts = PurePosixPath(path).parts
            for depth in range(1, len(parts)):
                folder = parts[:depth]
                if folder not in seen:
                    seen.add(folder)
                    lines.append("  " * depth + folder[-1] + "/")
            lines.append("  " * len(parts) + parts[-1])
        return "\n".join(lines)


def _tree_order(path: str) -> tuple[tuple[int, str], ...]:
    """Sort key: within a folder, its subfolders before its files, each by name."""
    parts = PurePosixPath(path).parts
    return tuple((0 if n < len(parts) - 1 else 1, part) for n, part in enumerate(parts))


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``."""
    quoted = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf"))
    return quoted.rstrip("\n")


def markdown_text(text: str) -> str:
    """``text`` with Markdown's syntax characters escaped, to read as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def starter_files() -> dict[str, Traversable]:
    """Each file of the starter project, by its path there as packaged (``dot-``, ``EDITION``)."""
    found: dict[str, Traversable] = {}
    pending: list[tuple[str, Traversable]] = [("", files("generator.cli").joinpath("starter"))]
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            path = f"{prefix}{entry.name}"
            if entry.is_dir():
                pending.append((path + "/", entry))
            else:
                found[path] = entry
    return found


def target_path(packaged: str, date: datetime.date) -> str:
    """Where a packaged file goes in the new project."""
    if packaged == EDITION_TEMPLATE:
        return f"content/editions/{date.isoformat()}.yaml"
    parts = PurePosixPath(packaged).parts
    return "/".join(
        "." + p.removeprefix(DOT_PREFIX) if p.startswith(DOT_PREFIX) else p for p in parts
    )


def filled(packaged: str, text: str, title: str, date: datetime.date) -> str:
    """The packaged file's text with its markers replaced."""
    title_text = markdown_text(title) if packaged.endswith(".md") else yaml_quoted(title)
    return (
        text.replace("__TITLE_MD__", title_text)
        .replace("__TITLE__", title_text)
        .replace("__DATE__", date.isoformat())
    )


def check_title(title: str) -> str | None:
    """Why ``title`` cannot be a briefing's title (what ``briefing validate`` would say of it
    in briefing.yaml), or None."""
    _, problems = parse_text(f"briefing:\n  title: {yaml_quoted(title)}\n", "briefing.yaml")
    if problems:
        return problems[0].message
    try:
        pydantic.TypeAdapter(Title).validate_python(title)
    except pydantic.ValidationError as exc:
        return "; ".join(error["msg"] for error in exc.errors())
    return None


def refusal(project: Path) -> str | None:
    """Why ``project`` cannot take a new briefing, or None (missing, or an empty folder)."""
    shown = display_path(project)
    if project.exists() and not project.is_dir():
        return f"{shown} is a file, not a folder; give the path of a new folder"
    if project.is_dir() and any(project.iterdir()):
        return (
            f"{shown} already exists and is not empty; give the path of a new or empty "
            "folder (nothing was written)"
        )
    return None


def write_project(project: Path, title: str, date: datetime.date) -> Written:
    """Write the starter project into ``project`` (missing or empty; parents are made)."""
    texts = {
        target_path(packaged, date): filled(
            packaged, entry.read_text(encoding="utf-8"), title, date
        )
        for packaged, entry in starter_files().items()
    }
    texts[SCHEMA_FILE] = schema_text()
    for path, text in texts.items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    return Written(project, tuple(texts))


@click.command("init")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--title",
    default=DEFAULT_TITLE,
    show_default=True,
    help="The briefing's title: the site's name and the title of its pages.",
)
def init(directory: Path, title: str) -> None:
    """Start a new briefing project in DIR (a new or empty folder): mkdocs.yml, content/
    with one placeholder of each kind of fact, the editor schema, a .gitignore, a CI
    workflow and a README. It validates and builds as written."""
    problem = check_title(title)
    if problem is not None:
        raise click.BadParameter(f"{title!r}: {problem}", param_hint="--title")
    refused = refusal(directory)
    if refused is not None:
        raise click.ClickException(refused)
    try:
        written = write_project(directory, title, datetime.date.today())
    except OSError as exc:
        raise click.ClickException(
            f"could not write {display_path(directory)}: {exc.strerror or exc}"
        ) from None
    click.echo(f"wrote a new briefing:\n{written.tree()}\n")
    click.echo("next steps:")
    click.echo(f"  cd {shlex.quote(display_path(directory))}")
    click.echo("  briefing validate")
    click.echo("  mkdocs serve")
