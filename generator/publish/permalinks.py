"""A permalink per fact: ``id/<fact id>/``, a small static page that sends the browser to
the page and anchor showing the fact now. Links to it keep working when the fact moves (the
chronology split by month, the sources by document) because the stub is written anew from
the site index on every build.

No script (the site check allows none): a ``<meta http-equiv=refresh>``, which the check
accepts only on these pages and only with the target the build gave it, and a plain link
for a reader whose browser does not follow it. The link is a relative URL, so the check
proves the target page has the anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from generator.facts.content import Content
from generator.publish.addresses import Addresses
from generator.render.labels import fact_title
from generator.sitecheck.csp import meta, policy

# The policy the check expects of a page with no inline script (see sitecheck/csp.py).
_CSP = meta(policy([]))
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
{csp}
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>Moved to: <a href="{target}">{label}</a></p>
</body>
</html>
"""


@dataclass(frozen=True)
class Stub:
    """One fact's permalink page: where it is written, its HTML, and the relative URL its
    refresh leads to."""

    path: str
    html: str
    target: str


def permalink_stubs(content: Content, addresses: Addresses) -> list[Stub]:
    """A stub for every fact shown on a page, by id."""
    stubs = []
    for fact_id in sorted(addresses.index.fact_page):
        if fact_id not in content.ids:
            continue
        path = addresses.permalink_file(fact_id)
        url = addresses.shown_at(fact_id)
        target = addresses.from_file(path, url)
        label = fact_title(content, fact_id)
        html = _PAGE.format(
            csp=_CSP,
            title=escape(f"{label} - {content.briefing.title}"),
            canonical=escape(addresses.absolute(url) or target),
            target=escape(target),
            label=escape(label),
        )
        stubs.append(Stub(path, html, target))
    return stubs
