"""``briefing build``: MkDocs into a temporary folder beside the site, checked, then swapped in.

MkDocs writes into ``site_dir`` as it goes and empties it first, so a build that fails late
(a strict warning, the scan in ``on_post_build``, an exception in a hook) would leave a broken
or half-written site. Here the build goes to a temporary folder next to the site (same file
system, so the swap is two renames), every check must pass, and only then does it replace the
previous site. On any failure the previous site is untouched and the temporary folder removed;
one build of a site runs at a time (:mod:`generator.plugin.site_folder`).
Part of the MkDocs shell: it may import MkDocs; the core does not.
"""

from __future__ import annotations

import logging
import os
import shutil
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.errors import display_path, printable
from generator.plugin import site_folder
from generator.plugin.plugin import BriefingPlugin
from generator.plugin.scanning import scan_report
from generator.publish import PERMALINKS
from generator.sitecheck.site import scan_site


class BuildFailed(Exception):
    """The build or a check failed; the message is what the user sees (never a traceback)."""


@dataclass(frozen=True)
class Built:
    """A site that was built, checked and put in place."""

    site_dir: Path
    pages: int
    notes: list[str] = field(default_factory=list)
    """What the build noticed on the way: leftovers of earlier builds removed, or not."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors: in strict mode any warning fails the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def lines(self) -> list[str]:
        """Each message, prefixed with its level unless it is an error we raised ourselves."""
        out: list[str] = []
        for record in self.records:
            prefix = "" if record.levelno >= logging.ERROR else "warning: "
            text = prefix + record.getMessage()
            out.extend(printable(line) for line in text.splitlines())
        return out

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.records if r.levelno == logging.WARNING)


@contextmanager
def _mkdocs_log() -> Iterator[_Collect]:
    """Route MkDocs' log to a collector, at WARNING whatever the caller configured.

    The level matters: MkDocs 1.6.1 skips anchor validation at DEBUG and drops warnings at
    ERROR, so ``-v`` or ``-q`` would let broken links through.
    """
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    saved = (logger.level, logger.propagate)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # the messages reach the user once, in the failure report
    logger.addHandler(collect)
    try:
        yield collect
    finally:
        logger.removeHandler(collect)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _describe(exc: BaseException) -> str:
    """A short message for an exception (its lines made safe for a terminal)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        shown = display_path(Path(exc.filename)) if exc.filename else exc.name or "template"
        place = f"{shown}:{exc.lineno}:1"
        text = f"{place}: error: template error: {exc.message}"
    elif isinstance(exc, MkDocsException):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
        # Jinja shows template code as frames of the template file: name the theme's line.
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")
        ]
        if frames:
            shown = display_path(Path(frames[-1].filename))
            text = f"{shown}:{frames[-1].lineno}:1: error: template error: {text}"
    return "\n".join(printable(line) for line in text.splitlines())


def _fail(log: _Collect, reason: str, final: Path | None) -> BuildFailed:
    kept = f"; {display_path(final)} was left as it was" if final is not None else ""
    return BuildFailed("\n".join([*log.lines(), reason, f"build failed{kept}"]))


def _briefing(config: MkDocsConfig) -> BriefingPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, BriefingPlugin):
            return plugin
    raise BuildFailed(f"{config.config_file_path}: the 'briefing' plugin is not enabled")


def _check_site_dir(final: Path, config: MkDocsConfig) -> None:
    """Refuse a site folder whose swap would move the project itself aside."""
    project = Path(config.config_file_path or ".").resolve().parent
    if project.is_relative_to(final) or final.parent == final:
        raise BuildFailed(f"refusing to replace {final}: it holds the project")
    if final.exists() and not final.is_dir():
        raise BuildFailed(f"refusing to replace {final}: it is not a folder")


def _readable(folder: Path) -> None:
    """mkdtemp makes a private folder (0700); the site must stay readable, as MkDocs makes it."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _clamp_mtimes(folder: Path) -> None:
    """Give every file the SOURCE_DATE_EPOCH time, so copies and archives match too."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return
    stamp = int(epoch)
    for path in folder.rglob("*"):
        os.utime(path, (stamp, stamp), follow_symlinks=False)


def build_site(
    config_file: Path, site_dir: Path | None = None, site_url: str | None = None
) -> Built:
    """Build, check and swap in the site of ``config_file``; raise :class:`BuildFailed`.

    ``site_dir`` overrides the configuration's (an absolute path, or relative to the
    configuration file as MkDocs reads it); so does ``site_url``. Strict: any MkDocs
    warning fails the build.
    """
    with _mkdocs_log() as log:
        try:
            config = load_config(
                str(config_file),
                site_dir=str(site_dir) if site_dir else None,
                site_url=site_url or None,
                strict=True,
            )
        except Exception as exc:
            raise _fail(log, _describe(exc), None) from None
        final = Path(config.site_dir).absolute()
        _check_site_dir(final, config)
        plugin = _briefing(config)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(log, f"cannot build beside {final}: {exc}", final) from None
        with ExitStack() as held:
            try:
                held.enter_context(site_folder.locked(final))
            except OSError as exc:  # a folder we may not write in: say so, as for the build
                raise _fail(log, f"cannot build beside {final}: {exc}", final) from None
            notes: list[str] = []
            site_folder.remove_leftovers(final, notes)
            pages = _build_aside(config, plugin, log, final, notes)
    return Built(final, pages, notes)


def _build_aside(
    config: MkDocsConfig, plugin: BriefingPlugin, log: _Collect, final: Path, notes: list[str]
) -> int:
    """Build into a temporary folder, check it, swap it in; the number of pages."""
    try:
        temp = site_folder.make_temp(final)
    except OSError as exc:
        raise _fail(log, f"cannot build beside {final}: {exc}", final) from None
    try:
        _readable(temp)
        config.site_dir = str(temp)
        shown = display_path(final)
        plugin.scanner.shown_as = shown
        plugin.always_scan = True
        _run(config, log, final)
        # Again here, after every plugin ran: a later on_post_build may have written more.
        problems = scan_site(temp, plugin.scan_policy(config), shown)
        if problems:
            raise _fail(log, scan_report(problems), final)
        permalinks = temp / PERMALINKS
        pages = sum(1 for p in temp.rglob("*.html") if not p.is_relative_to(permalinks))
        _clamp_mtimes(temp)
        try:
            site_folder.swap(temp, final, notes)
        except OSError as exc:
            raise _fail(log, f"cannot put the new site in place: {exc}", final) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return pages


def _run(config: MkDocsConfig, log: _Collect, final: Path) -> None:
    """MkDocs' own build, as ``mkdocs build`` runs it, with every failure made a message."""
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except Exception as exc:
        raise _fail(log, _describe(exc), final) from None
    if log.warnings:
        count = log.warnings
        raise _fail(log, f"{count} warning{'s' if count != 1 else ''} in strict mode", final)
