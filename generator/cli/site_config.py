"""A standalone site for builders that cannot run our plugin (Zensical, ProperDocs, MkDocs).

``briefing render --out DIR --config mkdocs.yml`` writes the pages to ``DIR/docs``, copies
the project's own docs folder beside them (stylesheets, hand-written pages) and writes
``DIR/mkdocs.yml``: the project's config without the ``briefing`` plugin, ``docs_dir``
pointing at ``DIR/docs`` and ``nav`` set from the pages, unless the project sets its own.

mkdocs.yml is read as YAML, not through MkDocs: tags such as ``!!python/name:`` or
``!ENV`` are kept as written, never resolved or imported.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PLUGIN = "briefing"
DOCS = "docs"
CONFIG_NAME = "mkdocs.yml"
# Settings whose relative paths are relative to the config file, not to docs_dir.
_PATH_LISTS = ("hooks", "watch")
_HEADER = "# Written by `briefing render --config`: the site without the briefing plugin.\n"


class ConfigProblem(Exception):
    """The project's config cannot be turned into a standalone one; the message says why."""


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
    """The site's URL, author and URL style, as written (a tagged value, such as ``!ENV``,
    is not resolved here: left out)."""
    url, author = config.get("site_url"), config.get("site_author")
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
    config: dict[str, Any], nav: list[Any], project: Path, out: Path
) -> dict[str, Any]:
    """The config for a site built from ``out/docs`` alone, with no briefing plugin."""
    result = dict(config)
    result["docs_dir"] = DOCS
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
    config_file: Path, out: Path, nav: list[Any], generated: list[str]
) -> list[str]:
    """Copy the project's docs into ``out/docs`` and write ``out/mkdocs.yml``.

    Refuses (before writing anything) when a hand-written file would hide a generated page,
    as the plugin does. Returns the copied files, relative to ``out/docs``.
    """
    project = config_file.resolve().parent
    config = read_config(config_file.read_text(encoding="utf-8"))
    docs = project / str(config.get("docs_dir") or DOCS)
    if docs.resolve() == (out / DOCS).resolve():
        raise ConfigProblem(f"{out} is the project itself; render into another folder")
    files = _docs_files(docs)
    copied = [p.relative_to(docs).as_posix() for p in files]
    hidden = sorted(set(copied) & set(generated))
    if hidden:
        raise ConfigProblem(f"{docs / hidden[0]} would hide the generated page {hidden[0]}")
    for source, name in zip(files, copied, strict=True):
        target = out / DOCS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    out.mkdir(parents=True, exist_ok=True)
    text = dump_config(standalone_config(config, nav, project, out.resolve()))
    (out / CONFIG_NAME).write_text(text, encoding="utf-8")
    return copied
