"""One page's elements as a browser with scripting on builds them (Lexbor, via selectolax):
what could run, load, redirect or hide, the ids the page defines and the relative URLs it
uses. Findings carry a :data:`~.urls.Key`, not a position: :mod:`.page` locates them.

Lexbor selects the elements worth a look (a CSS selector list, matched in C) rather than
Python visiting all of them; ``on*`` attributes, which no selector can name, are looked for
in the parser's own serialisation of the tree first, where every attribute is written
`` name="value"``, and every element is visited only if one might be there.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.sitecheck import csp
from generator.sitecheck.scripts import WORKER_SHIM, is_theme_script
from generator.sitecheck.source import SourceTags
from generator.sitecheck.urls import (
    ALLOWED_SCHEMES,
    URL_ATTRIBUTES,
    Key,
    Link,
    site_path,
    srcset_urls,
    url_scheme,
)

_RAW = "holds raw text up to the first </{}>, even one inside an attribute"
FORBIDDEN_ELEMENTS = {
    "iframe": "embeds another document",
    "frame": "embeds another document",
    "frameset": "embeds other documents",
    "object": "embeds active content",
    "embed": "embeds active content",
    "applet": "embeds active content",
    "base": "redirects every relative link on the page",
    "noscript": "is read as markup with scripting off and as text with it on",
    "noembed": _RAW.format("noembed"),
    "noframes": _RAW.format("noframes"),
    "xmp": _RAW.format("xmp"),
    "plaintext": "turns the rest of the page into text",
    "template": "keeps its content out of the page (and a shadow root makes it live)",
}
"""Elements the theme never emits and that would load, redirect or hide content if injected:
parsers (and a browser with scripts on and off) read the content of the last six
differently, so what one check passes another reader could run."""

SCRIPT_FOLDERS = ("assets/javascripts/", "search/", "assets/briefing/briefing.js")
"""Where the theme's own script files live (Material's bundle; MkDocs' search), and the
plugin's one script (a citation's passage on tap), by its exact path."""

# Found by name alone (every one is selected, so the k-th element is the k-th start tag).
_IN_TURN = frozenset({*FORBIDDEN_ELEMENTS, "script", "title"})
_SRCSET = ("srcset", "imagesrcset")
_URL_LIKE = URL_ATTRIBUTES | set(_SRCSET)
# Lexbor walks the tree once for each selector, so the element names the theme never emits
# are selected only when the parser's serialisation of the tree shows them, and on*
# attributes (no selector can name them all) are looked for only when it shows one. It
# writes each element as `<name` in lower case and each attribute as ` name="value"`, the
# name as the tokenizer lower-cased it (SVG and MathML adjust none that starts with "on")
# and a quote in a value as &quot;: a match is one, or text or a script that looks like one.
_ALWAYS = ",".join(
    [f"[{name}]" for name in sorted(URL_ATTRIBUTES - {"xlink:href"}) + list(_SRCSET)]
    + ["[id]", "a[name]", "meta[http-equiv]", "script", "title"]
)  # [href] also matches SVG's and MathML's xlink:href
_RARE_ELEMENT = re.compile(rf"<({'|'.join(sorted(FORBIDDEN_ELEMENTS))})[ >]")
_EVENT_HANDLER = re.compile(r' on[^\t\n\f\r />=]*="')
_SCRIPT_TAG = re.compile(r"<(/?)[sS][cC][rR][iI][pP][tT][\t\n\f\r />]")  # faster than re.I
_ID_HINT = "a fact id may not repeat a heading's or another anchor's id; rename it"
_SCHEME_HINT = "only https:, http:, mailto:, relative links and #fragments are allowed"

Finding = tuple[Key, str, str]
"""Where (to be located), the message, the hint."""


class Elements:
    """The elements of one page (``path`` in the site) checked on their own."""

    def __init__(self, html: str, path: str, base_path: str, redirect: str | None = None) -> None:
        self.path = path
        self.base_path = base_path
        self.redirect = redirect
        """The one refresh target this page may have (a permalink's), or None: no refresh."""
        self.findings: list[Finding] = []
        self.ids: set[str] = set()
        self.links: list[Link] = []
        self.titles: list[tuple[str, Key]] = []
        """Each ``<title>`` outside SVG and MathML: its text, where it is."""
        self.source: SourceTags | None = None
        """The page's text read for positions, when this needed it already."""
        self._counts: dict[tuple[str, str | None, str | None], int] = {}
        self._scripts: list[tuple[LexborNode, dict[str, str | None], Key]] = []
        self._policies: list[tuple[str, Key, bool]] = []  # content, where, at the top
        tree = LexborHTMLParser(html, scripting=True)  # as a browser that runs scripts
        self.serialised = tree.html or ""
        """The tree as the parser writes it back (decoded text, escaped again)."""
        selector, handlers = _selector(self.serialised)
        seen: set[int] = set()
        for node in tree.css(selector):  # in document order, once for each selector it matches
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                self._element(node, str(node.tag).lower())
        if handlers:
            self._event_handlers(tree)
        self._check_scripts(html)

    def _key(self, tag: str, attribute: str | None = None, value: str | None = None) -> Key:
        triple = (tag, attribute, value)
        index = self._counts.get(triple, 0)
        self._counts[triple] = index + 1
        return (*triple, index)

    def _element(self, node: LexborNode, tag: str) -> None:
        attrs = node.attributes
        own = self._key(tag) if tag in _IN_TURN else None
        for name, value in attrs.items():  # names as the tokenizer lower-cased them
            if name in _URL_LIKE and value is not None:
                self._urls(tag, name, value, own)
        ident = attrs.get("id")
        if ident:
            if ident in self.ids:
                # Two elements with one id: a link to it may land on the wrong one.
                key = own or self._key(tag, "id", ident)
                self.findings.append((key, f"duplicate id '{ident}'", _ID_HINT))
            else:
                self._key(tag, "id", ident)
            self.ids.add(ident)
        if tag == "a" and attrs.get("name"):
            self.ids.add(str(attrs["name"]))
        if own is not None:
            self._in_turn(node, tag, attrs, own)
        elif tag == "meta":
            self._meta(node, attrs)

    def _urls(self, tag: str, name: str, value: str, own: Key | None) -> None:
        key = own or self._key(tag, name, value)
        for url in srcset_urls(value) if name in _SRCSET else [value]:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                message = f"{name}= on <{tag}> uses the scheme '{scheme}:'"
                self.findings.append((key, message, _SCHEME_HINT))
            elif scheme is None and tag != "script":
                self.links.append(Link(url, key))

    def _in_turn(self, node: LexborNode, tag: str, attrs: dict[str, str | None], key: Key) -> None:
        if tag == "script":
            self._scripts.append((node, attrs, key))
        elif tag == "title":
            if not _in_foreign(node):  # an SVG's <title> names a drawing, not the page
                self.titles.append((node.text(deep=True), key))
        else:
            message = f"<{tag}> {FORBIDDEN_ELEMENTS[tag]}"
            self.findings.append((key, message, "the theme never emits it"))

    def _meta(self, node: LexborNode, attrs: dict[str, str | None]) -> None:
        raw = attrs.get("http-equiv")
        equiv = (raw or "").strip().lower()
        if equiv not in ("refresh", csp.HTTP_EQUIV):
            return
        key = self._key("meta", "http-equiv", raw)
        if equiv == "refresh":
            self._refresh(attrs.get("content") or "", key)
            return
        parent = node.parent
        at_top = not self._scripts and parent is not None and parent.tag == "head"
        self._policies.append((attrs.get("content") or "", key, at_top))

    def _refresh(self, content: str, key: Key) -> None:
        """A permalink's one refresh, to exactly its target (checked as a link); else none."""
        if self.redirect is not None and content == f"0; url={self.redirect}":
            self.links.append(Link(self.redirect, key))
            self.redirect = None  # once
            return
        hint = "only a fact's permalink page redirects, to where the build says"
        self.findings.append((key, "<meta http-equiv=refresh> redirects the page", hint))

    def _event_handlers(self, tree: LexborHTMLParser) -> None:
        root = tree.root
        for node in root.traverse() if root is not None else ():
            tag = node.tag
            if not tag or tag[0] == "-":  # a comment
                continue
            for name, value in node.attributes.items():
                lowered = name.lower()
                if lowered.startswith("on"):
                    message = f"event handler attribute {lowered}= on <{tag.lower()}>"
                    key = self._key(tag.lower(), lowered, value)
                    self.findings.append((key, message, "no on* attributes"))

    def _check_scripts(self, html: str) -> None:
        """Every script in turn, then the page's policy against its inline scripts."""
        unclosed = self._unclosed(html)
        inline: list[str] = []
        worker: str | None = None
        shim = False
        for index, (node, attrs, key) in enumerate(self._scripts):
            if index == unclosed:
                # Its text runs to the end of the page: nothing after it is markup.
                self.findings.append((key, "unclosed <script>", ""))
                continue
            text = node.text(deep=True)
            src = attrs.get("src")
            if src is None and _in_foreign(node):  # an SVG script loads its href
                src = attrs.get("href") or attrs.get("xlink:href")
            if src is not None:
                shim = self._script_file(src, text, key) or shim
            elif attrs.get("id") == "__config" and attrs.get("type") == "application/json":
                worker = self._config(text, key)
            elif is_theme_script(text.strip()):
                inline.append(text)
            else:
                shown = text.strip()[:60] + ("..." if len(text.strip()) > 60 else "")
                message = f"inline <script> that is not one of the theme's own: {shown!r}"
                self.findings.append((key, message, "fact text must never produce a script"))
        self._check_policies(csp.policy(inline, worker if shim else None))

    def _unclosed(self, html: str) -> int | None:
        """Which script (by turn) runs to the end of the page, if one does. Lexbor does not
        say; the page's text is read only when the last script could be one."""
        if not self._scripts:
            return None
        tags = list(_SCRIPT_TAG.finditer(html))
        last_end = max((t.start() for t in tags if t.group(1)), default=-1)
        last_start = max((t.start() for t in tags if not t.group(1)), default=-1)
        if last_end > last_start and "<!--" not in self._scripts[-1][0].text(deep=True):
            return None  # closed, and no escaped text could have hidden its end
        self.source = self.source or SourceTags(html)
        starts = [tag[0] for tag in self.source.tags.get("script", [])]
        at = self.source.unclosed_script
        return starts.index(at) if at is not None and at in starts else None

    def _script_file(self, src: str, text: str, key: Key) -> bool:
        """Check a script loaded from a file; whether it is the offline worker shim."""
        target = site_path(self.path, src, self.base_path)
        if url_scheme(src) is not None or target is None or not target.startswith(SCRIPT_FOLDERS):
            message = f"<script src> loads {src!r}, not one of the theme's own scripts"
            hint = (
                "scripts may only come from assets/javascripts/ or search/, or be "
                "assets/briefing/briefing.js"
            )
            self.findings.append((key, message, hint))
        elif text.strip():
            self.findings.append((key, "<script src> with inline code as well", ""))
        else:
            self.links.append(Link(src, key))
            return posixpath.basename(urlsplit(src).path) == WORKER_SHIM
        return False

    def _config(self, text: str, key: Key) -> str | None:
        """Material's configuration: data, never run; it must stay a JSON object."""
        try:
            config = json.loads(text.strip())
        except ValueError:
            config = None
        if not isinstance(config, dict):
            self.findings.append((key, "<script id=__config> is not a JSON object", ""))
            return None
        return csp.worker_url(config)

    def _check_policies(self, expected: str) -> None:
        for content, key, at_top in self._policies:
            if not at_top:
                message = "Content-Security-Policy <meta> after a script or outside <head>"
                hint = "a browser applies it only in <head>, and only to what follows it"
                self.findings.append((key, message, hint))
            elif content != expected:
                message = "Content-Security-Policy does not allow exactly the page's own scripts"
                hint = "the build writes it from the page's inline scripts; build again"
                self.findings.append((key, message, hint))


def _selector(serialised: str) -> tuple[str, bool]:
    """The selector of the elements to check in a tree serialised so, and whether an
    ``on*`` attribute may be there."""
    rare = sorted(set(_RARE_ELEMENT.findall(serialised)))
    return ",".join([_ALWAYS, *rare]), _EVENT_HANDLER.search(serialised) is not None


def _in_foreign(node: LexborNode) -> bool:
    """Whether an element is inside SVG or MathML."""
    parent = node.parent
    while parent is not None:
        if parent.tag in ("svg", "math"):
            return True
        parent = parent.parent
    return False
