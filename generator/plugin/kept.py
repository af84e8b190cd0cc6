"""While serving: the published files a rebuild would write unchanged stay where the last
build wrote them.

Before every rebuild MkDocs empties ``site_dir`` and then writes every file again. At 10k
claims that is some 11,000 permalink pages, each in a folder of its own: emptying and
writing them again is most of a serve refresh's time spent on the disk, and nearly all of
them come out the same. So, only while serving:

- before MkDocs empties the site (``on_pre_build``), each top-level folder that held only
  the plugin's published files in the last build is renamed to a hidden name beside it
  (MkDocs leaves names starting with a dot alone);
- once every file of the build is known (last in ``on_env``, before MkDocs writes the
  static files), a folder that still holds only the plugin's files is renamed back; each
  file in it the build would write with the same bytes is left as it is (its MkDocs file is
  told not to write it), a file the last build wrote and this one does not is deleted;
  anything else is written as usual. A folder that now holds someone else's file too is
  deleted and written afresh.

What a build wrote is known by each file's SHA-1 (of the bytes given to MkDocs), so the
site is the one a clean build makes, file for file (tests/plugin/test_incremental.py). A
build that fails forgets all of it: the next writes everything. What is known is what
MkDocs writes from its files: a plugin that writes into such a folder by itself, after the
static files, and stops doing so, would leave its last file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files

HIDDEN = ".briefing-kept-"
"""The prefix of a folder set aside during a rebuild (hidden: MkDocs does not empty it)."""


class PublishedFile(File):
    """A file the plugin publishes (export, feed, permalink), in memory; ``unchanged`` when
    the last build of this serve wrote the same bytes where it still is."""

    unchanged = False

    def copy_file(self, dirty: bool = False) -> None:
        if not self.unchanged:
            super().copy_file(dirty)
        self.content_bytes = b""  # written: the bytes are not read again (11k permalinks)


def _digest(file: File) -> str:
    content = file.content_bytes
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def _top(dest_uri: str) -> str | None:
    """The top-level folder a file is written in, None for a file at the site's root."""
    head, sep, _ = dest_uri.partition("/")
    return head if sep else None


@dataclass
class KeptFiles:
    """What the last build of one serve wrote of the plugin's files, in folders of their own."""

    site: Path | None = None
    """The site folder of the last build (a build elsewhere keeps nothing)."""
    written: dict[str, str] = field(default_factory=dict)
    """Each file the last build wrote in a folder of the plugin's own: its path in the
    site, the SHA-1 of its bytes."""
    aside: dict[str, Path] = field(default_factory=dict)
    """The folders set aside for this rebuild, by name."""
    last: tuple[int, int] = (0, 0)
    """Files left as they were, files written, in the last build's folders of its own."""

    def set_aside(self, site: Path) -> None:
        """Before MkDocs empties the site: move the last build's folders of ours aside."""
        for leftover in site.glob(HIDDEN + "*") if site.is_dir() else ():
            shutil.rmtree(leftover, ignore_errors=True)  # from a build that failed
        self.aside = {}
        if site != self.site:
            self.written = {}
        for name in sorted({top for path in self.written if (top := _top(path))}):
            folder = site / name
            if folder.is_dir() and not folder.is_symlink():
                hidden = site / f"{HIDDEN}{name}"
                folder.rename(hidden)
                self.aside[name] = hidden

    def restore(self, files: Files, site: Path) -> None:
        """Last in ``on_env``, before MkDocs writes the static files: put back each folder
        set aside that still holds only the plugin's files, mark what needs no writing,
        delete what this build does not write; note what this build writes."""
        ours: dict[str, list[PublishedFile]] = {}
        foreign: set[str] = set()
        for file in files:
            top = _top(file.dest_uri)
            if top is None:
                continue
            if isinstance(file, PublishedFile) and file.abs_src_path is None:
                ours.setdefault(top, []).append(file)
            else:
                foreign.add(top)
        written: dict[str, str] = {}
        kept = fresh = 0
        for name, published in ours.items():
            if name in foreign:
                continue
            hidden = self.aside.pop(name, None)
            digests = {file.dest_uri: _digest(file) for file in published}
            written.update(digests)
            back = site / name
            if hidden is None or not hidden.is_dir() or back.exists():
                # nothing set aside, not left alone, or written again already: write it all
                if hidden is not None:
                    shutil.rmtree(hidden, ignore_errors=True)
                fresh += len(published)
                continue
            hidden.rename(back)
            for file in published:
                file.unchanged = self.written.get(file.dest_uri) == digests[file.dest_uri]
            left = sum(file.unchanged for file in published)
            kept, fresh = kept + left, fresh + len(published) - left
            for path in self.written:
                if _top(path) == name and path not in digests:
                    _delete(site, path)
        for hidden in self.aside.values():  # no longer ours alone, or nothing of ours
            shutil.rmtree(hidden, ignore_errors=True)
        self.aside = {}
        self.site, self.written, self.last = site, written, (kept, fresh)

    def forget(self) -> None:
        """A build failed: the next one writes everything."""
        self.site, self.written = None, {}


def _delete(site: Path, path: str) -> None:
    """Delete a file the last build wrote, and the folders it leaves empty."""
    target = site / path
    try:
        target.unlink()
    except FileNotFoundError:
        return
    folder = target.parent
    while folder != site:
        try:
            os.rmdir(folder)
        except OSError:  # not empty
            return
        folder = folder.parent
