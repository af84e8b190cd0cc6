"""Checks a built site with a real HTML parser, after MkDocs wrote it and before anyone sees it.

Escaping in the templates is the first defence; this scan is the last. It reads what a browser
would read and fails the build on anything that could run or leak: a ``<script>`` that is not
the theme's own, an ``on*`` attribute, a URL with a scheme outside the allowlist, an element
that embeds or redirects, a canary string, a ``<title>`` that differs from the page's title, and
a relative link or anchor that leads nowhere (MkDocs 1.6.1 stops reporting those with ``-q``
or ``-v``, so the scan checks them itself). Pure Python: no MkDocs import, so it can be tested
on small strings.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from generator.errors import Problem

ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})
"""Schemes a link or resource may use; anything else (javascript:, data:, file:...) fails."""

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "background", "cite", "data", "xlink:href"}
)
"""Attributes a browser follows or loads as a URL (``srcset`` is a list, checked apart)."""

FORBIDDEN_ELEMENTS = {
    "iframe": "embeds another document",
    "frame": "embeds another document",
    "frameset": "embeds other documents",
    "object": "embeds active content",
    "embed": "embeds active content",
    "applet": "embeds active content",
    "base": "redirects every relative link on the page",
}
"""Elements the theme never emits and that would load or redirect content if injected."""

SCRIPT_FOLDERS = ("assets/javascripts/", "search/")
"""Where the theme's own script files live (Material's bundle; MkDocs' search)."""


@dataclass(frozen=True)
class InlineScript:
    """An inline script of the theme, known by its exact text.

    With ``tail`` empty the text must equal ``head``. Otherwise it is ``head`` + a plain
    string literal (the one value the theme fills in, e.g. the base URL) + ``tail``.
    """

    name: str
    head: str
    tail: str = ""

    def matches(self, text: str) -> bool:
        """Whether ``text`` is this script, byte for byte apart from the one literal."""
        if not self.tail:
            return text == self.head
        if len(text) < len(self.head) + len(self.tail):
            return False
        if not (text.startswith(self.head) and text.endswith(self.tail)):
            return False
        middle = text[len(self.head) : len(text) - len(self.tail)]
        # The filled-in value may not leave its string literal or close the script.
        return len(middle) <= 200 and not any(ch in middle for ch in '"\\<>\n\r\u2028\u2029')


# Copied verbatim from mkdocs-material 9.x templates (partials/javascripts/*.html);
# tests/test_integrity.py checks each still appears in the installed theme.
THEME_SCRIPTS: tuple[InlineScript, ...] = (
    InlineScript(
        "material base",
        '__md_scope=new URL("',
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"
        '"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+'
        '"."+e,JSON.stringify(_))}catch(e){}}',
    ),
    InlineScript(
        "material palette",
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-'
        'scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)'
        '"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color'
        "-scheme: light)']\":\"[data-md-color-media='(prefers-color-scheme: dark)']\");palette"
        '.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.'
        'getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-'
        'md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}'
        'for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data'
        '-md-color-"+key,value)}',
    ),
    InlineScript(
        "material content target",
        "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))',
    ),
    InlineScript(
        "material content tabs",
        'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.'
        'querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");'
        'for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.'
        "innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input."
        "checked=!0;continue e}}",
    ),
    InlineScript(
        "material announce",
        'var el=document.querySelector("[data-md-component=announce]");if(el){var content='
        'el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")'
        "&&(el.hidden=!0)}",
    ),
)


