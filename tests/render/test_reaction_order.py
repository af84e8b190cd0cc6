"""Reactions by actor follow the situation: the actor that reacted first comes first (not
the alphabet), each actor's reactions in date order."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pipeline import load
from generator.render.reactions import reaction_order, reactions_by_actor

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "fixtures" / "exercise" / "content"
LATER = """
  - id: arland-statement-later
    actor: arland
    kind: statement
    summary: Said its marines will leave once the harbour is safe.
    voice: narration
    document: bulletin-2
    quote: '"We will leave once the harbour is safe."'
"""


def test_actors_come_in_the_order_of_their_first_reaction(tmp_path: Path) -> None:
    content_dir = Path(shutil.copytree(EXERCISE, tmp_path / "content"))
    reactions = content_dir / "reactions.yaml"
    reactions.write_text(reactions.read_text(encoding="utf-8") + LATER, encoding="utf-8")
    content = load(content_dir, tmp_path)
    groups = reactions_by_actor(content)
    # Arland is first by name, but reacted last (bulletin 2): it comes last.
    assert [actor.id for actor, _ in groups] == ["borvia", "cantor-foreign-ministry", "arland"]
    for _, items in groups:
        keys = [reaction_order(content, r) for r in items]
        assert keys == sorted(keys)
