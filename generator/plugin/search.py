"""The search index Material's search plugin wrote, made for readers of a briefing.

Material indexes each section's text as it reads in the page, which leaves two things
wrong for a briefing (charts are kept out at the source: their ``<svg>`` carries Material's
documented ``data-search-exclude``, see :func:`generator.render.charts.svg.chart_figure`):

- every entry carries its page's tags, which the results show as a row of chips under each
  hit (and, boosted a million times, they put the tagged page first whatever its text);
- lunr splits words on the theme's separator (whitespace and hyphens), so ``12,000`` is one
  token and a search for ``12000`` finds nothing.

:func:`clean_index` rewrites ``search/search_index.json`` after Material wrote it: without
the tags, and with the bare form of each figure written beside it as ``<span hidden>``.
Material's search worker tokenises each run of text between tags on its own, so the bare
form is a token of its own; the results show the text as HTML, where a ``hidden`` element
is not displayed; the snippet reads as the page does. The rewrite is a pure function of the
file Material wrote, so a served and a built site stay byte-identical.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"

FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)")
"""A number written with thousands separators: 1,500; 12,000; 1,234,567.5."""


def bare_figures(text: str) -> str:
    """``text`` with the unseparated form of each figure after it, hidden from display."""
    return FIGURE.sub(lambda m: f"{m[0]}<span hidden>{m[0].replace(',', '')}</span>", text)


def clean_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """One search entry without its page's tags, its figures findable without separators."""
    cleaned = {k: v for k, v in entry.items() if k != "tags"}
    if isinstance(cleaned.get("text"), str):
        cleaned["text"] = bare_figures(cleaned["text"])
    return cleaned


def clean_index(site_dir: Path) -> None:
    """Rewrite the search index in ``site_dir`` (nothing when there is none), in the form
    Material writes it."""
    path = site_dir / INDEX
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("docs")
    if not isinstance(docs, list):
        return
    data["docs"] = [clean_entry(d) if isinstance(d, dict) else d for d in docs]
    path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
