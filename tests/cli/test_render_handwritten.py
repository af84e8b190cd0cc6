"""`briefing render --config` copies hand-written pages with the facts they cite written out
(``[@id]``, ``[=id]``), as the plugin writes them; an unknown id writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli.commands import main
from generator.pipeline import generate_site

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
NOTES = "# Notes\n\nBorvia expects [=bmd-2000-projected] [@con-hundreds-in-kell].\n"
DEEP = "---\ntitle: Deeper\n---\n\n# Deeper\n\nSee [@bmd-2000-projected] and `[@not-a-fact]`.\n"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(EXERCISE, project / "content")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "notes.md").write_text(NOTES, encoding="utf-8")
    (project / "docs" / "analysis").mkdir()
    (project / "docs" / "analysis" / "deep.md").write_text(DEEP, encoding="utf-8")
    (project / "docs" / "analysis" / "data.txt").write_bytes(b"[@not-a-fact]\r\n")
    return project


def _render(project: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["render", "--config", str(project / "mkdocs.yml"), "--out", str(out)]
    )
    return result.exit_code, result.output


def test_hand_written_pages_are_copied_with_their_citations_written_out(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, output = _render(project, tmp_path / "out")
    assert code == 0, output
    docs = tmp_path / "out" / "docs"
    notes = (docs / "notes.md").read_text(encoding="utf-8")
    assert notes.startswith(
        "# Notes\n\nBorvia expects [up to 2,000 projected total &#40;BMD&#41;]"
        "(deployments/arland-marines-in-borvia.md#bmd-2000-projected) (“may”) [[1]]"
        '(sources.md#ev-bmd-2000-projected "According to Borvian Ministry of Defence: '
    )
    assert "\n## Notes\n\nFrom [S3](sources.md#bulletin-3) (" in notes
    assert "\n1. According to " in notes and "\n<li markdown>According to " in notes
    # What the plugin writes of the page (the same code, from the same facts).
    shortcodes = generate_site(project / "content").shortcodes
    assert notes == shortcodes.expand_file(NOTES, "notes.md", "docs/notes.md")
    deep = (docs / "analysis" / "deep.md").read_text(encoding="utf-8")
    assert deep.startswith("---\ntitle: Deeper\n---\n\n# Deeper\n\nSee [[1]](../sources.md#ev-")
    assert "`[@not-a-fact]`" in deep
    # Anything else is copied as it is.
    assert (docs / "analysis" / "data.txt").read_bytes() == b"[@not-a-fact]\r\n"


def test_unknown_ids_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    project = _project(tmp_path)
    notes = project / "docs" / "notes.md"
    notes.write_text(NOTES.replace("-in-kell]", "-in-kel]"), encoding="utf-8")
    deep = project / "docs" / "analysis" / "deep.md"
    deep.write_text(DEEP.replace("See [@bmd", "See [@bdm"), encoding="utf-8")
    code, output = _render(project, tmp_path / "out")
    assert code == 1
    assert output.splitlines() == [
        "docs/analysis/deep.md:7:7: error: unknown fact id 'bdm-2000-projected' (hint: did you"
        " mean 'bmd-2000-projected'?; to write it as text, escape the bracket: \\[)",
        "docs/notes.md:3:40: error: unknown fact id 'con-hundreds-in-kel' (hint: did you mean"
        " 'con-hundreds-in-kell'?; to write it as text, escape the bracket: \\[)",
        "2 problems found; nothing was built.",
    ]
    assert not (tmp_path / "out").exists()
