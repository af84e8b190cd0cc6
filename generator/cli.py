"""The command-line shell: ``briefing validate | render | schema``.

Exit codes: 0 all well, 1 the content has problems, 2 bad usage (click's own).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import ContentError
from .model import FactFileModel
from .pipeline import generate, load
from .render import navigation

CONTENT = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="Folder of fact files.",
)


def _fail(exc: ContentError) -> None:
    click.echo(exc.report(), err=False)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Turn a folder of YAML facts into a briefing site."""


@main.command()
@CONTENT
def validate(content_dir: Path) -> None:
    """Check every fact file; print each problem as path:line:column: message."""
    try:
        content = load(content_dir)
    except ContentError as exc:
        _fail(exc)
        return
    click.echo(f"ok: {len(content.ids)} facts with ids, no problems found")


@main.command()
@CONTENT
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the Markdown pages and nav.yml into.",
)
@click.option(
    "--overrides",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that replace the built-in ones.",
)
def render(content_dir: Path, out_dir: Path, overrides: Path | None) -> None:
    """Write the pages as Markdown, with a nav.yml, for any Markdown site builder."""
    try:
        pages = generate(content_dir, overrides)
    except ContentError as exc:
        _fail(exc)
        return
    out = out_dir.resolve()
    for page in pages:
        target = (out / page.path).resolve()
        if not target.is_relative_to(out):
            raise click.ClickException(f"refusing to write outside {out_dir}: {page.path}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    nav = json.dumps({"nav": navigation(pages)}, indent=2, ensure_ascii=False)
    (out / "nav.yml").write_text(nav + "\n", encoding="utf-8")  # JSON is valid YAML
    click.echo(f"wrote {len(pages)} pages and nav.yml to {out_dir}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a fact file."""
    document = FactFileModel.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "briefing fact file"
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
