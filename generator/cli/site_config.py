"""A standalone site for builders that cannot run our plugin (Zensical, ProperDocs, MkDocs).

``briefing render --out DIR --config mkdocs.yml`` writes the pages to ``DIR/docs``, copies
the project's own docs folder beside them (hand-written pages, assets) with the plugin's
stylesheets, and writes ``DIR/mkdocs.yml``: the project's config without the ``briefing``
plugin but with what it adds (Markdown extensions, ``extra_css``), ``docs_dir`` pointing at
``DIR/docs`` and ``nav`` set from the pages, unless the project sets its own.

mkdocs.yml is read as YAML, not through MkDocs: tags such as ``!!python/name:`` or
``!ENV`` are kept as written, never resolved or imported (but ``!ENV`` is read as MkDocs
reads it where we need a setting's value: ``site_url``, ``site_author``). A config that
``INHERIT``s another is written merged with it, as MkDocs merges them, without ``INHERIT``:
the written config sits in another folder, where the parent's path would lead elsewhere or
back to the written config itself (which MkDocs then inherits until RecursionError).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError, Problem

PLUGIN = "briefing"
DOCS = "docs"
CONFIG_NAME = "mkdocs.yml"
# Settings whose relative paths are relative to the config file, not to docs_dir.
_PATH_LISTS = ("hooks", "watch")
_HEADER = "# Written by `briefing render --config`: the site without the briefing plugin.\n"


class ConfigProblem(Exception):
    """The project's config cannot be turned into a standalone one; the message says why.

    ``where`` is the file (``path:line:column``) at fault when it is not the config given.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class Tagged:
    """A YAML value carrying a tag this module does not interpret (``!ENV [X]``...)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(text: str) -> dict[str, Any]:
    """mkdocs.yml as plain data; unknown tags kept as :class:`Tagged` values."""
    data = yaml.load(text, Loader=_Loader)  # a SafeLoader: nothing is imported or run
    if not isinstance(data, dict):
        raise ConfigProblem("the config is not a mapping of settings")
    return data


INHERIT = "INHERIT"


def load_config_file(config_file: Path) -> dict[str, Any]:
    """The config of ``config_file`` with every ``INHERIT`` merged in, as MkDocs reads it:
    the parent's path relative to the file naming it, mappings merged key by key, any other
    value (a list of plugins...) the child's. Raises :class:`ConfigProblem` on a parent that
    is missing, unreadable or inherited in a circle; ``yaml.YAMLError`` from the config
    given."""
    return _inherited(config_file, [])


def _inherited(config_file: Path, chain: list[Path]) -> dict[str, Any]:
    text = config_file.read_text(encoding="utf-8")
    try:
        config = read_config(text)
    except (ConfigProblem, yaml.YAMLError) as exc:
        if not chain:
            raise
        raise ConfigProblem(_yaml_message(exc), _where(config_file, exc)) from None
    if INHERIT not in config:
        return config
    value = _env(config.pop(INHERIT))
    place = f"{_shown(config_file)}:{_key_place(text, INHERIT)}"
    if not isinstance(value, str) or not value:
        raise ConfigProblem(
            f"INHERIT is {value!r}; write the path of the config to inherit, relative to "
            f"the folder of {config_file.name}",
            place,
        )
    parent = Path(os.path.normpath(config_file.absolute().parent / value))
    seen = [*chain, config_file.absolute()]
    if parent in seen:
        circle = " -> ".join(_shown(p) for p in [*seen[seen.index(parent) :], parent])
        raise ConfigProblem(
            f"INHERIT goes round in a circle: {circle}; a config cannot inherit itself", place
        )
    if not parent.is_file():
        raise ConfigProblem(
            f"INHERIT: {value}: no such file ({_shown(parent)}); write the path of the "
            f"config to inherit, relative to the folder of {config_file.name}",
            place,
        )
    return _merged(_inherited(parent, seen), config)


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """mergedeep's merge, as MkDocs uses it: mappings key by key, other values replaced."""
    result = dict(parent)
    for key, value in child.items():
        if isinstance(result.get(key), dict) and isinstance(value, dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _shown(path: Path) -> str:
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _key_place(text: str, key: str) -> str:
    """``line:column`` of a top-level key of a config (1:1 when not found)."""
    node = yaml.compose(text, Loader=_Loader)
    if isinstance(node, yaml.MappingNode):
        for name, _ in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return f"{name.start_mark.line + 1}:{name.start_mark.column + 1}"
    return "1:1"


def _yaml_message(exc: Exception) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return ": ".join(str(part) for part in (exc.context, exc.problem) if part)
    return str(exc)


def _where(path: Path, exc: Exception) -> str:
    mark = exc.problem_mark if isinstance(exc, yaml.MarkedYAMLError) else None
    if mark is None:
        return f"{_shown(path)}:1:1"
    return f"{_shown(path)}:{mark.line + 1}:{mark.column + 1}"


def _env(value: Any) -> Any:
    """An ``!ENV`` value as MkDocs reads it: the first variable set, else the default (the
    last item of a list of two or more), else None. Any other value as it is."""
    if not isinstance(value, Tagged) or value.tag != "!ENV":
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    default = names[-1] if len(names) > 1 else None
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            text = os.environ[str(name)]
            loader = yaml.SafeLoader("")  # typed as YAML types a plain scalar, never parsed
            tag = loader.resolve(yaml.ScalarNode, text, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, text))
    return default


