"""A Hypothesis strategy for whole content folders that should validate: every fact kind and
field, titles drawn to collide with ids and with the pages' own headings, whitespace of every
kind the loader lets through, references that resolve, and the consistency rules kept
(figures in their quotes, speakers for their originators, dates in order and not after the
document, no adds_to cycle). Used by test_build_property.py."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.facts.test_properties import SLUG, SYNTAX

Draw = Callable[..., Any]

# Whitespace the loader accepts (no Cc but tab, newline and carriage return; no Zl/Zp), in
# titles, names, quotes and the words of dates.
WHITESPACE = st.sampled_from(
    [" ", "  ", "\t", "\n", "\r\n", " \t ", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f"]
    + ["\u205f", "\u3000", "\u1680", "\r", "   \n  "]
)
# The ids the built-in templates' headings get, and the theme's: a fact or a title may
# take any of them.
HEADING_IDS = [
    "estimates", "range-of-estimates", "route-and-phases", "other-reported-points", "notes",
    "stage-tracker", "signature", "key-provisions", "who-reacted-how", "headline-figures",
    "other-deployments", "chronology", "treaties", "undated", "events", "documents",
    "actors", "places", "sources", "index", "tags", "method", "con", "nul",
]  # fmt: skip
WORDS = st.sampled_from(
    ["Baseline", "brief", "Energy", "policy", "Kursk", "é", "北京", "Notes", "Estimates"]
    + ["Signature", "__drawer", "__search", "_1", "S1:", "ev", "1.", "-", "#", "{: #x }"]
)
PLAIN_TEXT = st.lists(
    st.one_of(WORDS, st.text(alphabet=SYNTAX.replace("<", "").replace(">", ""), max_size=4)),
    min_size=1,
    max_size=4,
)
SYLLABLES = st.sampled_from(["baseline-brief", "energy", "kursk", "a", "x1", "nis-1500", "b-2"])
FIRST_DAY = dt.date(2024, 1, 1)
GLOSSARY = {"Kursk": "A *b* | c", "NATO": "x\n{: #y }", "NIS": "National\tIntelligence  Service"}


def spaced(draw: Draw, words: list[str]) -> str:
    """Words joined by whitespace of any kind, sometimes with some before and after."""
    out = draw(st.sampled_from(["", "", " ", "\t", "\n"]))
    for index, word in enumerate(words):
        out += (draw(WHITESPACE) if index else "") + word
    return out + draw(st.sampled_from(["", "", "  ", "\t", "\r\n"]))


def colliding_title(draw: Draw, value: str) -> str:
    """A title whose heading id is ``value``: its words, in any case, spaced any way."""
    case = draw(st.sampled_from([str.lower, str.title, str.upper, str.capitalize]))
    words = [case(word) for word in value.split("-")]
    return spaced(draw, words) + draw(st.sampled_from(["", "", "!", "?", " :", "'"]))


def words_text(draw: Draw, *, limit: int = 200) -> str:
    """Some text with syntax and whitespace of every kind, valid as a title (no '<', '>' or
    character reference), within ``limit`` characters."""
    text = spaced(draw, draw(PLAIN_TEXT))
    if not text.strip() or html.unescape(text) != text or len(text) > limit:
        return "Plain words"
    return text


def title_for(draw: Draw, ids: list[str]) -> str:
    """A title: drawn to collide with one of ``ids`` or with a heading, or just words."""
    kind = draw(st.integers(0, 3))
    if kind == 0 and ids:
        return colliding_title(draw, draw(st.sampled_from(ids)))
    if kind == 1:
        return colliding_title(draw, draw(st.sampled_from(HEADING_IDS)))
    return words_text(draw)


@dataclass
class Builder:
    """One content folder being drawn: its ids, actors, documents and facts."""

    draw: Draw
    ids: list[str]
    documents: list[dict[str, Any]] = field(default_factory=list)
    published: dict[str, dt.date] = field(default_factory=dict)
    actors: list[dict[str, Any]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    quotes: dict[str, list[str]] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)

    def take(self) -> str:
        return self.ids.pop()

    def day_until(self, last: dt.date) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.draw(st.integers(0, (last - FIRST_DAY).days)))

    def when(self, last: dt.date, *, optional: bool = True) -> Any:
        """A date no later than ``last``: shorthand or the source's words beside it."""
        if optional and self.draw(st.booleans()):
            return None
        day = self.day_until(last)
        shape = self.draw(st.integers(0, 3))
        if shape == 0:
            return day.isoformat()
        if shape == 1:
            return {"text": spaced(self.draw, ["in", "the", "spring"]), "date": day.isoformat()}
        if shape == 2:
            start = self.day_until(day)
            return {"text": "between early and mid-month", "from": str(start), "to": str(day)}
        return {"text": spaced(self.draw, ["recently"])}

    def evidence(self, figure: str = "") -> dict[str, Any]:
        """A document and a quote from it (with ``figure`` in it), that its archive holds."""
        document = self.draw(st.sampled_from(self.documents))
        quote = spaced(self.draw, [words_text(self.draw, limit=60), figure, "said."]).strip()
        self.quotes.setdefault(document["id"], []).append(quote)
        return {"document": document["id"], "quote": quote}

    def claim(self, figure: str = "") -> tuple[dict[str, Any], dt.date]:
        """A claim's evidence and voice; and the date of its document (nothing after it)."""
        record = self.evidence(figure)
        originator = self.draw(st.sampled_from([None, *[a["id"] for a in self.actors]]))
        if originator is not None:
            record["originator"] = originator
            speakers = [a["id"] for a in self.actors if a.get("speaks_for") == originator]
            if speakers and self.draw(st.booleans()):
                record["speaker"] = self.draw(st.sampled_from(speakers))
        record["credibility"] = self.draw(st.sampled_from(["not graded", "2", "6"]))
        voices = ["reported", "narration", *(["quote"] if originator else [])]
        if self.draw(st.booleans()):
            record["voice"] = self.draw(st.sampled_from(voices))
        if originator is not None and self.draw(st.integers(0, 3)) == 0:
            record["inferred"] = words_text(self.draw)
        self.also_reported(record)
        return record, self.published[record["document"]]

    def also_reported(self, record: dict[str, Any]) -> None:
        """Sometimes a further citation, from a document no earlier than the first."""
        first = self.published[record["document"]]
        later = [
            d["id"]
            for d in self.documents
            if d["id"] != record["document"] and self.published[d["id"]] >= first
        ]
        if later and self.draw(st.booleans()):
            document = self.draw(st.sampled_from(later))
            quote = spaced(self.draw, [words_text(self.draw, limit=60), "also said."]).strip()
            self.quotes.setdefault(document, []).append(quote)
            record["also_reported_in"] = [{"document": document, "quote": quote}]

    def actor_id(self) -> str:
        return str(self.draw(st.sampled_from([a["id"] for a in self.actors])))


