"""write_schedule: the schedule file of `--schedule FILE`, which must lie outside the output folder
(it names withheld releases, so it must never be published). Writes that one file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model.schedule import Outlook, schedule_json
from .writer import UnsafeOutput


def check_schedule_path(schedule: Path, output_dir: Path) -> None:
    """Refuse a schedule file inside the output folder: it would be published, or swapped away."""
    target, output = schedule.resolve(), output_dir.resolve()
    if target == output or output in target.parents:
        raise UnsafeOutput(f"--schedule {schedule} is inside the output folder {output_dir}; "
                           "write it elsewhere, e.g. --schedule schedule.json")


def write_schedule(schedule: Path, view: Outlook) -> None:
    """Replace `schedule` with the site's schedule in one step (a reader never sees half a file)."""
    schedule.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{schedule.name}.", dir=schedule.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(schedule_json(view))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is a report like any other file
        os.replace(temporary, schedule)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
