"""Parsed fact files kept on disk between runs of ``briefing validate``.

An editor validates again and again, changing a file or two in between: every other file
would parse to what it did last time. The parses of a content folder are kept in one file
in the user's cache folder (``$XDG_CACHE_HOME/briefing``, by default ``~/.cache/briefing``;
never in the project), keyed like the in-memory :class:`~.parse_cache.ParseCache`: the path
a file is shown as and the SHA-1 of its bytes. The whole store is also keyed by a
fingerprint of the code that parses (every module of :mod:`generator.facts`, the Python and
PyYAML versions), so a store written by other code is never read. A store that cannot be
read, of any kind, is a miss: the files are parsed, as without it. Validation itself runs
every time (it is across files); only the parse is kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from generator.facts.loader import Parsing
from generator.facts.parse_cache import ParseCache

_FORMAT = 1


def store_path(content_dir: Path) -> Path:
    """Where the parses of ``content_dir`` are kept (one file per folder)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = hashlib.sha1(str(content_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return Path(base) / "briefing" / f"parsed-{folder}.pickle"


def code_fingerprint() -> str:
    """What a parse depends on besides the file: the facts' code, Python's and PyYAML's."""
    digest = hashlib.sha1(f"{_FORMAT} {sys.version} {yaml.__version__}".encode())
    digest.update(str(getattr(yaml, "__with_libyaml__", False)).encode())
    package = Path(__file__).resolve().parent
    for module in sorted([*package.rglob("*.py"), package.parent / "errors.py"]):
        digest.update(module.as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def opened(store: Path, fingerprint: str) -> Parsing:
    """The parses kept in ``store`` by code of this ``fingerprint``, or none."""
    try:
        with store.open("rb") as stream:
            kept = pickle.load(stream)
        if kept[0] == fingerprint and isinstance(kept[1], dict):
            return ParseCache(kept[1])
    except Exception:  # any store that cannot be read, of any kind, is a miss
        pass
    return ParseCache()


def save(parsed: Parsing, store: Path, fingerprint: str) -> None:
    """Keep the parses of the files read this run, when anything changed; a store that
    cannot be written is left as it was (the next run parses again)."""
    if not parsed.changed and parsed.read == set(parsed.entries):
        return
    entries = {}
    for shown in parsed.read:
        digest, (fact_file, problems) = parsed.entries[shown]
        entries[shown] = (digest, (replace(fact_file, validated=None), problems))
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=store.parent, prefix=".parsed-")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((fingerprint, entries), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, store)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


__all__ = ["code_fingerprint", "opened", "save", "store_path"]
