"""`briefing new` offers the briefing's own terms beside the built-in ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CIVIC = ROOT / "tests" / "fixtures" / "civic" / "content"
QUOTE = "The Reform Coalition abstained in the vote."


def test_a_term_the_content_declares_is_offered_and_written(tmp_path: Path, run) -> None:
    shutil.copytree(CIVIC, tmp_path / "content")
    args = ["new", "reaction", "--id", "coalition-abstains-again", "--actor", "reform-coalition"]
    args += ["--summary", "Abstained.", "--document", "bulletin-1", "--quote", QUOTE]
    result = run(*args, "--kind", "abstention", "--about", "the vote")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "content" / "reactions.yaml").read_text())
    assert written["reactions"][-1]["kind"] == "abstention"


def test_a_term_of_no_vocabulary_is_refused_with_the_choices(tmp_path: Path, run) -> None:
    shutil.copytree(CIVIC, tmp_path / "content")
    before = (tmp_path / "content" / "reactions.yaml").read_bytes()
    args = ["new", "reaction", "--id", "x", "--actor", "reform-coalition", "--summary", "S."]
    result = run(*args, "--document", "bulletin-1", "--quote", QUOTE, "--kind", "abstension")
    assert result.exit_code == 2
    assert "'abstension' is not one of: statement," in result.output
    assert "legal-challenge, abstention" in result.output
    assert (tmp_path / "content" / "reactions.yaml").read_bytes() == before
