"""Build integrity: `briefing build` is atomic, the built site is scanned, builds reproduce.

Real builds of the example project (about a second each); the scan's rules are unit-tested on
small HTML strings.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.pipeline import generate_site
from generator.render.renderer import Page
from generator.sitecheck.page import (
    THEME_SCRIPTS,
    PageScan,
    ScanPolicy,
    scan_html,
    scan_page,
    url_scheme,
)
from generator.sitecheck.site import scan_key, scan_site
from tests.plugin.test_build import ROOT, build, copy_project

EPOCH = "1700000000"
CANARY = "CANARY-5f3a9c1e"


def briefing_build(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`briefing build` run in ``project``, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", *args],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by path inside ``folder``."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def leftovers(project: Path) -> list[str]:
    """Temporary folders a build left beside the site."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def add_plugin_option(project: Path, option: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "content: content" in text
    config.write_text(text.replace("content: content", f"content: content\n      {option}", 1))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project after one successful `briefing build`."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built project, site/ included, for a test to break."""
    return Path(shutil.copytree(built, tmp_path / "project"))


# --- atomic ---------------------------------------------------------------------------------


def test_a_build_creates_the_site_and_cleans_up(built: Path) -> None:
    site = built / "site"
    assert (site / "index.html").is_file()
    assert (site / "sources/index.html").is_file()
    assert leftovers(built) == []
    # mkdtemp makes private folders; the site must stay readable by a web server.
    assert stat.S_IMODE(site.stat().st_mode) & 0o005 == 0o005


def test_a_good_build_replaces_the_site(project: Path) -> None:
    facts = project / "content" / "deployments" / "dprk-troops-in-russia.yaml"
    facts.write_text(facts.read_text().replace("value: 12000", "value: 11000"))
    result = briefing_build(project)
    assert result.returncode == 0, result.stderr
    assert "all checks passed" in result.stdout
    html = (project / "site/deployments/dprk-troops-in-russia/index.html").read_text()
    assert "<strong>about 11,000</strong>" in html
    assert "<strong>about 12,000</strong>" not in html
    assert leftovers(project) == []


def _bad_facts(project: Path) -> str:
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text() + "  - id: x\n    titel: y\n", encoding="utf-8")
    return "content/events.yaml:"


def _template_error(project: Path) -> str:
    (project / "overrides").mkdir()
    (project / "overrides" / "reactions.md.j2").write_text("# Reactions\n\n{% for x in %}\n")
    add_plugin_option(project, "overrides: overrides")
    return "overrides/reactions.md.j2:3:1: error: template error:"


def _strict_warning(project: Path) -> str:
    (project / "docs" / "about.md").write_text("# About\n\n[gone](missing.md)\n")
    return "'missing.md'"


def _exception(project: Path) -> str:
    (project / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        "    raise RuntimeError('boom from a hook')\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks.py\n")
    return "RuntimeError: boom from a hook"


def _scan_failure(project: Path) -> str:
    # A leaked secret in a copied file: only the scan, after MkDocs wrote it, can see it.
    (project / "docs" / "assets" / "leak.txt").write_text(f"token={CANARY}\n")
    add_plugin_option(project, f"canaries: [{CANARY}]")
    return "site/assets/leak.txt:1:1: error: the canary string is present"


