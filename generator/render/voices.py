"""Whose words a fact is in, said the way its sources give it: an actor's own words
(quoted), what a document reports an actor said, or the document's own narration; and an
attribution the editors made, said to be theirs. Plain text; the page links the names."""

from __future__ import annotations

from generator.facts.content import Content
from generator.facts.model import Cited, Claim


def editors_reason(record: Cited) -> str | None:
    """The editors' reason for an attribution the source does not make; None: it does."""
    return record.inferred if isinstance(record, Claim) else None


def phrase(record: Cited, names: str | None, reason: str | None) -> str:
    """'in the words of X', 'according to X', 'the report, about X', 'the report'; with
    ``reason`` (the editors' attribution, shown in full) or without it (shown short:
    'according to X (attributed by the editors)'). ``names`` are who it is attributed to,
    None for nobody; ``reason`` is already escaped for where it goes."""
    if names is None:
        return "the report"
    spoken = record.spoken_in
    inferred = editors_reason(record) is not None
    if inferred and reason is not None:
        editors = f"attributed by the editors to {names} (reason: {reason})"
        if spoken == "quote":
            return f"in words {editors}"
        if spoken == "reported":
            return editors
        return f"the report, about {names} (attributed by the editors; reason: {reason})"
    if inferred:
        names = f"{names} (attributed by the editors)"
    if spoken == "quote":
        return f"in the words of {names}"
    if spoken == "reported":
        return f"according to {names}"
    return f"the report, about {names}"


def split_by_voice(
    content: Content, actor_id: str, fact_ids: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """An actor's facts in three: in its words as the sources give them (quoted, or
    reported as its claim, its reaction or its speaker's); in its words as the editors
    attribute them (the source names no speaker); only about it (the document's own words
    about it, or naming it as a body, a signatory, a party)."""
    own: list[str] = []
    inferred: list[str] = []
    about: list[str] = []
    for fact_id in fact_ids:
        record = content.ids[fact_id].record
        if (
            isinstance(record, Claim)
            and record.spoken_in != "narration"
            and actor_id in (record.attributed_to, record.speaker)
        ):
            (own if record.inferred is None else inferred).append(fact_id)
        else:
            about.append(fact_id)
    return own, inferred, about
