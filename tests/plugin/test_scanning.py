"""The plugin's site check with its worker: what it finds is what a check of the written
site finds on its own, whatever became of the worker."""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path

import pytest

from generator.plugin.scanning import SiteScanner, _Arrival
from generator.sitecheck.page import ScanPolicy
from generator.sitecheck.site import scan_key, scan_site


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>Site</title></head><body>{body}</body></html>"


NAV = '<a href="../">Home</a> <a href="../b/">B</a> <a href="../b/#gone">B, gone</a>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(_page('<a href="b/">B</a>'))
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(_page(NAV))
    return tmp_path


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the worker runs only with two cores")
def test_scans_from_the_worker_find_what_a_check_of_the_site_finds(site: Path) -> None:
    scanner = SiteScanner()
    scanner.start(keep_scans=False)
    policy = ScanPolicy()
    try:
        for path in ("a/index.html", "b/index.html", "c/index.html", "index.html"):
            scanner.page_written((site / path).read_text(), path, lambda: policy, "site")
        assert len(scanner.pending) == 4  # each handed to the worker
        found = scanner.check(site, policy, "site")
    finally:
        scanner.shutdown()
    assert found == scan_site(site, policy, "site")
    assert sum("no anchor '#gone'" in p.message for p in found) == 3
    # The pages' copies of the same places are one object each.
    assert len(scanner.shared) == 3  # the root, b/, b/#gone


def test_a_scan_that_failed_in_the_worker_is_made_in_the_check(site: Path) -> None:
    arrival = _Arrival({})
    failed: Future[object] = Future()
    failed.set_exception(RuntimeError("the worker died"))
    arrival.arrived(failed)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="the worker died"):
        arrival.result()
    policy = ScanPolicy()
    data = (site / "a" / "index.html").read_bytes()
    pending = {"a/index.html": (scan_key(data, "a/index.html", policy), arrival.result)}
    assert scan_site(site, policy, "site", pending) == scan_site(site, policy, "site")
