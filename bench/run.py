"""The performance benchmark: ``make bench`` (or ``.venv/bin/python bench/run.py``).

For each size (claims; default 1000 and 10000: about 170 and 1,270 pages) it writes
synthetic content (:mod:`synth`, fixed seed) into a temporary project beside a copy of
``mkdocs.yml`` and ``docs/``, then measures, each once, in fresh processes:

1. the generator alone (load + validate + render to Markdown), per claim; the same files
   loaded with pure-Python PyYAML (``yaml.SafeLoader``) and with the generator's own loader;
2. a cold ``mkdocs build`` through the plugin (also with ``scan: false``, without the check
   of the built site that a plain build does not do), and a plain ``mkdocs build`` of the
   same Markdown written first by ``briefing render --config`` (same theme and extensions):
   :data:`PAIRS` paired runs, plain then plugin, each figure the median; wall time and CPU
   time (the process and the workers it reaped, as ``wait4`` reports them);
3. in ``mkdocs serve``: the time from saving an edit to one claim's file until the rebuild
   is done and livereload reloads the browser ('Reloading browsers' in the server's log),
   and until the served page shows the new figure (polled over HTTP; MkDocs writes it
   mid-rebuild), each the median of three edits, against the full plain build;
4. the peak memory (RSS) of each of those processes;
5. ``briefing validate`` of the content (wall time, target under 1 s at the largest size):
   cold (``--no-cache``), and as an editor runs it again, with the parses the run before
   kept (in a cache folder of the benchmark's own); and the plugin build with
   :data:`EDITIONS` daily editions at the largest size.

It prints the ratios and writes ``bench/results.md`` and ``bench/results.json``. It is
never run as a test. ``--sizes 1000`` runs one size; ``--keep DIR`` keeps the projects.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import synth

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
EDIT_VALUE = 987654  # the edited claim's new figure; its page shows "987,654"
SERVE_EDITS = 3  # edits timed in one serve; the median is reported
PAIRS = 3  # paired plain/plugin builds at each size; medians are reported

# Runs in a child process: time the generator, then pure-Python PyYAML on the same files.
_GENERATOR = """
import json, resource, sys, time, yaml
from pathlib import Path
from generator.facts.loader import fact_paths, load_content
from generator.facts.parse_cache import ParseCache
from generator.pipeline import generate, load
from generator.render import Renderer
content = Path(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time(); pages = generate(content)
generate_s, generate_cpu_s = time.perf_counter() - start, time.process_time() - cpu
parsed = ParseCache(); load(content, parsed=parsed); renderer = Renderer()
start = time.perf_counter(); renderer.render(load(content, parsed=parsed))
warm_s = time.perf_counter() - start
paths = fact_paths(content)
start = time.perf_counter(); load_content(content); own_load_s = time.perf_counter() - start
start = time.perf_counter()
for path in paths:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
pyyaml_s = time.perf_counter() - start
print(json.dumps({"generate_s": generate_s, "generate_cpu_s": generate_cpu_s,
    "generate_warm_s": warm_s, "pages": len(pages),
    "files": len(paths), "own_load_s": own_load_s, "pyyaml_s": pyyaml_s,
    "markdown_bytes": sum(len(p.markdown) for p in pages),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Size:
    """Every figure measured at one size."""

    claims: int
    pages: int = 0
    files: int = 0
    markdown_mb: float = 0.0
    generate_s: float = 0.0
    generate_cpu_s: float = 0.0
    generate_warm_s: float = 0.0
    own_load_s: float = 0.0
    pyyaml_s: float = 0.0
    generator_rss_mb: float = 0.0
    plain_build_s: float = 0.0
    """Median wall time of the paired plain builds (so for every build figure)."""
    plain_cpu_s: float = 0.0
    plain_rss_mb: float = 0.0
    plugin_build_s: float = 0.0
    plugin_cpu_s: float = 0.0
    plugin_rss_mb: float = 0.0
    plugin_noscan_build_s: float = 0.0
    """The plugin build with ``scan: false``: no check of the built site (one run)."""
    site_mb: float = 0.0
    """The built site's size on disk (the plain build's)."""
    validate_s: float = 0.0
    """``briefing validate`` of the content, wall time, the parses of the run before kept."""
    validate_cold_s: float = 0.0
    """``briefing validate --no-cache``: every file parsed."""
    editions: int = 0
    """Daily editions of the same content in the editions build (0: not measured)."""
    editions_build_s: float = 0.0
    """The plugin build of the same claims with ``editions`` daily editions."""
    serve_initial_s: float = 0.0
    serve_refresh_s: float = 0.0
    """Median, over the edits, of save -> the rebuild done and 'Reloading browsers' logged
    (when livereload refreshes an open page)."""
    serve_page_shown_s: float = 0.0
    """Median of save -> the served page shows the new figure (written mid-rebuild)."""
    serve_refresh_all: list[float] = field(default_factory=list)
    serve_page_shown_all: list[float] = field(default_factory=list)
    serve_rss_mb: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def us_per_claim(self) -> float:
        return self.generate_s / self.claims * 1e6


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time (its own and its reaped workers'), peak RSS
    (MB, the largest of the process and its reaped workers), standard output."""

    wall: float
    cpu: float
    rss_mb: float
    out: str


def timed_child(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command``, reaping it ourselves (``wait4``) so its resource use is known;
    ``env`` adds to the benchmark's environment."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        environment = {**ENV, **(env or {})}
        process = subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=out, stderr=err, text=True
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{err.read()[-3000:]}")
        cpu = usage.ru_utime + usage.ru_stime
        return Run(wall, cpu, usage.ru_maxrss / 1024, out.read())


def make_project(work: Path, claims: int, editions: int = 1) -> Path:
    named = f"claims-{claims}" + (f"-editions-{editions}" if editions > 1 else "")
    project = work / named / "project"
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - briefing:\n      content: content\n"
    if plugin not in config:
        raise RuntimeError("mkdocs.yml no longer names the briefing plugin as expected")
    # A snapshot of the templates, so an edit to templates/ during the run changes nothing.
    shutil.copytree(ROOT / "templates", project / "templates")
    config = config.replace(plugin, plugin + "      overrides: templates\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The same build without the built-site check, to tell the generator's cost from it.
    unchecked = config.replace(plugin, plugin + "      scan: false\n")
    (project / "mkdocs.noscan.yml").write_text(unchecked, encoding="utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    synth.write(project / "content", claims, editions=editions)
    return project


def measure_generator(size: Size, project: Path) -> None:
    run = timed_child([PYTHON, "-c", _GENERATOR, str(project / "content")], ROOT)
    data, rss = json.loads(run.out), run.rss_mb
    size.pages, size.files = data["pages"], data["files"]
    size.markdown_mb = data["markdown_bytes"] / 1e6
    size.generate_s, size.generate_warm_s = data["generate_s"], data["generate_warm_s"]
    size.generate_cpu_s = data["generate_cpu_s"]
    size.own_load_s, size.pyyaml_s = data["own_load_s"], data["pyyaml_s"]
    size.generator_rss_mb = rss


def measure_builds(size: Size, project: Path) -> None:
    """:data:`PAIRS` paired builds, plain then plugin, alternating so that a slow spell of
    the machine falls on both; medians of each."""
    plain = project.parent / "plain"
    briefing = [PYTHON, "-m", "generator", "render", "--config", "mkdocs.yml"]
    timed_child([*briefing, "--out", str(plain)], project)
    plains, plugins = [], []
    for _ in range(PAIRS):
        plains.append(timed_child([*MKDOCS, "build", "-q"], plain))
        plugins.append(timed_child([*MKDOCS, "build", "-q"], project))
    size.plain_build_s = statistics.median(r.wall for r in plains)
    size.plain_cpu_s = statistics.median(r.cpu for r in plains)
    size.plain_rss_mb = statistics.median(r.rss_mb for r in plains)
    size.plugin_build_s = statistics.median(r.wall for r in plugins)
    size.plugin_cpu_s = statistics.median(r.cpu for r in plugins)
    size.plugin_rss_mb = statistics.median(r.rss_mb for r in plugins)
    built = plain / "site"
    size.site_mb = sum(f.stat().st_size for f in built.rglob("*") if f.is_file()) / 1e6
    unchecked = [*MKDOCS, "build", "-q", "-f", "mkdocs.noscan.yml"]
    size.plugin_noscan_build_s = timed_child(unchecked, project).wall
    validate = [PYTHON, "-m", "generator", "validate", "--content", "content"]
    cache = {"XDG_CACHE_HOME": str(project.parent / "cache")}  # never the user's
    cold = [timed_child([*validate, "--no-cache"], project, cache).wall for _ in range(3)]
    size.validate_cold_s = statistics.median(cold)
    timed_child(validate, project, cache)  # keeps the parses for the runs timed next
    size.validate_s = statistics.median(
        timed_child(validate, project, cache).wall for _ in range(3)
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(
    url: str, text: str, deadline: float, process: subprocess.Popen[str], log: Path | None = None
) -> tuple[float, float]:
    """Poll ``url`` until it contains ``text`` and, given a log, until the server logged
    'Reloading browsers' once more (the build finished; livereload refreshes the browser
    then): (when the page showed the text, when the reload was logged or -1), both
    perf_counter times."""
    reloads = _reloads(log)
    logged = shown = -1.0
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {process.returncode}")
        if logged < 0 and log is not None and _reloads(log) > reloads:
            logged = time.perf_counter()
        if shown < 0:
            body = _get(url)
            if body is not None and text in body:
                shown = time.perf_counter()
        if shown >= 0 and (log is None or logged >= 0):
            return shown, logged
        time.sleep(0.02)
    raise RuntimeError(f"{url} never showed {text!r}")


def _reloads(log: Path | None) -> int:
    if log is None or not log.exists():
        return 0
    return log.read_text(errors="replace").count("Reloading browsers")


def measure_serve(size: Size, project: Path) -> None:
    port = _free_port()
    log_path = project.parent / "serve.log"
    command = [*MKDOCS, "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}/deployments/d0000/"
    with log_path.open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=log, stderr=log, text=True)
        try:
            _wait_for(url, "Deployment 0000", start + 1200, process)
            size.serve_initial_s = time.perf_counter() - start
            for n in range(SERVE_EDITS):
                time.sleep(1.0)  # let the watcher settle
                value = EDIT_VALUE + n
                saved = time.perf_counter()
                synth.edit_claim(project / "content", str(value))
                shown, logged = _wait_for(url, f"{value:,}", saved + 600, process, log_path)
                size.serve_page_shown_all.append(shown - saved)
                size.serve_refresh_all.append(logged - saved)
            size.serve_refresh_s = statistics.median(size.serve_refresh_all)
            size.serve_page_shown_s = statistics.median(size.serve_page_shown_all)
        finally:
            process.terminate()
            _, _, usage = os.wait4(process.pid, 0)
            process.returncode = 0
    size.serve_rss_mb = usage.ru_maxrss / 1024


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    import yaml

    libyaml = getattr(yaml, "__with_libyaml__", False)
    versions = {name: metadata.version(name) for name in _PACKAGES}
    if libyaml:
        from yaml import _yaml  # type: ignore[attr-defined]

        versions["libyaml"] = _yaml.get_version_string()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        **versions,
    }


_PACKAGES = ("mkdocs", "mkdocs-material", "pydantic", "PyYAML", "Markdown", "Jinja2")


EDITIONS = 700
"""Two years of daily editions: the build with them grows by under 10% (issue 13)."""


def measure_editions(size: Size, work: Path) -> None:
    """The plugin build of the same claims with :data:`EDITIONS` daily editions."""
    project = make_project(work, size.claims, EDITIONS)
    size.editions = EDITIONS
    size.editions_build_s = timed_child([*MKDOCS, "build", "-q"], project).wall


def ratios(sizes: list[Size]) -> dict[str, float]:
    """The issue's ratios (targets in :data:`TARGETS`), over the smallest and largest size."""
    small, large = sizes[0], sizes[-1]
    found = {
        # the plugin build against the plain build of the same Markdown, in CPU and wall time
        "plugin_over_plain_cpu": large.plugin_cpu_s / large.plain_cpu_s,
        "plugin_over_plain_wall": large.plugin_build_s / large.plain_build_s,
        # the same without the built-site check (scan: false): the generator's own overhead
        "plugin_without_scan_over_plain_wall": large.plugin_noscan_build_s / large.plain_build_s,
        # share of the plugin build's CPU spent in the generator
        "generator_share_of_plugin_build_cpu": large.generate_cpu_s / large.plugin_cpu_s,
        "plugin_peak_rss_over_plain": large.plugin_rss_mb / large.plain_rss_mb,
        # per-claim generator time, largest size over smallest
        "generator_per_claim_large_over_small": large.us_per_claim / small.us_per_claim,
        # pure-Python PyYAML loading the files over the generator (cold, then warm)
        "pyyaml_over_generator": large.pyyaml_s / large.generate_s,
        "pyyaml_over_generator_warm": large.pyyaml_s / large.generate_warm_s,
        "pyyaml_over_own_loader": large.pyyaml_s / large.own_load_s,
        # edit-one-claim refresh in serve over a full plain build
        "serve_refresh_over_plain_build": large.serve_refresh_s / large.plain_build_s,
        "serve_page_shown_over_plain_build": large.serve_page_shown_s / large.plain_build_s,
        # validate at the largest size, in seconds (an absolute target, from the issue), as
        # an editor runs it again (the parses of the run before kept), and cold
        "validate_s_at_largest": large.validate_s,
        "validate_cold_s_at_largest": large.validate_cold_s,
    }
    if small is not large and small.serve_rss_mb and small.site_mb:
        # serve's peak memory grows no faster than the built site
        growth = (large.serve_rss_mb / small.serve_rss_mb) / (large.site_mb / small.site_mb)
        found["serve_rss_growth_over_site_growth"] = growth
    if large.editions_build_s:
        # the build with 700 daily editions over the same build with one
        found["editions_700_build_over_one"] = large.editions_build_s / large.plugin_build_s
    if large.pages and small.pages and small is not large:
        per_page = (large.plugin_build_s / large.pages) / (small.plugin_build_s / small.pages)
        found["plugin_build_per_page_large_over_small"] = per_page
        plain = (large.plain_build_s / large.pages) / (small.plain_build_s / small.pages)
        found["plain_build_per_page_large_over_small"] = plain
    return found


TARGETS = {
    "plugin_over_plain_cpu": "<= 1.05",
    "plugin_over_plain_wall": "<= 1.05",
    "generator_share_of_plugin_build_cpu": "< 0.05",
    "plugin_peak_rss_over_plain": "<= 1.3",
    "generator_per_claim_large_over_small": "<= 1.2",
    "pyyaml_over_generator": ">= 10",
    "pyyaml_over_generator_warm": ">= 10",
    "serve_refresh_over_plain_build": "<= 0.10",
    "validate_s_at_largest": "< 1 (s)",
    "validate_cold_s_at_largest": "< 1 (s)",
    "serve_rss_growth_over_site_growth": "<= 1.0",
    "editions_700_build_over_one": "< 1.10",
    "plugin_build_per_page_large_over_small": "<= 1.3",
}


def markdown_report(info: dict[str, Any], sizes: list[Size], found: dict[str, float]) -> str:
    written = (
        f"Written by `make bench` (bench/run.py): builds are medians of {PAIRS} paired runs"
        " (plain, then plugin); the rest one run each."
    )
    lines = ["# Benchmark results", "", written, ""]
    lines += [f"- **{key}**: {value}" for key, value in info.items()]
    lines += ["", "| claims | " + " | ".join(str(s.claims) for s in sizes) + " |"]
    lines.append("| --- |" + " --- |" * len(sizes))
    for label, attr, fmt in _ROWS:
        values = [fmt.format(getattr(s, attr)) for s in sizes]
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    lines += [
        "",
        "| ratio (at the largest size; per page: largest over smallest) | value | target |",
    ]
    lines.append("| --- | --- | --- |")
    lines += [f"| {key} | {value:.3f} | {TARGETS.get(key, '')} |" for key, value in found.items()]
    return "\n".join(lines) + "\n"


_ROWS = (
    ("pages", "pages", "{}"),
    ("fact files", "files", "{}"),
    ("generated Markdown (MB)", "markdown_mb", "{:.1f}"),
    ("generator: load+validate+render (s)", "generate_s", "{:.2f}"),
    ("generator per claim (µs)", "us_per_claim", "{:.0f}"),
    ("generator again, parse cache warm (s)", "generate_warm_s", "{:.2f}"),
    ("generator's loader alone (s)", "own_load_s", "{:.2f}"),
    ("pure-Python PyYAML load (s)", "pyyaml_s", "{:.2f}"),
    ("generator CPU (s)", "generate_cpu_s", "{:.2f}"),
    ("plain mkdocs build, wall (s)", "plain_build_s", "{:.1f}"),
    ("plain mkdocs build, CPU (s)", "plain_cpu_s", "{:.1f}"),
    ("plugin mkdocs build, wall (s)", "plugin_build_s", "{:.1f}"),
    ("plugin mkdocs build, CPU (s)", "plugin_cpu_s", "{:.1f}"),
    ("plugin mkdocs build, scan: false (s)", "plugin_noscan_build_s", "{:.1f}"),
    ("plugin mkdocs build with 700 daily editions (s)", "editions_build_s", "{:.1f}"),
    ("serve: first build until served (s)", "serve_initial_s", "{:.1f}"),
    ("serve: save edit -> rebuilt, browser reloaded (s, median of 3)", "serve_refresh_s", "{:.2f}"),
    ("serve: save edit -> served page shows it (s, median of 3)", "serve_page_shown_s", "{:.2f}"),
    ("briefing validate, parses of the run before kept (s, median of 3)", "validate_s", "{:.2f}"),
    ("briefing validate --no-cache (s, median of 3)", "validate_cold_s", "{:.2f}"),
    ("built site (MB)", "site_mb", "{:.1f}"),
    ("peak RSS generator (MB)", "generator_rss_mb", "{:.0f}"),
    ("peak RSS plain build (MB)", "plain_rss_mb", "{:.0f}"),
    ("peak RSS plugin build (MB)", "plugin_rss_mb", "{:.0f}"),
    ("peak RSS serve (MB)", "serve_rss_mb", "{:.0f}"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the briefing generator and builds.")
    parser.add_argument("--sizes", default="1000,10000", help="claims, comma-separated")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve test")
    parser.add_argument("--out", type=Path, default=ROOT / "bench", help="results folder")
    parser.add_argument("--report-only", action="store_true", help="rewrite results.md from json")
    args = parser.parse_args()
    if args.report_only:
        rewrite_report(args.out)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    sizes: list[Size] = []
    started = time.perf_counter()
    try:
        for claims in (int(n) for n in args.sizes.split(",")):
            sizes.append(measure(claims, work, serve=not args.no_serve))
        measure_editions(sizes[-1], work)
        print(f"  with {EDITIONS} editions: {sizes[-1].editions_build_s:.1f} s", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    info = machine()
    found = ratios(sizes)
    for key, value in found.items():
        print(f"{key:45} {value:8.3f}   target {TARGETS.get(key, '-')}")
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    args.out.mkdir(parents=True, exist_ok=True)
    results = {"machine": info, "sizes": [asdict(s) for s in sizes], "ratios": found}
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.out / "results.md").write_text(markdown_report(info, sizes, found))


def rewrite_report(out: Path) -> None:
    """results.md again from results.json (after a change to the report's layout)."""
    results = json.loads((out / "results.json").read_text())
    sizes = [Size(**data) for data in results["sizes"]]
    (out / "results.md").write_text(markdown_report(results["machine"], sizes, ratios(sizes)))


def measure(claims: int, work: Path, *, serve: bool) -> Size:
    size = Size(claims)
    project = make_project(work, claims)
    measure_generator(size, project)
    print(f"{claims} claims: generator {size.generate_s:.2f} s for {size.pages} pages", flush=True)
    measure_builds(size, project)
    print(
        f"  plain {size.plain_build_s:.1f} s ({size.plain_cpu_s:.1f} s CPU), plugin "
        f"{size.plugin_build_s:.1f} s ({size.plugin_cpu_s:.1f} s CPU), unchecked "
        f"{size.plugin_noscan_build_s:.1f} s, validate {size.validate_s:.2f} s "
        f"(cold {size.validate_cold_s:.2f} s)",
        flush=True,
    )
    if serve:
        measure_serve(size, project)
        print(f"  serve refresh {size.serve_refresh_s:.2f} s", flush=True)
    return size


if __name__ == "__main__":
    main()
