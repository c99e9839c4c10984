"""The GitHub workflows: validated with actionlint, and they do what the README promises."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "actionlint"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACTIONLINT, "-no-color", *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def workflow(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps_run(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml", "scheduled.yml"])
def test_workflow_passes_actionlint(name: str) -> None:
    result = actionlint(WORKFLOWS / name)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt.name }}\n",
        encoding="utf-8",
    )

    result = actionlint(bad)

    assert result.returncode == 1
    assert 'property "evnt" is not defined' in result.stdout


def test_ci_annotates_findings_builds_strictly_and_keeps_the_reports() -> None:
    jobs = workflow("ci.yml")["jobs"]
    site = steps_run(jobs["site"])

    assert "python -m gongkai check --format github content" in site
    assert "mkdocs build --strict" in site
    assert "python -m gongkai links site/" in site
    assert "python -m gongkai report validity" in site
    uploads = [
        s["with"]["path"] for s in jobs["site"]["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert uploads == ["site/", "reports/"]
    audit = next(s for s in jobs["site"]["steps"] if "report audit" in s.get("run", ""))
    # the scorecard is a report: kept in reports/ and the step summary, never a gate
    assert (
        "--site site/ --format markdown --html reports/audit.html > reports/audit.md"
        in audit["run"]
    )
    assert 'cat reports/audit.md >> "$GITHUB_STEP_SUMMARY"' in audit["run"]
    assert "--strict" not in audit["run"] and audit["if"] == "${{ !cancelled() }}"
    assert "properdocs build --strict" in steps_run(jobs["properdocs"])
    setup = next(s for s in jobs["site"]["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["with"]["cache"] == "pip"


def readme_test_command() -> str:
    """The command the README gives for running the tests (`make test    # …` in its first block)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return next(c for c in commands if c.endswith(" test"))


def test_ci_test_job_runs_the_readmes_test_command_and_nothing_else() -> None:
    steps = workflow("ci.yml")["jobs"]["test"]["steps"]
    runs = [s["run"].strip() for s in steps if "run" in s]

    assert readme_test_command() == "make test"
    assert runs == [readme_test_command()]
    uploads = [s["with"]["path"] for s in steps if "upload-artifact" in s.get("uses", "")]
    assert uploads == ["test-artifacts/"]  # the browser tests' screenshots
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-1] == "make test"


def test_ci_proves_the_reviews_from_full_history_on_every_push_to_main() -> None:
    job = workflow("ci.yml")["jobs"]["review"]
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert job["steps"][0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert steps_run(job).splitlines()[-1] == "python -m gongkai review verify"


def test_deploy_publishes_to_pages_or_by_rsync() -> None:
    jobs = workflow("deploy.yml")["jobs"]

    assert jobs["pages"]["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert "rsync" in steps_run(jobs["ssh"])
    assert "secrets.DEPLOY_SSH_KEY" in str(jobs["ssh"])


def test_daily_rebuild_runs_just_after_midnight_china_time() -> None:
    scheduled = workflow("scheduled.yml")
    crons = [s["cron"] for s in scheduled[True]["schedule"]]  # YAML 1.1 reads `on` as True

    minute, hour, *_ = crons[0].split()
    assert (int(hour) + 8) % 24 == 0 and int(minute) < 30  # UTC 16:10 = 北京时间 00:10
    assert scheduled["jobs"]["rebuild"]["uses"] == "./.github/workflows/deploy.yml"
    assert "links --external" in steps_run(scheduled["jobs"]["external-links"])
    assert "registry import" in steps_run(scheduled["jobs"]["registry-reminder"])
    assert scheduled["env"]["TZ"] == "Asia/Shanghai"


def test_deploy_verifies_the_output_before_anything_is_published() -> None:
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    verify = runs.index("python -m gongkai verify site/")
    uploads = [i for i, s in enumerate(steps) if "upload" in s.get("uses", "")]

    assert runs.index("mkdocs build --strict") < verify
    assert uploads and all(verify < i for i in uploads)
    assert workflow("scheduled.yml")["jobs"]["rebuild"]["uses"] == "./.github/workflows/deploy.yml"
