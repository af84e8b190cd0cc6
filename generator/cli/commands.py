"""The command-line shell: ``briefing validate | render | schema``.

Exit codes: 0 all well, 1 the content has problems, 2 bad usage (click's own).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import yaml
from click.core import ParameterSource

from generator import scaffold
from generator.cli import formats, site_config
from generator.cli.init import init
from generator.errors import ContentError, Problem, display_path
from generator.facts import advisories, stored_parses
from generator.facts.schema import DRAFTS, schema_text
from generator.facts.validate import load

if TYPE_CHECKING:
    from generator.pipeline import Generated

DISTRIBUTION = "mkdocs-briefing"
"""The package's name on the package index (pyproject.toml's): its version is ours."""

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
@click.version_option(package_name=DISTRIBUTION, prog_name="briefing")
def main() -> None:
    """Turn a folder of YAML facts into a briefing site."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _emit(output_format: str, results: list[tuple[str, Problem]]) -> None:
    """Print problems as JSON or SARIF; ``results`` pairs each with its rule id."""
    problems = [problem for _, problem in results]
    if output_format == "json":
        click.echo(formats.problems_json(problems))
        return
    rules = {rule.id: rule.summary for rule in advisories.RULES}
    log = formats.sarif_log(results, rules, metadata.version(DISTRIBUTION))
    click.echo(json.dumps(log, indent=2, ensure_ascii=False))


@main.command()
@CONTENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text: path:line:column lines; json: a list of problems; sarif: SARIF 2.1.0.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Keep the parsed fact files in the user's cache folder, so that the next run "
    "parses only the files that changed (validation itself always runs in full).",
)
def validate(content_dir: Path, output_format: str, cache: bool) -> None:
    """Check every fact file; print each problem as path:line:column: message.

    Exit 0 when there is no error (warnings allowed), 1 on any error, 2 on bad usage.
    """
    kept = _KeptParses(content_dir) if cache else None
    try:
        content = load(content_dir, parsed=kept.parsed if kept else None)
    except ContentError as exc:
        if kept:
            kept.save()
        if output_format == "text":
            _fail(exc)
        _emit(output_format, [(formats.ERROR_RULE, p) for p in exc.problems])
        sys.exit(1)
    if kept:
        kept.save()
    found = advisories.findings(content)
    if output_format != "text":
        _emit(output_format, found)
        return
    for _, problem in found:
        click.echo(problem.format())
    click.echo(f"ok: {_plural(len(content.ids), 'fact')}, {_plural(len(found), 'warning')}")


class _KeptParses:
    """The parses of a content folder kept for the next run (:mod:`~.stored_parses`)."""

    def __init__(self, content_dir: Path) -> None:
        self.store = stored_parses.store_path(content_dir)
        self.fingerprint = stored_parses.code_fingerprint()
        self.parsed = stored_parses.opened(self.store, self.fingerprint)

    def save(self) -> None:
        stored_parses.save(self.parsed, self.store, self.fingerprint)


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
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also write DIR/mkdocs.yml from this one, without the briefing plugin, and put the "
    "pages under DIR/docs: a site any MkDocs-style builder (Zensical, ProperDocs) can build.",
)
@click.option(
    "--site-url",
    help="The site's URL, for absolute links in the feed and the data export, and the "
    "written mkdocs.yml's site_url (default: site_url of --config; without one, links are "
    "relative).",
)
def render(
    content_dir: Path,
    out_dir: Path,
    overrides: Path | None,
    config_file: Path | None,
    site_url: str | None,
) -> None:
    """Write the pages as Markdown, with a nav.yml, for any Markdown site builder; and
    beside them the data export, the feed of editions and a permalink page per fact."""
    # Here, not at the top: `briefing validate` needs the facts only, not the templates'
    # and publishers' modules (nor Jinja and Markdown), and starts about 0.1 s sooner.
    from generator.pipeline import generate_site
    from generator.render import navigation

    site = site_config.Site()
    if config_file is not None:
        content_dir, overrides, site = _from_plugin(config_file, content_dir, overrides)
    try:
        generated = generate_site(
            content_dir,
            overrides,
            directory_urls=site.directory_urls,
            site_url=site_url or site.url,
            author=site.author,
        )
    except ContentError as exc:
        _fail(exc)
        return
    pages = generated.pages
    out = out_dir.resolve()
    nav_entries = navigation(pages)
    if config_file is not None:
        _write_standalone(config_file, out, generated, nav_entries, site_url)
    _write_files(generated, out / site_config.DOCS if config_file else out, out_dir)
    nav = json.dumps({"nav": nav_entries}, indent=2, ensure_ascii=False)
    (out / "nav.yml").write_text(nav + "\n", encoding="utf-8")  # JSON is valid YAML
    written = ", nav.yml and mkdocs.yml" if config_file else " and nav.yml"
    files = len(generated.files)
    click.echo(f"wrote {len(pages)} pages, {files} published files{written} to {out_dir}")


def _from_plugin(
    config_file: Path, content_dir: Path, overrides: Path | None
) -> tuple[Path, Path | None, site_config.Site]:
    """The plugin's content and overrides folders, unless given as options; the site's
    URL, author and URL style."""
    try:
        config = site_config.load_config_file(config_file)
        options = site_config.plugin_options(config)
    except (site_config.ConfigProblem, yaml.YAMLError) as exc:
        raise _config_error(config_file, exc) from None
    context = click.get_current_context()
    base = config_file.parent
    if context.get_parameter_source("content_dir") is ParameterSource.DEFAULT:
        content_dir = base / str(options.get("content", content_dir))
    if overrides is None and options.get("overrides"):
        overrides = base / str(options["overrides"])
    return content_dir, overrides, site_config.site_settings(config)


