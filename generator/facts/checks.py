"""Checks across records: figures are coherent and quotes verbatim; then the consistency of
dates, figures and texts (:mod:`consistency`). References are :mod:`references`' business."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Problem
from generator.facts.citation_numbers import number_problems
from generator.facts.consistency import Facts, consistency_problems
from generator.facts.content import Placed
from generator.facts.development_checks import development_problems
from generator.facts.loader import FactFile, Loc
from generator.facts.model import Document, Estimate, Evidence, IndexedRecord, Phase, Stage
from generator.facts.vocabulary import Vocabulary


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Checker:
    def __init__(
        self, ids: dict[str, Placed], content_dir: Path, files: dict[str, FactFile]
    ) -> None:
        self.ids = ids
        self.content_dir = content_dir
        self.files = files
        self.problems: list[Problem] = []
        self.archives: dict[str, str | None] = {}

    def problem(self, file: FactFile, loc: Loc, message: str, hint: str = "") -> None:
        line, column = file.place(loc)
        self.problems.append(Problem(file.path, line, column, message, hint))

    def archive(self, document: Document, file: FactFile, loc: Loc) -> str | None:
        if document.archive is None:
            return None
        if document.id not in self.archives:
            path = (self.content_dir / document.archive).resolve()
            placed = self.ids[document.id]
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

    def check_record(self, record: IndexedRecord, file: FactFile, loc: Loc) -> None:
        if isinstance(record, Estimate):
            self.check_estimate(record, file, loc)
        if isinstance(record, Evidence):
            self.check_quote(record, file, loc)

    def check_quote(self, record: Evidence, file: FactFile, loc: Loc) -> None:
        self.check_passage(record.document, record.quote, file, (*loc, "quote"))
        for index, citation in enumerate(record.also_reported_in):
            where = (*loc, "also_reported_in", index, "quote")
            self.check_passage(citation.document, citation.quote, file, where)
        if isinstance(record, (Stage, Phase)):
            for index, update in enumerate(record.updates):
                self.check_quote(update, file, (*loc, "updates", index))

    def check_passage(self, document_id: str, quote: str, file: FactFile, loc: Loc) -> None:
        placed = self.ids.get(document_id)
        if quote and placed and isinstance(placed.record, Document):
            text = self.archive(placed.record, file, loc)
            if text is not None and _normalise(quote) not in text:
                self.problem(
                    file,
                    loc,
                    f"quote not found verbatim in document '{document_id}'",
                    "copy the passage exactly from the archived text",
                )

    def check_estimate(self, estimate: Estimate, file: FactFile, loc: Loc) -> None:
        has_range = estimate.low is not None or estimate.high is not None
        if estimate.value is None and not has_range and estimate.words is None:
            self.problem(
                file,
                loc,
                f"estimate '{estimate.id}' has no figure",
                "give 'value', or 'low' and 'high', or the source's 'words' for it",
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

    def run(self, records: list[Placed]) -> list[Problem]:
        for placed in records:
            self.check_record(placed.record, self.files[placed.path], placed.loc)
        return self.problems


def check_content(
    records: list[Placed],
    ids: dict[str, Placed],
    content_dir: Path,
    files: dict[str, FactFile],
    vocabulary: Vocabulary | None = None,
) -> list[Problem]:
    """Every problem across the records that validated (``records``, indexed in ``ids``):
    figures, quotes, the consistency of dates, references and texts (:mod:`consistency`),
    and citation numbers given twice (:mod:`citation_numbers`)."""
    problems = _Checker(ids, content_dir, files).run(records)
    facts = Facts(records, ids, files, vocabulary or Vocabulary.of())
    found = consistency_problems(facts) + development_problems(facts)
    return problems + found + list(number_problems(facts))
