"""Problems found in content, and the exceptions that carry them.

A :class:`Problem` is a user-facing finding with its place (file, line, column, key path).
:class:`ContentError` carries every problem of one run; it is the only exception the core
raises for bad content. Programmer errors (misuse of the core's own API) stay ordinary
Python exceptions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

_INVISIBLE = {
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
    0x2028,
    0x2029,
}
_VISIBLE_CONTROLS = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def printable(text: str) -> str:
    """Escape control, format and bidi characters so a message never drives the terminal."""
    if text.isprintable():  # no Cc, Cf, Cs, Co, Zl, Zp (nor any other space but ' ')
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _VISIBLE_CONTROLS:
            out.append(_VISIBLE_CONTROLS[ch])
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif code in _INVISIBLE or unicodedata.category(ch) in ("Cf", "Cs", "Co", "Zl", "Zp"):
            # Format (bidi, zero-width, tag characters), surrogate, private-use, separators.
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, what is wrong and, where it helps, what to do."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        """``path:line:column: message (hint)``, safe to print to a terminal."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return printable(text)


class ContentError(Exception):
    """The content could not be turned into a briefing; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format() for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user would type it: relative to ``root`` (or the cwd) when inside it."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
