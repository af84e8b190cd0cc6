"""generator/facts/developments.py: what follows from the record, on the fictional exercise
fixture (tests/fixtures/exercise) and the example."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.facts.developments import Developments
from generator.facts.model import Deployment, Stage
from generator.pipeline import load
from tests.conftest import REPORT_CONTENT

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "exercise" / "content"
EXERCISE = Developments(load(FIXTURE, ROOT))
EXAMPLE = Developments(load(REPORT_CONTENT, ROOT))


def deployment(developments: Developments) -> Deployment:
    return developments.content.deployments[0]


def test_relations_read_both_ways_and_nothing_is_dropped() -> None:
    assert EXERCISE.of("con-1200-in-kell") == [
        ("supersedes", "con-hundreds-in-kell"),
        ("disputed by", "arland-500-in-kell"),
    ]
    assert EXERCISE.of("con-hundreds-in-kell") == [("superseded by", "con-1200-in-kell")]
    assert EXERCISE.of("cantor-summons") == [("corrected by", "cantor-summons-corrected")]
    assert EXERCISE.of("con-displaced") == [("corrected by", "bmd-1500-displaced")]
    assert not EXERCISE.is_current("con-displaced")
    assert not EXERCISE.is_current("con-hundreds-in-kell")
    assert not EXERCISE.is_current("cantor-summons")
    assert EXERCISE.is_current("con-1200-in-kell")  # disputed, still current
    assert "con-hundreds-in-kell" in EXERCISE.content.ids  # kept on the record


def test_a_running_total_adds_a_claimants_figures() -> None:
    estimates = {e.id: e for e in deployment(EXERCISE).estimates}
    total = EXERCISE.total(estimates["bmd-300-more-sent"])
    assert total is not None
    assert [p.id for p in total.parts] == ["bmd-400-sent", "bmd-300-more-sent"]
    assert (total.low, total.high, total.value) == (700, 700, 700)
    assert EXERCISE.total(estimates["bmd-400-sent"]) is None


def test_comparisons_put_only_like_beside_like() -> None:
    groups = EXERCISE.comparisons(deployment(EXERCISE))
    shown = [
        (g.measure.id, g.counts, [(s.estimate.id, s.total.value if s.total else None)
                                  for s in g.standings])
        for g in groups
    ]  # fmt: skip
    assert shown == [
        ("marines", "sent", [("bmd-300-more-sent", 700)]),
        ("marines", "present", [("arland-500-in-kell", None), ("con-1200-in-kell", None)]),
        ("marines", "projected", [("bmd-2000-projected", None)]),
        ("displaced", "present", [("bmd-1500-displaced", None)]),  # CON's is corrected
    ]


def test_the_example_headline_is_each_claimants_latest_and_nis_in_all() -> None:
    groups = EXAMPLE.comparisons(deployment(EXAMPLE))
    assert [(g.counts, [s.estimate.id for s in g.standings]) for g in groups] == [
        ("sent", ["nis-1500-more-sent"]),
        ("training", ["us-3000-training"]),
        ("present", ["kirby-3000-east"]),
        ("projected", ["seoul-12000-projected"]),
    ]
    total = groups[0].standings[0].total
    assert total is not None and total.value == 3000
    assert all(len(g.standings) == 1 for g in groups)  # no claimant contradicts another


def test_figures_of_another_scope_are_not_compared(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    path = content / "deployments.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    arland = next(e for e in data["deployments"][0]["estimates"] if e["id"] == "arland-500-in-kell")
    arland.pop("scope_place")
    arland["scope"] = "in Borvia"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    developments = Developments(load(content, tmp_path))
    present = [g for g in developments.comparisons(deployment(developments))
               if g.counts == "present" and g.measure.id == "marines"]  # fmt: skip
    assert sorted((g.scope, len(g.standings)) for g in present) == [
        ("in Borvia", 1),
        ("in Kell", 1),
    ]


def test_a_status_history_is_in_the_order_reported_and_the_latest_is_current() -> None:
    stage = next(
        s for t in EXERCISE.content.treaties for s in t.stages if s.id == "assembly-approval"
    )
    assert isinstance(stage, Stage)
    history = EXERCISE.history(stage)
    assert [(h.status, h.document, h.as_of.label()) for h in history] == [
        ("pending", "bulletin-1", "1 Mar 2030"),
        ("done", "bulletin-2", "8 Mar 2030"),
    ]
    assert EXERCISE.status(stage) == "done"
    assert stage.status == "pending"  # what the first document said stays


def test_reported_by_counts_documents() -> None:
    estimates = {e.id: e for e in deployment(EXERCISE).estimates}
    assert EXERCISE.reported_by(estimates["con-hundreds-in-kell"]) == 2
    assert EXERCISE.reported_by(estimates["bmd-400-sent"]) == 1


def test_without_a_measure_figures_count_the_force() -> None:
    plain = deployment(EXAMPLE).model_copy(update={"measure": None})
    measure = EXAMPLE.measure(plain, plain.estimates[0])
    assert (measure.name, measure.unit) == ("North Korean soldiers", "North Korean soldiers")
