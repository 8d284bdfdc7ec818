"""Dates, field types and hints from source/schema.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from generator.source.schema import Fields, did_you_mean, parse_moment

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(("text", "expected", "has_time"), [
    ("2008-07-24", datetime(2008, 7, 24, tzinfo=BERLIN), False),
    ("2008-07-24T10:00", datetime(2008, 7, 24, 10, tzinfo=BERLIN), True),
    ("2008-07-24 10:00:30", datetime(2008, 7, 24, 10, 0, 30, tzinfo=BERLIN), True),
    ("2008-07-24T10:00:00+02:00", datetime(2008, 7, 24, 10, tzinfo=timezone(timedelta(hours=2))), True),
    ("2008-07-24T08:00:00Z", datetime(2008, 7, 24, 8, tzinfo=UTC), True),
])
def test_parse_moment(text: str, expected: datetime, has_time: bool) -> None:
    moment = parse_moment(text, BERLIN)
    assert moment.value == expected
    assert moment.value.utcoffset() == expected.utcoffset()
    assert moment.has_time is has_time


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("23.07.2008", "'23.07.2008' is not a date", "did you mean 2008-07-23?"),
    ("07/23/2008", "'07/23/2008' is not a date", "did you mean 2008-07-23?"),
    ("2008-02-30", "'2008-02-30' is not a date", "that month has 29 days"),
    ("2008-13-01", "'2008-13-01' is not a date", "the month must be 01 to 12"),
    ("10:00", "'10:00' is not a date", "give the date too, e.g. 2008-07-24T10:00"),
    ("2008-07-24T25:00", "'2008-07-24T25:00' has an impossible time", "use 00:00 to 23:59"),
    ("2008-07-24T10:00+15:00", "'2008-07-24T10:00+15:00' has an offset out of range",
     "offsets run from -12:00 to +14:00"),
])
def test_parse_moment_errors(text: str, message: str, hint: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_moment(text, BERLIN)
    assert caught.value.args == (message, hint)


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "date"]) == "did you mean title?"
    assert did_you_mean("schulz-kunt", ["schulz-kuhnt", "mueller"]) == "did you mean schulz-kuhnt?"
    assert did_you_mean("zzz", ["title"]) == ""


def test_fields_collect_every_problem() -> None:
    fields = Fields({"titel": "x", "draft": "ja", "topics": "A"}, {"titel": 2, "draft": 3, "topics": 4}, "f.md")
    fields.check_keys(("title", "draft", "topics", "date"))
    fields.text("title", required=True, example="T")  # missing: the same problem as `titel`, not reported again
    fields.text("date", required=True, example="2024-05-02")
    fields.flag("draft")
    assert fields.text_list("topics") == ("A",)
    assert [str(e) for e in fields.errors] == [
        "f.md:2: titel: unknown key — did you mean title?",
        "f.md:1: date: missing — add `date:` with your value, e.g. `date: 2024-05-02`",
        "f.md:3: draft: must be true or false, not 'ja' — write `draft: true` or `draft: false`",
    ]