def _documents(b: Builder) -> None:
    for _ in range(b.draw(st.integers(1, 2))):
        day = b.day_until(dt.date(2024, 12, 31))
        document: dict[str, Any] = {
            "id": b.take(),
            "title": title_for(b.draw, b.ids),
            "published": day.isoformat(),
        }
        if b.draw(st.booleans()):
            document["publisher"] = words_text(b.draw)
        if b.draw(st.booleans()):
            document["url"] = b.draw(
                st.sampled_from(["https://example.org/a?b=1#c", "mailto:x@example.org"])
            )
        b.documents.append(document)
        b.published[document["id"]] = day


def _actors(b: Builder) -> None:
    for index in range(b.draw(st.integers(2, 4))):
        actor: dict[str, Any] = {
            "id": b.take(),
            "name": title_for(b.draw, b.ids),
            "kind": "state"
            if index == 0
            else b.draw(st.sampled_from(["organisation", "person", "group"])),
        }
        if index and b.draw(st.booleans()):
            actor["country"] = b.actors[0]["id"]
        if index and b.draw(st.booleans()):
            actor["speaks_for"] = b.draw(st.sampled_from([a["id"] for a in b.actors]))
        if b.draw(st.booleans()):
            actor["short"] = b.draw(st.sampled_from(["NIS", "A\tB", "x y"]))
            actor["role"] = words_text(b.draw)
        actor["reliability"] = b.draw(st.sampled_from(["not graded", "B", "F"]))
        b.actors.append(actor)


