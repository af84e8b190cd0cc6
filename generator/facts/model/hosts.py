"""A URL's host in one script: a Cyrillic 'а' in an otherwise Latin host imitates another
site's address (a homograph), and so does punycode (``xn--``) that decodes to such a mix.

A host's letters must all be of one script, but for the mixes a language writes itself:
Japanese (Han, Hiragana, Katakana), Chinese (Han, Bopomofo) and Korean (Han, Hangul), each
with Latin. Digits, hyphens and dots belong to no script.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

_TOGETHER = (
    frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "CJK", "BOPOMOFO"}),
    frozenset({"LATIN", "CJK", "HANGUL"}),
)
# Unicode names that do not start with their script's name.
_SCRIPT_OF_NAME = {"HALFWIDTH": "KATAKANA", "IDEOGRAPHIC": "CJK"}


def host_of(url: str) -> str:
    """The host of an http(s) URL, or the domain of a mailto: address ('' if none)."""
    if url.lower().startswith("mailto:"):
        address = url[len("mailto:") :].split("?", 1)[0]
        return address.rsplit("@", 1)[-1] if "@" in address else ""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _decoded(host: str) -> str:
    labels = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                raise PydanticCustomError(
                    "host_punycode", "host label '{label}' is not valid punycode", {"label": label}
                ) from None
        labels.append(label)
    return ".".join(labels)


def script(character: str) -> str:
    """The script of a letter, as the first word of its Unicode name ('LATIN', 'CYRILLIC')."""
    first = unicodedata.name(character, "UNKNOWN").split()[0]
    return _SCRIPT_OF_NAME.get(first, first)


def check_host(url: str) -> None:
    """Raise if the URL's host mixes scripts, or is punycode that decodes to a mix."""
    host = host_of(url)
    shown = _decoded(host)
    letters: dict[str, str] = {}
    for character in shown:
        if character.isalpha():
            letters.setdefault(script(character), character)
    if len(letters) < 2 or any(set(letters) <= allowed for allowed in _TOGETHER):
        return
    # Most used script first: a Latin host with one Cyrillic letter reads "Latin and Cyrillic".
    counts = {name: sum(script(c) == name for c in shown if c.isalpha()) for name in letters}
    ordered = sorted(letters, key=lambda name: (-counts[name], name))
    named = [f"{name.title()} ('{letters[name]}' U+{ord(letters[name]):04X})" for name in ordered]
    raise PydanticCustomError(
        "host_mixed_scripts",
        "host '{host}'{punycode} mixes {scripts} letters",
        {
            "host": host,
            "punycode": f" (punycode for '{shown}')" if shown != host else "",
            "scripts": ", ".join(named[:-1]) + " and " + named[-1],
        },
    )
