"""The import direction of ARCHITECTURE.md: cli -> pipeline/devserver -> source, render, output ->
model -> errors, config. Walks every module's imports with ast and fails on an arrow the wrong way."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# layer -> the layers it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "cli": {"pipeline", "devserver", "authoring", "source", "render", "output", "model", "errors", "config",
            "version"},
    "devserver": {"pipeline", "rebuild", "source", "render", "output", "model", "errors", "config", "version"},
    "authoring": {"source", "model", "errors", "config", "version"},
    "pipeline": {"incremental", "parallel", "rebuild", "source", "render", "output", "model", "errors", "config",
                 "version"},
    # pipeline.build's machinery, on the pipeline's level: incremental builds, worker processes, the
    # dev server's in-memory rebuild
    "incremental": {"parallel", "source", "render", "output", "model", "errors", "config", "version"},
    "parallel": {"source", "render", "output", "model", "errors", "config"},
    "rebuild": {"incremental", "parallel", "text_edits", "source", "render", "output", "model", "errors", "config",
                "version"},
    "text_edits": {"parallel", "source", "render", "model", "errors", "config"},  # the rebuild's shortcut
    "source": {"model", "errors", "config"},
    "render": {"model", "errors", "config"},
    "output": {"model", "errors", "config", "version"},
    "model": {"errors", "config"},
    "config": {"errors"},
    "errors": set(),
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1].startswith("__"):
        return "version"
    return parts[1]


def imported_modules(path: Path, module: str) -> set[str]:
    found = set()
    package_parts = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[:len(package_parts) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
                found.update(names)
            elif node.module and node.module.startswith("generator"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def test_imports_follow_the_architecture() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = "generator." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        source_layer = layer_of(module)
        for target in imported_modules(path, module):
            target_layer = layer_of(target)
            if target_layer != source_layer and target_layer not in ALLOWED.get(source_layer, set()):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_model_is_pure() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        text = path.read_text("utf-8")
        for forbidden in ("import jinja2", "open(", "Path(", "import os", "babel"):  # Babel reads its data files
            assert forbidden not in text, f"{path.name} uses {forbidden}"
