"""Each document's citation number (pages cite it as S<number>), and the error of a number
given to two documents.

A document's ``number`` is fixed once published. A document without one takes the numbers
after the highest given, in the order documents are written: fact files by path (the
loader's order), then as listed in the file. So adding a document, whatever its date,
never moves a number that is written down.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count

from generator.errors import Problem
from generator.facts.consistency import Facts
from generator.facts.content import Content, Placed
from generator.facts.model import Document


def numbered(documents: Iterable[tuple[str, int | None]]) -> dict[str, int]:
    """Document id -> citation number, for (id, number given or None) in written order."""
    listed = list(documents)
    following = count(max((n for _, n in listed if n is not None), default=0) + 1)
    return {doc_id: next(following) if n is None else n for doc_id, n in listed}


def document_numbers(content: Content) -> dict[str, int]:
    """Document id -> its citation number: the one given, else the next after the highest
    given, in the order documents are written (``content.documents``)."""
    return numbered((document.id, document.number) for document in content.documents)


def next_free(numbers: Iterable[int]) -> int:
    """The number a new document takes so as to move none: one after every number in use."""
    return max(numbers, default=0) + 1


def _documents(facts: Facts) -> list[tuple[Placed, Document]]:
    """Each document that validated, once (an id written twice is the index's error)."""
    found = []
    for placed in facts.of(Document):
        if facts.ids.get(placed.record.id) is placed and isinstance(placed.record, Document):
            found.append((placed, placed.record))
    return found


def number_problems(facts: Facts) -> Iterator[Problem]:
    """A number given to a document that an earlier written document already has."""
    documents = _documents(facts)
    free = next_free(numbered((d.id, d.number) for _, d in documents).values())
    first: dict[int, tuple[Placed, Document]] = {}
    for placed, document in documents:
        if document.number is None:
            continue
        if document.number not in first:
            first[document.number] = (placed, document)
            continue
        other_placed, other = first[document.number]
        line, _ = facts.files[other_placed.path].place((*other_placed.loc, "number"))
        yield facts.error(
            placed,
            ("number",),
            f"document '{document.id}' has number {document.number}, as '{other.id}' does "
            f"({other_placed.path}:{line})",
            f"a number cites one document only: give the one not yet published the next "
            f"free number, 'number: {free}'",
        )
        free += 1
