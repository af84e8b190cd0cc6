"""`briefing render --config` with a config that INHERITs another.

The written config sits in another folder, so an ``INHERIT`` copied as written leads
elsewhere, or back to the written file itself (``INHERIT: mkdocs.yml``), which MkDocs then
inherits until RecursionError. It is written merged instead, as MkDocs merges it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from generator.cli.site_config import ConfigProblem, load_config_file
from tests.plugin.test_build import copy_project


def _child(project: Path) -> Path:
    """mkdocs.child.yml: the example's mkdocs.yml inherited, with a name of its own."""
    child = project / "mkdocs.child.yml"
    child.write_text("INHERIT: mkdocs.yml\nsite_name: Child briefing\n", encoding="utf-8")
    return child


def _render(project: Path, config: Path, out: Path) -> str:
    args = ["render", "--out", str(out), "--config", str(config)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_config_inheriting_mkdocs_yml_is_written_merged_and_mkdocs_builds_it(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    _render(project, _child(project), out)
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    written = yaml.safe_load(text)
    assert "INHERIT" not in written
    assert written["site_name"] == "Child briefing"
    assert written["theme"]["name"] == "material"  # the parent's
    assert written["plugins"] == ["search", "tags"]  # the parent's, without briefing
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1729814400"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "RecursionError" not in result.stderr
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in index and "Child briefing" in index
    assert (out / "site" / "deployments" / "dprk-troops-in-russia" / "index.html").is_file()


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


CONFIGS = {
    "base/common.yml": (
        "site_name: Common\ntheme:\n  name: material\n  features: [navigation.tabs]\n"
        "  palette: {scheme: slate}\nplugins: [search, {briefing: {content: facts}}]\n"
        "extra: {a: 1, b: {c: 2}}\n"
    ),
    "base/site.yml": (
        "INHERIT: common.yml\nsite_url: https://example.org/\n"
        "theme:\n  features: [navigation.top]\nextra: {b: {d: 3}}\n"
    ),
    "mkdocs.yml": "INHERIT: base/site.yml\nsite_name: Mine\nextra: {a: 9}\n",
}


def test_inheritance_merges_as_mkdocs_merges(tmp_path: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    _write(tmp_path, CONFIGS)
    ours = load_config_file(tmp_path / "mkdocs.yml")
    with (tmp_path / "mkdocs.yml").open("rb") as handle:
        theirs = yaml_load(handle)
    assert ours == theirs
    assert ours["theme"] == {
        "name": "material",
        "features": ["navigation.top"],
        "palette": {"scheme": "slate"},
    }
    assert ours["extra"] == {"a": 9, "b": {"c": 2, "d": 3}}


def test_the_plugin_options_and_site_url_of_a_parent_are_used(
    tmp_path: Path, example_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, CONFIGS)
    example_content.rename(tmp_path / "facts")  # the parent's `content: facts`
    monkeypatch.chdir(tmp_path)
    output = _render(tmp_path, Path("mkdocs.yml"), Path("out"))
    assert "wrote" in output
    feed = (tmp_path / "out" / "docs" / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://example.org/editions/' in feed
    written = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert written["plugins"] == ["search"]
    assert written["site_name"] == "Mine"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"mkdocs.yml": "site_name: T\nINHERIT: mkdocs.yml\n"},
            "mkdocs.yml:2:1: error: INHERIT goes round in a circle: mkdocs.yml -> mkdocs.yml; "
            "a config cannot inherit itself",
        ),
        (
            {
                "mkdocs.yml": "INHERIT: a.yml\n",
                "a.yml": "INHERIT: b/b.yml\n",
                "b/b.yml": "INHERIT: ../a.yml\n",
            },
            "b/b.yml:1:1: error: INHERIT goes round in a circle: a.yml -> b/b.yml -> a.yml; "
            "a config cannot inherit itself",
        ),
        (
            {"mkdocs.yml": "site_name: T\nINHERIT: base.yml\n"},
            "mkdocs.yml:2:1: error: INHERIT: base.yml: no such file (base.yml); write the path "
            "of the config to inherit, relative to the folder of mkdocs.yml",
        ),
        (
            {"mkdocs.yml": "INHERIT: [a, b]\n"},
            "mkdocs.yml:1:1: error: INHERIT is ['a', 'b']; write the path of the config to "
            "inherit, relative to the folder of mkdocs.yml",
        ),
        (
            {"mkdocs.yml": "INHERIT: base.yml\n", "base.yml": "site_name: T\ntheme: [\n"},
            "base.yml:3:1: error: while parsing a flow node: expected the node content, but found "
            "'<stream end>'",
        ),
    ],
    ids=["itself", "a-circle", "missing", "not-a-path", "parent-not-yaml"],
)
def test_a_broken_inheritance_is_reported_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], message: str
) -> None:
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigProblem):
        load_config_file(Path("mkdocs.yml"))
    args = ["render", "--out", "out", "--config", "mkdocs.yml", "--content", "content"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
