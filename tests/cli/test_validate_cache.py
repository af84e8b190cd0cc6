"""`briefing validate` keeps its parses for the next run: the output is the same as parsing
every file again, an edit is seen at once, and a store it cannot use changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts import stored_parses
from generator.facts.loader import load_content
from tests.conftest import WriteContent


def _outputs(run, *args: str) -> tuple[int, str]:
    result = run("validate", *args)
    return result.exit_code, result.output


def test_a_second_run_reads_the_kept_parses_and_says_the_same(example_content: Path, run) -> None:
    store = stored_parses.store_path(example_content)
    assert not store.exists()
    first = _outputs(run, "--format", "json")
    assert store.is_file()
    kept = store.stat().st_mtime_ns
    assert _outputs(run, "--format", "json") == first
    assert store.stat().st_mtime_ns == kept  # nothing changed: the store is not rewritten
    assert _outputs(run, "--format", "json", "--no-cache") == first
    # The kept parses are what parsing gives: every file, its data and positions.
    parsed = stored_parses.opened(store, stored_parses.code_fingerprint())
    files, _ = load_content(example_content, example_content.parent)
    assert {f.path: f for f in files} == {k: v[1][0] for k, v in parsed.entries.items()}


def test_an_edited_file_is_parsed_again(example_content: Path, run) -> None:
    assert run("validate").exit_code == 0
    events = example_content / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "  - id: Bad_Id\n", encoding="utf-8")
    cached = run("validate")
    fresh = run("validate", "--no-cache")
    assert cached.exit_code == fresh.exit_code == 1
    assert cached.output == fresh.output
    assert "content/events.yaml:" in cached.output


def test_a_removed_file_leaves_the_store(write_content: WriteContent, run) -> None:
    content = write_content({"a.yaml": "actors: []\n", "b.yaml": "events: []\n"})
    run("validate")
    (content / "b.yaml").unlink()
    run("validate")
    parsed = stored_parses.opened(
        stored_parses.store_path(content), stored_parses.code_fingerprint()
    )
    assert set(parsed.entries) == {"content/a.yaml"}


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_store_is_a_miss(example_content: Path, run, damage: bytes) -> None:
    expected = _outputs(run, "--no-cache")
    store = stored_parses.store_path(example_content)
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(damage)
    assert _outputs(run) == expected
    assert _outputs(run) == expected  # rewritten whole by the run before


def test_a_store_of_other_code_is_not_read(example_content: Path, run) -> None:
    run("validate")
    store = stored_parses.store_path(example_content)
    assert stored_parses.opened(store, stored_parses.code_fingerprint()).entries
    assert not stored_parses.opened(store, "other code").entries


def test_a_cache_folder_that_is_a_file_changes_nothing(
    example_content: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _outputs(run, "--no-cache")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _outputs(run) == expected
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_the_store_is_never_in_the_project(example_content: Path, run, tmp_path: Path) -> None:
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run("validate")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert not stored_parses.store_path(example_content).is_relative_to(tmp_path)
