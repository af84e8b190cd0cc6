"""Content written before the record could develop keeps working: every field added since is
optional. The example, stripped of them, validates and renders, with no migration."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator import generate
from generator.pipeline import load
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]
ADDED = {
    "also_reported_in", "voice", "inferred", "supersedes", "corrects", "disputes", "words",
    "rule", "hedge", "measure", "scope", "scope_place", "updates", "about",
}  # fmt: skip


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        # 'rule' of a vague date (a When) was there before; a figure's is new.
        return {
            k: _strip(v)
            for k, v in data.items()
            if k not in ADDED or (k == "rule" and "counts" not in data)
        }
    if isinstance(data, list):
        return [_strip(item) for item in data]
    return data


def test_the_example_without_the_new_fields_validates_and_renders(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPORT_CONTENT, content)
    (content / "measures.yaml").unlink()
    for path in content.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_strip(data), allow_unicode=True), encoding="utf-8")
    assert "voice" not in (content / "reactions.yaml").read_text(encoding="utf-8")
    facts = load(content, tmp_path)
    assert len(facts.ids) == len(load(REPORT_CONTENT, ROOT).ids) - 1  # the measure
    home = next(p for p in generate(content, root=tmp_path) if p.path == "index.md").markdown
    assert "3,000 sent in all (1,500 and another 1,500)" in home
