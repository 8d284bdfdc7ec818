"""The dates the pages show, in every language Babel knows: long date and time, without seconds."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.config import SiteConfig
from generator.render.environment import make_environment

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(("lang", "shown"), [
    ("de", "15. Januar 2030, 10:00 MEZ"),
    ("en", "January 15, 2030, 10:00\u202fAM +0100"),
    ("fr", "15 janvier 2030, 10:00 +0100"),  # Babel's short French form has no ", " to split at
    ("ja", "2030年1月15日, 10:00 +0100"),
])
def test_the_long_date_and_time_is_the_date_once_and_the_time_without_seconds(lang: str, shown: str) -> None:
    env = make_environment(SiteConfig(title="T", base_url="https://example.org/", timezone="Europe/Berlin"), [])
    assert env.filters["long_datetime"](datetime(2030, 1, 15, 10, 0, tzinfo=BERLIN), lang) == shown
