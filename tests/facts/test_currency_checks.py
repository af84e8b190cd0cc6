# ruff: noqa: E501  (each case is its YAML and its exact message, one line each)
"""Currency warnings (generator/facts/currency.py): whether each edition says what was known
at its cut-off. On a copy of the fictional exercise fixture (tests/fixtures/exercise: bulletins
of 1, 8 and 15 March 2030), with a briefing and editions of each test's own. A place in a
fixture file is looked up in it (others edit the fixture); a place in a file written here is
spelt out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.facts.advisories import RULES, findings
from generator.pipeline import load

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exercise" / "content"
BRIEFING = """\
briefing:
  title: "Exercise GREY HARBOUR (fictional): Arlandic marines in Borvia"
{extra}measures:
  - id: marines
    name: Marines
    unit: marines
  - id: displaced
    name: People displaced
    unit: residents
"""
E1 = """\
  - id: e1
    date: 2030-03-01
    cutoff: 2030-03-01
    takeaways:
      - text: The Borvian Assembly has yet to approve the agreement.
        cites: [assembly-approval]
      - text: Marines crossed by ferry.
        cites: [ferry-crossing]
"""
E2 = """\
  - id: e2
    date: 2030-03-08
    cutoff: 2030-03-08
    takeaways:
      - text: {text}
        cites: [{cites}]
      - text: Marines crossed by ferry.
        cites: [ferry-crossing]
"""
E3 = """\
  - id: e3
    date: 2030-03-15
    cutoff: 2030-03-15
    takeaways:
      - text: About 1,200 marines are in Kell, says the Coastal Observers Network.
        cites: [con-1200-in-kell]
"""
APPROVED = "The Borvian Assembly approved the agreement."


LEGACY = """\
  date: 2030-03-15
  cutoff: 2030-03-15
  takeaways:
    - text: Hundreds of marines are in Kell.
      cites: [con-hundreds-in-kell]
"""
"""A briefing of one edition, written in the briefing itself."""


def exercise(
    tmp_path: Path,
    *editions: str,
    briefing_extra: str = "",
    files: dict[str, str] | None = None,
) -> Path:
    """The fixture copied into ``tmp_path/content``, its briefing ours (with
    ``briefing_extra``), ``editions.yaml`` holding these editions (none: no such file) and
    ``files`` (over)written."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "editions.yaml").unlink(missing_ok=True)
    briefing = BRIEFING.format(extra=briefing_extra)
    (content / "briefing.yaml").write_text(briefing, encoding="utf-8")
    if editions:
        (content / "editions.yaml").write_text("editions:\n" + "".join(editions), "utf-8")
    for name, text in (files or {}).items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def at(content: Path, name: str, line_with: str, value: str) -> str:
    """``content/NAME:LINE:COLUMN`` of ``value`` on the first line of file NAME that holds
    ``line_with``."""
    lines = (content / name).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line_with in line)
    return f"content/{name}:{number}:{lines[number - 1].index(value) + 1}"


def warned(content: Path, rule: str) -> list[str]:
    """The warnings of one rule, formatted, paths from ``content``'s parent."""
    found = findings(load(content, root=content.parent))
    return [p.format() for r, p in found if r == rule]


def second(text: str = APPROVED, cites: str = "assembly-approval") -> str:
    return E2.format(text=text, cites=cites)


def test_every_currency_rule_is_listed() -> None:
    ids = {rule.id for rule in RULES}
    currency = {
        "after-cutoff",
        "takeaway-not-current",
        "takeaway-carried-over",
        "overdue-stage",
        "stale-figure",
    }
    assert currency <= ids


def test_the_three_editions_warn_of_nothing_current(tmp_path: Path) -> None:
    content = exercise(tmp_path, E1, second(), E3)
    currency = {"after-cutoff", "takeaway-not-current", "takeaway-carried-over", "stale-figure"}
    found = [r for r, _ in findings(load(content, root=content.parent)) if r in currency]
    assert found == []


# --- after-cutoff --------------------------------------------------------------------------