def dump_config(config: dict[str, Any]) -> str:
    """The config as YAML, tags as they were written."""
    body = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return _HEADER + body


@dataclass(frozen=True)
class Site:
    """What the published files need of the site's settings."""

    url: str | None = None
    """``site_url``: absolute links in the feed and the data export."""
    author: str | None = None
    """``site_author``: the feed's author."""
    directory_urls: bool = True
    """``use_directory_urls``: where pages and permalinks are."""


def site_settings(config: dict[str, Any]) -> Site:
    """The site's URL, author and URL style, as MkDocs reads them (``!ENV`` resolved; any
    other tagged value left out)."""
    url, author = _env(config.get("site_url")), _env(config.get("site_author"))
    folders = config.get("use_directory_urls", True)
    return Site(
        url if isinstance(url, str) and url else None,
        author if isinstance(author, str) and author else None,
        folders if isinstance(folders, bool) else True,
    )


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return str(next(iter(entry)))
    return None


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The briefing plugin's options in the config (``content``, ``overrides``), if any."""
    plugins = config.get("plugins") or []
    entries = [{k: v} for k, v in plugins.items()] if isinstance(plugins, dict) else plugins
    for entry in entries:
        if _plugin_name(entry) == PLUGIN and isinstance(entry, dict):
            options = entry[PLUGIN]
            return dict(options) if isinstance(options, dict) else {}
    return {}


def _without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name != PLUGIN}
    return [entry for entry in plugins if _plugin_name(entry) != PLUGIN]


def _rebased(value: Any, project: Path, out: Path) -> Any:
    """A path relative to the project's config, made relative to the new config's folder."""
    if not isinstance(value, str) or os.path.isabs(value):
        return value
    return Path(os.path.relpath(project / value, out)).as_posix()


def standalone_config(
    config: dict[str, Any], nav: list[Any], project: Path, out: Path, site_url: str | None = None
) -> dict[str, Any]:
    """The config for a site built from ``out/docs`` alone, with no briefing plugin
    (``site_url``, when given, replaces the config's)."""
    result = dict(config)
    result.pop(INHERIT, None)  # merged in already (load_config_file): never written
    result["docs_dir"] = DOCS
    if site_url:
        result["site_url"] = site_url
    if "plugins" in result:
        result["plugins"] = _without_plugin(result["plugins"] or [])
    if not result.get("nav"):
        result["nav"] = nav
    theme = result.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        result["theme"] = {**theme, "custom_dir": _rebased(theme["custom_dir"], project, out)}
    for key in _PATH_LISTS:
        if isinstance(result.get(key), list):
            result[key] = [_rebased(item, project, out) for item in result[key]]
    return result


def _docs_files(docs: Path) -> list[Path]:
    if not docs.is_dir():
        return []
    return sorted(p for p in docs.rglob("*") if p.is_file())


def write_standalone(
    config_file: Path,
    out: Path,
    nav: list[Any],
    generated: list[str],
    site_url: str | None = None,
    markdown: Callable[[Path, str], str] | None = None,
) -> list[str]:
    """Copy the project's docs into ``out/docs`` and write ``out/mkdocs.yml`` (with
    ``site_url``, when given, as its own); ``markdown`` gives what a Markdown page (its
    file, its path in docs) is written as, or raises :class:`ContentError`.

    Refuses (before writing anything) when a hand-written file would hide a generated page,
    as the plugin does, or when ``markdown`` refuses pages (naming every problem of every
    page). Returns the copied files, relative to ``out/docs``.
    """
    # What the plugin adds to a site (extensions, stylesheets), as the written one has none.
    from generator.plugin import site_setup  # imports MkDocs: only when writing a config

    project = config_file.resolve().parent
    config = load_config_file(config_file)
    rewriting = site_setup.refused(site_setup.configured_extensions(config))
    if rewriting:
        raise ConfigProblem(site_setup.refusal(rewriting))
    docs = project / str(config.get("docs_dir") or DOCS)
    if docs.resolve() == (out / DOCS).resolve():
        raise ConfigProblem(f"{out} is the project itself; render into another folder")
    # With docs_dir: content, the fact files and archived documents stay out (as the plugin).
    content = (project / str(plugin_options(config).get("content", "content"))).resolve()
    files = [
        p for p in _docs_files(docs) if p.suffix == ".md" or not p.resolve().is_relative_to(content)
    ]
    copied = [p.relative_to(docs).as_posix() for p in files]
    hidden = sorted(set(copied) & set(generated))
    if hidden:
        raise ConfigProblem(f"{docs / hidden[0]} would hide the generated page {hidden[0]}")
    written: dict[str, str] = {}
    problems: list[Problem] = []
    for source, name in zip(files, copied, strict=True):
        if markdown is not None and name.endswith(".md"):
            try:
                written[name] = markdown(source, name)
            except ContentError as exc:
                problems += exc.problems
    if problems:
        raise ContentError(problems)
    for source, name in zip(files, copied, strict=True):
        target = out / DOCS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name in written:
            target.write_bytes(written[name].encode("utf-8"))
        else:
            shutil.copyfile(source, target)
    for path, text in site_setup.shipped().items():
        (out / DOCS / path).parent.mkdir(parents=True, exist_ok=True)
        (out / DOCS / path).write_text(text, encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    settings = standalone_config(config, nav, project, out.resolve(), site_url)
    text = dump_config(site_setup.without_plugin(settings))
    (out / CONFIG_NAME).write_text(text, encoding="utf-8")
    return copied
