"""generator/facts/editions.py: each edition is the record cut at its data cut-off, and what
changed between two editions is exactly the difference between their cuts. On the fictional
exercise fixture (tests/fixtures/exercise): three weekly editions, one bulletin a week."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.facts.developments import Developments
from generator.facts.editions import Changes, Editions
from generator.pipeline import generate, load

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "exercise" / "content"
CONTENT = load(FIXTURE, ROOT)
EDITIONS = Editions(CONTENT, Developments(CONTENT))
WEEK = {e.id: e for e in CONTENT.editions}


def edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the fixture with ``old`` (written once) in file ``name`` replaced."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return content


def changes(edition_id: str) -> Changes:
    return EDITIONS.changes(WEEK[edition_id])


def summary(found: Changes) -> dict[str, set[str]]:
    """Every change, by kind, as ids (a relation as 'source relation target')."""
    return {
        "documents": {d.id for d in found.documents},
        "figures": {f.standing.estimate.id for f in found.figures},
        "reactions": {r.id for r in found.reactions},
        "facts": {f.id for f in found.facts},
        "relations": {f"{k.source} {k.relation} {k.target}" for k in found.relations},
        "statuses": {f"{m.step.id}: {m.before} -> {m.after}" for m in found.statuses},
        "reports": {f"{r.record.id} in {r.citation.document}" for r in found.reports},
    }


def test_editions_are_in_date_order_and_the_latest_is_home() -> None:
    assert [e.id for e in CONTENT.editions] == ["week-1", "week-2", "week-3"]
    assert CONTENT.edition.id == "week-3"


def test_the_first_edition_changes_nothing() -> None:
    first = changes("week-1")
    assert first.previous is None and first.empty


def test_week_two_has_every_kind_of_change_and_nothing_else() -> None:
    assert summary(changes("week-2")) == {
        "documents": {"bulletin-2"},
        "figures": {"bmd-300-more-sent", "con-displaced"},
        "reactions": {"cantor-summons-corrected"},
        "facts": {"leave-when-safe", "senate-ratification"},
        "relations": {"cantor-summons-corrected corrects cantor-summons"},
        "statuses": {
            "arrival-in-kell: ongoing -> completed",
            "assembly-approval: pending -> done",
        },
        "reports": {"con-hundreds-in-kell in bulletin-2"},
    }


def test_week_three_has_only_what_bulletin_three_reported() -> None:
    assert summary(changes("week-3")) == {
        "documents": {"bulletin-3"},
        "figures": {
            "con-1200-in-kell",
            "arland-500-in-kell",
            "bmd-2000-projected",
            "bmd-1500-displaced",
        },
        "reactions": set(),
        "facts": set(),
        "relations": {
            "con-1200-in-kell supersedes con-hundreds-in-kell",
            "arland-500-in-kell disputes con-1200-in-kell",
            "bmd-1500-displaced corrects con-displaced",
        },
        "statuses": set(),  # the assembly's approval is only confirmed again
        "reports": {"assembly-approval in bulletin-3"},
    }


def test_a_new_figure_is_shown_beside_the_figures_it_compares_with_as_they_stood() -> None:
    by_id = {f.standing.estimate.id: f for f in changes("week-3").figures}
    earlier = [s.estimate.id for s in by_id["con-1200-in-kell"].earlier]
    assert earlier == ["con-hundreds-in-kell"]  # current at week 2; superseded at week 3
    assert by_id["bmd-2000-projected"].earlier == ()  # the first projection
    total = {f.standing.estimate.id: f for f in changes("week-2").figures}["bmd-300-more-sent"]
    assert total.standing.total is not None and total.standing.total.low == 700


def test_a_cut_shows_the_record_as_it_stood() -> None:
    first = EDITIONS.cut(WEEK["week-1"])
    assert (first.previous, first.next) == (None, WEEK["week-2"])
    record = first.record
    assert record.is_current("con-hundreds-in-kell")  # superseded only in week 3
    assert record.is_current("cantor-summons")  # corrected only in week 2
    assert not record.known("con-1200-in-kell")
    stage = CONTENT.ids["assembly-approval"].record
    assert record.status(stage) == "pending"  # done from week 2 on
    assert [s.status for s in record.history(stage)] == ["pending"]
    deployment = CONTENT.deployments[0]
    figures = [s.estimate.id for g in record.comparisons(deployment) for s in g.standings]
    assert figures == ["bmd-400-sent", "con-hundreds-in-kell"]
    hundreds = CONTENT.ids["con-hundreds-in-kell"].record
    assert record.reported_by(hundreds) == 1  # the second report comes in week 2
    assert EDITIONS.cut(WEEK["week-2"]).record.reported_by(hundreds) == 2
    assert (first.known, first.sources) == (9, 1)
    assert EDITIONS.after_latest() == 0


def test_each_edition_page_shows_its_own_cut() -> None:
    pages = {p.path: p.markdown for p in generate(FIXTURE, root=ROOT)}
    week1 = pages["editions/week-1.md"]
    assert "The first edition: nothing to compare it with." in week1
    assert "[All editions](../editions.md)" in week1 and "week-2.md" in week1
    assert "1,200" not in week1  # reported in week 3
    assert "“hundreds” &#40;200–999&#41; present in the port of Kell" in week1
    assert "reported by 2 documents" not in week1 and "--bulletin-2" not in week1
    week3 = pages["editions/week-3.md"]
    assert "week-2.md" in week3 and "week-4" not in week3
    listing = pages["editions.md"]
    rows = [line for line in listing.splitlines() if line.startswith("| [")]
    assert [r.split("]")[0] for r in rows] == ["| [15 Mar 2030", "| [8 Mar 2030", "| [1 Mar 2030"]


def test_facts_after_the_latest_cut_off_are_counted_on_home(tmp_path: Path) -> None:
    week3 = (FIXTURE / "editions.yaml").read_text(encoding="utf-8").split("  - id: week-3")[1]
    content = edited(tmp_path, "editions.yaml", "  - id: week-3" + week3, "")
    home = next(p for p in generate(content, root=tmp_path) if p.path == "index.md").markdown
    assert "in no edition yet: 4 facts." in home
    assert "**Data cut-off:** 8 Mar 2030" in home


def test_a_figure_older_than_stale_after_shows_its_age(tmp_path: Path) -> None:
    content = edited(tmp_path, "briefing.yaml", "  summary:", "  stale_after: 7\n  summary:")
    pages = {p.path: p.markdown for p in generate(content, root=tmp_path)}
    # The ministry's total, said on 7 Mar, is 8 days old at week 3's cut-off (15 Mar).
    week3 = pages["editions/week-3.md"]
    assert "700 sent to Borvia in all](" in week3
    assert "by BMD, 7 Mar 2030, 8 days old at the cut-off [S1](" in week3
    assert week3.count("days old") == 1  # not the figures shown as they stood before
    assert "days old" not in pages["editions/week-1.md"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("    date: 2030-03-08\n", "    date: 2030-03-07\n"),
            "editions.yaml:14:11: error: edition 'week-2' is dated 7 Mar 2030, before its data "
            "cut-off 8 Mar 2030",
        ),
        (
            ("    cutoff: 2030-03-15\n", "    cutoff: 2030-03-08\n"),
            "editions.yaml:24:13: error: edition 'week-3' has cut-off 8 Mar 2030, not after that "
            "of the edition before it, 'week-2' (8 Mar 2030)",
        ),
        (
            ("  - id: week-3\n", "  - id: week-2\n"),
            "editions.yaml:22:9: error: edition id 'week-2' is already used at",
        ),
    ],
    ids=["dated-before-cutoff", "cutoffs-out-of-order", "id-twice"],
)
def test_malformed_editions_are_errors_at_their_place(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    content = edited(tmp_path, "editions.yaml", *edit)
    with pytest.raises(ContentError) as caught:
        load(content, tmp_path)
    assert message in caught.value.report()


def test_a_briefing_writes_its_edition_in_one_place_only(tmp_path: Path) -> None:
    content = edited(tmp_path, "briefing.yaml", "  summary:", "  date: 2030-03-15\n  summary:")
    with pytest.raises(ContentError) as caught:
        load(content, tmp_path)
    assert "briefing.yaml:4:3: error: the briefing writes 'date' of an edition" in (
        caught.value.report()
    )
    (content / "editions.yaml").unlink()
    with pytest.raises(ContentError) as caught:
        load(content, tmp_path)
    assert "the briefing has no edition: its 'cutoff' is missing" in caught.value.report()
