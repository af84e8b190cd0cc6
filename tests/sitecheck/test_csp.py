"""The Content-Security-Policy of built pages: written at build time from each page's own
inline scripts, checked by the site check. Chromium enforcing it: tests/browser/."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.sitecheck import csp
from generator.sitecheck.page import THEME_SCRIPTS, scan_html
from generator.sitecheck.scripts import WORKER_SHIM_SCRIPT
from tests.plugin.test_build import ROOT, copy_project
from tests.sitecheck.test_integrity import briefing_build

CONTENT = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE = re.compile(r"<script>(.*?)</script>", re.S)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
BASE = THEME_SCRIPTS[0]
PALETTE = next(s for s in THEME_SCRIPTS if s.name == "material palette").head
_WRONG = "Content-Security-Policy does not allow exactly the page's own scripts"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def hashes(policy: str) -> list[str]:
    """The hash sources of a policy's script-src, in order."""
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    return [s for s in script_src.split() if s.startswith("'sha256-")]


def themed(body: str = "", head: str = "") -> str:
    """A page as Material lays one out: charset, then the base script, the rest in body."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>T</title>{head}'
        f"<script>{BASE.head}.{BASE.tail}</script></head>"
        f"<body><script>{PALETTE}</script>{body}</body></html>"
    )


# --- the policy ---------------------------------------------------------------------------


def test_the_policy_allows_the_theme_scripts_by_hash_and_nothing_else() -> None:
    base = f"{BASE.head}..{BASE.tail}"
    policy = csp.policy([base, "alert(1)", PALETTE, base])
    assert policy == (
        f"script-src 'self' {sha256(base)} {sha256(PALETTE)}; object-src 'none'; base-uri 'none'"
    )
    assert csp.policy([]) == "script-src 'self'; object-src 'none'; base-uri 'none'"


def test_the_policy_allows_the_worker_shims_frame_script_for_its_url_only() -> None:
    url = "../assets/javascripts/workers/search.js"
    frame = WORKER_SHIM_SCRIPT.filled(url)
    assert frame is not None and url in frame
    assert hashes(csp.policy([], url)) == [sha256(frame)]
    assert hashes(csp.policy([], 'x"+alert(1)+"')) == []  # it may not leave its literal


def test_the_meta_goes_after_the_charset_and_before_any_script() -> None:
    html = themed()
    out = csp.with_csp(html)
    meta = csp.meta(csp.policy([f"{BASE.head}.{BASE.tail}", PALETTE]))
    assert out == html.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + meta)
    early = html.replace("<head>", "<head><script>alert(1)</script>")
    written = csp.with_csp(early)
    assert written.index("<meta http-equiv") == early.index("<script>")
    assert csp.with_csp("<p>no head</p>") == "<p>no head</p>"


def test_the_check_passes_the_policy_it_wrote() -> None:
    assert scan_html(csp.with_csp(themed()), "index.html") == []


CHANGES: dict[str, tuple[Callable[[str], str], str, str]] = {
    "a hash changed": (lambda h: h.replace("'sha256-", "'sha256-X", 1), "<meta http", _WRONG),
    "a directive changed": (lambda h: h.replace("'none'", "*", 1), "<meta http", _WRONG),
    "a script changed": (
        lambda h: h.replace(PALETTE, f"{BASE.head}.{BASE.tail}"),
        "<meta http",
        _WRONG,
    ),
    "a script added": (
        lambda h: h.replace("</body>", "<script>alert(1)</script></body>"),
        "<script>alert",
        "inline <script> that is not one of the theme's own: 'alert(1)'",
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_check_refuses_a_policy_that_does_not_fit_the_page(change: str) -> None:
    edit, where, message = CHANGES[change]
    html = edit(csp.with_csp(themed()))
    problems = [p.format() for p in scan_html(html, "index.html")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"index.html:1:{html.index(where) + 1}: error: {message}")


def test_the_check_refuses_a_policy_after_a_script_or_outside_head() -> None:
    policy = csp.meta(csp.policy([]))
    late = themed(body=policy)
    problems = [p.format() for p in scan_html(late, "index.html")]
    column = late.index(policy) + 1
    assert problems == [
        f"index.html:1:{column}: error: Content-Security-Policy <meta> after a script or outside "
        "<head> (hint: a browser applies it only in <head>, and only to what follows it)"
    ]


def test_the_shims_frame_script_is_what_the_vendored_shim_writes() -> None:
    """Our copy of the script iframe-worker writes into its frame (its template literal with
    its two functions filled in); a changed shim fails here rather than offline search."""
    shim = (ROOT / "docs" / "assets" / "javascripts" / "iframe-worker-shim.js").read_text()
    template = re.search(r"<script>(postMessage=\$\{c\};.*?)<\\/script>", shim)
    assert template is not None
    functions = {name: re.search(rf"function {name}\(.*?\)\{{", shim) for name in ("c", "d")}
    filled = template.group(1)
    for name, found in functions.items():
        assert found is not None, name
        start, depth = found.start(), 0
        for end in range(found.end() - 1, len(shim)):
            depth += {"{": 1, "}": -1}.get(shim[end], 0)
            if depth == 0:
                break
        filled = filled.replace("${" + name + "}", shim[start : end + 1])
    url = "assets/javascripts/workers/search.js"
    assert filled.replace("${e}", url) == WORKER_SHIM_SCRIPT.filled(url)


# --- built pages ----------------------------------------------------------------------------


def _expected(html: str) -> list[str]:
    """The hashes a page's policy must hold, found here apart from the code that writes it."""
    inline = [sha256(s) for s in INLINE.findall(html)]
    if "iframe-worker-shim.js" in html:
        config = CONFIG.search(html)
        assert config is not None
        frame = WORKER_SHIM_SCRIPT.filled(json.loads(config.group(1))["search"])
        assert frame is not None
        inline.append(sha256(frame))
    return list(dict.fromkeys(inline))


def _check_pages(site: Path) -> int:
    checked = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if page.name == "404.html":  # not a page: MkDocs writes it without on_post_page
            continue
        if page.relative_to(site).parts[0] == "id":  # a permalink: no script (tests/publish)
            continue
        found = CONTENT.findall(html)
        assert len(found) == 1, page
        assert html.index(found[0]) < html.index("<script"), page
        assert hashes(found[0]) == _expected(html), page
        assert len(hashes(found[0])) >= 3, page  # base, palette, content target
        checked += 1
    return checked


def test_every_built_page_allows_exactly_its_own_inline_scripts(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    assert _check_pages(project / "site") >= 9
    # Pages in folders fill in another base URL: the hashes differ from page to page.
    home = (project / "site" / "index.html").read_text()
    deeper = (project / "site" / "sources" / "index.html").read_text()
    assert hashes(CONTENT.findall(home)[0]) != hashes(CONTENT.findall(deeper)[0])


def test_the_offline_build_also_allows_the_shims_frame_script(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "mkdocs.offline.yml").write_bytes((ROOT / "mkdocs.offline.yml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    site = project / "site-offline"
    assert _check_pages(site) >= 9
    assert "iframe-worker-shim.js" in (site / "sources.html").read_text()