def _places(b: Builder) -> list[dict[str, Any]]:
    places = []
    for _ in range(b.draw(st.integers(0, 2))):
        place = {
            "id": b.take(),
            "name": title_for(b.draw, b.ids),
            "lat": b.draw(st.floats(-90, 90)),
            "lon": b.draw(st.floats(-180, 180)),
            "basis": words_text(b.draw),
        }
        b.places.append(place["id"])
        places.append(place)
    return places


def _estimate(b: Builder, earlier: list[str]) -> dict[str, Any]:
    estimate_id = b.take()
    low = b.draw(st.integers(0, 10**6))
    ranged = b.draw(st.booleans())
    high = low + b.draw(st.integers(0, 10**5))
    figure = f"{low:,} to {high:,}" if ranged else b.draw(st.sampled_from([f"{low:,}", str(low)]))
    claim, last = b.claim(figure)
    estimate: dict[str, Any] = {"id": estimate_id, **claim}
    estimate.update({"low": low, "high": high} if ranged else {"value": low})
    estimate["qualifier"] = b.draw(st.sampled_from(["exact", "about", "at-least", "up-to"]))
    estimate["counts"] = b.draw(
        st.sampled_from(["sent", "training", "front", "present", "projected"])
    )
    for name in ("as_of", "claimed"):
        when = b.when(last)
        if when is not None:
            estimate[name] = when
    if earlier and b.draw(st.booleans()):
        estimate["adds_to"] = b.draw(st.sampled_from(earlier))
    if earlier and b.draw(st.booleans()):
        estimate["disputes"] = b.draw(st.sampled_from(earlier))
    for name in ("hedge", "scope"):
        if b.draw(st.booleans()):
            estimate[name] = words_text(b.draw)
    earlier.append(estimate_id)
    return estimate


def _deployments(b: Builder) -> list[dict[str, Any]]:
    deployments = []
    estimates: list[str] = []
    for _ in range(b.draw(st.integers(0, 2))):
        deployment_id = b.take()
        deployment: dict[str, Any] = {
            "id": deployment_id,
            "title": colliding_title(b.draw, deployment_id)
            if b.draw(st.booleans())
            else title_for(b.draw, b.ids),
            "force": words_text(b.draw),
            "origin": b.actor_id(),
            "destination": b.actor_id(),
        }
        if b.places:
            deployment["starts_at"] = b.draw(st.sampled_from(b.places))
        if b.draw(st.booleans()):
            deployment["summary"] = words_text(b.draw)
        if b.measures and b.draw(st.booleans()):
            deployment["measure"] = b.measures[0]
        deployment["route"] = [_phase(b) for _ in range(b.draw(st.integers(0, 2)))]
        deployment["estimates"] = [
            _estimate(b, estimates) for _ in range(b.draw(st.integers(0, 3)))
        ]
        deployment["notes"] = [
            {"id": b.take(), "text": words_text(b.draw), **b.claim()[0]}
            for _ in range(b.draw(st.integers(0, 1)))
        ]
        b.facts += [deployment_id, *(r["id"] for r in deployment["route"] + deployment["notes"])]
        b.facts += [e["id"] for e in deployment["estimates"]]
        deployments.append(deployment)
    return deployments


