"""One key and its value as YAML lines: plain, quoted, folded or in flow style, whichever
the loader reads back as exactly the same value."""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from generator.facts.loader import parse_text

WIDTH = 88  # where long text is folded, as in the example content


def _reads_as(yaml_text: str, expected: object) -> bool:
    fact_file, problems = parse_text(yaml_text, "<entry>")
    return not problems and fact_file.data == {"k": expected}


def _quoted(text: str) -> str:
    single = "'" + text.replace("'", "''") + "'"
    if _reads_as(f"k: {single}\n", text):
        return single
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _inline(text: str) -> str:
    """A scalar on one line: plain where it reads back unchanged, else quoted."""
    if text == text.strip() and _reads_as(f"k: {text}\n", text):
        return text
    return _quoted(text)


def _folded(key: str, text: str, col: int) -> list[str] | None:
    if not re.fullmatch(r"\S+(?: \S+)*", text):
        return None
    lines = textwrap.wrap(text, WIDTH - col - 2, break_long_words=False, break_on_hyphens=False)
    body = "".join(f"  {line}\n" for line in lines)
    if not _reads_as(f"k: >-\n{body}", text):
        return None
    return [f"{' ' * col}{key}: >-", *(f"{' ' * (col + 2)}{line}" for line in lines)]


def _flow_item(text: str) -> str:
    if _reads_as(f"k: [{text}]\n", [text]):
        return text
    return _quoted(text)


def field_lines(key: str, value: Any, col: int) -> list[str]:
    pad = " " * col
    if isinstance(value, dict):
        return [
            f"{pad}{key}:",
            *(ln for k, v in value.items() for ln in field_lines(k, v, col + 2)),
        ]
    if isinstance(value, list):
        return [f"{pad}{key}: [{', '.join(_flow_item(v) for v in value)}]"]
    line = f"{pad}{key}: {_inline(value)}"
    if len(line) > WIDTH:
        return _folded(key, value, col) or [line]
    return [line]
