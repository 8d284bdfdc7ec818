"""write_schedule: the schedule file of `--schedule FILE`, which must lie outside the output folder
(it names withheld releases, so it must never be published). Writes that one file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model.schedule import Outlook, schedule_json
from .writer import UnsafeOutput


def check_schedule_path(schedule: Path, output_dir: Path, inputs: list[Path]) -> None:
    """Before anything is built: refuse a schedule file inside the output folder (it names withheld
    releases: it would be published, or swapped away; `check` has no output, so the one a build would
    write) or inside an input folder (content, templates, static: the next build would copy it), and one
    that cannot be written (found only after the new site is online, it would end the run with a
    failure every time)."""
    target = schedule.resolve()
    for folder, what in [(output_dir, "the output folder"), *((folder, "the input folder") for folder in inputs)]:
        if target == folder.resolve() or folder.resolve() in target.parents:
            raise UnsafeOutput(f"--schedule {schedule} is inside {what} {folder}; "
                               "write it elsewhere, e.g. --schedule schedule.json")
    if target.is_dir():
        raise UnsafeOutput(f"--schedule {schedule} is a folder; name a file, "
                           f"e.g. --schedule {schedule / 'schedule.json'}")
    folder = next((parent for parent in target.parents if parent.exists()), Path("/"))
    try:
        handle, probe = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)  # as write_schedule will
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise UnsafeOutput(f"--schedule {schedule} cannot be written ({exc.strerror or exc}); "
                           "name a file in a folder this user may write to") from None


def write_schedule(schedule: Path, view: Outlook) -> None:
    """Replace `schedule` with the site's schedule in one step (a reader never sees half a file)."""
    try:
        schedule.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{schedule.name}.", dir=schedule.parent)
    except OSError as exc:  # check_schedule_path found it writable; something changed since
        raise UnsafeOutput(f"--schedule {schedule} could not be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(schedule_json(view))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; it is a report like any other file
        os.replace(temporary, schedule)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
