"""`briefing render` writes the published files beside the pages, as the plugin does."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli.commands import main
from tests.publish.helpers import EXAMPLE, ROOT, SITE_URL


def _render(tmp_path: Path, *args: str) -> Path:
    result = CliRunner().invoke(
        main, ["render", "--content", str(EXAMPLE), "--out", str(tmp_path), *args]
    )
    assert result.exit_code == 0, result.output
    assert "published files" in result.output
    return tmp_path


def test_render_writes_the_export_the_feed_and_the_permalinks(tmp_path: Path) -> None:
    out = _render(tmp_path, "--site-url", SITE_URL)
    export = json.loads((out / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert export["site_url"] == SITE_URL
    assert (out / "data" / "briefing.schema.json").is_file()
    assert f'<link rel="self" type="application/atom+xml" href="{SITE_URL}feed.xml"' in (
        out / "feed.xml"
    ).read_text(encoding="utf-8")
    stub = out / "id" / "nis-1500-sent" / "index.html"
    html = stub.read_text(encoding="utf-8")
    assert 'content="0; url=../../deployments/dprk-troops-in-russia/#nis-1500-sent"' in html
    nav = (out / "nav.yml").read_text(encoding="utf-8")
    assert "briefing.json" not in nav and "id/" not in nav


def test_render_config_gives_the_site_url_and_url_style(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
        + f"site_url: {SITE_URL}\nsite_author: The desk\nuse_directory_urls: false\n",
        encoding="utf-8",
    )
    out = _render(tmp_path / "out", "--config", str(project / "mkdocs.yml"))
    docs = out / "docs"
    feed = (docs / "feed.xml").read_text(encoding="utf-8")
    assert "<name>The desk</name>" in feed
    assert f'href="{SITE_URL}editions/' in feed and ".html" in feed
    assert (docs / "id" / "nis-1500-sent.html").is_file()
    assert not (docs / "id" / "nis-1500-sent").exists()