FAILURES = {
    "bad facts": _bad_facts,
    "template error": _template_error,
    "strict warning": _strict_warning,
    "exception": _exception,
    "scan failure": _scan_failure,
}


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_a_failed_build_leaves_the_previous_site_byte_identical(project: Path, kind: str) -> None:
    before = snapshot(project / "site")
    expected = FAILURES[kind](project)
    result = briefing_build(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stderr
    assert result.stderr.endswith("build failed; site was left as it was\n")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


@pytest.mark.parametrize("flag", ["-q", "-v"])
def test_mkdocs_quiet_or_verbose_does_not_hide_a_broken_anchor(tmp_path: Path, flag: str) -> None:
    """MkDocs 1.6.1 exits 0 here (-q drops warnings, -v skips anchor checks); our scan fails."""
    project = copy_project(tmp_path)
    (project / "docs" / "about.md").write_text("# About\n\n[gone](sources.md#no-such-fact)\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nnot_in_nav: |\n  /about.md\n")
    result = build(project, flag)
    assert result.returncode == 1, result.stderr
    assert "sources/index.html has no anchor '#no-such-fact'" in result.stderr


def test_the_plugin_refuses_a_page_outside_the_site(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from generator.plugin.plugin import BriefingPlugin

    config = load_config(str(copy_project(tmp_path) / "mkdocs.yml"))
    plugin = BriefingPlugin()
    plugin.pages = [Page("../../escape.md", "Escape", "# Escape\n")]
    config.plugins._current_plugin = "briefing"  # what MkDocs sets while running an event
    with pytest.raises(PluginError, match="outside"):
        plugin.on_files(Files([]), config=config)


# --- reproducible ---------------------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first")
    second = copy_project(tmp_path / "second")
    started = int(time.time())
    result = briefing_build(first, env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    while int(time.time()) == started:  # a clock that moved would show in any timestamp
        time.sleep(0.05)
    result = briefing_build(second, env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "2"})
    assert result.returncode == 0, result.stderr
    a, b = snapshot(first / "site"), snapshot(second / "site")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # Clamped file times too, so copies and archives of the site match as well.
    times = {p.stat().st_mtime for p in (second / "site").rglob("*")}
    assert times == {float(EPOCH)}


# --- scan -----------------------------------------------------------------------------------

PAGE = "<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def page(body: str, title: str = "Sources - Site") -> str:
    return PAGE.format(title=title, body=body)


def messages(html: str, policy: ScanPolicy | None = None) -> list[str]:
    return [p.message for p in scan_html(html, "sources/index.html", policy)]


def test_a_plain_page_is_clean() -> None:
    body = '<p id="x">Text &amp; <a href="../chronology/#x">link</a> <a href="#x">here</a></p>'
    assert messages(page(body)) == []


def test_a_duplicate_id_is_refused() -> None:
    body = '<h2 id="documents">Documents</h2><h3 id="documents">An actor</h3>'
    assert messages(page(body)) == ["duplicate id 'documents'"]


def test_an_svg_title_is_not_the_page_title() -> None:
    body = '<figure><svg role="img"><title>A chart</title><desc>d</desc></svg></figure>'
    assert messages(page(body)) == []


def test_a_script_is_refused() -> None:
    assert messages(page("<script>alert(1)</script>")) == [
        "inline <script> that is not one of the theme's own: 'alert(1)'"
    ]


def test_an_unclosed_script_is_refused() -> None:
    assert messages("<p>x</p><script>alert(1)") == ["unclosed <script>"]
    assert messages("<p>x</p><script/>alert(1)</script>")


def test_a_theme_script_with_code_appended_is_refused() -> None:
    palette = next(s for s in THEME_SCRIPTS if s.name == "material palette")
    assert messages(page(f"<script>{palette.head};alert(1)</script>"))
    assert messages(page(f"<script>{palette.head}</script>")) == []


def test_the_base_script_may_differ_only_in_its_url_literal() -> None:
    base = THEME_SCRIPTS[0]
    assert messages(page(f"<script>{base.head}../..{base.tail}</script>")) == []
    assert messages(page(f'<script>{base.head}"+alert(1)+"{base.tail}</script>'))


def test_a_script_file_must_be_the_themes() -> None:
    assert messages(page('<script src="../assets/javascripts/bundle.min.js"></script>')) == []
    for src in ("https://evil.example/x.js", "../evil.js", "../assets/javascripts/../../x.js"):
        assert messages(page(f'<script src="{src}"></script>')), src


def test_the_theme_config_must_be_json() -> None:
    good = '<script id="__config" type="application/json">{"base": ".."}</script>'
    assert messages(page(good)) == []
    bad = '<script id="__config" type="application/json">alert(1)</script>'
    assert messages(page(bad)) == ["<script id=__config> is not a JSON object"]


@pytest.mark.parametrize(
    "markup",
    ['<img src="x.png" onerror="alert(1)">', '<svg onload="alert(1)"></svg>', "<p ONCLICK=x>"],
)
def test_an_event_handler_attribute_is_refused(markup: str) -> None:
    assert messages(page(markup))[0].startswith("event handler attribute on")


@pytest.mark.parametrize(
    ("href", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("JaVaScRiPt&#58;alert(1)", "javascript"),
        (" javascript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java&#9;script:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("vbscript:msgbox(1)", "vbscript"),
        ("file:///etc/passwd", "file"),
    ],
)
def test_a_url_outside_the_allowlist_is_refused(href: str, scheme: str) -> None:
    assert messages(page(f'<a href="{href}">x</a>')) == [
        f"href= on <a> uses the scheme '{scheme}:'"
    ]


def test_data_in_src_is_refused() -> None:
    assert messages(page('<img src="data:image/svg+xml,&lt;svg&gt;">')) == [
        "src= on <img> uses the scheme 'data:'"
    ]


@pytest.mark.parametrize(
    "url", ["https://example.org/", "http://example.org/", "mailto:a@example.org", "#x", "../"]
)
def test_allowed_urls_pass(url: str) -> None:
    assert url_scheme(url) in (None, "https", "http", "mailto")
    assert messages(page(f'<a href="{url}">x</a><p id="x"></p>')) == []


def test_embedding_elements_are_refused() -> None:
    found = messages(page('<iframe src="https://example.org/"></iframe><base href="/x/">'))
    assert found == [
        "<iframe> embeds another document",
        "<base> redirects every relative link on the page",
    ]


def test_the_canary_is_found_raw_or_entity_encoded() -> None:
    policy = ScanPolicy(canaries=(CANARY,))
    assert messages(page(f"<p>{CANARY}</p>"), policy) == ["the canary string is present"]
    encoded = "".join(f"&#{ord(ch)};" for ch in CANARY)
    assert messages(page(f"<p>{encoded}</p>"), policy) == ["the canary string is present"]


def test_the_title_must_equal_the_expected_one() -> None:
    policy = ScanPolicy(titles={"sources/index.html": "AT&T - Site"})
    assert messages(page("", title="AT&amp;T - Site"), policy) == []
    assert messages(page("", title="AT&amp;amp;T - Site"), policy) == [
        "<title> reads 'AT&amp;T - Site', expected 'AT&T - Site'"
    ]
    found = messages(page("", title="</title><script>alert(1)</script>"), policy)
    assert "inline <script> that is not one of the theme's own: 'alert(1)'" in found
    assert "<title> reads '', expected 'AT&T - Site'" in found


def test_links_and_anchors_must_resolve(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "index.html").write_text(
        page('<a href="sources/#ev-1">ok</a> <a href="sources/#ev-2">no anchor</a>')
        + '<a href="missing/">gone</a><a href="../../etc/">out</a>'
    )
    (tmp_path / "sources" / "index.html").write_text(page('<p id="ev-1"></p>'))
    policy = ScanPolicy(
        titles={"sources/index.html": "Sources - Site", "chronology/index.html": "x"}
    )
    found = [p.format() for p in scan_site(tmp_path, policy, "site")]
    assert found == [
        "site/chronology/index.html:1:1: error: a generated page was not written to the site",
        "site/index.html:1:101: error: 'sources/#ev-2': sources/index.html has no anchor '#ev-2'",
        "site/index.html:1:152: error: broken link 'missing/'",
        "site/index.html:1:179: error: '../../etc/' leads outside the site",
    ]


def test_every_page_resolves_a_shared_target_the_same_way(tmp_path: Path) -> None:
    """Pages share their targets, worked out once for the site: a folder named with or
    without its slash, and the root, lead to their index.html from every page alike."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "index.html").write_text(
        page('<p id="ev-1"></p><a href="../#top">root</a><a href="..#gone">root</a>')
    )
    links = '<a href="sources#ev-1">a</a><a href="sources/#ev-1">b</a><a href="sources#ev-9">c</a>'
    (tmp_path / "index.html").write_text(page('<p id="top"></p>' + links))
    (tmp_path / "other.html").write_text(page(links))
    found = [p.format().split(": error: ")[1] for p in scan_site(tmp_path, ScanPolicy(), "site")]
    assert found == [
        "'sources#ev-9': sources/index.html has no anchor '#ev-9'",
        "'sources#ev-9': sources/index.html has no anchor '#ev-9'",
        "'..#gone': index.html has no anchor '#gone'",
    ]


def test_each_link_to_a_broken_place_is_named_where_it_is_written(tmp_path: Path) -> None:
    """A scan keeps where a page's links lead, not each link: the links to a place that is
    not there are found in the page again, every one of them at its own position."""
    links = '<a href="gone/">a</a> <a href="./gone/">b</a> <a href="gone/">c</a><a href="#x">d</a>'
    text = page(links)
    (tmp_path / "index.html").write_text(text)
    columns = [i + 1 for i in range(len(text)) if text.startswith("<a ", i)]  # one line
    found = [p.format() for p in scan_site(tmp_path, ScanPolicy(), "site")]
    assert found == [
        f"site/index.html:1:{columns[0]}: error: broken link 'gone/'",
        f"site/index.html:1:{columns[1]}: error: broken link './gone/'",
        f"site/index.html:1:{columns[2]}: error: broken link 'gone/'",
        f"site/index.html:1:{columns[3]}: error: '#x': index.html has no anchor '#x'",
    ]


def test_a_page_changed_since_its_scan_still_has_its_broken_links_named(tmp_path: Path) -> None:
    """Serve may rewrite a page between its scan and the report: its broken links are then
    named by where they led, at 1:1, rather than lost."""
    index = tmp_path / "index.html"
    index.write_text(page('<a href="gone/#part">a</a>'))
    data = index.read_bytes()

    def scanned_then_rewritten() -> PageScan:
        result = scan_page(data.decode(), "index.html", ScanPolicy(), "site/index.html")
        index.write_text(page(""))
        return result

    pending = {"index.html": (scan_key(data, "index.html", ScanPolicy()), scanned_then_rewritten)}
    found = [p.format() for p in scan_site(tmp_path, ScanPolicy(), "site", pending)]
    assert found == ["site/index.html:1:1: error: broken link 'gone/#part'"]


def test_the_example_site_scans_clean(built: Path) -> None:
    site_name = "Briefing: North Korean troops in Russia's Kursk region"
    # The permalinks may redirect, each to where the build says its fact is shown.
    published = generate_site(built / "content").files
    policy = ScanPolicy(
        canaries=(CANARY,),
        titles={"index.html": site_name, "sources/index.html": f"Sources - {site_name}"},
        redirects={f.path: f.redirect for f in published if f.redirect is not None},
    )
    assert policy.redirects
    assert scan_site(built / "site", policy) == []


def test_the_theme_scripts_are_still_materials() -> None:
    """Our fingerprints are copied from the installed Material; an upgrade that changes one
    fails here, naming it, rather than failing every build."""
    import material

    partials = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(partials.glob("*.html")))
    for script in THEME_SCRIPTS:
        filled = "{{ config.extra.scope | d(base_url) }}" + script.tail if script.tail else ""
        assert f"<script>{script.head}{filled}</script>" in text, script.name


def test_the_scan_imports_no_mkdocs() -> None:
    check = (
        "import sys, generator.sitecheck.page, generator.sitecheck.site\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'click')]\n"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True)
    assert result.returncode == 0, result.stderr


def test_scan_false_skips_the_check_in_mkdocs_build_but_never_in_briefing_build(
    tmp_path: Path,
) -> None:
    """`scan: false` is for measuring or for a site checked elsewhere; `briefing build`
    checks whatever it says."""
    project = copy_project(tmp_path)
    expected = _scan_failure(project)
    add_plugin_option(project, "scan: false")
    plain = build(project)
    assert plain.returncode == 0, plain.stderr
    assert CANARY in (project / "site" / "assets" / "leak.txt").read_text()
    checked = briefing_build(project)
    assert checked.returncode == 1
    assert expected in checked.stderr
