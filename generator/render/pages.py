"""render_outputs: planned Outputs -> file bytes in memory, with template errors as SourceErrors."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from ..errors import SourceError
from .plan import Output


def render_outputs(env: jinja2.Environment, outputs: list[Output]) -> tuple[dict[str, bytes], list[SourceError]]:
    files: dict[str, bytes] = {}
    errors: set[SourceError] = set()
    for output in outputs:
        if output.data is not None:
            files[output.path] = output.data
            continue
        assert output.template is not None
        try:
            text = env.get_template(output.template).render(output.context)
        except jinja2.TemplateSyntaxError as exc:
            errors.add(SourceError(_shown(exc.filename or exc.name or output.template), exc.lineno or 0,
                                   f"template syntax error: {exc.message}", "fix the template at this line"))
            continue
        except jinja2.TemplateError as exc:
            path, line = _template_frame(exc)
            errors.add(SourceError(path or output.template, line, f"template error: {exc.message or exc}",
                                   f"while rendering {output.path}"))
            continue
        files[output.path] = text.encode("utf-8")
    return files, sorted(errors)


def _shown(filename: str) -> str:
    path = Path(filename)
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template frame of a rendering error (Jinja rewrites tracebacks to templates)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return _shown(frame.filename), frame.lineno or 0
    return None, 0