def _config_error(config_file: Path, exc: Exception) -> click.ClickException:
    where = getattr(exc, "where", None)
    if where:  # a file the config inherits, or the config's own INHERIT line
        return click.ClickException(f"{where}: error: {exc}")
    return click.ClickException(f"{config_file}: {exc}")


def _write_standalone(
    config_file: Path, out: Path, generated: Generated, nav: list[Any], site_url: str | None
) -> None:
    paths = [page.path for page in generated.pages] + [f.path for f in generated.files]
    pages = _hand_written(generated, config_file.resolve().parent)
    try:
        site_config.write_standalone(config_file, out, nav, paths, site_url, pages)
    except (site_config.ConfigProblem, yaml.YAMLError) as exc:
        raise _config_error(config_file, exc) from None
    except ContentError as exc:
        _fail(exc)


def _hand_written(generated: Generated, project: Path) -> Callable[[Path, str], str]:
    """A hand-written page as it is copied: the facts it cites written out (``[@id]``)."""

    def written(source: Path, name: str) -> str:
        shown = display_path(source, project)
        try:
            text = source.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problem = Problem(shown, 1, 1, "not UTF-8 text", "save it as UTF-8")
            raise ContentError([problem]) from None
        return generated.shortcodes.expand_file(text, name, shown)

    return written


def _write_files(generated: Generated, out: Path, shown: Path) -> None:
    """The pages, and beside them the published files (not in the nav)."""
    texts = [(p.path, p.markdown) for p in generated.pages]
    texts += [(f.path, f.text) for f in generated.files]
    for path, text in texts:
        target = (out / path).resolve()
        if not target.is_relative_to(out):
            raise click.ClickException(f"refusing to write outside {shown}: {path}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


@main.command(name="build")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs configuration file.",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the site goes (default: site_dir of the configuration).",
)
@click.option(
    "--site-url",
    help="The site's URL, as site_url in the configuration (which it replaces): a sub-path "
    "such as https://example.org/briefing/ is where 404.html's links and sitemap.xml lead.",
)
def build_command(config_file: Path, site_dir: Path | None, site_url: str | None) -> None:
    """Build the site aside, check every page, and only then replace the previous site."""
    # Imported here: MkDocs is heavy and the other commands do not need it.
    from generator.plugin.build import BuildFailed, build_site

    try:
        built = build_site(config_file, site_dir.absolute() if site_dir else None, site_url)
    except BuildFailed as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for note in built.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"built {built.site_dir}: {built.pages} pages, all checks passed")


@main.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write it to this file (as `make schema` does) instead of printing it.",
)
@click.option(
    "--draft",
    type=click.Choice(DRAFTS),
    default=DRAFTS[0],
    show_default=True,
    help="JSON Schema draft: 7 for editors whose YAML extension reads only draft-07.",
)
def schema(out_file: Path | None, draft: str) -> None:
    """Print the JSON Schema of a fact file, with a description and example per field."""
    text = schema_text(draft)
    if out_file is None:
        click.echo(text, nl=False)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out_file}")


F = TypeVar("F", bound=Callable[..., None])


def _field_options(command: F) -> F:
    """One option per field of any kind (--id, --quote, --counts...); `new` checks which apply."""
    for dest, help_text, multiple in reversed(scaffold.options()):
        flag = "--" + dest.replace("_", "-")
        command = click.option(flag, dest, help=help_text, multiple=multiple)(command)
    return command


def _ask(
    spec: scaffold.KindSpec, values: dict[str, object], content_dir: Path, file: str | None
) -> None:
    """Prompt for the parent record and every required field not given as an option."""
    known = scaffold.parent_ids(content_dir, spec) if spec.parent else []
    if spec.parent and not values.get(spec.parent) and len(known) == 1:
        values[spec.parent] = known[0]  # the only one: nothing to choose
    elif spec.parent and not values.get(spec.parent) and known:
        values[spec.parent] = click.prompt(spec.parent, type=click.Choice(known))
    parent = values.get(spec.parent) if spec.parent else None
    scaffold.find_target(content_dir, spec, str(parent) if parent else None, file)  # fail early
    for field in scaffold.missing(spec, values):
        choice = click.Choice(field.choices) if field.choices else None
        values[field.name] = click.prompt(field.prompt, type=choice)


@main.command("new")
@click.argument("fact_kind", metavar="KIND", type=click.Choice(scaffold.KIND_NAMES))
@CONTENT
@click.option("--file", "file_name", help="Fact file to add to, when it is not clear which.")
@click.option("--deployment", help="Id of the deployment (for an estimate, phase or note).")
@click.option("--treaty", help="Id of the treaty (for a stage or provision).")
@_field_options
def new(fact_kind: str, content_dir: Path, file_name: str | None, **values: object) -> None:
    """Append a new, commented fact of KIND to the right file, if everything still validates.

    KIND is actor, source (or document), event, reaction, estimate (or claim), phase, note,
    stage, provision or measure. Required fields not given as options are asked for. Nothing in the
    file changes but the added lines.
    """
    spec = scaffold.kind_spec(fact_kind)
    try:
        if content_dir.is_dir():
            spec = scaffold.with_terms(spec, scaffold.declared_terms(content_dir))
        scaffold.check_options(spec, values)
        _ask(spec, values, content_dir, file_name)
        added = scaffold.add(content_dir, spec, values, file_name)
    except scaffold.UsageProblem as exc:
        if exc.option is None:
            raise click.UsageError(str(exc)) from None
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except scaffold.WriteFailed as exc:
        raise click.ClickException(str(exc)) from None
    except ContentError as exc:
        _fail(exc)
        return
    click.echo(added.report())


main.add_command(init)
