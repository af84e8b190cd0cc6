"""The package as the index would get it: its name, licence and URLs, and what the wheel holds.

One wheel is built (``pip wheel --no-deps``, hatchling from the package index in pip's
isolated build environment) and read with zipfile.
"""

from __future__ import annotations

import email
import tomllib
import zipfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from generator.facts.schema import FILE, FILE_07, REPOSITORY, SCHEMA_ID, schema_text

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
DIST_INFO = "mkdocs_briefing-0.1.0.dist-info"


@pytest.fixture(scope="module")
def wheel(built_wheel: Path) -> Iterator[zipfile.ZipFile]:
    built = built_wheel
    assert built.name == "mkdocs_briefing-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(built) as archive:
        yield archive


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> Message:
    return email.message_from_bytes(wheel.read(f"{DIST_INFO}/METADATA"))


def test_the_distribution_is_mkdocs_briefing(metadata: Message) -> None:
    assert PYPROJECT["project"]["name"] == "mkdocs-briefing"
    assert metadata["Name"] == "mkdocs-briefing"


def test_the_command_and_the_plugin_keep_their_names(wheel: zipfile.ZipFile) -> None:
    entry_points = wheel.read(f"{DIST_INFO}/entry_points.txt").decode()
    assert "[console_scripts]\nbriefing = generator.cli:main\n" in entry_points
    assert "[mkdocs.plugins]\nbriefing = generator.plugin:BriefingPlugin\n" in entry_points
    assert "generator/__init__.py" in wheel.namelist()


def test_the_licence_is_mit_and_shipped(wheel: zipfile.ZipFile, metadata: Message) -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    shipped = wheel.read(f"{DIST_INFO}/licenses/LICENSE").decode()
    assert shipped == (REPO / "LICENSE").read_text(encoding="utf-8")
    assert shipped.startswith("MIT License\n\nCopyright (c) 2026 The briefing authors\n")
    assert "Permission is hereby granted, free of charge" in shipped


def test_the_project_urls_are_the_repository(metadata: Message) -> None:
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL"))
    assert set(urls) == {"Homepage", "Source", "Issues", "Documentation"}
    assert urls["Homepage"] == urls["Source"] == REPOSITORY
    assert urls["Issues"] == f"{REPOSITORY}/issues"
    assert urls["Documentation"] == f"{REPOSITORY}#readme"
    assert REPOSITORY == "https://github.com/mkdocs-briefing/mkdocs-briefing"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{REPOSITORY} is the project's intended home" in readme


def test_the_wheel_holds_both_editor_schemas_as_committed(wheel: zipfile.ZipFile) -> None:
    for committed, draft in ((FILE, "2020-12"), (FILE_07, "7")):
        inside = f"generator/_schema/{Path(committed).name}"
        text = wheel.read(inside).decode()
        assert text == (REPO / committed).read_text(encoding="utf-8") == schema_text(draft)
    assert f'"$id": "{SCHEMA_ID}"' in wheel.read(f"generator/_schema/{Path(FILE).name}").decode()


def test_the_wheel_holds_the_templates(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    templates = {f"generator/_templates/{p.name}" for p in (REPO / "templates").glob("*.j2")}
    assert templates and templates <= names
