"""Warnings about claims: legal, but most likely a mistake, so a build still goes ahead.

- an estimate's figure that its quote does not give, in any usual spelling (:mod:`numbers`):
  a warning, not an error, because a source may spell it in a way no rule foresees (another
  language's numerals, "3천"), and the analyst must then be able to keep the fact;
- a speaker who does not speak for the claim's originator (an actor has one ``speaks_for``,
  and a person may speak for several over time);
- an event dated after the document that reports it (it may be announced, still to come).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.errors import Problem
from generator.facts.content import Content
from generator.facts.model import Actor, Claim, Estimate, Event
from generator.facts.numbers import figure_in


def warning(content: Content, record_id: str, message: str, hint: str) -> Problem:
    """A warning at the id of the record it is about."""
    placed = content.ids[record_id]
    return Problem(placed.path, placed.line, placed.column, message, hint, severity="warning")


def _coherent(estimate: Estimate) -> bool:
    """A value alone, or a range low to high (else validation said what is wrong)."""
    low, high = estimate.low, estimate.high
    if estimate.value is not None:
        return low is None and high is None
    return low is not None and high is not None and low <= high


def figures_not_quoted(content: Content) -> Iterator[Problem]:
    """An estimate whose figure (value, low or high; or its words) its own quote does not
    give."""
    for placed in content.ids.values():
        estimate = placed.record
        if not isinstance(estimate, Estimate) or not _coherent(estimate):
            continue
        if estimate.words is not None:
            # The interval is the editors' reading of the words: the words must be quoted.
            if " ".join(estimate.words.casefold().split()) not in " ".join(
                estimate.quote.casefold().split()
            ):
                yield warning(
                    content,
                    estimate.id,
                    f"words '{estimate.words}' of estimate '{estimate.id}' are not in its quote",
                    "'words' are the source's own: copy them from the quote",
                )
            continue
        for field in ("value", "low", "high"):
            figure = getattr(estimate, field)
            if figure is None or figure_in(figure, estimate.quote):
                continue
            digits = f"{figure:,}, {figure}" if f"{figure:,}" != str(figure) else str(figure)
            yield warning(
                content,
                estimate.id,
                f"figure {figure:,} ('{field}') of estimate '{estimate.id}' is not in its quote",
                f"the quote should give the figure (as {digits} or in words): quote the "
                "passage that does, or correct the figure",
            )


def _speaks_for(content: Content, speaker: Actor, originator: str) -> bool:
    """Whether the speaker is the originator, speaks for it, or for a body of that state."""
    if originator in (speaker.id, speaker.speaks_for):
        return True
    body = content.ids.get(speaker.speaks_for or "")
    return body is not None and isinstance(body.record, Actor) and body.record.country == originator


def _speaker_problem(content: Content, claim: Claim, speaker: Actor) -> tuple[str, str] | None:
    originator = claim.attributed_to
    named = f"speaker '{speaker.id}' of '{claim.id}'"
    if originator is None:
        whom = (
            f"'{speaker.speaks_for}', whom {speaker.name} speaks for"
            if speaker.speaks_for
            else "whom they speak for"
        )
        return (
            f"{named} is named, but the claim has no originator",
            f"set 'originator' to {whom}; or remove 'speaker'",
        )
    if _speaks_for(content, speaker, originator):
        return None
    if speaker.speaks_for is None:
        return (
            f"{named} speaks for no one ('speaks_for' is not set), so not for its originator "
            f"'{originator}'",
            f"add 'speaks_for: {originator}' to actor '{speaker.id}' if they speak for it; "
            "else correct 'speaker' or 'originator'",
        )
    return (
        f"{named} speaks for '{speaker.speaks_for}', not for its originator '{originator}'",
        "correct 'speaker' or 'originator' (or the speaker's 'speaks_for')",
    )


def speakers_for_others(content: Content) -> Iterator[Problem]:
    """A claim whose speaker does not speak for the actor the claim is attributed to."""
    for placed in content.ids.values():
        claim = placed.record
        if not isinstance(claim, Claim) or claim.speaker is None:
            continue
        speaker = content.ids.get(claim.speaker)
        if speaker is None or not isinstance(speaker.record, Actor):
            continue
        found = _speaker_problem(content, claim, speaker.record)
        if found is not None:
            yield warning(content, claim.id, *found)


def events_after_documents(content: Content) -> Iterator[Problem]:
    """An event dated after the document that reports it."""
    for placed in content.ids.values():
        event = placed.record
        if not isinstance(event, Event) or event.when is None or not event.when.resolved:
            continue
        published = content.document(event.document).published
        if published.resolved and event.when.start > published.end:
            yield warning(
                content,
                event.id,
                f"event '{event.id}' is dated {event.when.label()}, after its document "
                f"'{event.document}' of {published.label()}",
                "if the document announces it as still to come, say so in the title; "
                "else correct the date",
            )
