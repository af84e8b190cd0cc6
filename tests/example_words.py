"""Words of the example situation (the report of 2024-10-25 on North Korean troops in
Russia's Kursk region) and military words: a briefing on another situation, or one started
with `briefing init`, must show none of them (its pages, search index and data)."""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLE_NAMES = (
    "Kursk",
    "Korea",
    "Pyongyang",
    "Vladivostok",
    "Russia",
    "Ukrain",
    "Putin",
    "Kirby",
    "Kim Jong",
    "Zelensky",
    "Duma",
    "Federation Council",
    "Seoul",
    "DPRK",
    "Austin",
)
MILITARY_WORDS = ("troop", "soldier", "military", "army", "combat", "battalion", "front line")
FORBIDDEN = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in EXAMPLE_NAMES + MILITARY_WORDS) + ")", re.I
)
"""Any of them at the start of a word ('troops', 'Ukrainian'; not 'disputing')."""

TEXT_SUFFIXES = (".html", ".json", ".xml", ".md", ".txt", ".js", ".yml", ".yaml")


def example_words_in(folder: Path) -> list[str]:
    """Each 'file: word (context)' where a text file under ``folder`` holds one of them."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        if "assets/javascripts" in path.as_posix() or "assets/stylesheets" in path.as_posix():
            continue  # the theme's own bundles (lunr's stemmers name languages, not places)
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in FORBIDDEN.finditer(text):
            start = max(match.start() - 40, 0)
            context = text[start : match.end() + 40].replace("\n", " ")
            found.append(f"{path.relative_to(folder)}: {match.group(0)} ({context})")
    return found
