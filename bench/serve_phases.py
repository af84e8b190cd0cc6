"""Where a `mkdocs serve` rebuild's time goes: serve's rebuilds in this process, by phase.

Makes a benchmark project of ``--claims`` claims (as bench/run.py does), then does what
`mkdocs serve` does (plugins told once that they serve, a first build into a temporary site
folder, then a rebuild after each edit of one claim) and prints each rebuild's wall and CPU
time with the time spent in MkDocs' steps and in every plugin event. ``--profile FILE``
writes a cProfile of the last rebuild (read it with ``python -m pstats FILE``). A
diagnostic, not a measurement: `make bench` gives the figures.

    .venv/bin/python bench/serve_phases.py --claims 10000 [--edits 3] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import mkdocs.plugins
import mkdocs.structure.files
import run
import synth
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


class Phases:
    """Seconds spent in each timed step since the last :meth:`report`."""

    def __init__(self) -> None:
        self.seconds: collections.defaultdict[str, float] = collections.defaultdict(float)

    def timed(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timing(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start

        return timing

    def install(self) -> None:
        """Time MkDocs' steps and every plugin event (steps nest: a page's events are
        inside its step)."""
        for name in ("_populate_page", "_build_page", "_build_theme_template"):
            setattr(mkdocs_build, name, self.timed(getattr(mkdocs_build, name), name))
        mkdocs_build.utils.clean_directory = self.timed(
            mkdocs_build.utils.clean_directory, "clean_directory"
        )
        files = mkdocs.structure.files.Files
        files.copy_static_files = self.timed(files.copy_static_files, "copy_static_files")
        collection = mkdocs.plugins.PluginCollection
        run_event = collection.run_event

        def event(plugins: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return run_event(plugins, name, item, **kwargs)
            finally:
                self.seconds[f"on_{name}"] += time.perf_counter() - start

        collection.run_event = event  # type: ignore[method-assign]

    def report(self) -> None:
        for name, seconds in sorted(self.seconds.items(), key=lambda item: -item[1]):
            if seconds >= 0.01:
                print(f"    {name:24} {seconds:6.2f} s")
        self.seconds.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the last rebuild")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-serve-phases-"))
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))  # as `mkdocs serve` does
    try:
        project = run.make_project(work, args.claims)
        os.chdir(project)
        phases = Phases()
        phases.install()

        def config() -> Any:
            loaded = load_config(config_file="mkdocs.yml", site_dir=str(site))
            loaded.site_url = SERVE_URL
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        mkdocs_build.build(first, serve_url=SERVE_URL)
        print(f"first build {time.perf_counter() - start:.2f} s")
        phases.seconds.clear()
        for n in range(args.edits):
            synth.edit_claim(project / "content", str(run.EDIT_VALUE + n))
            profile = cProfile.Profile() if args.profile and n == args.edits - 1 else None
            rebuild = config()
            wall, cpu = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            mkdocs_build.build(rebuild, serve_url=SERVE_URL)
            if profile:
                profile.disable()
                profile.dump_stats(args.profile)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"rebuild {n + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU")
            phases.report()
        first.plugins.on_shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":  # the site check's worker imports this module again: no run there
    main()
