"""The CI files that publish the site: .github/workflows/publish.yml and .gitlab-ci.yml. Parsed as YAML,
validated against the GitHub workflow and GitLab CI schemas (vendored in check-jsonschema, no network),
the required keys checked, and every command they run shown to exist: dev.sh subcommands, build.py
subcommands and flags (through our own argparse parser), and inline Python."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.cli.arguments import parse_arguments
from tests.conftest import ROOT
from tests.publishing.conftest import build

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
OFFICIAL_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/configure-pages",
                    "actions/upload-pages-artifact", "actions/deploy-pages"}


def load_workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    assert isinstance(data, dict)
    return data


def vendored_schema(name: str) -> dict[str, Any]:
    text = resources.files("check_jsonschema.builtin_schemas.vendor").joinpath(name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_errors(document: dict[str, Any], schema_name: str) -> list[str]:
    schema = vendored_schema(schema_name)
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(document)]


def github_steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return steps


def commands(lines: list[str]) -> list[list[str]]:
    """Each shell command of the given script lines, as words (split at |, ||, &&, ; outside quotes)."""
    found: list[list[str]] = []
    for line in lines:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        current: list[str] = []
        for token in lexer:
            if token in ("|", "||", "&&", ";", "&"):
                found.append(current)
                current = []
            else:
                current.append(token)
        found.append(current)
    return [words for words in found if words]


def all_commands() -> list[list[str]]:
    github = load_workflow(GITHUB)
    lines = [step["run"] for job in github["jobs"] for step in github_steps(github, job) if "run" in step]
    gitlab = load_workflow(GITLAB)
    lines += [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])]
    return commands(lines)


def dev_sh_subcommands() -> set[str]:
    return set(re.findall(r"^\s{2}([a-z]+)\)$", (ROOT / "dev.sh").read_text("utf-8"), re.MULTILINE))


# --- GitHub ---------------------------------------------------------------------------------------

def test_github_workflow_is_valid_for_github() -> None:
    assert schema_errors(load_workflow(GITHUB), "github-workflows.json") == []


def test_the_schema_check_catches_a_broken_workflow() -> None:
    workflow = load_workflow(GITHUB)
    del workflow["jobs"]["build"]["runs-on"]
    assert schema_errors(workflow, "github-workflows.json")


def test_github_runs_on_push_to_main_every_15_minutes_and_on_pull_requests() -> None:
    triggers = load_workflow(GITHUB)["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert [entry["cron"] for entry in triggers["schedule"]] == ["*/15 * * * *"]
    assert "pull_request" in triggers


def test_github_uses_the_official_pages_actions() -> None:
    workflow = load_workflow(GITHUB)
    used = {step["uses"].split("@")[0]: step["uses"].split("@")[1]
            for job in workflow["jobs"] for step in github_steps(workflow, job) if "uses" in step}
    assert set(used) == OFFICIAL_ACTIONS
    assert all(re.fullmatch(r"v\d+", version) for version in used.values()), used


def test_github_pull_requests_are_checked_with_annotations_and_not_deployed() -> None:
    workflow = load_workflow(GITHUB)
    check = workflow["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert [step["run"] for step in check["steps"] if "run" in step] == ["./dev.sh check --format github"]
    assert workflow["jobs"]["build"]["if"] == "github.event_name != 'pull_request'"


def test_github_checks_then_builds_then_deploys_public() -> None:
    workflow = load_workflow(GITHUB)
    steps = github_steps(workflow, "build")
    runs = [step.get("run", "") for step in steps]
    check = runs.index("./dev.sh check --format github")
    build_step = next(i for i, run in enumerate(runs) if run.startswith("./dev.sh build"))
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages"))
    assert check < build_step < upload
    assert steps[upload]["with"] == {"path": "public", "include-hidden-files": True}  # .well-known/ too
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}  # configure-pages
    assert steps[build_step]["env"]["SITE_BASE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}


# --- GitLab ---------------------------------------------------------------------------------------

def test_gitlab_ci_is_valid_for_gitlab() -> None:
    assert schema_errors(load_workflow(GITLAB), "gitlab-ci.json") == []


def test_gitlab_has_the_same_stages_and_publishes_public() -> None:
    pipeline = load_workflow(GITLAB)
    assert pipeline["stages"] == ["check", "build", "deploy"]
    assert pipeline["check"]["script"] == ["./dev.sh check"]
    assert pipeline["build"]["script"][0] == "./dev.sh build --schedule schedule.json"
    assert pipeline["build"]["artifacts"]["paths"] == ["public"]  # schedule.json names withheld releases
    pages = pipeline["pages"]  # GitLab Pages deploys the job named `pages` with a public/ artifact
    assert pages["stage"] == "deploy" and pages["needs"] == ["build"]
    assert pages["artifacts"]["paths"] == ["public"]
    rules = [rule["if"] for rule in pipeline["workflow"]["rules"]]
    assert rules == ['$CI_PIPELINE_SOURCE == "merge_request_event"', "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]
    for job in ("build", "pages"):  # merge requests are only checked
        assert pipeline[job]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


# --- the commands exist ---------------------------------------------------------------------------

def test_every_dev_sh_command_exists_and_its_arguments_are_accepted() -> None:
    runs = [c for c in all_commands() if c[0] == "./dev.sh"]
    assert len(runs) == 5  # GitHub: check (pull request), check and build (main); GitLab: check, build
    for words in runs:
        subcommand, *arguments = words[1:]
        assert subcommand in dev_sh_subcommands() & {"build", "check"}, words
        parsed = parse_arguments([subcommand, *arguments])  # exits (fails the test) on a wrong flag
        assert parsed.command == subcommand


def test_dev_sh_is_executable() -> None:
    """CI runs ./dev.sh directly: in a fresh clone the file mode comes from git."""
    assert os.access(ROOT / "dev.sh", os.X_OK)


def test_dev_sh_passes_the_arguments_on_to_build_py() -> None:
    text = (ROOT / "dev.sh").read_text("utf-8")
    assert 'exec "$VENV/bin/python" build.py build "${@:2}"' in text
    assert 'exec "$VENV/bin/python" build.py check "${@:2}"' in text


def test_no_other_programs_than_dev_sh_the_venv_python_tee_and_test() -> None:
    programs = {words[0] for words in all_commands()}
    assert programs == {"./dev.sh", ".venv/bin/python", "tee", "test"}


def test_the_base_url_variable_is_the_one_the_generator_reads() -> None:
    assert "SITE_BASE_URL" in (ROOT / "generator" / "pipeline.py").read_text("utf-8")
    assert load_workflow(GITLAB)["build"]["variables"]["SITE_BASE_URL"] == "$CI_PAGES_URL/"


def test_the_schedule_summary_step_runs(tmp_path: Path) -> None:
    """The inline Python of the GitHub step, run as the workflow runs it, on a real schedule file."""
    output, _, _ = build(tmp_path, {"releases/a.md": "---\ntitle: Zukunftsmeldung\ndate: 2030-01-01\n---\nText.\n"},
                         "--schedule", str(tmp_path / "schedule.json"))
    assert output.is_dir()
    github = next(s["run"] for s in github_steps(load_workflow(GITHUB), "build")
                  if s.get("name") == "Next scheduled change")
    gitlab = load_workflow(GITLAB)["build"]["script"][1]
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    (venv / "python").symlink_to(sys.executable)
    summary = tmp_path / "summary.md"
    expected = "Next change by itself: 2030-01-01T00:00:00+01:00 - 1 release(s) withheld\n"
    for script in (github, gitlab):
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, capture_output=True,
                              text=True, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected
        assert "Zukunftsmeldung" not in done.stdout
    assert summary.read_text("utf-8") == expected


@pytest.mark.parametrize("path", [GITHUB, GITLAB])
def test_the_ci_files_name_the_publishing_guide(path: Path) -> None:
    assert "docs/publishing.md" in path.read_text("utf-8")
    assert (ROOT / "docs" / "publishing.md").is_file()
