"""The shape of the code: one package per stage, imports one way, no state in modules.

facts <- render <- publish <- pipeline <- shells (plugin, scaffold, cli); sitecheck beside
render.
Only generator/plugin imports mkdocs, only generator/cli imports click.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "generator"

LAYER = {
    "generator.errors": 0,
    "generator.facts": 1,
    "generator.render": 2,
    "generator.sitecheck": 2,
    "generator.publish": 3,
    "generator.pipeline": 4,
    "generator": 4,  # the package's __init__: the core's public names
    "generator.plugin": 5,
    "generator.scaffold": 5,
    "generator.cli": 6,
    "generator.__main__": 7,
}
"""Each part's place in the flow: a module may import only parts of a lower layer, and its
own part (``render`` and ``sitecheck`` do not import each other; neither do the shells)."""


def _part(module: str) -> str:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in LAYER:
            return ".".join(parts[:n])
    raise AssertionError(f"{module} belongs to no part of the flow")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module an import statement names (anywhere in the file, even under
    TYPE_CHECKING or inside a function), absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            modules = _modules()
            found.extend(
                (node.lineno, f"{base}.{alias.name}")
                for alias in node.names
                if f"{base}.{alias.name}" in modules
            )
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {target for _, target in _imports(path, name) if target in modules} - {name}
        for name, path in modules.items()
    }


def test_imports_run_one_way() -> None:
    wrong = []
    for name, targets in _graph().items():
        source = _part(name)
        for target in sorted(targets):
            part = _part(target)
            if part == source or LAYER[part] < LAYER[source]:
                continue
            if source == "generator" and target.startswith("generator."):
                continue  # the package's __init__ re-exports the core's public names
            wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_import_circle() -> None:
    graph = _graph()
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            # A package's __init__ is imported with any of its modules: not a back edge.
            if node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_only_the_shells_import_mkdocs_and_click() -> None:
    wrong = []
    for name, path in _modules().items():
        for line, target in _imports(path, name):
            top = target.split(".")[0]
            if top == "mkdocs" and not name.startswith("generator.plugin"):
                wrong.append(f"{path.relative_to(REPO)}:{line}: imports {target}")
            if top == "click" and not name.startswith("generator.cli"):
                wrong.append(f"{path.relative_to(REPO)}:{line}: imports {target}")
    assert wrong == []


def test_no_private_name_is_imported_across_modules() -> None:
    wrong = []
    for path in _modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                wrong.extend(
                    f"{path.relative_to(REPO)}:{node.lineno}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                )
    assert wrong == []


CORE = """
import sys
import generator, generator.pipeline
import generator.facts.loader, generator.facts.validate, generator.facts.advisories
import generator.facts.schema, generator.render.renderer, generator.render.charts
import generator.sitecheck.page, generator.sitecheck.site
shells = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "click"))
assert not shells, shells
print("core ok")
"""


def test_the_core_runs_without_mkdocs_or_click() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CORE], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "core ok\n"


def test_the_check_would_notice_click() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import generator.cli\n" + CORE],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 1
    assert "AssertionError: ['click'" in result.stderr


STATE_CHECK = r"""
import copy, dataclasses, importlib, json, pkgutil, shutil, sys, types
from pathlib import Path

import generator

modules = [generator] + [
    importlib.import_module(m.name)
    for m in pkgutil.walk_packages(generator.__path__, "generator.")
    if m.name != "generator.__main__"
]


def own(module, value):
    # Whether value was made by this module (not imported into it).
    made_in = getattr(value, "__module__", None)
    if isinstance(value, (type, types.FunctionType)) or hasattr(value, "cache_info"):
        return made_in == module.__name__
    return made_in is None or made_in == module.__name__ or not callable(value)


def comparable(value):
    # Containers and dataclasses compare by value; anything else by identity.
    return isinstance(value, (dict, list, set, bytearray)) or (
        dataclasses.is_dataclass(value) and not isinstance(value, type)
    )


def snapshot():
    state = {}
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("__") or isinstance(value, types.ModuleType):
                continue
            if name == "annotations" or not own(module, value):
                continue
            copied = copy.deepcopy(value) if comparable(value) else None
            state[f"{module.__name__}.{name}"] = (id(value), copied, value)
    return state


def cached(state):
    # A memoised function changes (its cache fills) while its identity stays.
    return sorted(k for k, (_, _, v) in state.items() if hasattr(v, "cache_info"))


before = snapshot()

from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.cli import main

root, work = Path(sys.argv[1]), Path(sys.argv[2])
shutil.copytree(root / "tests" / "fixtures" / "report" / "content", work / "content")
shutil.copytree(root / "docs", work / "docs")
shutil.copy(root / "mkdocs.yml", work / "mkdocs.yml")
runner = CliRunner()
commands = [
    ["validate", "--content", str(work / "content")],
    ["build", "--config", str(work / "mkdocs.yml")],
]
for args in commands:
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
config = load_config(str(work / "mkdocs.yml"), site_dir=str(work / "serve"))
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
facts = work / "content" / "actors.yaml"
facts.write_text(facts.read_text().replace("name: John Kirby", "name: John F. Kirby"))
build(load_config(str(work / "mkdocs.yml"), site_dir=str(work / "serve")), serve_url="http://127.0.0.1:8000/")
config.plugins.on_shutdown()

after = snapshot()
changed = sorted(
    k for k, (ident, copied, value) in before.items()
    if k not in after or after[k][0] != ident or (copied is not None and copied != value)
)
added = sorted(set(after) - set(before))
print(json.dumps({"changed": changed, "added": added, "memoised": cached(before)}))
"""


def test_no_module_global_changes_after_import(tmp_path: Path) -> None:
    """Import every module, build the example (validate, briefing build, a serve and a
    rebuild after an edit), and compare every module global: nothing rebound, no value
    changed, no memoised function (whose cache would fill unseen) - state lives in objects."""
    import json

    result = subprocess.run(
        [sys.executable, "-c", STATE_CHECK, str(REPO), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert found == {"changed": [], "added": [], "memoised": []}
