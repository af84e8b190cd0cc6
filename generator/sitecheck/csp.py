"""The Content-Security-Policy of a built page, so the browser runs what the check allows and
nothing else.

A ``<meta http-equiv>`` policy at the top of ``<head>``, before any script (a browser applies
it only to what follows it). Its directives:

- ``script-src 'self'`` and the SHA-256 of each of the page's inline scripts that is one of
  the theme's own (:data:`~generator.sitecheck.scripts.THEME_SCRIPTS`), computed from the
  page as built. Script files come from the site itself (Material's bundle, its search
  worker, the offline build's shim); any other inline script, ``on*`` attribute or
  ``javascript:`` URL is blocked. Workers fall back to this directive too.
- ``object-src 'none'``: no plugin content (the check refuses ``<object>`` and ``<embed>``).
- ``base-uri 'none'``: no ``<base>`` may re-point the theme's relative script URLs.

Nothing else is restricted: styles, images and fonts are not scripts (Material's styles use
``data:`` icons). A page that loads the offline build's worker shim also allows the one
script the shim writes into its frame (:data:`~generator.sitecheck.scripts.WORKER_SHIM_SCRIPT`).
No MkDocs import: the plugin calls :func:`with_csp` on each page it writes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable

from generator.sitecheck.scripts import WORKER_SHIM, WORKER_SHIM_SCRIPT, is_theme_script

HTTP_EQUIV = "content-security-policy"

# Material writes its inline scripts as bare <script> elements, and its configuration as the
# one <script id="__config">. Reading them with a pattern rather than a parser is safe: a
# hash lets only a script of exactly that text run, and only the theme's texts are hashed.
# Should the parser read a page otherwise, the check finds the policy wrong and says so.
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_SHIM = re.compile(rf'<script src="(?:[^"<>]*/)?{re.escape(WORKER_SHIM)}">')
_CHARSET = re.compile(r"<meta charset=[^<>]*>", re.I)
_HEAD = re.compile(r"<head(?:[\t\n\f\r ][^<>]*)?>", re.I)


def script_hash(text: str) -> str:
    """The CSP source expression allowing an inline script of exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(inline_scripts: Iterable[str], worker_url: str | None = None) -> str:
    """The policy of a page with these inline scripts (only the theme's are allowed) and,
    when it loads the offline worker shim, the worker ``worker_url`` (its config's
    ``search``)."""
    allowed = [text for text in inline_scripts if is_theme_script(text.strip())]
    frame = WORKER_SHIM_SCRIPT.filled(worker_url) if worker_url is not None else None
    sources = ["'self'"]
    for text in [*allowed, frame] if frame is not None else allowed:
        if script_hash(text) not in sources:
            sources.append(script_hash(text))
    return f"script-src {' '.join(sources)}; object-src 'none'; base-uri 'none'"


def worker_url(config: object) -> str | None:
    """The search worker's URL in Material's page configuration (parsed JSON), if any."""
    search = config.get("search") if isinstance(config, dict) else None
    return search if isinstance(search, str) else None


def page_policy(html: str) -> str:
    """The policy of a page as built (see the note on reading it with patterns)."""
    worker = None
    if _SHIM.search(html) is not None:
        config = _CONFIG.search(html)
        try:
            worker = worker_url(json.loads(config.group(1))) if config else None
        except ValueError:
            worker = None
    return policy(_INLINE.findall(html), worker)


def meta(content: str) -> str:
    """The ``<meta>`` element carrying a policy (its text needs no escaping: quotes and
    base64 only)."""
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def with_csp(html: str) -> str:
    """The page with its policy in a ``<meta>`` right after ``<meta charset>`` (or after
    ``<head>``), before its first script; unchanged when it has no ``<head>``."""
    first_script = html.find("<script")
    at = _CHARSET.search(html)
    if at is None or (0 <= first_script < at.start()):
        at = _HEAD.search(html)
        if at is None or (0 <= first_script < at.start()):
            return html
    return html[: at.end()] + meta(page_policy(html)) + html[at.end() :]
