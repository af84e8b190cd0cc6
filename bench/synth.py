"""Synthetic briefing content of a chosen size, valid in the project's own schema.

``python bench/synth.py --claims 10000 --out /tmp/content`` writes, with a fixed seed:

- ``documents.yaml`` and ``documents/docNNNN.txt``: one document per ~50 claims, its
  archived text holding every quote that cites it (the validator checks each verbatim);
- ``actors.yaml``: states, organisations and people (a fixed set, as in a real briefing);
- ``deployments/dNNNN.yaml``: one file per deployment: 6 estimates, 2 route phases, a note;
- ``treaties/tNNNN.yaml``: one file per treaty: signature, 2 provisions, 5 stages;
- ``reactions/rNN.yaml`` and ``events/eNN.yaml``: 100 per file;
- ``briefing.yaml`` (with takeaways) and ``glossary.yaml``.

A *claim* is every fact with a quote: estimates, phases, notes, signatures, provisions,
stages, reactions and events. About 10 claims make a page (a deployment or a treaty), so
1k, 5k and 10k claims give about 100, 500 and 1,000 pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEED = 20241025
CLAIMS_PER_DOCUMENT = 50
PER_DEPLOYMENT = {"estimates": 6, "route": 2, "notes": 1}  # 9 claims
PER_TREATY = {"signature": 1, "provisions": 2, "stages": 5}  # 8 claims
REACTION_SHARE, EVENT_SHARE, DEPLOYMENT_SHARE = 0.08, 0.05, 0.70
PER_LIST_FILE = 100
START = dt.date(2023, 1, 1)
DAYS = 660  # about two years of daily updates

STATES = ["north-korea", "russia", "ukraine", "united-states", "south-korea", "germany", "japan"]
COUNTS = ["sent", "training", "front", "present", "projected"]
QUALIFIERS = ["exact", "about", "at-least", "up-to"]
REACTION_KINDS = ["statement", "confirmation", "non-denial", "denial", "summons", "sanctions"]
GLOSSARY = {
    "DPRK": "Democratic People's Republic of Korea (North Korea)",
    "NIS": "South Korea's National Intelligence Service",
    "NSC": "US National Security Council",
}


@dataclass
class Sources:
    """Documents, each collecting the sentences (quotes) of the claims that cite it."""

    rng: random.Random
    texts: list[list[str]] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    claims: int = 0

    def cite(self, sentence: str) -> dict[str, str]:
        """Put ``sentence`` in the current document; the claim's document and quote."""
        if self.claims % CLAIMS_PER_DOCUMENT == 0:
            self.texts.append([])
            self.dates.append(START + dt.timedelta(days=len(self.texts) * DAYS // 250 % DAYS))
        self.claims += 1
        self.texts[-1].append(sentence)
        return {"document": doc_id(len(self.texts) - 1), "quote": sentence}

    def date(self) -> str:
        """A day on or before the current document's publication."""
        published = self.dates[-1]
        return (published - dt.timedelta(days=self.rng.randrange(0, 20))).isoformat()


def doc_id(index: int) -> str:
    return f"doc{index:04d}"


def actors() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {"id": s, "name": s.replace("-", " ").title(), "kind": "state"} for s in STATES
    ]
    for n in range(24):
        country = STATES[n % len(STATES)]
        found.append(
            {
                "id": f"agency-{n:02d}",
                "name": f"Agency {n:02d} of {country.replace('-', ' ').title()}",
                "kind": "organisation",
                "country": country,
                "reliability": "ABCDF"[n % 5],
            }
        )
    for n in range(12):
        found.append(
            {
                "id": f"person-{n:02d}",
                "name": f"Spokesperson {n:02d}",
                "kind": "person",
                "role": "spokesperson",
                "speaks_for": f"agency-{n:02d}",
            }
        )
    return found


def _claim(sources: Sources, rng: random.Random, fact_id: str, words: str) -> dict[str, Any]:
    """The fields every claim shares: id, originator, document and quote."""
    agency = rng.randrange(24)
    sentence = f"Agency {agency:02d} said that {words} (report {fact_id})."
    record: dict[str, Any] = {"id": fact_id, "originator": f"agency-{agency:02d}"}
    if agency < 12 and rng.random() < 0.3:
        record["speaker"] = f"person-{agency:02d}"
    record.update(sources.cite(sentence))
    return record


def deployment(sources: Sources, rng: random.Random, n: int) -> dict[str, Any]:
    ident = f"d{n:04d}"
    origin, destination = rng.sample(STATES, 2)
    estimates = []
    for k in range(PER_DEPLOYMENT["estimates"]):
        value = rng.randrange(100, 20000)
        counts = COUNTS[(n + k) % len(COUNTS)]
        record = _claim(sources, rng, f"{ident}-e{k}", f"{value:,} soldiers were {counts}")
        record.update(value=value, counts=counts, qualifier=rng.choice(QUALIFIERS))
        record["claimed"] = sources.date()
        if k and counts != "projected" and rng.random() < 0.1:
            record["adds_to"] = f"{ident}-e0"
        estimates.append(record)
    route = []
    for k, status in enumerate(("completed", "ongoing")[: PER_DEPLOYMENT["route"]]):
        record = _claim(sources, rng, f"{ident}-p{k}", f"the force reached stage {k} of {ident}")
        record.update(name=f"Stage {k} of the route", status=status, when=sources.date())
        route.append(record)
    notes = []
    for k in range(PER_DEPLOYMENT["notes"]):
        record = _claim(sources, rng, f"{ident}-n{k}", f"the role of force {ident} is unclear")
        record["text"] = f"The role of force {ident} remains unclear."
        notes.append(record)
    return {
        "id": ident,
        "title": f"Deployment {n:04d}: {origin} to {destination}",
        "force": f"Force {ident}",
        "origin": origin,
        "destination": destination,
        "route": route,
        "estimates": estimates,
        "notes": notes,
    }


def treaty(sources: Sources, rng: random.Random, n: int) -> dict[str, Any]:
    ident = f"t{n:04d}"
    parties = rng.sample(STATES, 2)
    signature = _claim(sources, rng, f"{ident}-sig", f"treaty {ident} was signed")
    del signature["originator"]
    signature.pop("speaker", None)
    signature.update(when=sources.date(), place="Pyongyang", signatories=list(parties))
    provisions = []
    for k in range(PER_TREATY["provisions"]):
        record = _claim(sources, rng, f"{ident}-pr{k}", f"treaty {ident} provides for aid {k}")
        del record["originator"]
        record.pop("speaker", None)
        record["text"] = f"mutual aid clause {k}"
        provisions.append(record)
    stages = []
    for k in range(PER_TREATY["stages"]):
        record = _claim(sources, rng, f"{ident}-s{k}", f"stage {k} of treaty {ident} is done")
        record.update(name=f"Stage {k}", status="done", body=parties[k % 2], when=sources.date())
        stages.append(record)
    # In order, as validation asks: each date is still on or before its own document's (the
    # k-th smallest of dates drawn in document order is at most the k-th document's date).
    ordered = sorted(str(r["when"]) for r in [signature, *stages])
    for record, when in zip([signature, *stages], ordered, strict=True):
        record["when"] = when
    return {
        "id": ident,
        "title": f"Treaty {n:04d} between {parties[0]} and {parties[1]}",
        "parties": list(parties),
        "signature": signature,
        "provisions": provisions,
        "stages": stages,
    }


def reaction(sources: Sources, rng: random.Random, n: int, about: list[str]) -> dict[str, Any]:
    ident = f"r{n:05d}"
    record = _claim(sources, rng, ident, f"reaction {n} was made")
    actor = record.pop("originator")
    record.pop("speaker", None)
    record.update(
        actor=actor,
        kind=rng.choice(REACTION_KINDS),
        summary=f"Reaction {n} to the reports.",
        when=sources.date(),
    )
    if about:
        record["responds_to"] = [rng.choice(about)]
    return record


def event(sources: Sources, rng: random.Random, n: int) -> dict[str, Any]:
    ident = f"e{n:05d}"
    record = _claim(sources, rng, ident, f"event {n} happened")
    record.update(title=f"Event {n} happened", when=sources.date())
    return record


@dataclass
class Plan:
    """How many of each kind make ``claims`` claims in all."""

    deployments: int
    treaties: int
    reactions: int
    events: int

    @classmethod
    def for_claims(cls, claims: int) -> Plan:
        reactions, events = int(claims * REACTION_SHARE), int(claims * EVENT_SHARE)
        rest = claims - reactions - events
        deployments = max(1, int(rest * DEPLOYMENT_SHARE) // sum(PER_DEPLOYMENT.values()))
        treaties = max(1, (rest - deployments * 9) // sum(PER_TREATY.values()))
        events = claims - reactions - deployments * 9 - treaties * 8  # exactly ``claims``
        return cls(deployments, treaties, reactions, events)


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=4096)
    path.write_text(text, encoding="utf-8")


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def write(out: Path, claims: int, seed: int = SEED, editions: int = 1) -> Plan:
    """Write content with ``claims`` claims into ``out`` (emptied first); the plan used.
    With ``editions`` > 1, that many daily editions (the last on or after the newest
    document) in ``editions.yaml``, each with a takeaway citing a figure known by then."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    sources = Sources(rng)
    plan = Plan.for_claims(claims)
    deployments = [deployment(sources, rng, n) for n in range(plan.deployments)]
    treaties = [treaty(sources, rng, n) for n in range(plan.treaties)]
    about = [d["id"] for d in deployments]
    reactions = [reaction(sources, rng, n, about) for n in range(plan.reactions)]
    events = [event(sources, rng, n) for n in range(plan.events)]
    for record in deployments:
        _dump(out / "deployments" / f"{record['id']}.yaml", {"deployments": [record]})
    for record in treaties:
        _dump(out / "treaties" / f"{record['id']}.yaml", {"treaties": [record]})
    for n, chunk in enumerate(_chunks(reactions, PER_LIST_FILE)):
        _dump(out / "reactions" / f"r{n:03d}.yaml", {"reactions": chunk})
    for n, chunk in enumerate(_chunks(events, PER_LIST_FILE)):
        _dump(out / "events" / f"e{n:03d}.yaml", {"events": chunk})
    _write_documents(out, sources)
    _dump(out / "actors.yaml", {"actors": actors()})
    glossary = [{"term": term, "meaning": meaning} for term, meaning in GLOSSARY.items()]
    _dump(out / "glossary.yaml", {"glossary": glossary})
    briefing = _briefing(sources, deployments)
    if editions > 1:
        for key in ("date", "cutoff", "takeaways"):
            briefing.pop(key)
        _dump(out / "editions.yaml", {"editions": _editions(sources, deployments, editions)})
    _dump(out / "briefing.yaml", {"briefing": briefing})
    return plan


def _editions(
    sources: Sources, deployments: list[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    """``count`` daily editions ending on the newest document's day (or later), each citing
    the first estimate of the latest deployment reported by its cut-off."""
    published = {doc_id(i): day for i, day in enumerate(sources.dates)}
    firsts = sorted(
        (published[d["estimates"][0]["document"]], d["estimates"][0]["id"]) for d in deployments
    )
    last = max(max(sources.dates), START + dt.timedelta(days=count - 1))
    found = []
    for n in range(count):
        day = last - dt.timedelta(days=count - 1 - n)
        known = [fact for when, fact in firsts if when <= day]
        edition: dict[str, Any] = {"id": f"e{n:04d}", "date": day.isoformat()}
        edition["cutoff"] = day.isoformat()
        if known:
            takeaway = {"text": f"Edition {n}: figures conflict.", "cites": known[-1:]}
            edition["takeaways"] = [takeaway]
        found.append(edition)
    return found


def _write_documents(out: Path, sources: Sources) -> None:
    documents = []
    for index, (sentences, published) in enumerate(zip(sources.texts, sources.dates, strict=True)):
        archive = out / "documents" / f"{doc_id(index)}.txt"
        archive.parent.mkdir(parents=True, exist_ok=True)
        archive.write_text(" ".join(sentences) + "\n", encoding="utf-8")
        documents.append(
            {
                "id": doc_id(index),
                "number": index + 1,
                "title": f"Report {index:04d}",
                "published": published.isoformat(),
                "archive": f"documents/{doc_id(index)}.txt",
            }
        )
    _dump(out / "documents.yaml", {"documents": documents})


def _briefing(sources: Sources, deployments: list[dict[str, Any]]) -> dict[str, Any]:
    last = max(sources.dates).isoformat()
    cites = [d["estimates"][0]["id"] for d in deployments[:5]]
    return {
        "title": "Synthetic briefing",
        "date": last,
        "cutoff": last,
        "summary": "Synthetic content for the benchmark.",
        "takeaways": [{"text": "Estimates conflict; they are shown side by side.", "cites": cites}],
    }


def edit_claim(content: Path, marker: str) -> tuple[Path, str]:
    """Change the first deployment's first estimate in place (its file re-written, still
    valid): the new figure is shown on its page as ``marker``-free text; returns the file
    and the fact id whose row changed."""
    path = content / "deployments" / "d0000.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    estimate = data["deployments"][0]["estimates"][0]
    estimate["qualifier"] = "exact"
    estimate["value"] = int(marker)
    _dump(path, data)
    return path, str(estimate["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--editions", type=int, default=1, help="daily editions to write")
    args = parser.parse_args()
    plan = write(args.out, args.claims, args.seed, args.editions)
    print(f"wrote {args.claims} claims to {args.out}: {plan}")


if __name__ == "__main__":
    main()