def test_a_document_after_the_latest_cutoff(tmp_path: Path) -> None:
    content = exercise(tmp_path, E1, second())
    assert warned(content, "after-cutoff") == [
        f"{at(content, 'sources.yaml', 'id: bulletin-3', 'bulletin-3')}: warning: document "
        "'bulletin-3' was published 15 Mar 2030, "
        "after the cut-off of the latest edition 'e2' (8 Mar 2030): 5 facts cite it "
        "(4 first reports, 1 further report): they show on the site's pages but in no "
        "edition (hint: start the next edition (see the editor's guide) with a cut-off on or "
        "after 2030-03-15)"
    ]


def test_status_updates_count_among_the_facts_citing_a_document(tmp_path: Path) -> None:
    content = exercise(tmp_path, E1)
    shown = warned(content, "after-cutoff")
    assert len(shown) == 2
    assert shown[0].startswith(
        f"{at(content, 'sources.yaml', 'id: bulletin-2', 'bulletin-2')}: warning: document "
        "'bulletin-2' was published 8 Mar 2030, after the cut-off of the latest edition 'e1' "
        "(1 Mar 2030): 8 facts cite it (5 first reports, 1 further report, 2 status updates)"
    )


def test_no_document_after_the_latest_cutoff(tmp_path: Path) -> None:
    assert warned(exercise(tmp_path, E1, second(), E3), "after-cutoff") == []


def test_the_briefings_own_edition_is_the_latest(tmp_path: Path) -> None:
    # The briefing writes its one edition itself, cut off on 15 March.
    assert warned(exercise(tmp_path, briefing_extra=LEGACY), "after-cutoff") == []


def test_an_undated_document_is_in_no_edition(tmp_path: Path) -> None:
    extra = (
        "documents:\n  - id: bulletin-x\n    title: Undated bulletin\n"
        "    published: {text: recently}\n"
    )
    content = exercise(tmp_path, E1, second(), E3, files={"extra.yaml": extra})
    assert warned(content, "after-cutoff") == [
        "content/extra.yaml:2:9: warning: document 'bulletin-x' gives no publication date, so "
        "no edition's cut-off includes it: no fact cites it yet; it is listed on the Sources "
        "page but in no edition (hint: give 'published' a date (YYYY-MM-DD; keep the source's words "
        "in 'text' beside 'date:'))"
    ]


# --- takeaway-not-current ------------------------------------------------------------------


def test_a_takeaway_citing_a_fact_corrected_by_its_cutoff(tmp_path: Path) -> None:
    content = exercise(
        tmp_path, E1, second("Cantor summoned the Arlandic ambassador.", "cantor-summons"), E3
    )
    assert warned(content, "takeaway-not-current") == [
        "content/editions.yaml:15:17: warning: takeaway 1 of edition 'e2' cites 'cantor-summons', "
        "already corrected by 'cantor-summons-corrected' at the edition's cut-off 8 Mar 2030 "
        "(hint: cite 'cantor-summons-corrected' instead, and say what it says now (a takeaway "
        "about the change cites both))"
    ]


def test_an_old_edition_may_cite_what_was_current_at_its_cutoff(tmp_path: Path) -> None:
    # Corrected on 8 March, but current at the cut-off of 1 March.
    first = E1.replace("cites: [ferry-crossing]", "cites: [cantor-summons]")
    assert warned(exercise(tmp_path, first, second(), E3), "takeaway-not-current") == []


def test_a_takeaway_about_the_change_cites_both(tmp_path: Path) -> None:
    cites = "cantor-summons, cantor-summons-corrected"
    content = exercise(tmp_path, E1, second("Cantor corrected its summons.", cites), E3)
    assert warned(content, "takeaway-not-current") == []


