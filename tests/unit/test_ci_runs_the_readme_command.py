"""CI (.ci/run) runs exactly the README's command for the whole test suite, and that command runs every
test: pytest over all of tests/, with no marker, keyword or path left out."""

from __future__ import annotations

import re
import shlex
import tomllib

from tests.conftest import ROOT


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"Run the whole test suite[^\n]*\n\n```sh\n(.*?)\n```", readme, re.DOTALL)
    assert block, "README.md has no 'Run the whole test suite' block"
    return block.group(1).strip()


def test_ci_runs_the_readme_test_command_from_the_project_folder() -> None:
    commands = [line.strip() for line in (ROOT / ".ci/run").read_text("utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', readme_test_command()]
    assert readme_test_command() == "./dev.sh test"


def test_the_readme_test_command_runs_pytest_over_every_test() -> None:
    dev_sh = (ROOT / "dev.sh").read_text("utf-8")
    branch = re.search(r"^  test\)\n(.*?)\n    ;;", dev_sh, re.DOTALL | re.MULTILINE)
    assert branch
    [pytest_line] = [line for line in branch.group(1).splitlines() if "pytest" in line]
    words = shlex.split(pytest_line.strip().removeprefix("exec "))
    assert words[1:3] == ["-m", "pytest"] and words[-1] == "${@:2}"  # only what the caller adds
    assert not {"-k", "--deselect", "--ignore", "--ignore-glob"} & set(words) and words.count("-m") == 1
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    assert settings["testpaths"] == ["tests"]
    assert not re.search(r"(^|\s)(-m|-k|--deselect|--ignore)", settings["addopts"])
