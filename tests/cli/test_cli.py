"""generator.cli: output and exit codes (0 ok, 1 content problems, 2 bad usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.pipeline import load

REPO = Path(__file__).resolve().parents[2]
PAGES = [
    "index.md",
    "editions.md",
    "editions/2024-10-25.md",
    "deployments/dprk-troops-in-russia.md",
    "treaties/russia-dprk-partnership.md",
    "reactions.md",
    "chronology.md",
    "sources.md",
    "method.md",
    "guide.md",
    "tags.md",
]


def test_validate_example_exits_0_with_its_warnings(example_content: Path, run) -> None:
    result = run("validate")
    assert result.exit_code == 0
    facts = len(load(example_content).ids)
    lines = result.output.splitlines()
    assert lines[-1] == f"ok: {facts} facts, 1 warning"
    assert [line.split(": ")[1:3] for line in lines[:-1]] == [
        ["warning", "estimate 'seoul-12000-projected' has no date"],
    ]


def test_validate_duplicate_key_exits_1_with_both_places(
    example_content: Path, write_content, run
) -> None:
    events = (example_content / "events.yaml").read_text(encoding="utf-8")
    doubled = events.replace(
        "  - id: russia-counterattack\n",
        "  - id: russia-counterattack\n    title: Twice\n",
    )
    write_content({"events.yaml": doubled})
    result = run("validate", "--content", "content")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/events.yaml:24:5: error: key 'title' is defined again at line 25, column 5",
        "content/events.yaml:25:5: error: duplicate key 'title' (first defined at line 24, "
        "column 5) (hint: keep one of the two; YAML would silently drop the first)",
        "2 problems found; nothing was built.",
    ]


def test_validate_missing_content_folder_exits_1(tmp_path: Path, run) -> None:
    result = run("validate", "--content", "nowhere")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "nowhere:1:1: error: content folder not found (hint: create it or fix the path)",
        "1 problem found; nothing was built.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--bogus"], "Error: No such option '--bogus'."),
        (["render"], "Error: Missing option '--out'."),
        (["frobnicate"], "Error: No such command 'frobnicate'."),
        (["render", "--out", "o", "--overrides", "missing"], "does not exist"),
    ],
)
def test_bad_usage_exits_2(example_content: Path, run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (example_content.parent / "o").exists()


def test_render_writes_pages_and_nav(example_content: Path, run) -> None:
    result = run("render", "--out", "out")
    assert result.exit_code == 0
    out = example_content.parent / "out"
    every = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    # The published files beside the pages: tests/publish/test_render_command.py.
    published = [w for w in every if w.startswith(("data/", "id/")) or w == "feed.xml"]
    written = [w for w in every if w not in published]
    assert result.output == (
        f"wrote {len(PAGES)} pages, {len(published)} published files and nav.yml to out\n"
    )
    assert written == sorted([*PAGES, "nav.yml"])
    for page in PAGES:
        assert (out / page).read_text(encoding="utf-8").strip()
    nav = yaml.safe_load((out / "nav.yml").read_text(encoding="utf-8"))
    assert nav == {
        "nav": [
            {"Home": "index.md"},
            {
                "Editions": [
                    {"Editions": "editions.md"},
                    {"Edition 2024-10-25": "editions/2024-10-25.md"},
                ]
            },
            {
                "Troop deployments": [
                    {"North Korean troops in Russia": "deployments/dprk-troops-in-russia.md"}
                ]
            },
            {
                "Treaty status": [
                    {
                        "Russia–North Korea strategic partnership agreement": (
                            "treaties/russia-dprk-partnership.md"
                        )
                    }
                ]
            },
            {"International reactions": "reactions.md"},
            {"Chronology": "chronology.md"},
            {"Sources": "sources.md"},
            {
                "About": [
                    {"Method": "method.md"},
                    {"Editor's guide": "guide.md"},
                    {"Tags": "tags.md"},
                ]
            },
        ]
    }


def test_render_with_problems_exits_1_and_writes_nothing(
    example_content: Path, write_content, run
) -> None:
    write_content({"extra.yaml": "- not a mapping\n"})
    result = run("render", "--out", "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 problem found; nothing was built."
    assert not (example_content.parent / "out").exists()


def test_schema_is_draft_2020_12_json(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "briefing fact file"
    assert "Estimate" in schema["$defs"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "briefing",
        "editions",
        "documents",
        "actors",
        "deployments",
        "treaties",
        "reactions",
        "events",
        "glossary",
        "measures",
        "places",
        "vocabulary",
    }
    when = schema["$defs"]["When"]["anyOf"]
    assert [option["type"] for option in when] == ["string", "integer", "object"]
    assert "from" in when[2]["properties"]


def _types(schema: dict, defs: dict) -> set[str]:
    if "$ref" in schema:
        return _types(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    found = {schema["type"]} if isinstance(schema.get("type"), str) else set()
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _types(option, defs)
    return found


def test_schema_allows_date_shorthand(run) -> None:
    schema = json.loads(run("schema").output)
    published = schema["$defs"]["Document"]["properties"]["published"]
    assert "string" in _types(published, schema["$defs"])


def test_python_dash_m_generator_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Turn a folder of YAML facts into a briefing site." in result.stdout
    for command in ("validate", "render", "schema"):
        assert command in result.stdout


def test_version_prints_the_installed_version(run) -> None:
    from importlib import metadata

    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"briefing, version {metadata.version('mkdocs-briefing')}\n"
    assert metadata.version("mkdocs-briefing") == "0.1.0"  # pyproject.toml's
