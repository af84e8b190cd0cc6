"""``feed.xml``: an Atom 1.0 feed (RFC 4287) of the briefing's editions, newest first.

Built as an element tree and serialised by the standard library, so no fact text is ever
pasted into markup. With the site's URL every link is absolute (``xml:base`` says so too);
without it links are relative to the site's root, where the feed is, with ``xml:base="./"``.

Ids are ``urn:uuid:`` names (UUID 5) of the briefing's title and each edition's id: the same
in every build, wherever the site is served from (moving it or changing ``site_url`` keeps
them), and changed only by a new briefing title. A feed reader then never shows an edition
twice.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable

from generator.facts.content import Content
from generator.facts.editions import Changes
from generator.facts.model import Edition
from generator.publish.addresses import Addresses
from generator.publish.export import edition_title
from generator.render.labels import fact_title
from generator.render.plan import edition_page

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACE = uuid.UUID("6f0c3c2e-8d0b-5b7a-9a57-0b1e1f3a2d64")
"""The namespace of the feed's UUID 5 ids (fixed: changing it changes every id)."""


def _atom(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def feed_id(content: Content, edition: Edition | None = None) -> str:
    """The feed's id, or an edition's entry id."""
    name = content.briefing.title if edition is None else f"{content.briefing.title}\n{edition.id}"
    return uuid.uuid5(NAMESPACE, name).urn


def _timestamp(edition: Edition) -> str:
    return f"{edition.date.start.isoformat()}T00:00:00Z"


def atom_feed(
    content: Content,
    addresses: Addresses,
    author: str | None = None,
    changes: Callable[[Edition], Changes] | None = None,
) -> str:
    """The feed as UTF-8 XML text. ``author``: who publishes the site (MkDocs'
    ``site_author``); default: the briefing itself. ``changes``: what changed in each
    edition, said in its entry in counts."""
    url = addresses.absolute
    # Atom's namespace as the default, written as an attribute: ElementTree's own
    # default_namespace refuses the unqualified attributes (href, rel) Atom uses.
    root = ET.Element("feed", {"xmlns": ATOM, _XML_BASE: url("") or "./", _XML_LANG: "en"})
    _atom(root, "id", feed_id(content))
    _atom(root, "title", content.briefing.title)
    if content.briefing.summary:
        _atom(root, "subtitle", content.briefing.summary)
    _atom(root, "updated", _timestamp(content.edition))
    _atom(_atom(root, "author"), "name", author or content.briefing.title)
    _atom(root, "link", rel="self", type="application/atom+xml", href=url(FEED_PATH) or FEED_PATH)
    _atom(root, "link", rel="alternate", type="text/html", href=url("") or "./")
    _atom(root, "generator", "briefing")
    for edition in reversed(content.editions):  # newest first
        page = addresses.page(edition_page(edition))
        entry = _atom(root, "entry")
        _atom(entry, "id", feed_id(content, edition))
        _atom(entry, "title", edition_title(edition, content.vocabulary.words["edition"]))
        _atom(entry, "updated", _timestamp(edition))
        _atom(entry, "published", _timestamp(edition))
        _atom(entry, "link", rel="alternate", type="text/html", href=url(page) or page)
        _atom(entry, "summary", _summary(edition))
        changed = changes(edition) if changes else None
        html = _content_html(content, addresses, edition, changed)
        _atom(entry, "content", html, type="html")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _summary(edition: Edition) -> str:
    if edition.summary:
        return edition.summary
    if edition.takeaways:
        return " ".join(takeaway.text for takeaway in edition.takeaways)
    return f"Data cut-off {edition.cutoff.label()}."


def _content_html(
    content: Content, addresses: Addresses, edition: Edition, changed: Changes | None
) -> str:
    """The edition as HTML (the entry's escaped ``content``): its summary, cut-off, what
    changed since the edition before (in counts) and takeaways, each with links to the
    facts it cites."""
    holder = ET.Element("div")
    if edition.summary:
        ET.SubElement(holder, "p").text = edition.summary
    ET.SubElement(holder, "p").text = f"Data cut-off: {edition.cutoff.label()}."
    if changed is not None and changed.previous is not None:
        ET.SubElement(holder, "p").text = _changed_text(changed)
    takeaways = ET.SubElement(holder, "ul")
    for takeaway in edition.takeaways:
        item = ET.SubElement(takeaways, "li")
        item.text = takeaway.text + " ("
        for n, fact_id in enumerate(takeaway.cites):
            link = ET.SubElement(item, "a", href=_fact_url(addresses, fact_id))
            link.text = fact_title(content, fact_id)
            link.tail = ", " if n + 1 < len(takeaway.cites) else ")"
    return ET.tostring(holder, encoding="unicode", method="html")


_COUNTED = (
    ("documents", "new source", "new sources"),
    ("figures", "new figure", "new figures"),
    ("statuses", "status moved", "statuses moved"),
    (
        "relations",
        "claim superseded, corrected or disputed",
        "claims superseded, corrected or disputed",
    ),
    ("reactions", "new reaction", "new reactions"),
    ("facts", "other new fact", "other new facts"),
    ("reports", "further report", "further reports"),
)


def _changed_text(changed: Changes) -> str:
    """'Since the edition of 8 Mar 2030: 1 new source, 4 new figures, ...'."""
    assert changed.previous is not None
    parts = []
    for name, one, many in _COUNTED:
        count = len(getattr(changed, name))
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    since = f"Since the edition of {changed.previous.date.label()}"
    return f"{since}: {', '.join(parts)}." if parts else f"{since}: nothing new was reported."


def _fact_url(addresses: Addresses, fact_id: str) -> str:
    # Every cited fact is on a page; Home, should one not be.
    relative = addresses.permalink(fact_id) if fact_id in addresses.index.fact_page else "./"
    return addresses.absolute(relative) or relative
