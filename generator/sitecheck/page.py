"""Checks a built site with a WHATWG HTML parser, after MkDocs wrote it and before anyone
sees it.

Escaping in the templates is the first defence; this scan is the last, and the page's
Content-Security-Policy (:mod:`.csp`) has the browser enforce its rule on scripts. Each page
is parsed as a browser with scripting on parses it (Lexbor, through selectolax;
:mod:`.elements`), and the build fails on anything that could run or leak: a ``<script>``
that is not the theme's own, an ``on*`` attribute, a URL with a scheme outside the
allowlist, an element that embeds, redirects (but a fact's permalink, to exactly its
target) or that parsers read differently (``noscript``, ``noembed``, ``noframes``, ``xmp``,
``plaintext``, ``template``), a policy that does not
allow exactly the page's own scripts, a canary string, a ``<title>`` that differs from the
page's title, and a relative link or anchor that leads nowhere (MkDocs 1.6.1 stops reporting
those with ``-q`` or ``-v``, so the scan checks them itself). A problem names the line and
column of its element's start tag (:mod:`.source`). No MkDocs import, so it can be tested on
small strings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape

from generator.errors import Problem
from generator.sitecheck.elements import FORBIDDEN_ELEMENTS, SCRIPT_FOLDERS, Elements
from generator.sitecheck.scripts import THEME_SCRIPTS, InlineScript
from generator.sitecheck.source import SourceTags
from generator.sitecheck.urls import ALLOWED_SCHEMES, URL_ATTRIBUTES, Link, url_scheme, where

# Lexbor's serialisation holds the text and attribute values decoded, but for &, <, >, "
# and no-break spaces: a canary without those shows in it however the page encoded it.
_PLAIN = re.compile(r'[^&<>"\xa0]*')

__all__ = [
    "ALLOWED_SCHEMES",
    "FORBIDDEN_ELEMENTS",
    "SCRIPT_FOLDERS",
    "THEME_SCRIPTS",
    "URL_ATTRIBUTES",
    "InlineScript",
    "Lead",
    "PageScan",
    "ScanPolicy",
    "located_links",
    "page_policy",
    "scan_html",
    "scan_page",
    "url_scheme",
    "watch_parent",
]


@dataclass(frozen=True)
class ScanPolicy:
    """What the scan expects of one site.

    ``titles`` maps a page's path in the site (``sources/index.html``) to the exact text its
    ``<title>`` must have; each such page must exist. ``base_path`` is the URL path of the
    site's root, for root-relative links (MkDocs writes ``404.html`` with them).
    ``redirects`` maps the path of a page that may redirect (a fact's permalink) to the one
    relative URL its ``<meta http-equiv=refresh>`` must lead to; that URL is checked as a
    link. Any other refresh is refused.
    """

    canaries: tuple[str, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    base_path: str = "/"
    redirects: Mapping[str, str] = field(default_factory=dict)


Lead = tuple[str | None, str]
"""Where a page's relative link leads: (the path inside the site, as :func:`~.urls.where`
gives it, or None when it leads outside; the fragment, or "")."""


@dataclass(frozen=True)
class PageScan:
    """The result of scanning one page on its own: what the cross-page checks need."""

    shown: str
    problems: tuple[Problem, ...]
    ids: frozenset[str]
    leads: tuple[Lead, ...]
    """Each distinct place the page's relative links lead (not the links: a page has
    hundreds, most of them to a few pages, and the site's scans are held until all are in).
    Should one lead nowhere, :func:`located_links` finds the links again in the page."""


def scan_html(
    html: str, path: str = "index.html", policy: ScanPolicy | None = None, shown: str = ""
) -> list[Problem]:
    """Problems of one page on its own: scripts, on*, URL schemes, canaries and its title.

    ``path`` is the page's place in the site (it resolves script URLs and picks the expected
    title); ``shown`` is how problems name the page (default: ``path``).
    """
    problems, _ = _scan(html, path, policy or ScanPolicy(), shown or path)
    return sorted(problems)


def scan_page(html: str, path: str, policy: ScanPolicy, shown: str) -> PageScan:
    """One page scanned on its own (a pure function: a worker process may run it)."""
    problems, elements = _scan(html, path, policy, shown)
    leads = dict.fromkeys(lead for _, lead in _leads(elements.links, path, policy.base_path))
    return PageScan(shown, tuple(problems), frozenset(elements.ids), tuple(leads))


def located_links(html: str, path: str, policy: ScanPolicy) -> list[tuple[Link, Lead]]:
    """Each relative link of a page, with where it leads: to report those that lead
    nowhere, found in the page again as :func:`scan_page` found them."""
    elements = Elements(html, path, policy.base_path, policy.redirects.get(path))
    return list(_leads(elements.links, path, policy.base_path))


def _leads(links: list[Link], path: str, base_path: str) -> Iterator[tuple[Link, Lead]]:
    """Each link that stays on this site, with where it leads (external ones are left)."""
    found: dict[str, tuple[str, str | None, str]] = {}
    paths: dict[str, str | None] = {}
    for link in links:
        leads = found.get(link.url)
        if leads is None:
            leads = found[link.url] = where(path, link.url, base_path, paths)
        verdict, target, fragment = leads
        if verdict != "external":
            yield link, (target, fragment)


def _scan(html: str, path: str, policy: ScanPolicy, shown: str) -> tuple[list[Problem], Elements]:
    elements = Elements(html, path, policy.base_path, policy.redirects.get(path))
    findings = list(elements.findings)
    expected = policy.titles.get(path)
    titles = elements.titles
    if expected is not None and len(titles) == 1 and titles[0][0] != expected:
        text, key = titles[0]
        message = f"<title> reads {text!r}, expected {expected!r}"
        findings.append((key, message, "a title must show exactly as the page's title, escaped"))
    problems = []
    if findings:  # the page's text is read for positions only when something is wrong
        source = elements.source or SourceTags(html)
        for key, message, hint in findings:
            problems.append(Problem(shown, *source.position(*key), message, hint))
    if expected is not None and len(titles) != 1:
        problems.append(Problem(shown, 1, 1, f"expected one <title>, found {len(titles)}"))
    problems.extend(_canaries(html, elements.serialised, policy.canaries, shown))
    return problems, elements


def _canaries(html: str, serialised: str, canaries: tuple[str, ...], shown: str) -> list[Problem]:
    """Each canary in the page: where it is written, or at 1:1 when written with entities
    (invisible to a byte search, plain to a reader)."""
    problems = []
    for canary in filter(None, canaries):
        index = html.find(canary)
        if index >= 0:
            line, column = html.count("\n", 0, index) + 1, index - html.rfind("\n", 0, index)
            problems.append(Problem(shown, line, column, "the canary string is present"))
        elif canary in (serialised if _PLAIN.fullmatch(canary) else unescape(html)):
            problems.append(Problem(shown, 1, 1, "the canary string is present"))
    return problems


def watch_parent(pid: int, every: float = 1.0) -> None:
    """In a worker process: exit once process ``pid`` is gone. A killed ``mkdocs serve``
    never shuts its workers down, and a worker blocked on its task queue would stay."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(pid, 0)
            except OSError:  # gone (or its number reused by another user's process)
                os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def page_policy(policy: ScanPolicy, path: str) -> ScanPolicy:
    """The part of ``policy`` one page's scan depends on (small, to send to a worker)."""
    title = policy.titles.get(path)
    redirect = policy.redirects.get(path)
    return ScanPolicy(
        policy.canaries,
        {} if title is None else {path: title},
        policy.base_path,
        {} if redirect is None else {path: redirect},
    )