def test_a_takeaway_citing_the_future(tmp_path: Path) -> None:
    content = exercise(
        tmp_path, E1, second("About 1,200 marines.", "ferry-crossing, con-1200-in-kell"), E3
    )
    assert warned(content, "takeaway-not-current") == [
        "content/editions.yaml:15:33: warning: takeaway 1 of edition 'e2' cites "
        "'con-1200-in-kell', first reported 15 Mar 2030 (in 'bulletin-3'), after the "
        "edition's cut-off 8 Mar 2030 (hint: cite only what was reported by the cut-off, or "
        "move this to an edition whose cut-off is on or after 2030-03-15)"
    ]


def test_an_assessment_citing_a_superseded_claim(tmp_path: Path) -> None:
    third = E3 + (
        "    assessments:\n      - id: kell-hundreds\n"
        "        text: Hundreds of marines are in Kell.\n        cites: [con-hundreds-in-kell]\n"
    )
    content = exercise(tmp_path, E1, second(), third)
    assert warned(content, "takeaway-not-current") == [
        "content/editions.yaml:27:17: warning: assessment 'kell-hundreds' of edition 'e3' cites "
        "'con-hundreds-in-kell', already superseded by 'con-1200-in-kell' at the edition's "
        "cut-off 15 Mar 2030 (hint: cite 'con-1200-in-kell' instead, and say what it says now "
        "(a takeaway about the change cites both))"
    ]


def test_the_briefings_own_takeaway_is_placed_in_the_briefing(tmp_path: Path) -> None:
    content = exercise(tmp_path, briefing_extra=LEGACY)
    assert warned(content, "takeaway-not-current") == [
        "content/briefing.yaml:7:15: warning: takeaway 1 of edition '2030-03-15' cites "
        "'con-hundreds-in-kell', already superseded by 'con-1200-in-kell' at the edition's "
        "cut-off 15 Mar 2030 (hint: cite 'con-1200-in-kell' instead, and say what it says now "
        "(a takeaway about the change cites both))"
    ]


# --- takeaway-carried-over -----------------------------------------------------------------


def test_a_takeaway_carried_over_though_its_stage_moved(tmp_path: Path) -> None:
    carried = second("The Borvian Assembly has yet to approve the agreement.")
    content = exercise(tmp_path, E1, carried, E3)
    assert warned(content, "takeaway-carried-over") == [
        "content/editions.yaml:14:15: warning: takeaway 1 of edition 'e2' is carried over "
        "unchanged from edition 'e1', but stage 'assembly-approval' moved pending -> done since "
        "(hint: rewrite it for this edition: say what it says now, and cite what is current)"
    ]


def test_a_carried_over_takeaway_citing_a_claim_corrected_since(tmp_path: Path) -> None:
    first = E1.replace("cites: [ferry-crossing]", "cites: [ferry-crossing, cantor-summons]")
    later = second().replace("cites: [ferry-crossing]", "cites: [ferry-crossing, cantor-summons]")
    content = exercise(tmp_path, first, later, E3)
    assert warned(content, "takeaway-carried-over") == [
        "content/editions.yaml:16:15: warning: takeaway 2 of edition 'e2' is carried over "
        "unchanged from edition 'e1', but 'cantor-summons' was corrected by "
        "'cantor-summons-corrected' since (hint: rewrite it for this edition: say what it says "
        "now, and cite what is current)"
    ]


def test_a_takeaway_carried_over_when_nothing_it_cites_moved(tmp_path: Path) -> None:
    # 'Marines crossed by ferry.' is in both editions; the phase did not move.
    assert warned(exercise(tmp_path, E1, second(), E3), "takeaway-carried-over") == []


# --- overdue-stage -------------------------------------------------------------------------


def _dated(name: str, after: str, when: str) -> dict[str, str]:
    text = (FIXTURE / name).read_text(encoding="utf-8")
    assert after in text
    return {name: text.replace(after, after + when, 1)}


