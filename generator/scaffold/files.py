"""A fact file's bytes: decoded (keeping a byte-order mark), parsed, replaced atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.facts.loader import parse_text


def write_atomic(path: Path, data: bytes, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def decode(raw: bytes) -> tuple[bytes, str]:
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return bom, raw[len(bom) :].decode("utf-8")


def parsed(text: str, shown: str) -> Any:
    fact_file, problems = parse_text(text.replace("\r\n", "\n"), shown)
    return None if problems else fact_file.data
