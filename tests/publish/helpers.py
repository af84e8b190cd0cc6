"""What the publish tests share: the example (the report fixture) and the exercise,
published in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.facts.content import Content
from generator.pipeline import load
from generator.publish import Asset, published
from generator.render.site import build_site
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPORT_CONTENT
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
SITE_URL = "https://briefing.example.org/kursk/"


def publish(
    content: Content, *, site_url: str | None = None, directory_urls: bool = True
) -> dict[str, Asset]:
    """Every published file of ``content``, by path."""
    site = build_site(content)
    files = published(
        content,
        site.index,
        site.editions,
        directory_urls=directory_urls,
        site_url=site_url,
    )
    return {asset.path: asset for asset in files}


def published_json(content: Content, path: str, **options: Any) -> Any:
    return json.loads(publish(content, **options)[path].text)


def loaded(folder: Path) -> Content:
    return load(folder, ROOT)
