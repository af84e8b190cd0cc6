"""A permalink per fact, ``id/<fact id>/``: a page that leads to the fact where it is shown
now. Built for real (MkDocs, the plugin, its site check, which follows every permalink's
refresh and link to the anchor) before and after the chronology splits by month."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.publish.addresses import Addresses
from generator.render.plan import SPLIT_CHRONOLOGY
from generator.render.site_index import SiteIndex
from tests.plugin.test_build import build, copy_project

MOVER = "russia-counterattack"  # an event of September 2024, on the Chronology page
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def _split_events(count: int) -> str:
    """A document and ``count`` events of Aug-Oct 2024: enough dated facts to split."""
    lines = [
        "documents:",
        "  - id: split-digest",
        "    title: A digest of many small events",
        "    published: 2024-10-25",
        "events:",
    ]
    for n in range(count):
        day = dt.date(2024, 8, 1) + dt.timedelta(days=n % 85)
        lines += [
            f"  - id: split-event-{n:03d}",
            f"    title: Small event {n}",
            f"    when: {day.isoformat()}",
            "    document: split-digest",
            f"    quote: Small event {n} happened.",
        ]
    return "\n".join(lines) + "\n"


def _target(site: Path, fact_id: str) -> tuple[str, Path, str]:
    """A permalink's refresh target, the file it leads to and the anchor."""
    stub = site / "id" / fact_id / "index.html"
    html = stub.read_text(encoding="utf-8")
    match = _REFRESH.search(html)
    assert match is not None, html
    url = match.group(1)
    assert f'<a href="{url}">' in html  # and a plain link to the same place
    path, _, anchor = url.partition("#")
    return url, (stub.parent / path / "index.html").resolve(), anchor


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, extra in (("whole", 0), ("split", SPLIT_CHRONOLOGY + 1)):
        project = copy_project(tmp_path_factory.mktemp(name))
        if extra:
            (project / "content" / "split-events.yaml").write_text(_split_events(extra))
        result = build(project)
        assert result.returncode == 0, result.stderr[-3000:]
        built[name] = project / "site"
    return built


def test_a_permalink_leads_to_the_fact_before_and_after_the_split(
    sites: dict[str, Path],
) -> None:
    before, page_before, anchor = _target(sites["whole"], MOVER)
    assert before == f"../../chronology/#{MOVER}"
    after, page_after, anchor_after = _target(sites["split"], MOVER)
    assert after == f"../../chronology/2024-09/#{MOVER}"  # the fact moved; its link did not
    assert anchor == anchor_after == MOVER
    assert page_before == sites["whole"] / "chronology" / "index.html"
    assert page_after == sites["split"] / "chronology" / "2024-09" / "index.html"
    for page in (page_before, page_after):
        assert f'id="{MOVER}"' in page.read_text(encoding="utf-8")
    # The old place no longer has it: a link to it would now lead nowhere.
    index = sites["split"] / "chronology" / "index.html"
    assert f'id="{MOVER}"' not in index.read_text(encoding="utf-8")


def test_every_fact_has_a_permalink_and_the_export_names_it(sites: dict[str, Path]) -> None:
    site = sites["split"]
    export = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    facts = {fact["id"]: fact for fact in export["facts"]}
    stubs = {p.parent.name for p in (site / "id").glob("*/index.html")}
    assert stubs == set(facts)
    assert facts[MOVER]["permalink"] == f"id/{MOVER}/"
    assert facts[MOVER]["shown_at"] == f"chronology/2024-09/#{MOVER}"


def test_a_permalink_page_says_what_it_is(sites: dict[str, Path]) -> None:
    html = (sites["whole"] / "id" / MOVER / "index.html").read_text(encoding="utf-8")
    assert html.startswith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert (
        "<title>Russian forces counter-attack in Kursk - North Korean troops in Russia&#x27;s"
        in html
    )
    assert f'<link rel="canonical" href="../../chronology/#{MOVER}">' in html
    assert '<meta name="robots" content="noindex">' in html
    # The policy the site check expects of a page with no script: it allows none inline.
    policy = "script-src 'self'; object-src 'none'; base-uri 'none'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in html
    assert "<script" not in html


def _addresses(directory_urls: bool, site_url: str | None = None) -> Addresses:
    index = SiteIndex(
        fact_page={"a": "index.md", "b": "chronology/2024-09.md", "c": "deployments/x.md"},
        page_titles={},
        document_number={},
    )
    return Addresses(index, directory_urls, site_url)


def test_addresses_with_and_without_directory_urls() -> None:
    folders = _addresses(True)
    assert [folders.shown_at(f) for f in "abc"] == [
        "./#a",
        "chronology/2024-09/#b",
        "deployments/x/#c",
    ]
    assert folders.permalink_file("b") == "id/b/index.html"
    assert folders.permalink("b") == "id/b/"
    assert folders.from_file("id/b/index.html", folders.shown_at("a")) == "../../#a"
    assert folders.from_file("id/b/index.html", folders.shown_at("b")) == (
        "../../chronology/2024-09/#b"
    )
    files = _addresses(False)
    assert [files.shown_at(f) for f in "abc"] == [
        "index.html#a",
        "chronology/2024-09.html#b",
        "deployments/x.html#c",
    ]
    assert files.permalink("c") == files.permalink_file("c") == "id/c.html"
    assert files.from_file("id/c.html", files.shown_at("c")) == "../deployments/x.html#c"
    assert folders.absolute("id/b/") is None
    assert _addresses(True, "https://x.example/site").absolute("id/b/") == (
        "https://x.example/site/id/b/"
    )


def test_an_offline_build_writes_permalinks_as_html_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "use_directory_urls: false\n")
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site" / "id" / f"{MOVER}.html").read_text(encoding="utf-8")
    assert f'content="0; url=../chronology.html#{MOVER}"' in html
    shutil.rmtree(project / "site")


def test_the_exports_and_the_feeds_pages_exist(sites: dict[str, Path]) -> None:
    site = sites["whole"]
    export = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert export["editions"]
    for edition in export["editions"]:
        assert (site / edition["url"] / "index.html").is_file(), edition["url"]
    for fact in export["facts"]:
        page, _, anchor = fact["shown_at"].partition("#")
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, fact["shown_at"]


@pytest.mark.parametrize(
    "site_url", ["https://example.org/briefing/", "http://h:8000", "https://e.org/a/b"]
)
@pytest.mark.parametrize(
    "url",
    [
        "./",
        "",
        "deployments/x/#c",
        "id/b/",
        "chronology/2024-09/#b",
        "a/b.html",
        "a/../b/",
        "./a/",
        "/top/",
        "#here",
        "?q=1",
        "mailto:x@example.org",
        "a//b/",
        "a b/",
        "a/./b",
        "x:y/",
    ],
)
def test_absolute_urls_are_those_urljoin_makes(site_url: str, url: str) -> None:
    base = site_url if site_url.endswith("/") else site_url + "/"
    assert _addresses(True, site_url).absolute(url) == urljoin(base, url)
