"""URLs as the check sees them: their scheme as a browser reads it, and where a relative URL
of a page leads inside the site."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"([^/?#:]*):")  # up to the first ':' before any '/', '?' or '#'

ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})
"""Schemes a link or resource may use; anything else (javascript:, data:, file:...) fails."""

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "background", "cite", "data", "xlink:href"}
)
"""Attributes a browser follows or loads as a URL (``srcset`` is a list, checked apart)."""


Key = tuple[str, str | None, str | None, int]
"""How to find an element's start tag in its page's text (:meth:`.source.SourceTags.position`):
its name, the attribute a finding is about and that attribute's value (None: by name
alone), and how many elements before it in the page had the same three."""


class Link(NamedTuple):
    """A relative URL of a page, and how to find its element should it lead nowhere (a page's
    links are located only then: most pages have hundreds and no broken one)."""

    url: str
    key: Key


def url_scheme(value: str) -> str | None:
    """The lower-cased scheme a browser would see in a URL, or None for a relative URL.

    Browsers drop ASCII tabs and newlines anywhere and control characters and spaces at the
    ends; removing every control character and space is stricter and catches
    ``java\\tscript:`` and `` javascript:``. Entities are already decoded by the parser.
    """
    cleaned = _CONTROL.sub("", value) if _CONTROL.search(value) else value
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset``: comma-separated candidates, each a URL and a descriptor."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def site_path(page: str, url: str, base_path: str) -> str | None:
    """Where a relative or root-relative URL leads inside the site, or None when outside.

    The result is a path relative to the site root without query or fragment; ``""`` is the
    root itself. Protocol-relative and absolute URLs are not inside the site.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        base = base_path if base_path.endswith("/") else base_path + "/"
        if not (path + "/").startswith(base):
            return None
        joined = path[len(base) :]
    else:
        joined = posixpath.join(posixpath.dirname(page), path) if path else page
    resolved = posixpath.normpath(joined) if joined else "."
    if resolved == ".." or resolved.startswith("../"):
        return None
    resolved = "" if resolved == "." else resolved
    return resolved + "/" if path.endswith("/") and resolved else resolved


def where(
    page: str, url: str, base_path: str, paths: dict[str, str | None] | None = None
) -> tuple[str, str | None, str]:
    """Where a relative URL of ``page`` leads: ('external' | 'outside' | 'site', the path
    inside the site, the fragment). ``paths`` keeps :func:`site_path` by URL path for the
    page's next calls (its links share a few paths and differ in their fragments)."""
    if url.startswith("#"):
        return "site", page, url[1:]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return "external", None, ""  # protocol-relative: another site
    bare = url.partition("#")[0]
    paths = {} if paths is None else paths
    if bare not in paths:
        paths[bare] = site_path(page, bare, base_path)
    target = paths[bare]
    if target is None:
        return "outside", None, ""
    return "site", target, parts.fragment
