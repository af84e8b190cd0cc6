"""What keeps large briefings fast: the scan's cache, bounded navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.navigation import NAV_GROUP, NAV_GROUPS_TITLE, navigation
from generator.render.plan import Page
from generator.sitecheck import page as scan
from generator.sitecheck import site as site_scan
from generator.sitecheck.page import ScanPolicy
from generator.sitecheck.site import scan_site


def page(body: str, title: str = "Site") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.fixture
def cache() -> site_scan.ScanCache:
    return site_scan.ScanCache()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "index.html").write_text(
        page('<a href="sources/#ev-1">ok</a> <a href="sources/#ev-2">no anchor</a>')
    )
    (tmp_path / "sources" / "index.html").write_text(page('<p id="ev-1"></p>'))
    (tmp_path / "data.json").write_text('{"canary": "SECRET"}')
    return tmp_path


POLICY = ScanPolicy(canaries=("SECRET",), titles={"sources/index.html": "Sources - Site"})


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    scanned: list[str] = []
    original = scan.scan_page

    def counted(html: str, path: str, policy: ScanPolicy, shown: str) -> scan.PageScan:
        scanned.append(path)
        return original(html, path, policy, shown)

    monkeypatch.setattr(scan, "scan_page", counted)
    return scanned


def test_a_rescan_reuses_unchanged_pages_with_the_same_problems(
    site: Path, cache: site_scan.ScanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = scan_site(site, POLICY, "site", cache=cache)
    messages = [p.format() for p in first]
    assert (
        "site/index.html:1:91: error: 'sources/#ev-2': sources/index.html has no anchor "
        "'#ev-2'" in messages
    )
    assert any("<title> reads 'Site'" in m for m in messages)
    assert "site/data.json:1:1: error: the canary string is present" in messages

    scanned = _counting(monkeypatch)
    assert scan_site(site, POLICY, "site", cache=cache) == first
    assert scanned == []  # every page came from the cache

    # The anchor appears: the edited page is scanned again, and the link on the unchanged
    # page now resolves (cross-page checks use every page's cached ids).
    (site / "sources" / "index.html").write_text(page('<p id="ev-1"></p><p id="ev-2"></p>'))
    second = scan_site(site, POLICY, "site", cache=cache)
    assert scanned == ["sources/index.html"]
    assert not any("no anchor" in p.message for p in second)
    assert scan_site(site, POLICY, "site") == second  # the same as a cold scan


def test_a_changed_policy_or_name_scans_again(
    site: Path, cache: site_scan.ScanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_site(site, POLICY, "site", cache=cache)
    scanned = _counting(monkeypatch)
    other = ScanPolicy(canaries=("SECRET",), titles={"sources/index.html": "Site"})
    assert not any("<title>" in p.message for p in scan_site(site, other, "site", cache=cache))
    assert scanned == ["sources/index.html"]
    scan_site(site, other, "elsewhere", cache=cache)
    assert sorted(scanned[1:]) == ["index.html", "sources/index.html"]


def test_a_link_broken_by_another_page_is_located_in_the_unchanged_page(
    site: Path, cache: site_scan.ScanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan keeps no positions for links; one that turns out broken is found in its page's
    file, even when that page's scan came from the cache."""
    (site / "sources" / "index.html").write_text(page('<p id="ev-1"></p><p id="ev-2"></p>'))
    assert not any("no anchor" in p.message for p in scan_site(site, POLICY, "site", cache=cache))
    scanned = _counting(monkeypatch)
    (site / "sources" / "index.html").write_text(page('<p id="ev-1"></p>'))
    found = [p.format() for p in scan_site(site, POLICY, "site", cache=cache)]
    assert scanned == ["sources/index.html"]
    assert (
        "site/index.html:1:91: error: 'sources/#ev-2': sources/index.html has no anchor '#ev-2'"
        in found
    )


