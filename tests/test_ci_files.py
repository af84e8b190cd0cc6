"""CI for content teams: the pre-commit hook and the GitHub Actions workflow.

Both files are parsed and their structure checked; the workflow is also validated against
GitHub's workflow schema (SchemaStore's, shipped inside check-jsonschema), and the hook is
run for real by pre-commit on a throwaway repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPORT_CONTENT

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = load_yaml(WORKFLOW)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def step_using(workflow: dict[str, Any], job: str, action: str) -> dict[str, Any]:
    found = [s for s in steps(workflow, job) if str(s.get("uses", "")).startswith(action + "@")]
    assert len(found) == 1, f"{job} uses {action} {len(found)} times"
    return found[0]


def step_running(workflow: dict[str, Any], job: str, command: str) -> dict[str, Any]:
    found = [s for s in steps(workflow, job) if command in str(s.get("run", ""))]
    assert len(found) == 1, f"{job} runs {command!r} {len(found)} times"
    return found[0]


def step_with_id(workflow: dict[str, Any], job: str, step_id: str) -> dict[str, Any]:
    (found,) = [s for s in steps(workflow, job) if s.get("id") == step_id]
    return found


def test_pre_commit_hook_validates_content() -> None:
    (repo,) = load_yaml(PRE_COMMIT)["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"] == "briefing validate"
    assert hook["language"] == "system"
    assert hook["files"] == "^content/"
    assert hook["pass_filenames"] is False


def test_workflow_runs_on_push_and_pull_request(workflow: dict[str, Any]) -> None:
    assert {"push", "pull_request"} <= set(workflow["on"])
    assert set(workflow["jobs"]) == {"build", "deploy"}


def test_workflow_installs_python_3_11_and_the_project(workflow: dict[str, Any]) -> None:
    names = [str(s.get("uses", "")).split("@")[0] for s in steps(workflow, "build")]
    assert names[:2] == ["actions/checkout", "actions/setup-python"]
    assert step_using(workflow, "build", "actions/setup-python")["with"]["python-version"] == "3.11"
    step_running(workflow, "build", "pip install -e .")


def test_workflow_validates_to_sarif_and_always_uploads_it(workflow: dict[str, Any]) -> None:
    validate = step_with_id(workflow, "build", "validate")
    assert validate["run"].strip() == "briefing validate --format sarif > results.sarif"
    upload = step_using(workflow, "build", "github/codeql-action/upload-sarif")
    assert upload["if"].startswith("always()")
    assert upload["with"]["sarif_file"] == "results.sarif"
    shown = [s for s in steps(workflow, "build") if s.get("run", "").strip() == "briefing validate"]
    assert [s["if"] for s in shown] == ["failure() && steps.validate.outcome == 'failure'"]
    order = steps(workflow, "build")
    assert order.index(validate) < order.index(shown[0]) < order.index(upload)
    assert workflow["jobs"]["build"]["permissions"]["security-events"] == "write"


def test_workflow_builds_strictly_with_source_date_epoch(workflow: dict[str, Any]) -> None:
    build = step_running(workflow, "build", "mkdocs build --strict")
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build["run"]
    assert "export SOURCE_DATE_EPOCH" in build["run"]
    order = steps(workflow, "build")
    assert order.index(step_with_id(workflow, "build", "validate")) < order.index(build)


def test_workflow_deploys_to_pages_from_main_only(workflow: dict[str, Any]) -> None:
    artifact = step_using(workflow, "build", "actions/upload-pages-artifact")
    assert artifact["if"] == ON_MAIN
    assert artifact["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == ON_MAIN
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    step_using(workflow, "deploy", "actions/deploy-pages")
    assert "pages" not in workflow.get("permissions", {})


def test_workflow_matches_githubs_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", WORKFLOW],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home),
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_pre_commit_runs_the_hook_and_blocks_bad_content(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPORT_CONTENT, repo / "content")
    shutil.copy(PRE_COMMIT, repo / PRE_COMMIT.name)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=60)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, timeout=60)
    good = _pre_commit(repo, tmp_path / "home")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "briefing validate" in good.stdout and "Passed" in good.stdout
    (repo / "content" / "bad.yaml").write_text("events:\n  - id: Bad\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, timeout=60)
    bad = _pre_commit(repo, tmp_path / "home")
    assert bad.returncode == 1
    assert "content/bad.yaml:2:9: error: 'Bad' is not a valid id" in bad.stdout
