"""What the generated pages need of any MkDocs site they are dropped into.

- Markdown extensions (:data:`NEEDED`): the pages are written with abbreviations
  (``*[NIS]: ...``), attribute lists (``{: .cite }``), Markdown inside HTML blocks
  (``<div class="claims" markdown>``), tables, admonitions and heading anchors. A missing one
  is added; a user's own settings of one are kept as they are.
- Extensions that rewrite plain text (:data:`REWRITING`: smart quotes, dashes, arrows,
  fractions) would change the words of a fact as the source gives them: refused.
- Stylesheets (:data:`STYLESHEETS`) and one script (:data:`SCRIPTS`: a citation shows its
  passage on tap): shipped in this package (``assets/``) and written into the site from
  memory, so a site needs no docs folder of its own.

Nothing here imports MkDocs: :mod:`generator.plugin.plugin` turns the problems into a
``PluginError``.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs in the pinned tooling

NEEDED: Mapping[str, tuple[str, str]] = types.MappingProxyType(
    {
        "abbr": ("treeprocessors", "abbr"),
        "attr_list": ("treeprocessors", "attr_list"),
        "md_in_html": ("blockprocessors", "markdown_block"),
        "tables": ("blockprocessors", "table"),
        "admonition": ("blockprocessors", "admonition"),
        "toc": ("treeprocessors", "toc"),
    }
)
"""Each extension the generated pages are written for -> the processor it registers
(registry, name), by which a configured Markdown shows it is really there."""

BUNDLES: Mapping[str, frozenset[str]] = types.MappingProxyType(
    {
        name: frozenset({"abbr", "attr_list", "md_in_html", "tables"})
        for name in ("extra", "pymdownx.extra")
    }
)
"""Extensions that load some of :data:`NEEDED` themselves (with the user's settings)."""

REWRITING: Mapping[str, str] = types.MappingProxyType(
    {
        "smarty": "quotes, apostrophes, dashes and '...'",
        "pymdownx.smartsymbols": "arrows, fractions, (c), (tm), +/- and ordinals",
    }
)
"""Extensions that rewrite plain characters -> what they rewrite. Fact text is escaped for
Markdown syntax, not for these, so a quote would no longer read as its source wrote it."""

ASSETS = Path(__file__).resolve().parent / "assets"
STYLESHEETS: Mapping[str, str] = types.MappingProxyType(
    {
        "assets/briefing/briefing.css": "briefing.css",
        "assets/briefing/charts.css": "charts.css",
    }
)
"""Each stylesheet's path in the site -> its file in :data:`ASSETS`. charts.css is
``generator.render.charts.CHART_CSS`` written out by ``make golden``
(tests/render/test_charts.py)."""
SCRIPTS: Mapping[str, str] = types.MappingProxyType({"assets/briefing/briefing.js": "briefing.js"})
"""Each script's path in the site -> its file in :data:`ASSETS`, loaded with ``defer``. The
pages work without it: a citation stays the link it is."""


def extension_name(name: str) -> str:
    """The short name Python-Markdown also knows an extension by: ``markdown.extensions.abbr``
    and ``markdown.extensions.abbr:AbbrExtension`` are ``abbr``."""
    module = name.partition(":")[0].strip()
    return module.removeprefix("markdown.extensions.")


def refused(extensions: Iterable[str]) -> list[str]:
    """The configured extensions that rewrite plain text, as the config names them."""
    return [e for e in extensions if extension_name(e) in REWRITING]


def refusal(extensions: list[str]) -> str:
    """What to tell a user whose config loads :func:`refused` extensions."""
    lines = [
        f"  - {name} rewrites {REWRITING[extension_name(name)]}" for name in sorted(extensions)
    ]
    return (
        "briefing: the Markdown extensions below would change the words of the facts as "
        "their sources give them (quotes must read exactly as reported)\n"
        + "\n".join(lines)
        + "\nremove them from markdown_extensions in mkdocs.yml"
    )


def missing(extensions: Iterable[str]) -> list[str]:
    """The :data:`NEEDED` extensions that neither the config nor a bundle of it loads."""
    names = {extension_name(e) for e in extensions}
    loaded = names | {n for bundle in names & BUNDLES.keys() for n in BUNDLES[bundle]}
    return [name for name in NEEDED if name not in loaded]


def unavailable(extensions: list[str], configs: Mapping[str, Any]) -> list[str]:
    """The :data:`NEEDED` extensions a Markdown made with these settings lacks after all
    (another extension took its processor away)."""
    md = markdown.Markdown(extensions=extensions, extension_configs=dict(configs))
    registries = {
        "treeprocessors": md.treeprocessors,
        "blockprocessors": md.parser.blockprocessors,
    }
    return [
        name
        for name, (registry, processor) in NEEDED.items()
        if processor not in registries[registry]
    ]


def impossible(extensions: list[str]) -> str:
    """What to tell a user whose config leaves :func:`unavailable` extensions."""
    return (
        f"briefing: the generated pages need the Markdown extensions {', '.join(extensions)}, "
        "but another extension in markdown_extensions removes or replaces what they do; "
        "remove that extension from mkdocs.yml, or list these after it"
    )


def shipped() -> dict[str, str]:
    """Each stylesheet's and script's path in the site -> its text."""
    files = {**STYLESHEETS, **SCRIPTS}
    return {path: (ASSETS / name).read_text(encoding="utf-8") for path, name in files.items()}


def configured_extensions(settings: Mapping[str, Any]) -> list[str]:
    """The extension names of a mkdocs.yml's ``markdown_extensions`` as written (a list of
    names and one-key mappings, or a mapping)."""
    value = settings.get("markdown_extensions") or []
    if isinstance(value, Mapping):
        return [str(name) for name in value]
    return [str(next(iter(e))) if isinstance(e, Mapping) else str(e) for e in value]


def without_plugin(settings: Mapping[str, Any]) -> dict[str, Any]:
    """A mkdocs.yml's settings (as YAML data) with what the plugin adds in ``on_config``:
    the missing extensions, the stylesheets first in ``extra_css``, the script in
    ``extra_javascript``. For a site built from the rendered pages without the plugin
    (``briefing render --config``), which must also hold :func:`shipped`; check
    :func:`refused` first."""
    result = dict(settings)
    added = missing(configured_extensions(settings))
    if added:
        value = result.get("markdown_extensions") or []
        if isinstance(value, Mapping):
            result["markdown_extensions"] = {**value, **dict.fromkeys(added)}
        else:
            result["markdown_extensions"] = [*value, *added]
    css = list(result.get("extra_css") or [])
    result["extra_css"] = [*(p for p in STYLESHEETS if p not in css), *css]
    scripts = list(result.get("extra_javascript") or [])
    named = {s.get("path") if isinstance(s, Mapping) else s for s in scripts}
    result["extra_javascript"] = [
        *scripts,
        *({"path": p, "defer": True} for p in SCRIPTS if p not in named),
    ]
    return result
