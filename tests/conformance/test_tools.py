"""The conformance suite never passes silently: a missing checker is a failure that names the command
installing it, and the checkers in use are the versions pinned in package.json."""

from __future__ import annotations

import json

import pytest

from tests.conformance.conftest import AXE_JS, NODE_MODULES, VNU_JAR, require_tool
from tests.conftest import ROOT


def test_a_missing_tool_fails_with_the_install_command() -> None:
    with pytest.raises(pytest.fail.Exception) as failure:
        require_tool(False, "Chromium (/usr/bin/chromium, Debian package chromium)")
    assert "bash scripts/install-conformance-tools.sh" in str(failure.value)
    assert "./dev.sh test" in str(failure.value)


def test_installed_checkers_are_the_pinned_versions() -> None:
    require_tool(VNU_JAR.is_file() and AXE_JS.is_file(), "the npm packages vnu-jar and axe-core")
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for name, version in pinned.items():
        installed = json.loads((NODE_MODULES / name / "package.json").read_text(encoding="utf-8"))["version"]
        assert installed == version, f"{name} {installed} installed, {version} pinned: run npm ci --ignore-scripts"
