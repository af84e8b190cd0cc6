"""During `mkdocs serve`, reuse a page's Markdown when nothing it is made from changed.

A page is reused only when its template can be shown to read nothing but what the key
holds. The key (see :meth:`Memo.lookup`) holds:

- the page: path, title, section, template name, the URL style, and its own context (the
  deployment, the month's entries...), each record by the file it was written in;
- the templates: the source of the page's template, of the footer and of every template
  they include or import (a user's override included);
- the shared facts every page may read: the briefing, actors, documents, places and the
  glossary, by value; the site index (which page shows each fact, page titles, document
  numbers);
- the facts the page showed, linked or cited the last time it was rendered, by the files
  they were written in: a fact read through ``page`` is always one of these.

A fact file is known by the SHA-1 of its bytes (the parse cache's key): a record is a pure
function of its file. Templates are checked statically (:func:`reads_only_keyed`): the
only names they may use are the page's context, ``page`` helpers, ``briefing``, the
constant tables and ``content.actor`` / ``content.document``; anything else (``content.ids``,
a loop over every deployment, the chronology) makes the page render every time.
tests/test_memo.py proves a memoised render equals a fresh one after each kind of edit.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from generator.facts.content import Content
from generator.facts.developments import Developments
from generator.render.plan import Planned
from generator.render.site_index import SiteIndex

CONSTANTS = frozenset(
    {
        "title",
        "briefing",
        "edition",
        "counts_label",
        "words",
        "vocabulary",
        "likelihood_ranges",
        "reliability_meaning",
        "credibility_meaning",
        "reading",
        "charted",
        "by_date",
        "document_number",
    }
)
"""Names a memoised template may use besides its page's context, ``page`` and ``content``:
pure tables and functions, and values the key holds."""

PAGE_HELPERS = frozenset(
    {
        "url",
        "to",
        "anchor",
        "href",
        "chart",
        "page_title",
        "cite",
        "evidence",
        "cites",
        "link",
        "external",
        "actor",
        "who",
        "term",
        "when",
        "figure",
        "grade",
        "endnotes",
        "record",
        "relations",
        "reported_by",
        "cite_all",
        "cite_further",
        "cite_passage",
        "standing",
        "brief",
        "sources",
        "source",
        "voice",
        "by_voice",
        "quoted",
        "quote",
        "passage",
    }
)
"""``page`` methods whose reads the key covers (charts other than 'strip' read only the
page's record, actors, documents and places; 'strip' is Home's, never memoised). ``record``
(the developments) is read for the page's own records: relations are in the shared key, a
record's statuses and figures in its file's digest, measures and documents shared kinds."""

CONTENT_READS = frozenset({"actor", "document"})

SHARED_KINDS = ("actors", "documents", "places", "glossary", "measures")


@dataclass
class Stored:
    """One page as last rendered: the facts it read (and their files' digest), its Markdown."""

    deps: tuple[str, ...]
    deps_digest: str
    markdown: str
    facts: frozenset[str]


@dataclass
class Memo:
    """Rendered pages of the previous renders, owned by whoever serves.

    ``file_digest(path)`` gives the SHA-1 of a fact file as last read (the parse cache's
    :meth:`~generator.facts.parse_cache.ParseCache.file_digest`), or None."""

    file_digest: Callable[[str], str | None]
    entries: dict[str, Stored] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    checked: dict[tuple[str, frozenset[str], frozenset[str]], tuple[str, ...] | None] = field(
        default_factory=dict
    )
    """Templates' static checks by source, names allowed and filters (:meth:`reads_only_keyed`)."""
    hits: int = 0
    misses: int = 0
    last: tuple[int, int] = (0, 0)
    """(reused, rendered) pages of the last finished render."""

    def lookup(self, key: str, content: Content) -> Stored | None:
        """The page stored under ``key``, if none of the facts it read changed since."""
        self.used.add(key)
        stored = self.entries.get(key)
        if stored is not None and self._deps_digest(content, stored.deps) == stored.deps_digest:
            self.hits += 1
            return stored
        self.misses += 1
        return None

    def store(self, key: str, content: Content, markdown: str, facts: set[str]) -> None:
        """Keep a page just rendered, with the facts it read."""
        deps = tuple(sorted(facts))
        digest = self._deps_digest(content, deps)
        if digest is not None:
            self.entries[key] = Stored(deps, digest, markdown, frozenset(facts))

    def finish(self) -> None:
        """End a render: forget the pages it did not ask for, count what it reused."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
        self.last = (self.hits, self.misses)
        self.hits = self.misses = 0

    def _fact_file(self, content: Content, fact_id: str) -> str | None:
        placed = content.ids.get(fact_id)
        return None if placed is None else self.file_digest(placed.path)

    def _deps_digest(self, content: Content, deps: Iterable[str]) -> str | None:
        digest = hashlib.sha1()
        for fact_id in deps:
            file = self._fact_file(content, fact_id)
            if file is None:
                return None  # a fact gone (or a file not from the parse cache): render again
            digest.update(f"{fact_id}\0{file}\n".encode())
        return digest.hexdigest()

    def page_key(
        self, shared: str, templates: str, planned: Planned, directory_urls: bool, content: Content
    ) -> str | None:
        """The key of one page's render, or None when its context cannot be keyed."""
        digest = hashlib.sha1(f"{shared}\0{templates}\0{directory_urls}\n".encode())
        digest.update(
            repr((planned.path, planned.title, planned.section, planned.template)).encode()
        )
        for name in sorted(planned.context):
            part = self._value_digest(planned.context[name], content)
            if part is None:
                return None
            digest.update(f"\n{name}\0{part}".encode())
        return digest.hexdigest()

    def _value_digest(self, value: object, content: Content) -> str | None:
        """A context value by what it is made of: records by id and file, the rest by value."""
        if isinstance(value, BaseModel):
            fact_id = getattr(value, "id", None)
            if isinstance(fact_id, str) and fact_id in content.ids:
                if content.ids[fact_id].record is not value:
                    return None
                file = self._fact_file(content, fact_id)
                return None if file is None else f"<{fact_id}:{file}>"
            return value.model_dump_json()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [getattr(value, f.name) for f in dataclasses.fields(value)]
            parts = self._digests(fields, content)
            return None if parts is None else f"{type(value).__name__}({','.join(parts)})"
        if isinstance(value, (list, tuple)):
            parts = self._digests(value, content)
            return None if parts is None else f"[{','.join(parts)}]"
        if isinstance(value, dict):
            items = [(repr(k), self._value_digest(v, content)) for k, v in sorted(value.items())]
            if any(part is None for _, part in items):
                return None
            return "{" + ",".join(f"{k}:{part}" for k, part in items) + "}"
        if value is None or isinstance(value, (str, int, float, bool)):
            return repr(value)
        return None  # something unknown: never keyed

    def _digests(self, values: Iterable[object], content: Content) -> list[str] | None:
        """Each value's digest, or None when one of them cannot be keyed."""
        parts = []
        for value in values:
            part = self._value_digest(value, content)
            if part is None:
                return None
            parts.append(part)
        return parts

    def template_digest(
        self, env: jinja2.Environment, names: Iterable[str], allowed: frozenset[str]
    ) -> str | None:
        """The sources of these templates and all they reference, or None when one of them
        may read something the key does not hold."""
        digest = hashlib.sha1()
        seen: set[str] = set()
        todo = list(names)
        loader = env.loader
        if loader is None:
            return None  # no templates to read: nothing to key
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                source, _, _ = loader.get_source(env, name)
            except jinja2.TemplateNotFound:
                return None  # the render reports it, with the template that names it
            referenced = self.reads_only_keyed(env, source, allowed)
            if referenced is None:
                return None
            todo.extend(referenced)
            digest.update(f"{name}\0{source}\0".encode())
        return digest.hexdigest()

    def reads_only_keyed(
        self, env: jinja2.Environment, source: str, allowed: frozenset[str]
    ) -> tuple[str, ...] | None:
        """The templates ``source`` references, or None when it may read anything else than
        ``allowed`` names, ``page`` helpers and ``content.actor``/``content.document``."""
        key = (source, allowed, frozenset(env.filters))
        if key not in self.checked:
            self.checked[key] = check_template(*key)
        return self.checked[key]


def shared_digest(content: Content, index: SiteIndex, developments: Developments) -> str:
    """The facts and the site index that any page may read, and the relations between
    claims (a new claim that supersedes one changes every page that shows the old one)."""
    digest = hashlib.sha1(content.briefing.model_dump_json().encode())
    digest.update(content.edition.model_dump_json().encode() + b"\n")
    digest.update(content.vocabulary.digest().encode() + b"\n")
    digest.update(repr(developments.links).encode() + b"\n")
    for kind in SHARED_KINDS:
        for record in getattr(content, kind):
            digest.update(b"\n" + record.model_dump_json().encode())
    tables = (
        index.fact_page,
        index.page_titles,
        index.document_number,
        index.evidence_page,
        index.document_page,
    )
    for table in tables:
        digest.update(repr(sorted(table.items())).encode() + b"\n")
    return digest.hexdigest()


def check_template(
    source: str, allowed: frozenset[str], filters: frozenset[str]
) -> tuple[str, ...] | None:
    """The templates ``source`` references, or None when it may read anything else than
    ``allowed`` names, ``page`` helpers and ``content.actor``/``content.document``."""
    env = jinja2.Environment()
    env.filters.update({name: str for name in filters - set(env.filters)})
    try:
        ast = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return None  # the render reports it, at the template's file and line
    if not meta.find_undeclared_variables(ast) <= allowed | {"page", "content"}:
        return None
    bases = {
        id(node.node): node.attr
        for node in ast.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name)
    }
    for name in ast.find_all(nodes.Name):
        if name.name not in ("page", "content") or name.ctx != "load":
            continue
        attr = bases.get(id(name))
        if attr not in (PAGE_HELPERS if name.name == "page" else CONTENT_READS):
            return None
    referenced = list(meta.find_referenced_templates(ast))
    if any(r is None for r in referenced):
        return None  # a template name computed at render time
    return tuple(r for r in referenced if r is not None)