@dataclass(frozen=True)
class ScanPolicy:
    """What the scan expects of one site.

    ``titles`` maps a page's path in the site (``sources/index.html``) to the exact text its
    ``<title>`` must have; each such page must exist. ``base_path`` is the URL path of the
    site's root, for root-relative links (MkDocs writes ``404.html`` with them).
    """

    canaries: tuple[str, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    base_path: str = "/"


def url_scheme(value: str) -> str | None:
    """The lower-cased scheme a browser would see in a URL, or None for a relative URL.

    Browsers drop ASCII tabs and newlines anywhere and control characters and spaces at the
    ends; removing every control character and space is stricter and catches
    ``java\\tscript:`` and `` javascript:``. Entities are already decoded by the parser.
    """
    cleaned = "".join(ch for ch in value if ch > " " and not ("\x7f" <= ch <= "\x9f"))
    for index, ch in enumerate(cleaned):
        if ch in "/?#":
            return None
        if ch == ":":
            return cleaned[:index].lower()
    return None


def _srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset``: comma-separated candidates, each a URL and a descriptor."""
    return [part.split()[0] for part in value.split(",") if part.split()]


@dataclass(frozen=True)
class _Link:
    url: str
    line: int
    column: int


class _PageScanner(HTMLParser):
    """One page: its problems, the ids it defines and the relative URLs it uses."""

    def __init__(self, path: str, shown: str, policy: ScanPolicy) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.shown = shown
        self.policy = policy
        self.problems: list[Problem] = []
        self.ids: set[str] = set()
        self.links: list[_Link] = []
        self.titles: list[tuple[str, int, int]] = []  # text, line, column
        self._title: list[str] | None = None
        self._title_at = (1, 1)
        self._svg_depth = 0  # an SVG's <title> names the drawing, not the page
        self._script: tuple[dict[str, str | None], int, int, list[str]] | None = None

    def _problem(
        self, message: str, hint: str = "", position: tuple[int, int] | None = None
    ) -> None:
        line, offset = position or self.getpos()
        self.problems.append(Problem(self.shown, line, offset + 1, message, hint))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._title is not None:
            self._problem(f"markup <{tag}> inside <title>", "page titles may not contain < or >")
        values = dict(attrs)
        for name, value in attrs:
            self._attribute(tag, name, value)
        if values.get("id"):
            if str(values["id"]) in self.ids:
                # Two elements with one id: a link to it may land on the wrong one.
                self._problem(
                    f"duplicate id '{values['id']}'",
                    "a fact id may not repeat a heading's or another anchor's id; rename it",
                )
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        if tag in FORBIDDEN_ELEMENTS:
            self._problem(f"<{tag}> {FORBIDDEN_ELEMENTS[tag]}", "the theme never emits it")
        if tag == "meta" and (values.get("http-equiv") or "").strip().lower() == "refresh":
            self._problem("<meta http-equiv=refresh> redirects the page")
        if tag == "script":
            line, offset = self.getpos()
            self._script = (values, line, offset, [])
        elif tag == "svg":
            self._svg_depth += 1
        elif tag == "title" and not self._svg_depth:
            self._title = []
            line, offset = self.getpos()
            self._title_at = (line, offset + 1)

    def close(self) -> None:
        """Finish the page; a script still open at its end is a problem of its own."""
        super().close()
        if self._script is not None:
            # A browser runs an unclosed script to the end of the page.
            _, line, offset, _ = self._script
            self._problem("unclosed <script>", position=(line, offset))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "title"):
            self.handle_endtag(tag)

    def _attribute(self, tag: str, name: str, value: str | None) -> None:
        if name.startswith("on"):
            self._problem(f"event handler attribute {name}= on <{tag}>", "no on* attributes")
            return
        if value is None:
            return
        urls = _srcset_urls(value) if name in ("srcset", "imagesrcset") else []
        if name in URL_ATTRIBUTES:
            urls = [value]
        for url in urls:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                self._problem(
                    f"{name}= on <{tag}> uses the scheme '{scheme}:'",
                    "only https:, http:, mailto:, relative links and #fragments are allowed",
                )
            elif scheme is None and tag != "script":
                line, offset = self.getpos()
                self.links.append(_Link(url, line, offset + 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if tag == "script" and self._script is not None:
            attrs, line, offset, text = self._script
            self._script = None
            self._check_script(attrs, "".join(text), (line, offset))
        elif tag == "title" and self._title is not None:
            self.titles.append(("".join(self._title), *self._title_at))
            self._title = None
        elif self._title is not None:
            self._problem(f"markup </{tag}> inside <title>", "page titles may not contain < or >")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[3].append(data)
        elif self._title is not None:
            self._title.append(data)

    def handle_comment(self, data: str) -> None:
        if self._title is not None:
            self._problem("a comment inside <title>")

    def _check_script(
        self, attrs: dict[str, str | None], text: str, position: tuple[int, int]
    ) -> None:
        src = attrs.get("src")
        if src is not None:
            target = _site_path(self.path, src, self.policy.base_path)
            if (
                url_scheme(src) is not None
                or target is None
                or not target.startswith(SCRIPT_FOLDERS)
            ):
                self._problem(
                    f"<script src> loads {src!r}, not one of the theme's own scripts",
                    "scripts may only come from assets/javascripts/ or search/",
                    position,
                )
            elif text.strip():
                self._problem("<script src> with inline code as well", position=position)
            else:
                self.links.append(_Link(src, position[0], position[1] + 1))
            return
        body = text.strip()
        if attrs.get("id") == "__config" and attrs.get("type") == "application/json":
            # Material's configuration: data, never run; it must stay a JSON object.
            try:
                config = json.loads(body)
            except ValueError:
                config = None
            if not isinstance(config, dict):
                self._problem("<script id=__config> is not a JSON object", position=position)
            return
        if not any(known.matches(body) for known in THEME_SCRIPTS):
            shown = body[:60] + ("..." if len(body) > 60 else "")
            self._problem(
                f"inline <script> that is not one of the theme's own: {shown!r}",
                "fact text must never produce a script",
                position,
            )


def _site_path(page: str, url: str, base_path: str) -> str | None:
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


def scan_html(
    html: str, path: str = "index.html", policy: ScanPolicy | None = None, shown: str = ""
) -> list[Problem]:
    """Problems of one page on its own: scripts, on*, URL schemes, canaries and its title.

    ``path`` is the page's place in the site (it resolves script URLs and picks the expected
    title); ``shown`` is how problems name the page (default: ``path``).
    """
    scanner = _scan(html, path, policy or ScanPolicy(), shown or path)
    return sorted(scanner.problems)


def _scan(html: str, path: str, policy: ScanPolicy, shown: str) -> _PageScanner:
    scanner = _PageScanner(path, shown, policy)
    scanner.feed(html)
    scanner.close()
    for canary in filter(None, policy.canaries):
        index = html.find(canary)
        if index >= 0:
            line = html.count("\n", 0, index) + 1
            column = index - (html.rfind("\n", 0, index) + 1) + 1
            scanner.problems.append(Problem(shown, line, column, "the canary string is present"))
        elif canary in unescape(html):
            # Written with entities: invisible to a byte search, plain to a reader.
            scanner.problems.append(Problem(shown, 1, 1, "the canary string is present"))
    expected = policy.titles.get(path)
    if expected is not None:
        if len(scanner.titles) != 1:
            scanner.problems.append(
                Problem(shown, 1, 1, f"expected one <title>, found {len(scanner.titles)}")
            )
        elif scanner.titles[0][0] != expected:
            text, line, column = scanner.titles[0]
            scanner.problems.append(
                Problem(
                    shown,
                    line,
                    column,
                    f"<title> reads {text!r}, expected {expected!r}",
                    "a title must show exactly as the page's title, escaped",
                )
            )
    return scanner


@dataclass(frozen=True)
class PageScan:
    """The result of scanning one page on its own: what the cross-page checks need."""

    shown: str
    problems: tuple[Problem, ...]
    ids: frozenset[str]
    links: tuple[tuple[_Link, str, str | None, str], ...]
    """Each relative URL with where it leads: (link, 'external', 'outside' or 'site', the
    path inside the site or None, the fragment); see :func:`_where`."""


def scan_page(html: str, path: str, policy: ScanPolicy, shown: str) -> PageScan:
    """One page scanned on its own (a pure function: a worker process may run it)."""
    scanner = _scan(html, path, policy, shown)
    where: dict[str, tuple[str, str | None, str]] = {}
    links = []
    for link in scanner.links:
        found = where.get(link.url)
        if found is None:
            found = where[link.url] = _where(path, link.url, policy.base_path)
        links.append((link, *found))
    return PageScan(shown, tuple(scanner.problems), frozenset(scanner.ids), tuple(links))


def _where(page: str, url: str, base_path: str) -> tuple[str, str | None, str]:
    """Where a relative URL of ``page`` leads: ('external' | 'outside' | 'site', the path
    inside the site, the fragment)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return "external", None, ""  # protocol-relative: another site
    target = _site_path(page, url, base_path)
    if target is None:
        return "outside", None, ""
    return "site", target, parts.fragment


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
    return ScanPolicy(policy.canaries, {} if title is None else {path: title}, policy.base_path)
