"""render_outputs: planned Outputs -> file bytes, with template errors as SourceErrors (one per problem).

render_output renders one (a template, or a data file made by its maker), so worker processes can each
take a share (see generator/parallel.py)."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from ..errors import SourceError
from .plan import Output

Problems = dict[tuple[str, int, str], list[str]]  # (template, line, message) -> the outputs it broke


def render_outputs(env: jinja2.Environment, outputs: list[Output]) -> tuple[dict[str, bytes], list[SourceError]]:
    files: dict[str, bytes] = {}
    problems: Problems = {}  # one error per template problem, not per page
    for output in outputs:
        data = render_output(env, output, problems)
        if data is not None:
            files[output.path] = data
    return files, template_errors(problems)


def render_output(env: jinja2.Environment, output: Output, problems: Problems) -> bytes | None:
    """One output's bytes; None (and the problem recorded) if its template fails."""
    if output.maker is not None:  # our own code, from checked values: a failure here is a bug, not the site's
        return output.maker(*output.arguments)
    assert output.template is not None
    try:
        text = env.get_template(output.template).render(output.context)
    except Exception as exc:  # a template (a site's override, too) can raise anything; never a traceback
        problems.setdefault(_locate(exc, output.template), []).append(output.path)
        return None
    return text.encode("utf-8")


def merge_problems(into: Problems, more: Problems) -> None:
    """Add the problems of a later batch of outputs (so the first output named stays the first planned)."""
    for key, paths in more.items():
        into.setdefault(key, []).extend(paths)


def template_errors(problems: Problems) -> list[SourceError]:
    return [_template_error(key, paths) for key, paths in sorted(problems.items())]


def _locate(exc: Exception, template: str) -> tuple[str, int, str]:
    """(template file, line, message) of a rendering error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (_shown(exc.filename or exc.name or template), exc.lineno or 0,
                f"template syntax error: {' '.join(str(exc.message).split())}")
    path, line = _template_frame(exc)
    text = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):  # its wording depends on where the stack ran out (a Python or a C call)
        text = "maximum recursion depth exceeded"
    return path or template, line, f"template error: {' '.join(text.split())}"


def _template_error(key: tuple[str, int, str], outputs: list[str]) -> SourceError:
    path, line, message = key
    if message.startswith("template syntax error"):
        return SourceError(path, line, message, "fix the template at this line")
    more = f" and {len(outputs) - 1} more file{'s' if len(outputs) > 2 else ''}" if len(outputs) > 1 else ""
    return SourceError(path, line, message, f"while rendering {outputs[0]}{more}")


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