def test_a_phase_still_expected_after_its_date(tmp_path: Path) -> None:
    files = _dated(
        "deployments.yaml",
        "        name: Move inland\n        status: expected\n",
        "        when: 2030-03-10\n",
    )
    content = exercise(tmp_path, E1, second(), E3, files=files)
    place = at(content, "deployments.yaml", "id: move-inland-expected", "move-inland-expected")
    assert warned(content, "overdue-stage") == [
        f"{place}: warning: phase 'move-inland-expected' is still "
        "'expected' but dated 10 Mar 2030, before the latest edition's cut-off 15 Mar 2030 "
        "(hint: add its later status under 'updates:' (completed?), or correct its date)"
    ]


def test_a_status_reported_after_the_cutoff_does_not_count(tmp_path: Path) -> None:
    files = _dated(
        "treaties.yaml",
        "        body: borvian-assembly\n        status: pending\n",
        "        when: 2030-02\n",
    )
    content = exercise(tmp_path, E1, files=files)
    place = at(content, "treaties.yaml", "id: assembly-approval", "assembly-approval")
    assert warned(content, "overdue-stage") == [
        f"{place}: warning: stage 'assembly-approval' is still 'pending' "
        "but dated Feb 2030, before the latest edition's cut-off 1 Mar 2030 (hint: its later "
        "status 'done' ('bulletin-2', 8 Mar 2030) is after the cut-off: start the next edition "
        "(see the editor's guide) with a cut-off on or after 2030-03-08)"
    ]


def test_a_stage_done_by_the_cutoff_is_not_overdue(tmp_path: Path) -> None:
    files = _dated(
        "treaties.yaml",
        "        body: borvian-assembly\n        status: pending\n",
        "        when: 2030-02\n",
    )
    assert warned(exercise(tmp_path, E1, second(), files=files), "overdue-stage") == []


# --- stale-figure --------------------------------------------------------------------------


def test_a_headline_figure_older_than_stale_after(tmp_path: Path) -> None:
    content = exercise(tmp_path, E1, second(), E3, briefing_extra="  stale_after: 5\n")
    place = at(content, "deployments.yaml", "id: bmd-300-more-sent", "bmd-300-more-sent")
    assert warned(content, "stale-figure") == [
        f"{place}: warning: figure 'bmd-300-more-sent' (another 300 "
        "marines, sent to Borvia; 700 in all, by Borvian Ministry of Defence) is 8 days old at "
        "the cut-off of edition 'e3' (15 Mar 2030): claimed 7 Mar 2030 (hint: find a newer "
        "figure, or raise 'stale_after' in briefing.yaml)"
    ]


def test_figures_within_stale_after(tmp_path: Path) -> None:
    assert warned(exercise(tmp_path, E1, second(), E3), "stale-figure") == []


def test_a_superseded_figure_is_not_a_headline(tmp_path: Path) -> None:
    # 'hundreds' has no 'claimed': it was said when bulletin 1 was published (1 March). At
    # the cut-off of 8 March it is 7 days old; at 15 March it is superseded, no headline.
    def stale(content: Path) -> list[str]:
        return [line.split("'")[1] for line in warned(content, "stale-figure")]

    extra = "  stale_after: 5\n"
    assert stale(exercise(tmp_path / "a", E1, second(), briefing_extra=extra)) == [
        "con-hundreds-in-kell"
    ]
    assert stale(exercise(tmp_path / "b", E1, second(), E3, briefing_extra=extra)) == [
        "bmd-300-more-sent"
    ]


# --- the command ---------------------------------------------------------------------------


def test_validate_prints_a_currency_warning_at_its_place(tmp_path: Path, run) -> None:
    content = exercise(tmp_path, E1, second())
    result = run("validate", "--content", "content")
    assert result.exit_code == 0
    place = at(content, "sources.yaml", "id: bulletin-3", "bulletin-3")
    assert f"{place}: warning: document 'bulletin-3' was published 15 Mar 2030" in result.output
    sarif = json.loads(run("validate", "--content", "content", "--format", "sarif").output)
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {
        "after-cutoff",
        "takeaway-not-current",
        "takeaway-carried-over",
        "stale-figure",
    } <= rules
    assert "after-cutoff" in {r["ruleId"] for r in sarif["runs"][0]["results"]}
