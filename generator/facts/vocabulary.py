"""A briefing's vocabularies: the built-in terms with the content's own, looked up by id.

The built-in terms are data (``vocabulary.yaml`` beside this module), not code: a briefing
adds terms, or relabels a built-in one by declaring its id again (its label, colour and
meaning are then the briefing's).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType

import yaml

from generator.facts.model.vocabulary import (
    VOCABULARY_FIELDS,
    CountTerm,
    Progress,
    ReactionKindTerm,
    StatusTerm,
    TermEntry,
    Vocabularies,
)

WHAT = MappingProxyType(
    {
        "reaction_kinds": "reaction kind",
        "stage_statuses": "stage status",
        "phase_statuses": "phase status",
        "actor_kinds": "actor kind",
        "counts": "kind of count",
        "processes": "kind of process",
    }
)
"""How a message names a term of each vocabulary."""


def _read_builtin() -> Vocabularies:
    text = files("generator.facts").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return Vocabularies.model_validate(yaml.safe_load(text))


BUILTIN = _read_builtin()
"""The built-in terms and words, read from the package's data at import (frozen records)."""


def builtin_vocabularies() -> Vocabularies:
    """The built-in terms and words (:data:`BUILTIN`)."""
    return BUILTIN


def unknown_words(keys: Iterable[str]) -> list[tuple[str, str]]:
    """Each key that names no word of the site, with a hint (a did-you-mean, the keys)."""
    known = sorted(builtin_vocabularies().words)
    found = []
    for key in keys:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + "known: " + ", ".join(known)
            found.append((key, hint))
    return found


@dataclass(frozen=True)
class Vocabulary:
    """Every term a briefing may use, by vocabulary and id, in order: the built-in terms
    first (relabelled where the content says so), then the content's own."""

    terms: Mapping[str, Mapping[str, TermEntry]]
    words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """What pages call the site's parts (key -> words): the built-in defaults, then the
    content's, then the site settings' (:meth:`with_words`)."""

    @classmethod
    def of(cls, declared: Iterable[Vocabularies] = ()) -> Vocabulary:
        """The built-in vocabularies extended by the content's declarations (a term
        declared twice: the first; validation says so)."""
        merged: dict[str, dict[str, TermEntry]] = {
            name: {term.id: term for term in getattr(builtin_vocabularies(), name)}
            for name in VOCABULARY_FIELDS
        }
        seen: set[tuple[str, str]] = set()
        words = dict(builtin_vocabularies().words)
        for vocabularies in declared:
            words.update((key, text) for key, text in vocabularies.words.items() if key in words)
            for name in VOCABULARY_FIELDS:
                for term in getattr(vocabularies, name):
                    if (name, term.id) not in seen:
                        seen.add((name, term.id))
                        merged[name][term.id] = term
        terms = MappingProxyType({k: MappingProxyType(v) for k, v in merged.items()})
        return cls(terms, MappingProxyType(words))

    def with_words(self, overrides: Mapping[str, str]) -> Vocabulary:
        """The same terms, with some words replaced (the site settings'; keys checked by
        :func:`unknown_words`)."""
        if not overrides:
            return self
        return Vocabulary(self.terms, MappingProxyType({**self.words, **overrides}))

    def digest(self) -> str:
        """Everything it holds, as text: for caches keyed on what pages may read."""
        terms = {k: [t.model_dump_json() for t in v.values()] for k, v in self.terms.items()}
        return repr((sorted(self.words.items()), terms))

    def ids(self, name: str) -> list[str]:
        """The terms of one vocabulary, in order."""
        return list(self.terms[name])

    def label(self, name: str, term_id: str) -> str:
        """How pages show a term ('summons of a diplomat'); an unknown one as written."""
        term = self.terms[name].get(term_id)
        return term.label if term is not None else term_id

    def labels(self, name: str) -> Mapping[str, str]:
        """Term id -> label, for one vocabulary (the templates' tables)."""
        return MappingProxyType({k: t.label for k, t in self.terms[name].items()})

    def progress(self, name: str, term_id: str) -> Progress:
        """What a status means (stage_statuses, phase_statuses); 'open' when unknown."""
        term = self.terms[name].get(term_id)
        return term.progress if isinstance(term, StatusTerm) else "open"

    def needs_subject(self, kind: str) -> bool:
        """Whether a reaction of this kind must say what it is about."""
        term = self.terms["reaction_kinds"].get(kind)
        return isinstance(term, ReactionKindTerm) and term.needs_subject

    def projection(self, counts: str) -> bool:
        """Whether figures of this kind of count are projections, not current figures."""
        term = self.terms["counts"].get(counts)
        return isinstance(term, CountTerm) and term.projection
