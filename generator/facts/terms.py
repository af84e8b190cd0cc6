"""Terms resolve: every kind, status and count a fact names is a term of its vocabulary.

Read from the files' data (:mod:`raw`), like references, so one run reports an unknown term
even in a record that has other problems. The terms known are the built-in ones and those
the content declares under ``vocabulary:`` (in any file); a term declared twice in the same
vocabulary is an error too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from types import MappingProxyType

from pydantic import BaseModel

from generator.errors import Problem, printable
from generator.facts.loader import FactFile
from generator.facts.model import (
    Actor,
    Estimate,
    Phase,
    PhaseUpdate,
    Reaction,
    Stage,
    StageUpdate,
    Treaty,
)
from generator.facts.model.vocabulary import VOCABULARY_FIELDS
from generator.facts.raw import Found, is_slug
from generator.facts.vocabulary import WHAT, builtin_vocabularies, unknown_words

TERMS: MappingProxyType[tuple[type[BaseModel], str], str] = MappingProxyType(
    {
        (Reaction, "kind"): "reaction_kinds",
        (Actor, "kind"): "actor_kinds",
        (Stage, "status"): "stage_statuses",
        (StageUpdate, "status"): "stage_statuses",
        (Phase, "status"): "phase_statuses",
        (PhaseUpdate, "status"): "phase_statuses",
        (Estimate, "counts"): "counts",
        (Treaty, "process"): "processes",
    }
)
"""Each field that names a term, by the record kind that has it: its vocabulary."""
SHOWN = 12


def declared_in(files: list[FactFile]) -> Iterator[tuple[FactFile, str, int, str]]:
    """Each term id the content declares: (file, vocabulary, index, id)."""
    for fact_file in files:
        data = fact_file.data
        declared = data.get("vocabulary") if isinstance(data, dict) else None
        if not isinstance(declared, dict):
            continue
        for name in VOCABULARY_FIELDS:
            terms = declared.get(name)
            if not isinstance(terms, list):
                continue
            for index, term in enumerate(terms):
                term_id = term.get("id") if isinstance(term, dict) else None
                if is_slug(term_id):
                    yield fact_file, name, index, term_id


def _word_problems(files: list[FactFile]) -> Iterator[Problem]:
    """Each key of ``vocabulary: words:`` that names no word of the site."""
    for fact_file in files:
        data = fact_file.data
        declared = data.get("vocabulary") if isinstance(data, dict) else None
        words = declared.get("words") if isinstance(declared, dict) else None
        if not isinstance(words, dict):
            continue
        for key, hint in unknown_words(k for k in words if isinstance(k, str)):
            line, column = fact_file.place(("vocabulary", "words", key), key=True)
            message = f"unknown word '{printable(key)}' in 'vocabulary: words:'"
            yield Problem(fact_file.path, line, column, message, hint)


def term_problems(files: list[FactFile], found: Found, *, complete: bool = True) -> list[Problem]:
    """An unknown term for every field naming no term of its vocabulary (when ``complete``:
    a file that could not be read may declare it), and each term declared twice
    (``found``: every record mapping of ``files``, :func:`~.raw.all_records`)."""
    builtin = builtin_vocabularies()
    known = {name: [t.id for t in getattr(builtin, name)] for name in VOCABULARY_FIELDS}
    problems: list[Problem] = []
    first: dict[tuple[str, str], FactFile] = {}
    for fact_file, name, index, term_id in declared_in(files):
        if (name, term_id) in first:
            line, column = fact_file.place(("vocabulary", name, index, "id"))
            problems.append(
                Problem(
                    fact_file.path,
                    line,
                    column,
                    f"{WHAT[name]} '{term_id}' is declared twice "
                    f"(first in {first[name, term_id].path})",
                    "declare each term once; to relabel a built-in term, declare it once",
                )
            )
            continue
        first[name, term_id] = fact_file
        if term_id not in known[name]:
            known[name].append(term_id)
    problems += _word_problems(files)
    if not complete:
        return problems
    for fact_file, model, mapping, loc in found:
        for (kind, field), name in TERMS.items():
            if model is not kind or field not in mapping:
                continue
            value = mapping[field]
            if not isinstance(value, str) or not value or value in known[name]:
                continue  # not text at all: the model says so
            line, column = fact_file.place((*loc, field))
            close = difflib.get_close_matches(value, known[name], n=1)
            listed = ", ".join(known[name][:SHOWN]) + (", ..." if len(known[name]) > SHOWN else "")
            hint = (f"did you mean '{close[0]}'? " if close else "") + (
                f"known: {listed}; or declare it under 'vocabulary: {name}:'"
            )
            message = f"unknown {WHAT[name]} '{printable(value)}'"
            problems.append(Problem(fact_file.path, line, column, message, hint))
    return problems
