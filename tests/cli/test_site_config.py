"""generator.site_config: the project's mkdocs.yml made standalone, tags kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from generator.cli.site_config import (
    ConfigProblem,
    Tagged,
    dump_config,
    plugin_options,
    read_config,
    standalone_config,
    write_standalone,
)

CONFIG = """\
site_name: Test
theme:
  name: material
  custom_dir: overrides/theme
plugins:
  - search
  - briefing:
      content: facts
      overrides: templates
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
site_url: !ENV [SITE_URL, "https://example.org/"]
hooks:
  - hooks/one.py
"""
NAV = [{"Home": "index.md"}]


def test_tags_are_kept_as_written_and_nothing_is_imported() -> None:
    config = read_config(CONFIG)
    emoji = config["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert emoji == Tagged("tag:yaml.org,2002:python/name:material.extensions.emoji.twemoji", "")
    assert config["site_url"] == Tagged("!ENV", ["SITE_URL", "https://example.org/"])
    text = dump_config(config)
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji ''\n" in text
    assert "site_url: !ENV\n- SITE_URL\n- https://example.org/\n" in text
    assert read_config(text) == config


def test_plugin_options() -> None:
    assert plugin_options(read_config(CONFIG)) == {"content": "facts", "overrides": "templates"}
    assert plugin_options({"plugins": {"briefing": {"content": "c"}}}) == {"content": "c"}
    assert plugin_options({"plugins": ["search"]}) == {}


def test_standalone_config(tmp_path: Path) -> None:
    project, out = tmp_path / "project", tmp_path / "out"
    result = standalone_config(read_config(CONFIG), NAV, project, out)
    assert result["plugins"] == ["search"]
    assert result["docs_dir"] == "docs"
    assert result["nav"] == NAV
    assert result["theme"]["custom_dir"] == "../project/overrides/theme"
    assert result["hooks"] == ["../project/hooks/one.py"]


def test_plugins_as_a_mapping_and_a_nav_of_the_project_are_kept(tmp_path: Path) -> None:
    config = {"plugins": {"search": {}, "briefing": {}}, "nav": [{"Start": "index.md"}]}
    result = standalone_config(config, NAV, tmp_path, tmp_path / "out")
    assert result["plugins"] == {"search": {}}
    assert result["nav"] == [{"Start": "index.md"}]


def test_a_docs_file_that_would_hide_a_page_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# mine\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(ConfigProblem, match="would hide the generated page index.md"):
        write_standalone(project / "mkdocs.yml", out, NAV, ["index.md"])
    assert not out.exists()


def test_render_config_uses_the_plugins_content_folder(
    example_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = example_content.parent
    (project / "facts").mkdir()
    example_content.rename(project / "facts" / "content")
    (project / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - briefing:\n      content: facts/content\n", encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["render", "--out", "out", "--config", "mkdocs.yml"])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((project / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert written["plugins"] == []
    assert (project / "out" / "docs" / "index.md").is_file()
    assert (project / "out" / "nav.yml").is_file()


def test_mkdocs_reads_the_tags_as_written() -> None:
    from mkdocs.utils.yaml import yaml_load

    loaded = yaml_load(dump_config(read_config(CONFIG)))
    assert callable(loaded["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"])
