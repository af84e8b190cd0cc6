"""Vocabularies a briefing extends: every kind of term the content may declare is used, its
label shown, its meaning honoured; an unknown or twice-declared term, or an unknown word,
is an error at its file, line and column, with a did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import generate
from generator.errors import ContentError
from generator.facts.currency import overdue_steps
from generator.pipeline import load

ROOT = Path(__file__).resolve().parents[2]
CIVIC = ROOT / "tests" / "fixtures" / "civic" / "content"


@pytest.fixture
def civic(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CIVIC, tmp_path / "content"))


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(content, content.parent)
    return [p.format() for p in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_vocabulary_the_content_extends_is_there(civic: Path) -> None:
    vocabulary = load(civic, civic.parent).vocabulary
    assert vocabulary.label("reaction_kinds", "legal-challenge") == "legal challenge"
    assert vocabulary.progress("stage_statuses", "suspended") == "halted"
    assert vocabulary.progress("phase_statuses", "on-hold") == "halted"
    assert vocabulary.label("actor_kinds", "court") == "court"
    assert vocabulary.projection("planned") and not vocabulary.projection("pledged")
    assert vocabulary.label("processes", "court-case") == "court case"
    assert vocabulary.words["deployments"] == "Police missions"
    # The built-in terms stay, first, in their order.
    assert vocabulary.ids("reaction_kinds")[:2] == ["statement", "confirmation"]
    assert vocabulary.ids("reaction_kinds")[-1] == "abstention"


def test_a_built_in_term_can_be_relabelled(civic: Path) -> None:
    _edit(
        civic / "briefing.yaml",
        "  counts:\n",
        "  counts:\n    - id: sent\n      label: dispatched\n",
    )
    _edit(civic / "missions.yaml", "counts: planned", "counts: sent")
    pages = {p.path: p.markdown for p in generate(civic, root=civic.parent)}
    mission = pages["deployments/lantern-mission.md"]
    assert "dispatched to Ostavia" in mission
    assert "Projected, not current figure" not in mission  # 'sent' is no projection


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "reactions.yaml",
            "kind: legal-challenge",
            "kind: legal-chalenge",
            "content/reactions.yaml:21:11: error: unknown reaction kind 'legal-chalenge' "
            "(hint: did you mean 'legal-challenge'?",
        ),
        (
            "processes.yaml",
            "- status: suspended",
            "- status: suspend",
            "content/processes.yaml:27:21: error: unknown stage status 'suspend' "
            "(hint: did you mean 'suspended'?",
        ),
        (
            "sources.yaml",
            "kind: coalition",
            "kind: coalitoin",
            "content/sources.yaml:46:11: error: unknown actor kind 'coalitoin' "
            "(hint: did you mean 'coalition'?",
        ),
        (
            "missions.yaml",
            "counts: pledged",
            "counts: pledge",
            "content/missions.yaml:54:17: error: unknown kind of count 'pledge' "
            "(hint: did you mean 'pledged'?",
        ),
        (
            "processes.yaml",
            "process: court-case",
            "process: court-cases",
            "content/processes.yaml:38:14: error: unknown kind of process 'court-cases' "
            "(hint: did you mean 'court-case'?",
        ),
        (
            "missions.yaml",
            "- status: on-hold",
            "- status: onhold",
            "content/missions.yaml:28:21: error: unknown phase status 'onhold' "
            "(hint: did you mean 'on-hold'?",
        ),
        (
            "briefing.yaml",
            "    reactions: Reactions\n",
            "    reaction: Reactions\n",
            "content/briefing.yaml:21:5: error: unknown word 'reaction' in 'vocabulary: "
            "words:' (hint: did you mean 'reactions'?",
        ),
        (
            "briefing.yaml",
            "    - id: abstention\n      label: abstention\n",
            "    - id: abstention\n      label: abstention\n    - id: welcome\n      label: w\n",
            "content/briefing.yaml:33:11: error: reaction kind 'welcome' is declared twice",
        ),
        (
            "briefing.yaml",
            "      progress: halted\n      colour",
            "      progress: stopped\n      colour",
            "content/briefing.yaml:36:17: error: 'stopped' is not allowed for 'progress'",
        ),
    ],
    ids=[
        "reaction-kind",
        "stage-status",
        "actor-kind",
        "counts",
        "process",
        "phase-status",
        "word",
        "declared-twice",
        "progress",
    ],
)
def test_a_term_of_no_vocabulary_is_an_error_in_place(
    civic: Path, file: str, old: str, new: str, expected: str
) -> None:
    _edit(civic / file, old, new)
    found = _problems(civic)
    assert any(p.startswith(expected) for p in found), found


def test_a_suspended_stage_is_never_counted_as_done(civic: Path) -> None:
    """A stage halted by a court is not 'still pending': no overdue warning, where the same
    stage left pending past the cut-off gets one."""
    content = load(civic, civic.parent)
    assert [w.message for w in overdue_steps(content)] == []
    _edit(civic / "processes.yaml", "- status: suspended", "- status: pending")
    warned = [w.message for w in overdue_steps(load(civic, civic.parent))]
    assert warned == [
        "stage 'entry-into-force' is still 'pending' but dated 8 May 2031, before the latest "
        "edition's cut-off 9 May 2031"
    ]
