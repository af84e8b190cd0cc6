"""Checks across records: references resolve, figures are coherent, quotes are verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from generator.errors import Problem, printable
from generator.facts.content import Content
from generator.facts.loader import FactFile, Loc
from generator.facts.model import Actor, Document, Estimate, Evidence, Place

_ACTOR_FIELDS = frozenset(
    {
        "originator",
        "speaker",
        "actor",
        "origin",
        "destination",
        "body",
        "country",
        "speaks_for",
        "parties",
        "signatories",
    }
)
_ANY_FACT_FIELDS = frozenset({"responds_to", "cites"})


def _walk(model: object, loc: Loc) -> Iterator[tuple[BaseModel, Loc]]:
    if isinstance(model, BaseModel):
        yield model, loc
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield from _walk(item, (*loc, name, index))
            elif isinstance(value, BaseModel):
                yield from _walk(value, (*loc, name))


def _is_a(record: object, want: type | None) -> bool:
    """``want`` None means a fact: anything with an id but an actor, document or place."""
    if want is None:
        return not isinstance(record, (Actor, Document, Place))
    return isinstance(record, want)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Checker:
    def __init__(
        self, content: Content, content_dir: Path, files: dict[str, FactFile], references: bool
    ) -> None:
        self.references = references
        self.content = content
        self.content_dir = content_dir
        self.files = files
        self.problems: list[Problem] = []
        self.archives: dict[str, str | None] = {}

    def problem(self, file: FactFile, loc: Loc, message: str, hint: str = "") -> None:
        line, column = file.place(loc)
        self.problems.append(Problem(file.path, line, column, message, hint))

    def ref(self, file: FactFile, loc: Loc, value: str, want: type | None, what: str) -> None:
        if not self.references:
            return
        placed = self.content.ids.get(value)
        if placed is None or not _is_a(placed.record, want):
            known = sorted(k for k, p in self.content.ids.items() if _is_a(p.record, want))
            shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            self.problem(
                file, loc, f"unknown {what} id '{printable(value)}'", f"known ids: {shown}"
            )

    def archive(self, document: Document, file: FactFile, loc: Loc) -> str | None:
        if document.archive is None:
            return None
        if document.id not in self.archives:
            path = (self.content_dir / document.archive).resolve()
            placed = self.content.ids[document.id]
            self.archives[document.id] = None
            # The model's pattern keeps the path inside content/; a symbolic link may not.
            if not path.is_relative_to(self.content_dir.resolve()):
                self.problem(
                    self.files[placed.path],
                    (*placed.loc, "archive"),
                    f"archive '{document.archive}' leads outside the content folder",
                    "copy the document into the content folder instead of linking to it",
                )
                return None
            try:
                self.archives[document.id] = _normalise(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self.problem(
                    self.files[placed.path],
                    (*placed.loc, "archive"),
                    f"archive '{document.archive}' cannot be read as UTF-8 text",
                    "the path is relative to the content folder",
                )
        return self.archives[document.id]

    def check_record(self, record: BaseModel, file: FactFile, loc: Loc) -> None:
        for name in type(record).model_fields:
            value = getattr(record, name)
            if value is None:
                continue
            if name in ("arrives_at", "starts_at"):
                self.ref(file, (*loc, name), value, Place, "place")
            elif name in _ACTOR_FIELDS or name in _ANY_FACT_FIELDS or name == "document":
                want, what = (
                    (Actor, "actor")
                    if name in _ACTOR_FIELDS
                    else (Document, "document")
                    if name == "document"
                    else (None, "fact")
                )
                values = value if isinstance(value, list) else [value]
                for index, item in enumerate(values):
                    where = (*loc, name, index) if isinstance(value, list) else (*loc, name)
                    self.ref(file, where, item, want, what)
        if isinstance(record, Estimate):
            self.check_estimate(record, file, loc)
        if isinstance(record, Evidence):
            self.check_quote(record, file, loc)

    def check_quote(self, record: Evidence, file: FactFile, loc: Loc) -> None:
        placed = self.content.ids.get(record.document)
        if record.quote and placed and isinstance(placed.record, Document):
            text = self.archive(placed.record, file, loc)
            if text is not None and _normalise(record.quote) not in text:
                self.problem(
                    file,
                    (*loc, "quote"),
                    f"quote not found verbatim in document '{record.document}'",
                    "copy the passage exactly from the archived text",
                )

    def check_estimate(self, estimate: Estimate, file: FactFile, loc: Loc) -> None:
        has_range = estimate.low is not None or estimate.high is not None
        if estimate.value is None and not has_range:
            self.problem(
                file,
                loc,
                f"estimate '{estimate.id}' has no figure",
                "give 'value', or 'low' and 'high'",
            )
        elif estimate.value is not None and has_range:
            self.problem(
                file,
                (*loc, "value"),
                f"estimate '{estimate.id}' has both a value and a range",
                "keep 'value' or 'low'/'high', not both",
            )
        elif has_range and (estimate.low is None or estimate.high is None):
            self.problem(file, loc, f"estimate '{estimate.id}' range needs both 'low' and 'high'")
        elif (
            estimate.low is not None and estimate.high is not None and estimate.low > estimate.high
        ):
            self.problem(
                file,
                (*loc, "low"),
                f"low {estimate.low} is greater than high {estimate.high}",
                "swap them",
            )
        if estimate.adds_to is not None:
            self.ref(file, (*loc, "adds_to"), estimate.adds_to, Estimate, "estimate")

    def run(self) -> list[Problem]:
        for placed in self._top_records():
            file = self.files[placed[1]]
            for record, loc in _walk(placed[0], placed[2]):
                self.check_record(record, file, loc)
        return self.problems

    def _top_records(self) -> Iterator[tuple[BaseModel, str, Loc]]:
        for item in self.content.ids.values():
            if len(item.loc) == 2:
                yield item.record, item.path, item.loc
        briefing_file = next(
            (f for f in self.files.values() if isinstance(f.data, dict) and "briefing" in f.data),
            None,
        )
        if briefing_file is not None:
            yield self.content.briefing, briefing_file.path, ("briefing",)


def check_content(
    content: Content, content_dir: Path, files: dict[str, FactFile], *, references: bool = True
) -> list[Problem]:
    """Every problem across records: references, figures, quotes."""
    return _Checker(content, content_dir, files, references).run()