def _phase(b: Builder) -> dict[str, Any]:
    claim, last = b.claim()
    phase: dict[str, Any] = {
        "id": b.take(),
        "name": title_for(b.draw, b.ids),
        "status": b.draw(st.sampled_from(["completed", "ongoing", "expected"])),
        **claim,
    }
    when = b.when(last)
    if when is not None:
        phase["when"] = when
    if b.places and b.draw(st.booleans()):
        phase["arrives_at"] = b.draw(st.sampled_from(b.places))
    return phase


def _updates(b: Builder, step: dict[str, Any]) -> None:
    """Sometimes a later status, from a document no earlier than the step's."""
    first = b.published[step["document"]]
    later = [d["id"] for d in b.documents if b.published[d["id"]] >= first]
    if not b.draw(st.booleans()):
        return
    document = b.draw(st.sampled_from(later))
    quote = spaced(b.draw, [words_text(b.draw, limit=60), "now."]).strip()
    b.quotes.setdefault(document, []).append(quote)
    status = b.draw(st.sampled_from(["done", "pending", "expected"]))
    step["updates"] = [{"status": status, "document": document, "quote": quote}]


def _treaties(b: Builder) -> list[dict[str, Any]]:
    if not b.draw(st.booleans()):
        return []
    treaty_id = b.take()
    treaty: dict[str, Any] = {
        "id": treaty_id,
        "title": colliding_title(b.draw, treaty_id)
        if b.draw(st.booleans())
        else title_for(b.draw, b.ids),
        "parties": [b.actors[0]["id"], b.actor_id()],
    }
    evidence = b.evidence()
    last = b.published[evidence["document"]]
    day = b.day_until(last)
    if b.draw(st.booleans()):
        treaty["signature"] = {"id": b.take(), "when": day.isoformat(), "place": words_text(b.draw)}
        treaty["signature"]["signatories"] = [b.actor_id()]
        treaty["signature"].update(evidence)
    treaty["provisions"] = [
        {"id": b.take(), "text": words_text(b.draw), "article": "Article 4", **b.evidence()}
        for _ in range(b.draw(st.integers(0, 1)))
    ]
    stages = []
    for _ in range(b.draw(st.integers(0, 3))):
        claim, published = b.claim()
        stage = {"id": b.take(), "name": title_for(b.draw, b.ids), **claim, "status": "pending"}
        if b.draw(st.booleans()) and day <= published:
            day = day + dt.timedelta(days=b.draw(st.integers(0, (published - day).days)))
            stage["when"] = day.isoformat()
            stage["status"] = b.draw(st.sampled_from(["done", "pending", "expected"]))
        stage["body"] = b.actor_id()
        _updates(b, stage)
        stages.append(stage)
    treaty["stages"] = stages
    b.facts += [treaty_id, *(s["id"] for s in stages)]
    return [treaty]


def _reactions(b: Builder) -> list[dict[str, Any]]:
    reactions = []
    for _ in range(b.draw(st.integers(0, 3))):
        claim, last = b.claim()
        reaction: dict[str, Any] = {
            "id": b.take(),
            "actor": b.actor_id(),
            "kind": b.draw(st.sampled_from(["statement", "denial", "summons", "sanctions"])),
            "summary": words_text(b.draw),
            **claim,
        }
        reaction.pop("speaker", None)
        reaction.pop("originator", None)
        when = b.when(last)
        if when is not None:
            reaction["when"] = when
        if b.facts:
            reaction["responds_to"] = b.draw(
                st.lists(st.sampled_from(b.facts), max_size=2, unique=True)
            )
        if not reaction.get("responds_to"):
            reaction["about"] = words_text(b.draw)
        if b.draw(st.booleans()):
            reaction["diplomat"] = words_text(b.draw)
        reactions.append(reaction)
    b.facts += [r["id"] for r in reactions]
    return reactions