def test_a_target_changed_with_the_same_anchors_leaves_the_link_checks_as_they_were(
    site: Path, cache: site_scan.ScanCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose text changes but whose anchors do not: the pages linking to it are not
    checked again, and the problems are a cold scan's."""
    first = scan_site(site, POLICY, "site", cache=cache)
    checked: list[str] = []
    broken = site_scan._SiteLinks.broken
    monkeypatch.setattr(
        site_scan._SiteLinks,
        "broken",
        lambda self, name, scanned: checked.append(name) or broken(self, name, scanned),
    )
    (site / "sources" / "index.html").write_text(page('<p id="ev-1">new text</p>'))
    again = scan_site(site, POLICY, "site", cache=cache)
    assert checked == ["sources/index.html"]  # index.html's links: reused
    assert again == first == scan_site(site, POLICY, "site")


def test_pending_scans_are_used_only_for_the_bytes_on_disk(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = (site / "index.html").read_bytes()
    done = scan.scan_page(html.decode(), "index.html", POLICY, "site/index.html")
    stale = scan.scan_page(page("old"), "index.html", POLICY, "site/index.html")
    scanned = _counting(monkeypatch)
    right = {"index.html": (site_scan.scan_key(html, "index.html", POLICY), lambda: done)}
    expected = scan_site(site, POLICY, "site", right)
    assert scanned == ["sources/index.html"]

    scanned.clear()
    wrong = {"index.html": (site_scan.scan_key(b"old", "index.html", POLICY), lambda: stale)}
    assert scan_site(site, POLICY, "site", wrong) == expected
    assert sorted(scanned) == ["index.html", "sources/index.html"]


def _deployments(count: int) -> list[Page]:
    return [
        Page(f"deployments/d{n:04d}.md", f"Deployment {n:04d}: A to B", "", "Troop deployments")
        for n in range(count, 0, -1)
    ]


def test_a_large_section_is_grouped_by_title() -> None:
    pages = [Page("index.md", "Home", ""), *_deployments(120), Page("c.md", "Chronology", "")]
    nav = navigation(pages)
    assert nav[0] == {"Home": "index.md"} and nav[2] == {"Chronology": "c.md"}
    (wrapper,) = nav[1]["Troop deployments"]
    groups = wrapper[NAV_GROUPS_TITLE]
    assert [next(iter(g)) for g in groups] == [
        "Deployment 0001 – 0040",
        "Deployment 0041 – 0080",
        "Deployment 0081 – 0120",
    ]
    listed = [entry for g in groups for entry in next(iter(g.values()))]
    assert [next(iter(e.values())) for e in listed] == [
        f"deployments/d{n:04d}.md" for n in range(1, 121)
    ]
    assert all(len(next(iter(g.values()))) <= NAV_GROUP for g in groups)


def test_a_small_section_keeps_its_order() -> None:
    pages = _deployments(NAV_GROUP)
    nav = navigation(pages)
    assert nav == [{"Troop deployments": [{p.title: p.path} for p in pages]}]


ROOT = Path(__file__).resolve().parents[2]


def test_large_content_splits_chronology_and_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the thresholds (lowered here to fit the example), the chronology has a page per
    month, each document's evidence and each actor's facts a page of their own, and Home
    links the deployments whose figures it does not show; citations lead there, and the
    built site passes the scan, which checks every link and anchor."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.render import plan
    from tests.plugin.test_build import copy_project

    monkeypatch.setattr(plan, "SPLIT_CHRONOLOGY", 3)
    monkeypatch.setattr(plan, "SPLIT_SOURCES", 3)
    monkeypatch.setattr(plan, "HOME_HEADLINES", 0)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    copy_project(tmp_path)
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    site = tmp_path / "site"
    months = sorted(p.parent.name for p in (site / "chronology").glob("*/index.html"))
    assert months == ["2024-06", "2024-08", "2024-09", "2024-10"]
    document = (site / "sources" / "report-2024-10-25" / "index.html").read_text()
    assert 'id="ev-nis-1500-sent"' in document
    sources = (site / "sources" / "index.html").read_text()
    assert 'id="ev-nis-1500-sent"' not in sources
    assert 'href="report-2024-10-25/"' in sources
    deployment = (site / "deployments" / "dprk-troops-in-russia" / "index.html").read_text()
    assert 'href="../../sources/report-2024-10-25/#ev-nis-1500-sent"' in deployment
    chronology = (site / "chronology" / "index.html").read_text()
    assert 'href="2024-10/"' in chronology
    assert 'href="actors/kr-nis/"' in sources
    assert "#nis-1500-more-sent" not in sources  # the fact list moved to the actor's page
    actor = (site / "sources" / "actors" / "kr-nis" / "index.html").read_text()
    assert 'href="../../../deployments/dprk-troops-in-russia/#nis-1500-more-sent"' in actor
    home = (site / "index.html").read_text()
    assert "Other deployments" in home and "Lowest claimed" not in home
    assert 'href="deployments/dprk-troops-in-russia/"' in home


def test_a_large_sections_index_page_stays_first() -> None:
    documents = [Page(f"sources/r{n:03d}.md", f"Report {n:03d}", "", "Sources") for n in range(60)]
    nav = navigation([Page("sources.md", "Sources", "", "Sources"), *documents])
    first, grouped = nav[0]["Sources"]
    assert first == {"Sources": "sources.md"}
    groups = grouped[NAV_GROUPS_TITLE]
    assert [next(iter(g)) for g in groups] == ["Report 000 – 029", "Report 030 – 059"]


def test_a_scan_worker_exits_when_its_build_is_gone() -> None:
    """A killed `mkdocs serve` never shuts its scan worker down; the worker notices."""
    import subprocess
    import sys

    code = (
        "import subprocess, sys, time\n"
        "from generator.sitecheck.page import watch_parent\n"
        "gone = subprocess.Popen([sys.executable, '-c', 'pass']); gone.wait()\n"
        "watch_parent(gone.pid, 0.05)\n"
        "time.sleep(20)\n"
        "sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=15)
    assert result.returncode == 0


def test_home_headlines_are_the_deployments_with_the_latest_claims(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from generator.facts.dates import When
    from generator.render import plan

    def deployment(n: int, *claimed: str | None) -> SimpleNamespace:
        estimates = [
            SimpleNamespace(id=f"d{n}-{i}", claimed=None if c is None else When(date=c))
            for i, c in enumerate(claimed)
        ]
        return SimpleNamespace(id=f"d{n}", estimates=estimates)

    monkeypatch.setattr(plan, "HOME_HEADLINES", 2)
    deployments = [
        deployment(1, "2024-10-01"),
        deployment(2, "2023-01-01", "2024-10-23"),  # its latest claim counts
        deployment(3, None),  # undated: never ahead of a dated one
        deployment(4, "2024-10-20"),
    ]
    assert [d.id for d in plan.headlines(deployments)] == ["d2", "d4"]  # in id order
    assert plan.headlines(deployments[:2]) == deployments[:2]  # few: all of them
