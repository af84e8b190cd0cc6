"""A meta refresh is refused, but on a fact's permalink page, to exactly the target the
build gave it; that target is checked as a link (its page and anchor must exist)."""

from __future__ import annotations

from pathlib import Path

from generator.sitecheck.page import ScanPolicy, scan_html
from generator.sitecheck.site import scan_site

STUB = "id/nis-1500-sent/index.html"
TARGET = "../../deployments/dprk/#nis-1500-sent"


def _stub(target: str = TARGET, *, twice: bool = False, link: bool = True) -> str:
    refresh = f'<meta http-equiv="refresh" content="0; url={target}">'
    body = f'<a href="{target}">moved</a>' if link else ""
    return (
        "<!doctype html><html><head><title>x</title>"
        f"{refresh}{refresh if twice else ''}</head><body>{body}</body></html>"
    )


def _messages(html: str, policy: ScanPolicy, path: str = STUB) -> list[str]:
    return [p.message for p in scan_html(html, path, policy)]


REFUSED = "<meta http-equiv=refresh> redirects the page"
POLICY = ScanPolicy(redirects={STUB: TARGET})


def test_a_refresh_is_refused_on_any_other_page() -> None:
    assert _messages(_stub(), ScanPolicy()) == [REFUSED]
    assert _messages(_stub(), POLICY, "index.html") == [REFUSED]


def test_a_permalink_may_refresh_once_to_its_own_target() -> None:
    assert _messages(_stub(), POLICY) == []
    assert _messages(_stub("https://evil.example/"), POLICY) == [REFUSED]
    assert _messages(_stub("../../elsewhere/"), POLICY) == [REFUSED]
    assert _messages(_stub(twice=True), POLICY) == [REFUSED]


def _site(tmp_path: Path, anchor: str) -> Path:
    (tmp_path / "id" / "nis-1500-sent").mkdir(parents=True)
    (tmp_path / STUB).write_text(_stub(link=False))
    page = tmp_path / "deployments" / "dprk" / "index.html"
    page.parent.mkdir(parents=True)
    head = "<!doctype html><html><head><title>D</title></head>"
    page.write_text(f'{head}<body><a id="{anchor}"></a></body></html>')
    return tmp_path


def test_the_refresh_target_is_checked_as_a_link(tmp_path: Path) -> None:
    assert scan_site(_site(tmp_path / "ok", "nis-1500-sent"), POLICY, "site") == []
    problems = scan_site(_site(tmp_path / "moved", "other"), POLICY, "site")
    assert [p.format() for p in problems] == [
        f"site/{STUB}:1:44: error: '{TARGET}': deployments/dprk/index.html has no anchor "
        "'#nis-1500-sent'"
    ]