def _events(b: Builder) -> list[dict[str, Any]]:
    events = []
    for _ in range(b.draw(st.integers(0, 2))):
        event_id = b.take()
        claim, last = b.claim()
        event = {"id": event_id, "title": colliding_title(b.draw, event_id), **claim}
        when = b.when(last)
        if when is not None:
            event["when"] = when
        events.append(event)
    b.facts += [e["id"] for e in events]
    return events


def _briefing(b: Builder) -> dict[str, Any]:
    briefing: dict[str, Any] = {
        "title": title_for(b.draw, b.ids),
        "date": "2025-01-01",
        "cutoff": "2025-01-01",
        "summary": words_text(b.draw),
    }
    if b.facts:
        cites = b.draw(st.lists(st.sampled_from(b.facts), min_size=1, max_size=3, unique=True))
        briefing["takeaways"] = [{"text": words_text(b.draw), "cites": cites}]
        if b.draw(st.booleans()):
            briefing["assessments"] = [
                {
                    "id": b.take(),
                    "text": "The figures will likely rise.",
                    "likelihood": "likely",
                    "confidence": "low",
                    "cites": cites,
                }
            ]
    return briefing


def draw_ids(draw: Draw, count: int) -> list[str]:
    """``count`` distinct ids: a heading's, a plain slug, or 'ev-' and another id (the
    Sources page's anchor of that fact's evidence)."""
    ids: list[str] = []
    for index in range(count):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            wanted = draw(st.sampled_from(HEADING_IDS))
        elif kind == 1 and ids:
            wanted = "ev-" + draw(st.sampled_from(ids))
        elif kind == 2:
            wanted = draw(SLUG)
        else:
            wanted = f"{draw(SYLLABLES)}-{index}"
        ids.append(wanted if wanted not in ids and len(wanted) <= 64 else f"fact-{index}")
    return ids


@st.composite
def contents(draw: Draw) -> dict[str, Any]:
    """The facts of one content folder, as one YAML (JSON) mapping, plus its documents'
    archived text under the key ``"archives"`` (file name -> text)."""
    b = Builder(draw, draw_ids(draw, 40))
    _documents(b)
    _actors(b)
    places = _places(b)
    measures = [
        {"id": b.take(), "name": title_for(b.draw, b.ids), "unit": words_text(b.draw)}
        for _ in range(draw(st.integers(0, 1)))
    ]
    b.measures = [m["id"] for m in measures]
    deployments = _deployments(b)
    treaties = _treaties(b)
    events = _events(b)
    reactions = _reactions(b)
    facts: dict[str, Any] = {
        "briefing": _briefing(b),
        "documents": b.documents,
        "actors": b.actors,
        "places": places,
        "measures": measures,
        "deployments": deployments,
        "treaties": treaties,
        "events": events,
        "reactions": reactions,
    }
    # Few glossaries: every page ends with it, and the fixed pages are converted once per
    # glossary (test_build_property.py).
    terms = draw(st.lists(st.sampled_from(sorted(GLOSSARY)), max_size=2, unique=True))
    facts["glossary"] = [{"term": t, "meaning": GLOSSARY[t]} for t in terms]
    archives = {}
    for document in b.documents:
        if draw(st.booleans()):
            name = f"documents/{document['id']}.txt"
            document["archive"] = name
            archives[name] = "\n\n".join(b.quotes.get(document["id"], ["Nothing quoted."]))
    return {"facts": facts, "archives": archives}


def write(content: dict[str, Any], folder: Path) -> str:
    """Write drawn content into ``folder`` (a content folder); its YAML, for messages."""
    folder.mkdir(parents=True, exist_ok=True)
    # JSON is YAML: every string double-quoted, exactly as drawn.
    text = json.dumps(content["facts"], ensure_ascii=False, indent=1)
    (folder / "facts.yaml").write_text(text, encoding="utf-8")
    for name, archive in content["archives"].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(archive, encoding="utf-8")
    return text
