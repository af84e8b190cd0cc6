"""One note per passage, every fact's words once per page, no section without content, and
a note for each citation: on every page of the example and of the exercise and civic
fixtures (issue 15)."""

from __future__ import annotations

import re

import pytest

from tests.render.pages_text import (
    body,
    citation_numbers,
    content,
    every_page,
    headings,
    normal,
    notes,
    pages,
    passages,
    visible,
)

PAGES = list(every_page())
IDS = [f"{name}:{path}" for name, path in PAGES]


def _passage_of(name: str, note: str) -> set[tuple[str, str]]:
    """The passages a note can be of: those of each fact it names (by its evidence link:
    ev-<fact> for a first passage, ev-<fact>--<document> for another document's)."""
    facts = content(name)
    candidates: set[tuple[str, str]] | None = None
    for fact, document in re.findall(r"#ev-([a-z0-9-]+?)(?:--([a-z0-9-]+))?\)", note):
        ids = {fid for fid in facts.ids if fid.replace("_", "-").lower() == fact} or {fact}
        found = {
            key
            for key, cited in passages(facts).items()
            if cited & ids
            and (
                (document and key[0].replace("_", "-").lower() == document)
                or (not document and any(facts.ids[f].record.document == key[0] for f in ids))
            )
        }
        candidates = found if candidates is None else candidates & found
    return candidates or set()


@pytest.mark.parametrize(("name", "path"), PAGES, ids=IDS)
def test_no_two_notes_quote_one_passage(name: str, path: str) -> None:
    markdown = pages(name)[path]
    found = notes(markdown)
    seen: dict[tuple[str, str], int] = {}
    for number, _, text in found:
        for passage in _passage_of(name, text):
            # A note names facts of one passage: all candidates but the shared one drop out.
            if len(_passage_of(name, text)) == 1:
                assert passage not in seen, f"notes {seen[passage]} and {number}: {passage}"
                seen[passage] = number
    # And no two notes have the same words of the same document.
    words = [
        (document, normal(text.split(" ([")[0].split(": ", 1)[-1])) for _, document, text in found
    ]
    quoted = [w for w in words if not w[1].endswith("quoted above")]
    assert len(quoted) == len(set(quoted))


@pytest.mark.parametrize(("name", "path"), PAGES, ids=IDS)
def test_every_passage_is_shown_once_a_page(name: str, path: str) -> None:
    if path == "guide.md":
        pytest.skip("the editor's guide shows field values as examples, not facts")
    text = visible(pages(name)[path])
    words = sorted({normal(w) for _, w in passages(content(name))}, key=len, reverse=True)
    repeated = {}
    for passage in words:
        if len(passage) < 20:  # a few words may be ordinary prose too
            continue
        count = text.count(passage)
        if count > 1:
            repeated[passage] = count
        text = text.replace(passage, "\0")
    assert not repeated


@pytest.mark.parametrize(("name", "path"), PAGES, ids=IDS)
def test_no_heading_over_nothing(name: str, path: str) -> None:
    markdown = pages(name)[path]
    lines = markdown.splitlines()
    found = list(headings(markdown))
    for i, level, heading in found:
        rest = [line for line in lines[i + 1 :] if line.strip()]
        assert rest and rest[0] != "---", f"{heading!r} ends the page"
        following = re.match(r"(#{1,6}) ", rest[0])
        assert not (following and len(following.group(1)) <= level), (
            f"{heading!r} is followed by {rest[0]!r}"
        )


@pytest.mark.parametrize(("name", "path"), PAGES, ids=IDS)
def test_every_citation_has_exactly_one_note(name: str, path: str) -> None:
    markdown = pages(name)[path]
    numbered = [number for number, _, _ in notes(markdown)]
    assert len(numbered) == len(set(numbered))
    assert citation_numbers(markdown) == set(numbered)


def test_a_passage_two_facts_cite_is_one_note_naming_both() -> None:
    treaty = pages("example")["treaties/russia-dprk-partnership.md"]
    (shared,) = [text for _, _, text in notes(treaty) if "#ev-duma-approval" in text]
    assert "#ev-immediate-military-aid" in shared
    assert treaty.count("[[2]](") == 2  # the stage and the provision, one note


def test_notes_name_their_document_once() -> None:
    home = pages("example")["index.md"]
    section = home.split("## Notes", 1)[1]
    assert section.count("From [S1](sources.md#report-2024-10-25)") == 1
    assert "S1, 25 Oct 2024" not in home


def test_the_chronology_shows_each_event_once() -> None:
    chronology = pages("example")["chronology.md"]
    assert "## Events" not in chronology
    for event in content("example").events:
        assert chronology.count(f'<a id="{event.id}"></a>') == 1
        assert visible(body(chronology)).count(normal(event.title)) == 1  # notes name it


def test_the_treaty_shows_its_signature_once() -> None:
    treaty = pages("example")["treaties/russia-dprk-partnership.md"]
    assert "## Signature" not in treaty
    assert treaty.count("[[1]](") == 1


def test_an_actor_no_fact_names_says_how_it_is_named() -> None:
    sources = pages("example")["sources.md"]
    section = sources.split("### Germany {: #germany }", 1)[1].split("\n### ", 1)[0]
    assert "No fact names it; the country of [German Foreign Office]" in section
